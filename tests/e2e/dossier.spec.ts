// The dossier on a phone: the care plan, reports with filters, search and paging, a
// correction request with its due date, and the access log that shows one's own visit.
// Lotte Dekker (demo) is her own portal's administrator and accepted the terms in force,
// so these tests leave the terms modal of the other demo accounts to identity.spec.ts.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/** Signs Lotte in and returns her client id (from the portal's links). */
async function signInLotte(page: Page): Promise<number> {
  await signIn(page, 'lotte@demo.example', '+31600000004');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  const href = await page.getByRole('link', { name: /^Zorgplan/ }).getAttribute('href');
  return Number(href!.match(/\/portaal\/(\d+)\//)![1]);
}

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the dossier flows run on a phone');
});

test('reads the care plan per life domain, with status in words and earlier versions', async ({ page }) => {
  await signInLotte(page);
  await page.getByRole('link', { name: /^Zorgplan/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zorgplan');
  await expect(page.getByText(/^Dit plan geldt sinds \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
  // Each life domain in the plan is a section with its name next to its icon.
  const domains = ['Wonen', 'Gezondheid', 'Dagbesteding en werk', 'Geld en papieren', 'Familie en vrienden', 'Voor jezelf zorgen'];
  const shown = await page.locator('section.domain h2').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  for (const name of shown) {
    expect(domains).toContain(name.trim());
  }
  await expect(page.locator('section.domain h2 svg').first()).toBeAttached();
  // Status is in words (never colour alone), with the agreed actions.
  const statuses = await page.locator('.goal-status').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  for (const status of statuses) {
    expect(['Hier werken we aan', 'Gelukt', 'Gestopt']).toContain(status.trim());
  }
  await expect(page.locator('.action-facts').first()).toContainText('Wie');
  // R14: not exact, no rights, and whom to ask.
  const disclaimer = page.getByRole('complementary', { name: 'Goed om te weten' });
  await expect(disclaimer).toContainText('U kunt er geen rechten aan ontlenen.');
  await expect(disclaimer).toContainText(/Vraag het aan .+ \(.+\)\./);
  await expectNoAxeViolations(page);

  // An earlier version says it no longer applies, and leads back.
  const versions = page.getByRole('region', { name: 'Alle versies van het plan' }).getByRole('link');
  expect(await versions.count()).toBeGreaterThan(1);
  await versions.last().click();
  await expect(page).toHaveURL(/\/zorgplan\?versie=\d+$/);
  await expect(page.getByText('Dit is een eerder plan. Het geldt niet meer.')).toBeVisible();
  await expect(page.getByText(/^Dit plan gold van .+ tot en met .+\.$/)).toBeVisible();
  await page.getByRole('link', { name: 'Naar het plan van nu' }).click();
  await expect(page.getByText(/^Dit plan geldt sinds/)).toBeVisible();

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Care plan');
  const english = ['Living', 'Health', 'Day activities and work', 'Money and paperwork', 'Family and friends', 'Looking after yourself'];
  await expect(page.locator('section.domain h2').first()).toHaveText(new RegExp(`^(${english.join('|')})$`));
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Nederlands' }).click();
});

test('filters and searches the reports; the filter lives in the address', async ({ page }) => {
  const clientId = await signInLotte(page);
  await page.getByRole('link', { name: /^Rapportages/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapportages');
  const reports = page.locator('article.report');
  await expect(reports.first()).toBeVisible();
  // Grouped by day, newest first, each with subject, time and author.
  await expect(page.locator('h2.day-heading').first()).toBeVisible();
  await expect(reports.first().locator('h3')).toContainText(/om \d{2}:\d{2}/);
  await expectNoAxeViolations(page);

  // A subject.
  await page.getByLabel('Onderwerp').selectOption({ label: 'Gezondheid' });
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/rapportages\?categorie=health$/);
  await expect(reports.first()).toBeVisible();
  for (const heading of await reports.locator('h3').allTextContents()) {
    expect(heading).toContain('Gezondheid');
  }

  // Words from a report the server has (read through the API, as the person would see it).
  const api = await page.request.get(`/api/v1/portals/${clientId}/reports?limit=1&category=health`);
  const body: string = (await api.json()).items[0].body;
  const word = body.split(/[^A-Za-zÀ-ÿ]+/).filter((w) => w.length >= 6)[0];
  await page.getByLabel('Woorden').fill(word);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(new RegExp(`categorie=health&zoek=${word}$`));
  await expect(reports.first()).toBeVisible();
  for (const text of await reports.locator('.report-body').allTextContents()) {
    expect(text.toLowerCase()).toContain(word.toLowerCase());
  }

  // The address alone restores the filter, also in the fields.
  await page.reload();
  await expect(page.getByLabel('Woorden')).toHaveValue(word);
  await expect(page.getByLabel('Onderwerp')).toHaveValue('health');
  await expect(reports.first()).toBeVisible();

  // Nothing found says so; a period the wrong way round is refused before asking.
  await page.getByLabel('Woorden').fill('xylofoonzzz');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByText(/^Niets gevonden\./)).toBeVisible();
  await page.getByLabel('Vanaf').fill('2026-05-10');
  await page.getByLabel('Tot en met').fill('2026-05-01');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('alert')).toContainText("De datum bij 'Vanaf' ligt na de datum bij 'Tot en met'.");
  await expect(page).toHaveURL(/zoek=xylofoonzzz$/);
  await page.getByRole('link', { name: 'Alles tonen' }).click();
  await expect(page).toHaveURL(new RegExp(`/portaal/${clientId}/rapportages$`));
  await expect(reports.first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('loads more reports while scrolling, keeping the ones already shown', async ({ page }) => {
  await signInLotte(page);
  await page.getByRole('link', { name: /^Rapportages/ }).click();
  const reports = page.locator('article.report');
  await expect(reports.first()).toBeVisible();
  const first = await reports.count();
  expect(first).toBe(30);
  // Mark the first report's element: a re-render would replace it.
  await reports.first().evaluate((el) => ((el as any).__kept = true));
  await page.locator('.load-more').scrollIntoViewIfNeeded();
  await expect.poll(() => reports.count()).toBeGreaterThan(first);
  expect(await reports.first().evaluate((el) => (el as any).__kept === true)).toBe(true);
  // Keyboard users have the button.
  const before = await reports.count();
  await page.getByRole('button', { name: 'Meer laden' }).click();
  await expect.poll(() => reports.count()).toBeGreaterThan(before);
  const ids = await reports.evaluateAll((els) => els.map((el) => el.getAttribute('aria-labelledby')));
  expect(new Set(ids).size).toBe(ids.length);
});

test('files a correction request about a report and sees it with its due date', async ({ page }) => {
  await signInLotte(page);
  await page.getByRole('link', { name: /^Rapportages/ }).click();
  const report = page.locator('article.report').first();
  const reportText = (await report.locator('.report-body').textContent())!;
  await report.getByRole('link', { name: 'Vraag om een wijziging' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vraag om een wijziging');
  await expect(page.getByText('Het gaat over deze rapportage:')).toBeVisible();
  await expect(page.locator('blockquote')).toContainText(reportText.slice(0, 40));
  await expectNoAxeViolations(page);

  // Nothing chosen or written: both are said, and nothing is sent.
  await page.getByRole('button', { name: 'Verzoek versturen' }).click();
  await expect(page.getByText('Kies wat u wilt.')).toBeVisible();
  await expect(page.getByText('Schrijf wat u vraagt.')).toBeVisible();
  await expect(page.getByLabel(/^Verbeteren/)).toBeFocused();

  await page.getByLabel(/^Verbeteren/).check();
  const text = `De tijd klopt niet: ik was die ochtend bij de tandarts (${Date.now()}).`;
  await page.getByLabel('Uw verzoek').fill(text);
  await expect(page.getByText(`${text.length} van de 2000 tekens`)).toBeVisible();
  await page.getByRole('button', { name: 'Verzoek versturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uw verzoek is verstuurd.' })).toContainText(
    /U krijgt uiterlijk \d{1,2} \w+ \d{4} antwoord\./,
  );

  await page.getByRole('link', { name: 'Terug naar de verzoeken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzoeken om wijziging');
  const card = page.locator('.request').filter({ hasText: text });
  await expect(card.getByRole('heading')).toHaveText('Verbeteren: Over een rapportage');
  await expect(card).toContainText('Verstuurd');
  await expect(card).toContainText(/Antwoord uiterlijk \d{1,2} \w+ \d{4}/);
  await expectNoAxeViolations(page);

  // The report itself is unchanged (R17).
  await page.getByRole('link', { name: 'Terug naar het portaal' }).click();
  await page.getByRole('link', { name: /^Rapportages/ }).click();
  await expect(page.locator('article.report .report-body').first()).toHaveText(reportText);
});

test('the access log shows one\'s own visit today, per person and day', async ({ page }) => {
  await signInLotte(page);
  await page.getByRole('link', { name: /^Zorgplan/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zorgplan');
  await page.getByRole('link', { name: 'Terug naar het portaal' }).click();
  await page.getByRole('link', { name: /^Wie keek er in het dossier\?/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie keek er in het dossier?');
  await expect(page.locator('h2.day-heading').first()).toHaveText('Vandaag');
  const visit = page.locator('article.visit').filter({ hasText: 'Lotte Dekker (beheerder)' }).first();
  await expect(visit).toContainText('het zorgplan bekeken');
  await visit.getByText('Wat precies?').click();
  await expect(visit.locator('.visit-entries li').first()).toContainText(/\d{2}:\d{2}/);
  await expectNoAxeViolations(page);

  await visit.getByRole('link', { name: 'Alleen Lotte Dekker tonen' }).click();
  await expect(page).toHaveURL(/\/inzage\?persoon=\d+$/);
  await expect(page.getByText('U ziet alleen wat Lotte Dekker deed.')).toBeVisible();
  const names = await page.locator('article.visit h3').allTextContents();
  expect(names.every((n) => n.startsWith('Lotte Dekker'))).toBe(true);
  await page.getByRole('link', { name: 'Iedereen tonen' }).click();
  await expect(page).toHaveURL(/\/inzage$/);

  // A period goes into the address too; one the wrong way round is refused first.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Vanaf').fill(yesterday);
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(new RegExp(`/inzage\\?van=${yesterday}$`));
  await expect(page.locator('h2.day-heading').first()).toHaveText('Vandaag');
  await page.getByLabel('Tot en met').fill('2020-01-01');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByRole('alert')).toContainText("De datum bij 'Vanaf' ligt na de datum bij 'Tot en met'.");
  await expect(page).toHaveURL(new RegExp(`/inzage\\?van=${yesterday}$`));
});

test('a contact without the right sees no dossier links and a plain refusal', async ({ page }) => {
  await signIn(page, 'anna@demo.example', '+31600000051');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Daan Visser');
  await expect(page.getByRole('link', { name: /^Zorgplan/ })).toHaveCount(0);
  const session = await (await page.request.get('/api/v1/session')).json();
  const daan = session.portals[0].client_id;
  await page.goto(`/portaal/${daan}/zorgplan`);
  await expect(page.getByText('U mag dit deel van het dossier niet zien.')).toBeVisible();
  await page.goto(`/portaal/${daan}/inzage`);
  await expect(page.getByText('U mag dit deel van het dossier niet zien.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the dossier pages read well at 200% text size on a narrow screen', async ({ page }) => {
  const clientId = await signInLotte(page);
  for (const path of ['zorgplan', 'rapportages', 'verzoeken', 'verzoeken/nieuw', 'inzage']) {
    await page.goto(`/portaal/${clientId}/${path}`);
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

test('the dossier works by keyboard: filter, open a request form, choose and send', async ({ page }) => {
  const clientId = await signInLotte(page);
  await page.goto(`/portaal/${clientId}/rapportages`);
  await expect(page.locator('article.report').first()).toBeVisible();
  await page.getByLabel('Woorden').focus();
  await page.keyboard.type('zzzgeenwoord');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/zoek=zzzgeenwoord$/);
  await expect(page.getByText(/^Niets gevonden\./)).toBeVisible();

  await page.goto(`/portaal/${clientId}/verzoeken/nieuw`);
  await expect(page.getByText('Het gaat over het dossier in het algemeen.')).toBeVisible();
  await page.getByLabel(/^Aanvullen/).focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel(/^Aanvullen/)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Uw verzoek')).toBeFocused();
  await page.keyboard.type('Mijn nieuwe huisarts staat er nog niet in.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Verzoek versturen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Uw verzoek is verstuurd.' })).toBeVisible();
});
