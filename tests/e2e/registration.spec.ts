// A care professional registers a client, changes the registration and finds the
// client in the caseload search; then portal access can be given from the client's page.
//
// Demo facts this relies on: zorg@demo.example is a care professional of one team
// (Wijkteam Centrum), so the team is chosen for them. Every run registers a client of
// its own (a run stamp in the number and the name), so the spec runs again (phone, then
// desktop) on one server.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

const ZORG = { email: 'zorg@demo.example', mobile: '+31600000032' };

/** Signs zorg@ in; they land on their clients. */
async function signInStaff(page: Page) {
  await page.context().clearCookies();
  await signIn(page, ZORG.email, ZORG.mobile);
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënten');
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

/** No sideways scrolling at 200% text on this page. */
async function readsAtLargeText(page: Page, what: string) {
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
}

test('a care professional registers a client, changes it and finds it in the caseload', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const stamp = `${Date.now().toString(36)}${testInfo.project.name === 'phone' ? 'p' : 'd'}`;
  const number = `E2E-${stamp}`;
  const family = `Registratie${stamp}`;
  await signInStaff(page);

  await page.getByRole('link', { name: 'Cliënt inschrijven' }).click();
  await expect(page).toHaveURL(/\/team\/inschrijven$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënt inschrijven');
  // One team: it is chosen; its staff are the counsellors to choose from.
  await expect(page.locator('#registration-team')).not.toHaveValue('');
  await expect(page.locator('#registration-counsellor option')).not.toHaveCount(1);
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);
  if (testInfo.project.name === 'phone') {
    await readsAtLargeText(page, 'the registration page');
  }

  // Nothing filled in: each field says what is missing, the focus goes to the first.
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(page.getByLabel('Cliëntnummer')).toBeFocused();
  await expect(page.getByText('Vul dit in.')).toHaveCount(3);
  await expect(page.getByText('Vul een datum in.')).toHaveCount(2);
  await expect(page.getByLabel('Cliëntnummer')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await page.getByLabel('Cliëntnummer').fill(number);
  await page.getByLabel('Voornaam').fill('Rik');
  await page.getByLabel('Achternaam').fill(family);
  await page.getByLabel('Geboortedatum').fill('1980-04-05');
  // Care before birth: said at the field, before anything is sent.
  await page.getByLabel('Begin van de zorg').fill('1970-01-01');
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(page.getByText('De zorg kan niet beginnen voor de geboortedatum.')).toBeVisible();
  await expect(page.getByLabel('Begin van de zorg')).toBeFocused();
  await page.getByLabel('Begin van de zorg').fill('2024-01-01');
  await page.locator('#registration-counsellor').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Inschrijven' }).click();

  // The client's page, where portal access is given.
  await expect(page).toHaveURL(/\/team\/client\/\d+\?melding=ingeschreven$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rik ${family}`);
  await expect(page.getByRole('status').filter({ hasText: 'De cliënt is ingeschreven.' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Portaaltoegang geven/ })).toHaveAttribute('href', /\/toegang$/);
  const clientPage = page.url().replace(/\?.*$/, '');

  // Changing the registration: the form holds what was registered.
  await page.getByRole('link', { name: /^Inschrijving wijzigen/ }).click();
  await expect(page).toHaveURL(/\/team\/client\/\d+\/inschrijving$/);
  await expect(page.getByLabel('Cliëntnummer')).toHaveValue(number);
  await expect(page.getByLabel('Geboortedatum')).toHaveValue('1980-04-05');
  await expect(page.locator('#registration-counsellor')).not.toHaveValue('');
  await expect(page.getByRole('link', { name: 'Leg het einde van de zorg vast' })).toHaveAttribute('href', /\/einde-zorg$/);
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);
  if (testInfo.project.name === 'phone') {
    await readsAtLargeText(page, 'the registration change page');
  }
  await page.getByLabel('Voornaam').fill('Rikkert');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page).toHaveURL(/\?melding=gewijzigd$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rikkert ${family}`);
  await expect(page.getByRole('status').filter({ hasText: 'De inschrijving is gewijzigd.' })).toBeVisible();

  // The number is the organisation's: a second client with it is refused at the field.
  await page.goto('/team/inschrijven');
  await page.getByLabel('Cliëntnummer').fill(number);
  await page.getByLabel('Voornaam').fill('Tweede');
  await page.getByLabel('Achternaam').fill(family);
  await page.getByLabel('Geboortedatum').fill('1990-01-01');
  await page.getByLabel('Begin van de zorg').fill('2024-01-01');
  await page.getByRole('button', { name: 'Inschrijven' }).click();
  await expect(page.getByText('Een andere cliënt van de organisatie heeft dit cliëntnummer al.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Cliëntnummer')).toBeFocused();
  await expect(page).toHaveURL(/\/team\/inschrijven$/);

  // The caseload finds the client by the start of the number, any capitals; the search
  // is in the address.
  await page.goto('/team');
  await page.getByLabel('Naam of cliëntnummer').fill(number.toLowerCase());
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(new RegExp(`/team\\?zoek=${number.toLowerCase()}$`));
  await expect(page.locator('.caseload-client')).toHaveCount(1);
  const link = page.getByRole('link', { name: `Rikkert ${family}`, exact: true });
  await expect(link).toBeVisible();
  expect(new URL(await link.getAttribute('href') ?? '', page.url()).href).toBe(clientPage);
  // And by the start of the family name.
  await page.goto(`/team?zoek=${family.toUpperCase()}`);
  await expect(page.locator('.caseload-client')).toHaveCount(1);
  await expectNoAxeViolations(page);
});
