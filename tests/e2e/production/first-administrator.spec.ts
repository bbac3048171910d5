// A production server (no demo data, no dev outbox), run by `tests/production/run.py`:
// the organisation's first administrator activates from the e-mail the SMTP server
// received and signs in with the code the SMS gateway received, into the care team's
// part of the portal. The driver passes the
// two files where those servers keep what they received.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { expectNoAxeViolations } from '../helpers';

const ADMIN_EMAIL = 'petra.bakker@berk.example';
const ADMIN_MOBILE = '+31611223344';
const ADMIN_PASSWORD = 'de berk staat aan de rivier';

/** Lines of a JSON-lines file the driver's servers write, as they are now. */
function received(variable: string): any[] {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run this through cargo xtask test --suite production`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** The newest six-digit code the gateway received for `mobile`, waiting for one newer than `seen`. */
async function code(mobile: string, seen: number): Promise<string> {
  let texts: any[] = [];
  await expect
    .poll(() => {
      texts = received('KRING_SMS_LOG').filter((r) => r.json?.to === mobile);
      return texts.length;
    }, { timeout: 20_000 })
    .toBeGreaterThan(seen);
  const match = String(texts[texts.length - 1].json.text).match(/\b(\d{6})\b/);
  expect(match).not.toBeNull();
  return match![1];
}

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the journey runs once, on a phone');
});

test('the first administrator activates from the e-mail and signs in with the texted code', async ({ page }) => {
  const mail = received('KRING_MAILBOX').find((m) => m.to.includes(ADMIN_EMAIL));
  expect(mail, 'the activation e-mail').toBeTruthy();
  // The plain-text part, decoded by the driver.
  const text = String(mail.text);
  const link = text.match(/http:\/\/127\.0\.0\.1:\d+\/activeren#[A-Za-z0-9_-]+/)?.[0];
  expect(link, text).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account maken');
  await expect(page.getByText('Welkom Petra Bakker')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Kies een wachtwoord').fill(ADMIN_PASSWORD);
  const before = received('KRING_SMS_LOG').filter((r) => r.json?.to === ADMIN_MOBILE).length;
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText(/eindigt op •• 44/)).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await code(ADMIN_MOBILE, before));
  await page.getByRole('button', { name: 'Account maken' }).click();

  // Staff accept no portal terms: straight to the care team's part, with the
  // organisation's own name and emergency number from init.
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('link', { name: /Zorggroep De Berk/ })).toBeVisible();
  await expect(page.getByRole('link', { name: '030 765 43 21' })).toHaveAttribute('href', 'tel:+31307654321');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënten');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toContainText('al gebruikt');
});

test('a refused e-mail is listed for the administrator, without its text, and sent on "try again"', async ({ page }) => {
  const refuse = process.env.KRING_SMTP_REFUSE!;
  const resets = () => received('KRING_MAILBOX').filter((m) => m.to.includes(ADMIN_EMAIL) && m.text.includes('/wachtwoord-herstellen#'));
  // The mail server refuses the administrator's address for now.
  writeFileSync(refuse, `${ADMIN_EMAIL}\n`);
  await page.goto('/wachtwoord-vergeten');
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(page.getByText(/Kijk in uw e-mail/)).toBeVisible();

  const before = received('KRING_SMS_LOG').filter((r) => r.json?.to === ADMIN_MOBILE).length;
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByLabel('Code uit de sms').fill(await code(ADMIN_MOBILE, before));
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(page).toHaveURL(/\/team$/);

  await page.getByRole('link', { name: 'Niet bezorgde berichten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Niet bezorgde berichten');
  const card = page.locator('.undelivered-message').filter({ hasText: 'Link om een nieuw wachtwoord te kiezen' });
  // The worker gives a refused message up at its first try; the page shows it on the next visit.
  await expect
    .poll(async () => {
      await page.reload();
      await expect(page.locator('.skeleton')).toHaveCount(0);
      return card.count();
    }, { timeout: 20_000 })
    .toBe(1);
  await expect(card).toContainText(`E-mail aan ${ADMIN_EMAIL}`);
  await expect(card).toContainText('1 keer geprobeerd');
  await expect(card).toContainText('550');
  await expect(card).not.toContainText('wachtwoord-herstellen');
  await expectNoAxeViolations(page);
  expect(resets()).toHaveLength(0);

  // The address works again: try again, and the e-mail arrives.
  writeFileSync(refuse, '');
  await card.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(card.getByRole('status')).toHaveText('Het bericht staat weer klaar om te versturen.');
  await expect.poll(() => resets().length, { timeout: 20_000 }).toBe(1);
  expect(resets()[0].text).toContain('/wachtwoord-herstellen#');
  await page.reload();
  await expect(page.getByText('Alle berichten zijn aangekomen.')).toBeVisible();
  await expectNoAxeViolations(page);
});

/** The link to `path` in the newest e-mail to `email` that has one. */
async function linkInMail(email: string, path: string): Promise<string> {
  const pattern = new RegExp(`http://127\\.0\\.0\\.1:\\d+/${path}#[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await expect
    .poll(() => {
      const mails = received('KRING_MAILBOX').filter((m) => m.to.includes(email) && pattern.test(String(m.text)));
      link = mails.length ? String(mails[mails.length - 1].text).match(pattern)![0] : undefined;
      return link;
    }, { timeout: 20_000, message: `an e-mail to ${email} with a /${path} link` })
    .toBeTruthy();
  return link!;
}

/** Signs in with a password and the code the gateway receives; `mobile` as the gateway sees it. */
async function signInWithCode(page: Page, email: string, mobile: string, password: string) {
  await page.context().clearCookies();
  const before = received('KRING_SMS_LOG').filter((r) => r.json?.to === mobile).length;
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByLabel('Code uit de sms').fill(await code(mobile, before));
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** Opens an activation link, chooses a password and types the texted code. */
async function activate(page: Page, link: string, welcome: string, mobile: string, password: string) {
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account maken');
  await expect(page.getByText(welcome)).toBeVisible();
  await page.getByLabel('Kies een wachtwoord').fill(password);
  const before = received('KRING_SMS_LOG').filter((r) => r.json?.to === mobile).length;
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByLabel('Code uit de sms').fill(await code(mobile, before));
  await page.getByRole('button', { name: 'Account maken' }).click();
}

test('the administrator sets up a team and a care professional, who registers a client; the client signs in to the portal', async ({ page }) => {
  test.setTimeout(180_000);
  const team = 'Wijkteam Oost';
  const professional = { name: 'Sanne de Wit', email: 'sanne.dewit@berk.example', mobile: '+31612345670', password: 'sanne fietst naar de wijk' };
  const client = { first: 'Johan', family: 'Smit', number: 'B-1001', email: 'johan.smit@example.org', mobile: '+31698765432', password: 'mijn kat heet Minoes' };

  // The administrator: a team, and a care professional in it.
  await signInWithCode(page, ADMIN_EMAIL, ADMIN_MOBILE, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/team$/);
  await page.goto('/team/teams');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Teams');
  const newTeam = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Nieuw team' }) });
  await newTeam.getByLabel('Naam van het team').fill(team);
  await newTeam.getByRole('button', { name: 'Team maken' }).click();
  await expect(newTeam.getByRole('status')).toContainText(`Het team ${team} is gemaakt.`);

  await page.goto('/team/medewerkers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers');
  const invite = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Medewerker uitnodigen' }) });
  await invite.getByLabel('Naam', { exact: true }).fill(professional.name);
  await invite.getByLabel('E-mailadres').fill(professional.email);
  await invite.getByLabel('Mobiel nummer').fill('06 12345670');
  await invite.getByLabel(/^Begeleider/).check();
  await invite.getByLabel('Team', { exact: true }).selectOption({ label: team });
  await invite.getByLabel('Functie (in het Nederlands)').fill('Persoonlijk begeleider');
  await invite.getByRole('button', { name: 'Uitnodigen' }).click();
  await expect(invite.getByRole('status')).toContainText(`De uitnodiging is verstuurd naar ${professional.email}.`);

  // The care professional: activates from the e-mail, registers the client, gives access.
  const staffLink = await linkInMail(professional.email, 'activeren');
  await activate(page, staffLink, `Welkom ${professional.name}`, professional.mobile, professional.password);
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByText(`Team: ${team}`)).toBeVisible();
  await page.getByRole('link', { name: 'Cliënt inschrijven' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënt inschrijven');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await page.getByLabel('Cliëntnummer').fill(client.number);
  await page.getByLabel('Voornaam').fill(client.first);
  await page.getByLabel('Achternaam').fill(client.family);
  await page.getByLabel('Geboortedatum').fill('1958-03-14');
  await page.getByLabel('Begin van de zorg').fill('2025-01-06');
  await page.locator('#registration-counsellor').selectOption({ label: professional.name });
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  const fullName = `${client.first} ${client.family}`;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fullName);
  await page.getByRole('link', { name: /^Portaaltoegang geven/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Portaaltoegang geven voor ${fullName}`);
  await page.getByLabel('Naam', { exact: true }).fill(fullName);
  await page.getByLabel('E-mailadres').fill(client.email);
  await page.getByLabel('Mobiel nummer').fill('06 98765432');
  await page.getByRole('radio', { name: /^De cliënt zelf/ }).check();
  await page.getByRole('button', { name: 'Toegang geven' }).click();
  await expect(page.locator('.access-done').getByRole('heading', { name: 'Toegang gegeven' })).toBeVisible();

  // The client: activates from the e-mail, accepts the terms, sees the portal.
  const clientLink = await linkInMail(client.email, 'activeren');
  await activate(page, clientLink, `Welkom ${fullName}`, client.mobile, client.password);
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  // The starter terms `init` published, with the organisation's name.
  await expect(terms).toContainText('Zorggroep De Berk');
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Portaal van ${fullName}`);
  await expect(page.getByText('U bent de beheerder van dit portaal.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Zorggroep De Berk/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Signing in again later: the code goes to the client's phone; no terms to accept again.
  await signInWithCode(page, client.email, client.mobile, client.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Portaal van ${fullName}`);
  await expect(terms).toBeHidden();
});
