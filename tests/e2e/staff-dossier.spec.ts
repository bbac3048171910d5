// The care team's dossier screens: reports (written kept back, released later, or
// released at once), a new version of the care plan, and the inbox of correction
// requests; and what the client's portal then shows.
//
// Demo facts this relies on: zorg@demo.example works in Daan's team (Wijkteam Centrum).
// Sem de Boer's care ended and his portal with it: staff still write for him, but
// nobody can read his portal, so the portal side uses Fleur Mulder, whose
// administrator account the demo leaves to be activated from the dev outbox. In the
// full suite identity.spec.ts (earlier in the phone project) activates it; run alone,
// this spec activates it the same way (same password and number), and later runs on the
// same server sign it in. Fleur has no care plan and no reports in the demo: the first
// run starts her plan from nothing. Texts carry a run stamp, so the spec runs again
// (phone, then desktop) on one server. Daan, Lotte, Anna, Johanna, Gerrit and Femke are
// left alone: other specs rely on them.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestCode, latestMessage, signIn } from './helpers';

const STAFF_EMAIL = 'zorg@demo.example';
const STAFF_MOBILE = '+31600000032';
const PORTAL_CLIENT = 'Fleur Mulder';
const PORTAL_EMAIL = 'fleur@demo.example';
const PORTAL_MOBILE = '+31600000041';
/** As identity.spec.ts chooses it when it activates Fleur's account. */
const PORTAL_PASSWORD = 'mijn fiets staat in de gang';

interface CaseloadClient {
  id: number;
  name: string;
  portal: string;
  administrator: string | null;
}

/** The headers the server asks of a request that changes something, as the app sends them. */
function appHeaders(page: Page): Record<string, string> {
  return { 'X-Kring-CSRF': '1', Origin: new URL(page.url()).origin };
}

/** Signs zorg@ in; they land on their caseload. */
async function signInStaff(page: Page) {
  await signIn(page, STAFF_EMAIL, STAFF_MOBILE);
  await expect(page).toHaveURL(/\/team$/);
}

/** A client of the signed-in staff member, by name (from the caseload API). */
async function caseloadClient(page: Page, name: string): Promise<CaseloadClient> {
  const response = await page.request.get(`/api/v1/staff/clients?q=${encodeURIComponent(name)}`);
  expect(response.ok()).toBeTruthy();
  const clients: CaseloadClient[] = (await response.json()).items;
  const client = clients.find((c) => c.name === name);
  expect(client, `${name} in the caseload`).toBeTruthy();
  return client!;
}

/** A new page in its own browser context (another person), shaped like the test's. */
async function otherPerson(browser: Browser, page: Page, baseURL: string | undefined): Promise<Page> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const context = await browser.newContext({ baseURL, locale: 'en-US', viewport });
  return context.newPage();
}

/**
 * Signs Fleur's administrator in, in `portal` (activating the account from the dev
 * outbox if nobody did yet), ending in her portal. Returns Fleur's client id.
 */
async function portalOfFleur(staff: Page, portal: Page): Promise<number> {
  const client = await caseloadClient(staff, PORTAL_CLIENT);
  expect(client.administrator).toBe(PORTAL_CLIENT);
  if (client.portal === 'invited') {
    const mail = await latestMessage(portal.request, PORTAL_EMAIL);
    const link = mail.match(/https?:\/\/\S+\/activeren#\S+/)?.[0];
    expect(link, mail).toBeTruthy();
    const url = new URL(link!);
    await portal.goto(`${url.pathname}${url.hash}`);
    await portal.getByLabel('Kies een wachtwoord').fill(PORTAL_PASSWORD);
    await portal.getByRole('button', { name: 'Verder' }).click();
    await expect(portal.getByText(/eindigt op •• 41/)).toBeVisible();
    await portal.getByLabel('Code uit de sms').fill(await latestCode(portal.request, PORTAL_MOBILE));
    await portal.getByRole('button', { name: 'Account maken' }).click();
    const terms = portal.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
    await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
    await expect(terms).toBeHidden();
  } else {
    await portal.goto('/inloggen');
    await portal.getByLabel('E-mailadres').fill(PORTAL_EMAIL);
    await portal.getByLabel('Wachtwoord', { exact: true }).fill(PORTAL_PASSWORD);
    await portal.getByRole('button', { name: 'Verder' }).click();
    await expect(portal.getByLabel('Code uit de sms')).toBeVisible();
    await portal.getByLabel('Code uit de sms').fill(await latestCode(portal.request, PORTAL_MOBILE));
    await portal.getByRole('button', { name: 'Inloggen', exact: true }).click();
  }
  await expect(portal.getByRole('heading', { level: 1 })).toHaveText(`Portaal van ${PORTAL_CLIENT}`);
  return client.id;
}

/** Writes a report on the staff reports page that is open in `page`. */
async function writeReport(page: Page, subject: string, text: string, now: boolean) {
  await page.getByLabel('Onderwerp').selectOption({ label: subject });
  await page.getByLabel('Tekst', { exact: true }).fill(text);
  await page.getByRole('radio', { name: now ? /^Nu in het portaal zetten/ : /^Nog niet: later vrijgeven/ }).check();
  await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
  // The new report is on top at once, and focus is on the message that says so.
  const status = page.locator('#staff-report-status');
  await expect(status).toContainText('De rapportage is opgeslagen');
  await expect(status).toBeFocused();
  await expect(page.locator('li.staff-report').first()).toContainText(text);
}

/** `YYYY-MM-DD` of a local date. */
function iso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` moved by `days`. */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return iso(new Date(year, month - 1, date + days));
}

test('writes reports for Sem: kept back and released later, or released at once', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const kept = `Sem heeft vandaag de was zelf gedaan (${stamp}).`;
  const atOnce = `Sem belde zelf met de huisarts (${stamp}).`;
  await signInStaff(page);
  const sem = await caseloadClient(page, 'Sem de Boer');
  await page.goto(`/team/client/${sem.id}/rapportages`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapportages over Sem de Boer');
  await expect(page.getByText('Een vrijgegeven rapportage is te lezen voor Sem de Boer en voor de mensen in de kring die rapportages mogen zien.')).toBeVisible();
  await expect(page.locator('li.staff-report').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Terug naar Sem de Boer' })).toHaveAttribute('href', `/team/client/${sem.id}`);
  await expectNoAxeViolations(page);

  // Sending an empty form says, next to each field, what is missing.
  await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
  await expect(page.getByText('Kies een onderwerp.')).toBeVisible();
  await expect(page.getByText('Schrijf de rapportage.')).toBeVisible();
  await expect(page.getByText('Kies of de rapportage nu in het portaal komt, of later.')).toBeVisible();
  await expect(page.getByLabel('Onderwerp')).toBeFocused();
  await expect(page.getByLabel('Onderwerp')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  // Kept back: on top of the list at once, marked as not in the portal.
  await page.getByLabel('Tekst', { exact: true }).fill('abc');
  await expect(page.getByText('3 van de 10.000 tekens')).toBeVisible();
  await writeReport(page, 'Gezondheid', kept, false);
  await expect(page.locator('#staff-report-status')).toContainText('Hij staat nog niet in het portaal');
  const keptItem = page.locator('li.staff-report').filter({ hasText: kept });
  await expect(keptItem).toContainText('Nog niet in het portaal: alleen het team ziet dit');
  await expect(keptItem.getByRole('heading', { level: 3 })).toHaveText('Gezondheid');
  await expect(keptItem.locator('.meta')).toHaveText(/^\d{1,2} \S+ \d{4} om \d{2}:\d{2}, door \S.+$/);
  // The form is empty again for the next report.
  await expect(page.getByLabel('Tekst', { exact: true })).toHaveValue('');

  // Releasing asks first; cancelling changes nothing.
  const release = keptItem.getByRole('button', { name: /^Vrijgeven voor het portaal/ });
  await release.click();
  const dialog = page.getByRole('dialog', { name: 'Rapportage vrijgeven?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Dit kunt u niet terugdraaien.');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toBeHidden();
  await expect(keptItem).toContainText('Nog niet in het portaal');
  await release.click();
  await dialog.getByRole('button', { name: 'Ja, vrijgeven' }).click();
  await expect(dialog).toBeHidden();
  const releasedItem = page.locator('li.staff-report').filter({ hasText: kept });
  await expect(releasedItem.locator('.release-state')).toHaveText('In het portaal');
  await expect(releasedItem.getByRole('button', { name: /^Vrijgeven/ })).toHaveCount(0);
  await expect(page.locator('#staff-report-status')).toHaveText('De rapportage is vrijgegeven en staat nu in het portaal.');
  await expect(page.locator('#staff-report-status')).toBeFocused();

  // Released at once.
  await writeReport(page, 'Wonen', atOnce, true);
  await expect(page.locator('#staff-report-status')).toHaveText('De rapportage is opgeslagen en staat in het portaal.');
  await expect(page.locator('li.staff-report').first().locator('.release-state')).toHaveText('In het portaal');

  // After a reload: both there, newest first, both released.
  await page.reload();
  const items = page.locator('li.staff-report');
  await expect(items.nth(0)).toContainText(atOnce);
  await expect(items.nth(1)).toContainText(kept);
  await expect(items.nth(1).locator('.release-state')).toHaveText('In het portaal');
  await expectNoAxeViolations(page);
});

test('the portal shows released reports and never the kept-back ones', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const released = `Fleur heeft boodschappen gedaan met haar buurvrouw (${stamp}).`;
  const kept = `Nog te bespreken met Fleur (${stamp}).`;
  await signInStaff(page);
  const portal = await otherPerson(browser, page, baseURL);
  const fleur = await portalOfFleur(page, portal);

  await page.goto(`/team/client/${fleur}/rapportages`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rapportages over ${PORTAL_CLIENT}`);
  await writeReport(page, 'Familie en vrienden', released, true);
  await writeReport(page, 'Gezondheid', kept, false);

  await portal.goto(`/portaal/${fleur}/rapportages`);
  await expect(portal.getByRole('heading', { level: 1 })).toHaveText('Rapportages');
  await expect(portal.locator('article.report').filter({ hasText: released })).toBeVisible();
  await expect(portal.getByText(kept)).toHaveCount(0);

  // Released later, it shows too.
  const item = page.locator('li.staff-report').filter({ hasText: kept });
  await item.getByRole('button', { name: /^Vrijgeven voor het portaal/ }).click();
  await page.getByRole('dialog', { name: 'Rapportage vrijgeven?' }).getByRole('button', { name: 'Ja, vrijgeven' }).click();
  await expect(item.locator('.release-state')).toHaveText('In het portaal');
  await portal.reload();
  await expect(portal.locator('article.report').filter({ hasText: kept })).toBeVisible();
  await portal.context().close();
});

test('makes a new version of the care plan with two goals and an agreement; the portal shows it', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const firstGoal = `Fleur kookt twee keer per week zelf (${stamp}).`;
  const secondGoal = `Fleur gaat elke week naar de markt (${stamp}).`;
  await signInStaff(page);
  const portal = await otherPerson(browser, page, baseURL);
  const fleur = await portalOfFleur(page, portal);

  // The plan in force, if any (the demo gives Fleur none: the first run makes her first
  // plan): a new version must start after the newest version's first day.
  const response = await page.request.get(`/api/v1/staff/clients/${fleur}/care-plan`);
  expect([200, 404]).toContain(response.status());
  const current = response.status() === 200 ? await response.json() : null;
  const latest: string | null = current
    ? current.versions.map((v: { period_start: string }) => v.period_start).sort().pop()
    : null;
  const today = iso(new Date());
  const start = latest && addDays(latest, 1) > today ? addDays(latest, 1) : today;

  await page.goto(`/team/client/${fleur}/zorgplan`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Nieuwe versie van het zorgplan van ${PORTAL_CLIENT}`);
  const first = page.getByLabel('Eerste dag van de nieuwe versie');
  await expect(first).toHaveValue(start);
  const domains = page.locator('fieldset.plan-domain');
  if (current) {
    await expect(page.getByText(/Het plan van nu geldt dan tot en met .+, en blijft te lezen als eerdere versie\./)).toBeVisible();
    // It starts from the plan in force: its domains are there as groups.
    await expect(domains).toHaveCount(current.domains.length);
  } else {
    // No plan yet: one empty subject with one empty goal to start from.
    await expect(page.getByText('Er is nog geen zorgplan. U maakt de eerste versie.')).toBeVisible();
    await expect(domains).toHaveCount(1);
    await expect(page.getByRole('group', { name: 'Doel 1 in Wonen' })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  // A day not after the newest version's start is refused next to the field.
  if (latest) {
    await first.fill(latest);
    await page.getByRole('button', { name: 'Nieuwe versie opslaan' }).click();
    await expect(page.getByText(/^Kies een latere dag\./)).toBeVisible();
    await expect(first).toBeFocused();
    await first.fill(start);
  }

  // Start over with one subject: remove them all, then add one.
  while ((await domains.count()) > 0) {
    await domains.first().getByRole('button', { name: /^Onderwerp weghalen/ }).click();
  }
  await page.getByRole('button', { name: 'Onderwerp toevoegen' }).click();
  await expect(domains).toHaveCount(1);
  // Focus went to the new subject's choice.
  await expect(domains.first().getByLabel('Welk onderwerp')).toBeFocused();
  await domains.first().getByLabel('Welk onderwerp').selectOption({ label: 'Wonen' });
  const goal1 = page.getByRole('group', { name: 'Doel 1 in Wonen' });
  await expect(goal1).toBeVisible();

  // Obvious mistakes are caught before sending: no words, an evaluation before the start.
  await goal1.getByLabel('Samen bekijken op').fill(addDays(start, -1));
  await page.getByRole('button', { name: 'Nieuwe versie opslaan' }).click();
  await expect(goal1.getByText('Vul dit in.')).toBeVisible();
  await expect(goal1.getByText('Deze datum ligt vóór de startdatum. Kies dezelfde dag of later.')).toBeVisible();
  await expect(page.getByText('Het plan is nog niet opgeslagen. Bij sommige velden staat wat er anders moet.')).toBeVisible();
  await expect(goal1.getByLabel('Het doel, in de woorden van de cliënt')).toBeFocused();
  await expect(goal1.getByLabel('Samen bekijken op')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await goal1.getByLabel('Het doel, in de woorden van de cliënt').fill(firstGoal);
  await goal1.getByLabel('Samen bekijken op').fill(addDays(start, 90));
  await goal1.getByLabel('Hoe staat het ervoor?').selectOption({ label: 'Hier werken we aan' });

  // A second goal, by keyboard, with an agreement.
  const addGoal = page.getByRole('button', { name: 'Doel toevoegen in Wonen' });
  await addGoal.focus();
  await page.keyboard.press('Enter');
  const goal2 = page.getByRole('group', { name: 'Doel 2 in Wonen' });
  await expect(goal2.getByLabel('Het doel, in de woorden van de cliënt')).toBeFocused();
  await page.keyboard.type(secondGoal);
  await goal2.getByRole('button', { name: 'Afspraak toevoegen (Doel 2 in Wonen)' }).click();
  const action = page.getByRole('group', { name: 'Afspraak 1 bij Doel 2 in Wonen' });
  await expect(action.getByLabel('Wat')).toBeFocused();
  await action.getByLabel('Wat').fill('Samen de boodschappenlijst maken');
  await action.getByLabel('Wie').fill('Persoonlijk begeleider');
  await action.getByLabel('Hoe vaak').fill('Elke maandag');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Nieuwe versie opslaan' }).click();
  const saved = page.locator('#care-plan-saved');
  await expect(saved).toContainText('De nieuwe versie van het zorgplan is opgeslagen. Hij geldt vanaf');
  if (current) {
    await expect(saved).toContainText(/Het vorige plan geldt tot en met .+, en blijft te lezen als eerdere versie\./);
  }
  await expect(saved).toBeFocused();
  // The way back above the page, and the confirmation's own.
  const backLinks = page.getByRole('link', { name: `Terug naar ${PORTAL_CLIENT}` });
  await expect(backLinks).toHaveCount(2);
  for (const link of await backLinks.all()) {
    await expect(link).toHaveAttribute('href', `/team/client/${fleur}`);
  }
  await expectNoAxeViolations(page);

  // The portal shows the new plan, with both goals and the agreement.
  await portal.goto(`/portaal/${fleur}/zorgplan`);
  await expect(portal.getByRole('heading', { level: 1 })).toHaveText('Zorgplan');
  await expect(portal.getByRole('heading', { name: firstGoal })).toBeVisible();
  await expect(portal.getByRole('heading', { name: secondGoal })).toBeVisible();
  await expect(portal.getByText('Samen de boodschappenlijst maken')).toBeVisible();
  await expect(portal.locator('section.domain h2')).toHaveText(['Wonen']);
  await portal.context().close();
});

test('the inbox lists requests soonest due first and answers them in place', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const toAnswer = `Mijn geboortedatum klopt niet (${stamp}).`;
  const other = `Graag de naam van mijn zus aanvullen (${stamp}).`;
  const answerText = `De geboortedatum is verbeterd (${stamp}).`;
  await signInStaff(page);
  const portal = await otherPerson(browser, page, baseURL);
  const fleur = await portalOfFleur(page, portal);
  // The client files two requests (the portal's own page is tested in dossier.spec.ts).
  for (const [kind, text] of [['correct', toAnswer], ['add', other]]) {
    const filed = await portal.request.post(`/api/v1/portals/${fleur}/correction-requests`, {
      headers: appHeaders(portal),
      data: { kind, target: { type: 'general' }, text },
    });
    expect(filed.status(), await filed.text()).toBe(201);
  }
  await portal.context().close();

  await page.goto('/team/verzoeken');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzoeken om wijziging');
  const cards = page.locator('li.request');
  await expect(cards.filter({ hasText: toAnswer })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open verzoeken' })).toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);

  // Soonest due first: the cards follow the server's order, which is by due date.
  const listed = await (await page.request.get('/api/v1/staff/correction-requests?open=true')).json();
  const dues: string[] = listed.items.map((r: { due_on: string }) => r.due_on);
  expect(dues).toEqual([...dues].sort());
  const shown = await cards.locator('.request-text').first().textContent();
  expect(shown).toBe(listed.items[0].text);
  const card = cards.filter({ hasText: toAnswer });
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(PORTAL_CLIENT);
  await expect(card).toContainText('Verbeteren: over het dossier in het algemeen');
  await expect(card.locator('.status')).toHaveText('Verstuurd');
  await expect(card).toContainText(/Antwoord uiterlijk \d{1,2} \w+ \d{4}/);

  // "Done" without an answer is refused in the browser, next to the answer.
  await card.getByRole('button', { name: /^Beantwoorden/ }).click();
  await expect(card.getByRole('radio', { name: 'Verstuurd' })).toBeFocused();
  await card.getByRole('radio', { name: 'Afgehandeld' }).check();
  await card.getByRole('button', { name: 'Opslaan' }).click();
  const answer = card.getByLabel('Antwoord aan de cliënt');
  await expect(card.getByText('Schrijf een antwoord. Dat is nodig als u het verzoek afhandelt of afwijst.')).toBeVisible();
  await expect(answer).toHaveAttribute('aria-invalid', 'true');
  await expect(answer).toBeFocused();
  await expectNoAxeViolations(page);
  // The server refuses it too.
  const id = listed.items.find((r: { text: string }) => r.text === toAnswer).id;
  const refused = await page.request.patch(`/api/v1/staff/correction-requests/${id}`, {
    headers: appHeaders(page),
    data: { status: 'done', answer: null },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).code).toBe('invalid-body');

  // With an answer it is saved; the card shows the new state, focus on the message.
  await answer.fill(answerText);
  await card.getByRole('button', { name: 'Opslaan' }).click();
  const status = card.getByRole('status');
  await expect(status).toHaveText('Opgeslagen. De cliënt ziet de nieuwe status en uw antwoord in het portaal.');
  await expect(status).toBeFocused();
  await expect(card.locator('.status')).toHaveText('Afgehandeld');
  await expect(card.locator('.answer')).toContainText(answerText);
  await expect(card.locator('.answer')).toContainText(/Beantwoord op \d{1,2} \w+ \d{4}/);

  // The filter lives in the address: handled requests are under "all" only.
  await page.getByRole('link', { name: 'Alle verzoeken' }).click();
  await expect(page).toHaveURL(/\/team\/verzoeken\?alle=1$/);
  await expect(cards.filter({ hasText: toAnswer }).locator('.status')).toHaveText('Afgehandeld');
  await page.getByRole('link', { name: 'Open verzoeken' }).click();
  await expect(page).toHaveURL(/\/team\/verzoeken$/);
  await expect(cards.filter({ hasText: other })).toBeVisible();
  await expect(cards.filter({ hasText: toAnswer })).toHaveCount(0);

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Requests for a change');
  await expect(cards.filter({ hasText: other }).getByRole('button', { name: /^Answer/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Nederlands' }).click();
});

test('the staff dossier pages read well at 200% text size on a narrow screen', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a narrow screen is the phone project');
  test.setTimeout(60_000);
  await signInStaff(page);
  const sem = await caseloadClient(page, 'Sem de Boer');
  for (const path of [`/team/client/${sem.id}/rapportages`, `/team/client/${sem.id}/zorgplan`, '/team/verzoeken']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    // As a person's text size setting would (the CSP rightly forbids inline style tags).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scrolling on ${path}`).toBeLessThanOrEqual(0);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.scrollIntoViewIfNeeded();
    await expect(heading).toBeInViewport({ ratio: 1 });
  }
});
