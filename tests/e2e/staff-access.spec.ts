// The care team's screens, part A: the caseload, one client, giving portal access and
// changing the administrator (R1, R2, R6), ending the care relation (R4), suspending a
// portal, and publishing a new terms version (R8, R9).
//
// What changes data: Gerrit de Jong gets an administrator, then a representative, then
// an end of care (phone project only: it can happen once per server); a terms version
// is published far in the future, so it is never in force during the tests (desktop
// project only); Noor Jansen's portal is suspended and lifted again (both projects; the
// lift also runs when the test fails halfway).
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestMessage, signIn } from './helpers';

const ZORG = { email: 'zorg@demo.example', mobile: '+31600000032' };
const TEAM = { email: 'team@demo.example', mobile: '+31600000031' };
const BEHEER = { email: 'beheer@demo.example', mobile: '+31600000033' };

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** A date `days` from today (this machine's calendar), as `YYYY-MM-DD` and as the app writes it in Dutch. */
function dayFromToday(days: number): { iso: string; dutch: string } {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const iso = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return { iso, dutch: `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}` };
}

/** Signs a member of staff in; they land on their clients. */
async function signInStaff(page: Page, who: { email: string; mobile: string }) {
  await page.context().clearCookies();
  await signIn(page, who.email, who.mobile);
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënten');
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

/** A client's card on the caseload. */
function card(page: Page, name: string) {
  return page.locator('.caseload-client').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** A client's id, from the link on their card. */
async function clientId(page: Page, name: string): Promise<number> {
  const href = await card(page, name).getByRole('link', { name, exact: true }).getAttribute('href');
  return Number(href!.match(/\/team\/client\/(\d+)$/)![1]);
}

/** Opens a client from the caseload. */
async function openClient(page: Page, name: string) {
  await card(page, name).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** The value shown after a term in the portal facts ("Beheerder: …"). */
function fact(page: Page, term: string) {
  return page.locator('.portal-facts div').filter({ has: page.locator('dt', { hasText: term }) }).locator('dd');
}

test('a care professional sees the team\'s clients, filters them and opens one', async ({ page }) => {
  await signInStaff(page, ZORG);
  await expect(page.getByText('Team: Wijkteam Centrum')).toBeVisible();
  await expect(card(page, 'Daan Visser').locator('.portal-facts')).toContainText('Actief');
  await expect(card(page, 'Johanna Huisman').locator('.portal-facts')).toContainText('Nog geen toegang');
  await expect(card(page, 'Johanna Huisman').locator('.portal-facts')).toContainText('Nog niemand');
  // Another team's clients are not there; photos yes, publishing terms not.
  await expect(card(page, 'Lotte Dekker')).toHaveCount(0);
  await expect(page.getByRole('link', { name: "Foto's plaatsen" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Voorwaarden publiceren' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The filter lives in the address.
  await page.getByLabel('Naam of cliëntnummer').fill('johan');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/team\?zoek=johan$/);
  await expect(page.locator('.caseload-client')).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Naam of cliëntnummer')).toHaveValue('johan');
  await expect(page.locator('.caseload-client')).toHaveCount(1);
  await page.getByRole('link', { name: 'Alle cliënten tonen' }).click();
  await expect(page).toHaveURL(/\/team$/);
  await expect(card(page, 'Daan Visser')).toBeVisible();

  // A care professional does not suspend portals.
  await openClient(page, 'Daan Visser');
  await expect(fact(page, 'Portaal')).toHaveText('Actief');
  await expect(fact(page, 'Beheerder')).toHaveText('Daan Visser');
  await expect(page.getByRole('link', { name: /^Beheerder wijzigen/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Rapportages/ })).toHaveAttribute('href', /\/team\/client\/\d+\/rapportages$/);
  await expect(page.getByRole('link', { name: /^Zorgplan/ })).toHaveAttribute('href', /\/team\/client\/\d+\/zorgplan$/);
  await expect(page.getByRole('button', { name: 'Portaal schorsen' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('gives Gerrit de Jong access, moves administration to a representative, and ends his care', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'changes Gerrit for good: runs once, on a phone');
  test.setTimeout(120_000);
  const stamp = String(Date.now()).slice(-8);
  const gerritEmail = `gerrit-${stamp}@example.org`;
  const hannaEmail = `hanna-${stamp}@example.org`;

  await signInStaff(page, ZORG);
  await expect(card(page, 'Gerrit de Jong').locator('.portal-facts')).toContainText('Nog geen toegang');
  await openClient(page, 'Gerrit de Jong');
  await page.getByRole('link', { name: /^Portaaltoegang geven/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaaltoegang geven voor Gerrit de Jong');

  // Sending an empty form says what is missing, at the fields, and keeps the focus there.
  await page.getByRole('button', { name: 'Toegang geven' }).click();
  await expect(page.getByText('Vul de naam in.')).toBeVisible();
  await expect(page.getByText('Kies wie beheerder wordt.')).toBeVisible();
  await expect(page.getByLabel('Naam', { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);

  // A wrong e-mail address comes back from the server; nothing typed is lost.
  await page.getByLabel('Naam', { exact: true }).fill('Gerrit de Jong');
  await page.getByLabel('E-mailadres').fill('gerrit-at-example');
  await page.getByLabel('Mobiel nummer').fill(`+316${stamp}`);
  await page.getByRole('radio', { name: /^De cliënt zelf/ }).check();
  await page.getByRole('button', { name: 'Toegang geven' }).click();
  await expect(page.getByText('Vul een e-mailadres in zoals naam@voorbeeld.nl.')).toBeVisible();
  await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Gerrit de Jong');
  await expect(page.getByLabel('Mobiel nummer')).toHaveValue(`+316${stamp}`);

  await page.getByLabel('E-mailadres').fill(gerritEmail);
  await page.getByRole('button', { name: 'Toegang geven' }).click();
  const granted = page.locator('.access-done');
  await expect(granted.getByRole('heading', { name: 'Toegang gegeven' })).toBeVisible();
  await expect(granted).toContainText(`De activatielink is gestuurd naar ${gerritEmail}. De link werkt tot`);
  await expectNoAxeViolations(page);
  expect(await latestMessage(page.request, gerritEmail)).toMatch(/\/activeren#\S+/);

  // Now the portal has an administrator: "change" instead of "give".
  await granted.getByRole('link', { name: 'Terug naar Gerrit de Jong' }).click();
  await expect(fact(page, 'Portaal')).toHaveText('Uitgenodigd, nog niet geactiveerd');
  await expect(fact(page, 'Beheerder')).toHaveText('Gerrit de Jong');
  await page.getByRole('link', { name: /^Beheerder wijzigen/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beheerder wijzigen voor Gerrit de Jong');
  await expect(page.getByText('De huidige beheerder (Gerrit de Jong) verliest het beheer. Beiden krijgen een e-mail.')).toBeVisible();
  await page.getByLabel('Naam', { exact: true }).fill('Hanna de Jong');
  await page.getByLabel('E-mailadres', { exact: true }).fill(hannaEmail);
  await page.getByLabel('Mobiel nummer').fill(`+316${String(Number(stamp) + 1).padStart(8, '0').slice(-8)}`);
  await page.getByRole('radio', { name: /^Een wettelijk vertegenwoordiger/ }).check();
  const basis = page.getByLabel('Grond voor de vertegenwoordiging');
  await expect(basis).toBeVisible();
  await page.getByRole('button', { name: 'Beheerder wijzigen' }).click();
  await expect(page.getByText('Vul de grond voor de vertegenwoordiging in.')).toBeVisible();
  await expect(basis).toBeFocused();
  await expectNoAxeViolations(page);
  await basis.fill('Mentorschap, uitspraak kantonrechter Utrecht 2026');
  await page.getByRole('button', { name: 'Beheerder wijzigen' }).click();
  const changed = page.locator('.access-done');
  await expect(changed.getByRole('heading', { name: 'Beheerder gewijzigd' })).toBeVisible();
  await expect(changed).toContainText(`De activatielink is gestuurd naar ${hannaEmail}.`);
  // Both are told: the new one gets the link, the previous one that administration moved.
  expect(await latestMessage(page.request, hannaEmail)).toMatch(/\/activeren#\S+/);
  expect(await latestMessage(page.request, gerritEmail)).toContain('overgedragen aan Hanna de Jong');

  await changed.getByRole('link', { name: 'Terug naar Gerrit de Jong' }).click();
  await expect(fact(page, 'Beheerder')).toHaveText('Hanna de Jong');

  // The end of care: the page says the day access ends while the date is typed.
  await page.getByRole('link', { name: /^Zorgrelatie beëindigen/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zorgrelatie beëindigen');
  await expect(page.getByText(/stopt 7 dagen na de vroegste datum/)).toBeVisible();
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByText('Vul minstens één datum in.')).toBeVisible();
  await expectNoAxeViolations(page);
  const today = dayFromToday(0);
  const accessEnds = dayFromToday(7);
  await page.getByLabel('Laatste dag van de zorg').fill(today.iso);
  await expect(page.locator('.relation-end-preview')).toHaveText(`De toegang tot het portaal stopt op ${accessEnds.dutch}.`);
  await page.getByRole('button', { name: 'Verder' }).click();
  const confirm = page.getByRole('dialog', { name: 'Zorgrelatie van Gerrit de Jong beëindigen?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(`De toegang tot het portaal stopt op ${accessEnds.dutch}.`);
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Ja, vastleggen' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator('.relation-end-date')).toHaveText(`Portaaltoegang stopt op ${accessEnds.dutch}`);
  await expectNoAxeViolations(page);

  await page.locator('.relation-end-done').getByRole('link', { name: 'Terug naar Gerrit de Jong' }).click();
  await expect(fact(page, 'Toegang stopt op')).toHaveText(accessEnds.dutch);
});

test('a team lead sees only their team: another team\'s client is not found, and the terms are not theirs', async ({ page }) => {
  await signInStaff(page, ZORG);
  const daan = await clientId(page, 'Daan Visser');

  await signInStaff(page, TEAM);
  await expect(page.getByText('Team: Wijkteam Noord')).toBeVisible();
  await expect(card(page, 'Noor Jansen')).toBeVisible();
  await expect(card(page, 'Daan Visser')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Voorwaarden publiceren' })).toHaveCount(0);

  await page.goto(`/team/client/${daan}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënt niet gevonden');
  await expect(page.getByRole('alert').filter({ hasText: 'Deze cliënt staat niet in uw lijst.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/team/client/${daan}/toegang`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënt niet gevonden');

  await page.goto('/team/voorwaarden');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voorwaarden publiceren');
  await expect(page.getByRole('alert').filter({ hasText: 'Dit kunnen alleen de beheerders van de organisatie doen.' })).toBeVisible();
  await expect(page.getByLabel('Geldig vanaf')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the organisation\'s administrator suspends a portal with a reason and lifts it again', async ({ page, baseURL }) => {
  await signInStaff(page, BEHEER);
  await expect(page.getByText('U ziet de cliënten van alle teams.')).toBeVisible();
  const noor = await clientId(page, 'Noor Jansen');
  try {
    await openClient(page, 'Noor Jansen');
    await expect(fact(page, 'Portaal')).toHaveText('Actief');
    await page.getByRole('button', { name: 'Portaal schorsen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Portaal van Noor Jansen schorsen?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Reden')).toBeFocused();
    // A reason is required.
    await dialog.getByRole('button', { name: 'Ja, portaal schorsen' }).click();
    await expect(dialog.getByText('Schrijf de reden op.')).toBeVisible();
    await expectNoAxeViolations(page);
    // Escape closes without suspending.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(fact(page, 'Portaal')).toHaveText('Actief');

    await page.getByRole('button', { name: 'Portaal schorsen' }).click();
    await dialog.getByLabel('Reden').fill('Er zijn heel veel berichten geplaatst. We bespreken dit eerst met u.');
    await expect(dialog.getByText('68 van 500 tekens')).toBeVisible();
    await dialog.getByRole('button', { name: 'Ja, portaal schorsen' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Het portaal is geschorst.' })).toBeVisible();
    await expect(fact(page, 'Portaal')).toHaveText('Geschorst');
    await expect(page.getByRole('heading', { name: 'Portaal schorsen', level: 2 })).toBeFocused();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Schorsing opheffen' }).click();
    const lift = page.getByRole('dialog', { name: 'Schorsing van het portaal van Noor Jansen opheffen?' });
    await expect(lift).toBeVisible();
    await expectNoAxeViolations(page);
    await lift.getByRole('button', { name: 'Ja, schorsing opheffen' }).click();
    await expect(lift).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'De schorsing is opgeheven.' })).toBeVisible();
    await expect(fact(page, 'Portaal')).toHaveText('Actief');
  } finally {
    // Whatever happened above, Noor's portal is not left suspended.
    const response = await page.request.delete(`/api/v1/staff/clients/${noor}/portal-suspension`, {
      headers: { 'X-Kring-CSRF': '1', Origin: baseURL! },
    });
    expect(response.status()).toBeLessThan(300);
  }
});

test('the organisation\'s administrator edits, previews and publishes a terms version', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const publish = testInfo.project.name === 'desktop';
  await signInStaff(page, BEHEER);
  await page.getByRole('link', { name: 'Voorwaarden publiceren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voorwaarden publiceren');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expect(page.getByText(/begint met de tekst van versie \d+, die nu geldt/)).toBeVisible();

  // The editor starts from the text in force.
  const firstHeading = page.locator('.terms-section-edit').first().getByLabel('Kop (Nederlands)');
  const secondHeading = page.locator('.terms-section-edit').nth(1).getByLabel('Kop (Nederlands)');
  const first = await firstHeading.inputValue();
  const second = await secondHeading.inputValue();
  expect(first).not.toBe('');
  expect(second).not.toBe('');
  await expectNoAxeViolations(page);

  // Moving a part by keyboard: the focus stays with the part, which is now first.
  await page.getByRole('button', { name: 'Hoger (deel 2)' }).focus();
  await page.keyboard.press('Enter');
  await expect(firstHeading).toHaveValue(second);
  await expect(secondHeading).toHaveValue(first);
  await expect(page.getByRole('button', { name: 'Lager (deel 1)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(firstHeading).toHaveValue(first);

  // Adding a part, removing it, putting it back, removing it again.
  const parts = await page.locator('.terms-section-edit').count();
  await page.getByRole('button', { name: 'Deel toevoegen' }).click();
  await expect(page.locator('.terms-section-edit')).toHaveCount(parts + 1);
  await expect(page.locator('.terms-section-edit').last().getByLabel('Kop (Nederlands)')).toBeFocused();
  await page.getByRole('button', { name: `Verwijderen (deel ${parts + 1})` }).click();
  await expect(page.locator('.terms-section-edit')).toHaveCount(parts);
  await expect(page.getByRole('button', { name: 'Terugzetten' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.terms-section-edit')).toHaveCount(parts + 1);
  await page.getByRole('button', { name: `Verwijderen (deel ${parts + 1})` }).click();
  await expect(page.locator('.terms-section-edit')).toHaveCount(parts);

  // Without a date and a summary there is no preview.
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
  await expect(page.getByLabel('Geldig vanaf')).toBeFocused();
  await expect(page.getByText('Kies de dag waarop deze versie gaat gelden.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Never in force while tests run: at least two years ahead.
  const inForce = dayFromToday(publish ? 3 * 365 : 2 * 365 + 30);
  await page.getByLabel('Geldig vanaf').fill(inForce.iso);
  await page.getByLabel('Veranderingen (Nederlands)').fill('De tekst over bewaren is duidelijker.');
  await page.getByLabel('Veranderingen (Engels)').fill('The text about keeping data is clearer.');
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();

  const dutch = page.getByRole('region', { name: 'Voorbeeld in het Nederlands' });
  const english = page.getByRole('region', { name: 'Voorbeeld in het Engels' });
  await expect(dutch.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(dutch).toContainText(`Geldig vanaf ${inForce.dutch}`);
  await expect(dutch.getByRole('listitem')).toHaveText(['De tekst over bewaren is duidelijker.']);
  await expect(dutch.getByRole('heading', { level: 3, name: first })).toBeVisible();
  await expect(english).toContainText('The text about keeping data is clearer.');
  await expect(english.locator('[lang="en"]')).toHaveCount(1);
  await expectNoAxeViolations(page);

  // Back to editing keeps everything typed.
  await page.getByRole('button', { name: 'Terug naar bewerken' }).click();
  await expect(page.getByLabel('Geldig vanaf')).toHaveValue(inForce.iso);
  await expect(page.getByLabel('Veranderingen (Engels)')).toHaveValue('The text about keeping data is clearer.');
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();

  await page.getByRole('button', { name: 'Publiceren' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deze versie publiceren?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(`Vanaf ${inForce.dutch} geldt deze versie.`);
  await expectNoAxeViolations(page);
  if (!publish) {
    // Publishing happens once per server (desktop); here the dialog is only looked at.
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await expect(confirm).toBeHidden();
    return;
  }
  await confirm.getByRole('button', { name: 'Ja, publiceren' }).click();
  await expect(confirm).toBeHidden();
  const done = page.getByRole('heading', { name: /^Versie \d+ is gepubliceerd$/ });
  await expect(done).toBeVisible();
  const version = Number((await done.textContent())!.match(/\d+/)![0]);
  await expect(page.getByText(`Deze versie geldt vanaf ${inForce.dutch}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: `Versie ${version} bekijken` }).click();
  await expect(page).toHaveURL(new RegExp(`/voorwaarden/${version}$`));
  await expect(page.getByText('De tekst over bewaren is duidelijker.')).toBeVisible();
});

test('the staff pages read well at 200% text size on a narrow screen', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the narrow screen is the phone');
  test.setTimeout(90_000);
  await signInStaff(page, BEHEER);
  const johanna = await clientId(page, 'Johanna Huisman');
  const pages = [
    '/team',
    `/team/client/${johanna}`,
    `/team/client/${johanna}/toegang`,
    `/team/client/${johanna}/einde-zorg`,
    '/team/voorwaarden',
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
