// What several browser tests share: the demo password, codes from the dev outbox,
// signing in, and the axe-core check.
import { expect, type Browser, type Page, type APIRequestContext } from '@playwright/test';
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

/** A client registered for one test, with access to their own portal. */
export interface RegisteredClient {
  /** The client's id. */
  id: number;
  /** The e-mail address the activation link went to (unique per run). */
  email: string;
  /** zorg@'s page, still signed in, for more staff actions. */
  staff: Page;
  /** The headers a staff request that changes something needs. */
  headers: Record<string, string>;
}

/**
 * zorg@ (a care professional) registers a client in their team and gives the client
 * access to their own portal; the server sends the activation link to
 * `{login}-{unique}@demo.example`. `mobile` is written as a person types it.
 */
export async function registerClient(
  browser: Browser,
  baseURL: string | undefined,
  person: { first: string; family: string; born: string; login: string; mobile: string },
): Promise<RegisteredClient> {
  const staff = await (await browser.newContext({ baseURL })).newPage();
  await signIn(staff, 'zorg@demo.example', '+31600000032');
  await expect(staff).toHaveURL(/\/team$/);
  const headers = { 'X-Kring-CSRF': '1', Origin: new URL(staff.url()).origin };
  const teams = await staff.request.get('/api/v1/staff/teams');
  expect(teams.status()).toBe(200);
  const team: number = (await teams.json()).items[0].id;
  const unique = Date.now();
  const registered = await staff.request.post('/api/v1/staff/clients', {
    headers,
    data: {
      client_number: `${person.login.toUpperCase()}-${unique}`,
      first_name: person.first,
      family_name: person.family,
      date_of_birth: person.born,
      team_id: team,
      care_relation_start: '2026-01-01',
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const id: number = (await registered.json()).id;
  const email = `${person.login}-${unique}@demo.example`;
  const granted = await staff.request.post(`/api/v1/staff/clients/${id}/administrator`, {
    headers,
    data: {
      name: `${person.first} ${person.family}`,
      email,
      mobile: person.mobile,
      relation: 'client',
      language: 'nl',
    },
  });
  expect(granted.status(), await granted.text()).toBe(201);
  return { id, email, staff, headers };
}
