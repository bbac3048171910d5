// Passkeys as the second factor, in Chromium with the DevTools virtual authenticator.
// WebAuthn needs a secure context and takes only a domain as relying party id, not an
// IP address: the server at http://127.0.0.1:PORT names its passkeys for `localhost`,
// so these pages are opened at http://localhost:PORT (the same loopback server).
import { test, expect, type Page, type CDPSession } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { PASSWORD, expectNoAxeViolations, latestCode, latestMessage, registerClient } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the passkey flow runs once, on a desktop');
});

// A staff account that no other test signs in with a passkey; the test removes its
// passkey again at the end.
const EMAIL = 'team@demo.example';
const MOBILE = '+31600000031';

/** `path` on the test server, by the name `localhost`. */
function local(path: string): string {
  const base = new URL(test.info().project.use.baseURL!);
  base.hostname = 'localhost';
  return new URL(path, base).toString();
}

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Step 1 of signing in; waits for the code step. */
async function passwordStep(page: Page) {
  await page.goto(local('/inloggen'));
  await page.getByLabel('E-mailadres').fill(EMAIL);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
  await expect(page).toHaveURL(/\/inloggen/);
}

test('a passkey made in account settings signs in instead of the SMS code; a wrong one is refused', async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  // Without a passkey the code step offers none.
  await passwordStep(page);
  await expect(page.getByRole('button', { name: 'Inloggen met een toegangssleutel' })).toHaveCount(0);
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, MOBILE));
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(page).not.toHaveURL(/\/inloggen/);

  // Account settings: make one.
  await page.goto(local('/account'));
  const section = page.getByRole('region', { name: 'Toegangssleutels (passkeys)' });
  await expect(section.getByText('U heeft nog geen toegangssleutel.')).toBeVisible();
  await section.getByRole('button', { name: 'Toegangssleutel maken' }).click();
  await expect(section.getByText('Geef de toegangssleutel een naam.')).toBeVisible();
  await expectNoAxeViolations(page);
  await section.getByLabel('Naam van de nieuwe toegangssleutel').fill('Mijn laptop');
  await section.getByRole('button', { name: 'Toegangssleutel maken' }).click();
  await expect(section.getByText('De toegangssleutel is gemaakt.', { exact: false })).toBeVisible();
  await expect(section.getByText('Mijn laptop', { exact: true })).toBeVisible();
  await expect(section.getByText('Nog niet gebruikt')).toBeVisible();
  await expectNoAxeViolations(page);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].rpId).toBe('localhost');

  // Sign in with it instead of the code.
  await signOut(page);
  await passwordStep(page);
  await expect(page.getByText('Of gebruik een toegangssleutel in plaats van de code.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Inloggen met een toegangssleutel' }).click();
  await expect(page).not.toHaveURL(/\/inloggen/);
  await page.goto(local('/account'));
  await expect(section.getByText('Laatst gebruikt:', { exact: false })).toBeVisible();

  // A wrong key under the same credential id: the browser answers, the server refuses,
  // and the code from the text message still signs in.
  await signOut(page);
  await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: credentials[0].credentialId });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: credentials[0].credentialId,
      isResidentCredential: false,
      rpId: 'localhost',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      signCount: 100,
    },
  });
  await passwordStep(page);
  await page.getByRole('button', { name: 'Inloggen met een toegangssleutel' }).click();
  await expect(page.getByText('Deze toegangssleutel hoort niet bij uw account', { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/inloggen/);
  await expectNoAxeViolations(page);

  // No passkey on the device at all: the browser finds none, the page says so.
  await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
  await page.getByRole('button', { name: 'Inloggen met een toegangssleutel' }).click();
  await expect(page.getByText('Inloggen met de toegangssleutel is niet gelukt.', { exact: false })).toBeVisible();

  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, MOBILE));
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(page).not.toHaveURL(/\/inloggen/);

  // Remove it again (the verified mobile number stays as second factor).
  await page.goto(local('/account'));
  await section.getByRole('button', { name: 'Verwijder Mijn laptop' }).click();
  await expect(section.getByText('De toegangssleutel is verwijderd.')).toBeVisible();
  await expect(section.getByText('U heeft nog geen toegangssleutel.')).toBeVisible();
  await expectNoAxeViolations(page);
});

/** How many messages the dev outbox holds for `to`. */
async function messageCount(page: Page, to: string): Promise<number> {
  const response = await page.request.get(`/api/v1/dev/outbox?limit=100&to=${encodeURIComponent(to)}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items.length;
}

test('after a lost phone a passkey is the new second factor: no code is sent, it signs in and confirms a change', async ({
  browser,
  page,
  baseURL,
}) => {
  // zorg@ registers Els and gives her access to her own portal; she activates.
  const els = await registerClient(browser, baseURL, {
    first: 'Els', family: 'Visser', born: '1948-11-02', login: 'els', mobile: '06 1234 0089',
  });
  const { staff, headers, id: client, email } = els;
  const mobile = '+31612340089';
  const password = 'de kat slaapt op de bank';
  const link = new URL((await latestMessage(page.request, email)).match(/https?:\/\/\S+\/activeren#\S+/)![0]);
  await page.goto(local(`${link.pathname}${link.hash}`));
  await page.getByLabel('Kies een wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, mobile));
  await page.getByRole('button', { name: 'Account maken' }).click();
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();

  // Her phone is lost: the care professional resets the second factor.
  const reset = await staff.request.post(`/api/v1/staff/clients/${client}/second-factor-reset`, {
    headers,
    data: { email, reason: 'Telefoon gestolen; teruggebeld op het vaste nummer.' },
  });
  expect(reset.status(), await reset.text()).toBe(200);
  await staff.context().close();
  const texts = await messageCount(page, mobile);

  // The password alone; she chooses a passkey on this device instead of a new number.
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await page.goto(local('/inloggen'));
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
  const setup = page.getByRole('dialog', { name: 'Kies hoe u voortaan inlogt' });
  await expect(setup).toBeVisible();
  await expect(setup.getByRole('heading', { name: 'Of: een toegangssleutel' })).toBeVisible();
  await expectNoAxeViolations(page);
  await setup.getByRole('button', { name: 'Toegangssleutel maken' }).click();
  await expect(setup).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Els Visser');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);

  // Signing in again: no code field and no text message, only the passkey.
  await signOut(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText('Uw account heeft geen mobiel nummer meer.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Code uit de sms')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Inloggen met een toegangssleutel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Els Visser');

  // A change of the password: confirmed with the password and the passkey.
  await page.goto(local('/account'));
  await page.getByLabel('Nieuw wachtwoord').fill('de hond blaft naar de post');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  const confirm = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Bevestig dat u het bent' }) });
  await confirm.getByLabel('Uw wachtwoord').fill(password);
  await confirm.getByRole('button', { name: 'Verder' }).click();
  await expect(confirm.getByRole('button', { name: 'Bevestigen met een toegangssleutel' })).toBeVisible();
  await expect(confirm.getByLabel('Code uit de sms')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Bevestigen met een toegangssleutel' }).click();
  await expect(page.getByText('Bevestigd. U kunt de wijziging nu 5 minuten lang doen.')).toBeVisible();
  // (The form empties the field on every try.)
  await page.getByLabel('Nieuw wachtwoord').fill('de hond blaft naar de post');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByText('Uw wachtwoord is gewijzigd', { exact: false })).toBeVisible();
  expect(await messageCount(page, mobile)).toBe(texts);
});
