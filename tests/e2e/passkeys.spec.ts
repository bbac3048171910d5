// Passkeys as the second factor, in Chromium with the DevTools virtual authenticator.
// WebAuthn needs a secure context and takes only a domain as relying party id, not an
// IP address: the server at http://127.0.0.1:PORT names its passkeys for `localhost`,
// so these pages are opened at http://localhost:PORT (the same loopback server).
import { test, expect, type Page, type CDPSession } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { PASSWORD, expectNoAxeViolations, latestCode } from './helpers';

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
