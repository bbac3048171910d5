// Activation, two-step sign-in, the terms modal, the idle warning, the pages for
// suspended and ended access, and the session cookie as the browser holds it, on a
// phone. Each test uses its own demo account, so the tests do not depend on each other
// (the server is fresh for every run).
import { test, expect } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, latestCode, latestMessage, signIn } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the sign-in flows run once, on a phone');
});

test('activates an account from the link in the dev outbox and lands in the portal', async ({ page }) => {
  const mail = await latestMessage(page.request, 'fleur@demo.example');
  const link = mail.match(/https?:\/\/\S+\/activeren#\S+/)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account maken');
  await expect(page.getByText('Welkom Fleur Mulder')).toBeVisible();
  await expectNoAxeViolations(page);
  const password = page.getByLabel('Kies een wachtwoord');
  await password.fill('kort');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText('Het wachtwoord is te kort')).toBeVisible();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill('mijn fiets staat in de gang');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText(/eindigt op •• 41/)).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, '+31600000041'));
  await page.getByRole('button', { name: 'Account maken' }).click();
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Fleur Mulder');
  await expect(page.getByText('U bent de beheerder van dit portaal.')).toBeVisible();
  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toContainText('al gebruikt');
});

test('signs in with the SMS code; the terms modal works by keyboard alone and passes axe', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').focus();
  await page.keyboard.type('daan@demo.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  const code = page.getByLabel('Code uit de sms');
  await expect(code).toBeVisible();
  await expect(page.getByText(/eindigt op •• 01/)).toBeVisible();
  await code.focus();
  await page.keyboard.type(await latestCode(page.request, '+31600000001'));
  await page.keyboard.press('Enter');

  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  await expect(terms).toHaveAttribute('aria-modal', 'true');
  // Daan accepted version 1 before: the modal says what changed.
  await expect(terms.getByRole('heading', { name: 'Wat is er veranderd?' })).toBeVisible();
  await expect(terms.locator('.modal-scroll')).toContainText('Gebruiksvoorwaarden'.slice(0, 4));
  await expectNoAxeViolations(page);
  // Escape does not close it, and focus never leaves it.
  await page.keyboard.press('Escape');
  await expect(terms).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await terms.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  // Reach "I accept" by keyboard and press it.
  const accept = terms.getByRole('button', { name: 'Ik accepteer', exact: true });
  for (let i = 0; i < 10 && !(await accept.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(terms).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Daan Visser');
  await expectNoAxeViolations(page);
  const session = await (await page.request.get('/api/v1/session')).json();
  expect(session.terms.accepted).toBe(true);
  expect(session.terms.accepted_version).toBe(2);
});

test('declining the terms signs out', async ({ page }) => {
  await signIn(page, 'ingrid@demo.example', '+31600000002');
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  await expect(terms.getByRole('heading', { name: 'Wat is er veranderd?' })).toHaveCount(0);
  await terms.getByRole('button', { name: 'Ik accepteer niet' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByText('U heeft de voorwaarden niet geaccepteerd. Daarom bent u uitgelogd.')).toBeVisible();
  expect(await (await page.request.get('/api/v1/session')).json()).toBeNull();
  const portals = await page.request.get('/api/v1/portals');
  expect(portals.status()).toBe(401);
});

test('warns two minutes before the idle timeout and signs out when it runs out', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'anna@demo.example', '+31600000051');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Daan Visser');
  await expect(page.getByText('U kijkt mee als oma.')).toBeVisible();
  const warning = page.getByRole('dialog', { name: 'Bent u er nog?' });
  await page.clock.fastForward('12:00');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('01:30');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/over \d+ seconden uitgelogd/);
  await expectNoAxeViolations(page);
  await warning.getByRole('button', { name: 'Ingelogd blijven' }).click();
  await expect(warning).toBeHidden();
  await page.clock.fastForward('13:30');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByText('U bent uitgelogd omdat u een tijd niet actief was.')).toBeVisible();
  expect(await (await page.request.get('/api/v1/session')).json()).toBeNull();
});

test('a suspended account and an ended access each get a clear page', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill('jeroen@demo.example');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  const suspended = page.locator('.access-notice');
  await expect(suspended.getByRole('heading', { name: 'Uw account is geblokkeerd' })).toBeVisible();
  await expect(suspended).toContainText('herhaaldelijk berichten geplaatst');
  await expect(suspended.getByRole('link', { name: '030 700 11 00' })).toHaveAttribute('href', 'tel:+31307001100');
  await expectNoAxeViolations(page);

  await page.getByLabel('E-mailadres').fill('sem@demo.example');
  await page.getByRole('button', { name: 'Verder' }).click();
  const ended = page.locator('.access-notice');
  await expect(ended.getByRole('heading', { name: 'Uw toegang is beëindigd' })).toBeVisible();
  await expect(ended).toContainText('De gegevens blijven bewaard.');
  await expectNoAxeViolations(page);
});

test('a wrong password says so without telling whether the address exists', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill('niemand@demo.example');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('iets verkeerds hier');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'klopt niet' })).toHaveText(
    'Het e-mailadres of het wachtwoord klopt niet.',
  );
});

test('the session cookie is out of scripts’ reach, strict, ends within 12 hours and dies on signing out', async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  const sessionCookie = async () => (await context.cookies()).find((c) => c.name === 'kring-session');
  await page.goto('/inloggen');
  expect(await sessionCookie(), 'no session before signing in').toBeUndefined();
  const before = Date.now() / 1000;
  await signIn(page, 'lotte@demo.example', '+31600000004');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');

  // As the browser keeps it, from the real server over HTTP.
  const first = await sessionCookie();
  expect(first, 'a session cookie after the code').toBeDefined();
  expect(first!.httpOnly).toBe(true);
  expect(first!.sameSite).toBe('Strict');
  expect(first!.path).toBe('/');
  // Plain HTTP on 127.0.0.1; behind HTTPS (`--https`) it is `__Host-` and Secure.
  expect(first!.secure).toBe(false);
  expect(first!.expires).toBeGreaterThan(before);
  expect(first!.expires).toBeLessThanOrEqual(Date.now() / 1000 + 12 * 3600 + 5);
  expect(first!.value.length, 'at least 256 random bits').toBeGreaterThanOrEqual(43);
  expect(await page.evaluate(() => document.cookie), 'scripts see no cookie').toBe('');

  await page.locator('.site-header').getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  expect(await sessionCookie(), 'the cookie is gone').toBeUndefined();
  // The old id, replayed from somewhere else, opens nothing.
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `kring-session=${first!.value}` },
  });
  expect(await (await replay.get('/api/v1/session')).json()).toBeNull();
  expect((await replay.get('/api/v1/portals')).status()).toBe(401);
  await replay.dispose();

  // Signing in again gives a new id.
  await signIn(page, 'lotte@demo.example', '+31600000004');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  const second = await sessionCookie();
  expect(second?.value).toBeDefined();
  expect(second!.value).not.toBe(first!.value);
});
