// What several browser tests share: the demo password, codes from the dev outbox,
// signing in, and the axe-core check.
import { expect, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The password of every demo account. */
export const PASSWORD = 'kring-demo-wachtwoord';

/** The newest message to `to` in the dev outbox. */
export async function latestMessage(request: APIRequestContext, to: string): Promise<string> {
  const response = await request.get(`/api/v1/dev/outbox?limit=1&to=${encodeURIComponent(to)}`);
  expect(response.ok()).toBeTruthy();
  const page = await response.json();
  expect(page.items.length, `a message to ${to}`).toBe(1);
  return page.items[0].body as string;
}

/** The six-digit code in the newest text message to `mobile`. */
export async function latestCode(request: APIRequestContext, mobile: string): Promise<string> {
  const body = await latestMessage(request, mobile);
  const match = body.match(/\b(\d{6})\b/);
  expect(match, body).not.toBeNull();
  return match![1];
}

/**
 * No axe-core violations (WCAG 2.2 A/AA and best practices) on the page as it is.
 * `exclude` leaves out elements that show what someone typed on purpose, such as a
 * preview of colours being chosen (a caller says why); never the page's own content.
 */
export async function expectNoAxeViolations(page: Page, exclude: string[] = []) {
  let builder = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  for (const selector of exclude) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Step 1 and 2 of signing in, by mouse. */
export async function signIn(page: Page, email: string, mobile: string) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, mobile));
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}
