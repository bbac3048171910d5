// The care team's whole journey with one new client, on its own server (this test moves
// the server's clock): a team lead gives access, the client activates from the dev
// outbox, accepts the terms, reads the report just written and files a correction
// request; the team lead answers it and ends the care relation; days after the grace
// period the client finds that access has ended.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestCode, latestMessage, signIn } from '../helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the journey runs once, on a phone');
});

const CLIENT_EMAIL = 'femke.bosman@demo.example';
const CLIENT_MOBILE = '+31612345699';

/** The server's today as YYYY-MM-DD (dates in the dossier are UTC calendar days). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function openClient(staff: Page, name: string): Promise<number> {
  await staff.goto('/team');
  await staff.getByRole('link', { name }).click();
  await expect(staff).toHaveURL(/\/team\/client\/\d+$/);
  return Number(new URL(staff.url()).pathname.split('/').pop());
}

test('a new client from access to the ended-access page', async ({ page: staff, browser }) => {
  test.setTimeout(240_000);

  // The team lead lands on their clients and gives Femke access.
  await signIn(staff, 'team@demo.example', '+31600000031');
  await expect(staff).toHaveURL(/\/team$/);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Cliënten');
  const femke = staff.locator('li, article').filter({ hasText: 'Femke Bosman' }).first();
  await expect(femke).toContainText('Nog geen toegang');
  await expectNoAxeViolations(staff);
  const clientId = await openClient(staff, 'Femke Bosman');
  await staff.getByRole('link', { name: 'Portaaltoegang geven' }).click();
  await staff.getByLabel('Naam', { exact: true }).fill('Femke Bosman');
  await staff.getByLabel('E-mailadres').fill(CLIENT_EMAIL);
  await staff.getByLabel('Mobiel nummer').fill('06 12345699');
  await staff.getByLabel('De cliënt zelf').check();
  await staff.getByLabel('Nederlands').check();
  await expectNoAxeViolations(staff);
  await staff.getByRole('button', { name: 'Toegang geven' }).click();
  await expect(staff.getByText(`De activatielink is gestuurd naar ${CLIENT_EMAIL}.`, { exact: false })).toBeVisible();

  // A report, in the portal at once.
  const reportText = `Femke heeft vandaag zelf boodschappen gedaan en gekookt (${Date.now()}).`;
  await staff.goto(`/team/client/${clientId}/rapportages`);
  await staff.getByLabel('Onderwerp').selectOption({ index: 1 });
  await staff.getByLabel('Tekst', { exact: true }).fill(reportText);
  await staff.getByLabel('Nu in het portaal zetten').check();
  await staff.getByRole('button', { name: 'Rapportage opslaan' }).click();
  await expect(staff.getByText('De rapportage is opgeslagen en staat in het portaal.')).toBeVisible();

  // The client activates from the e-mail in the dev outbox and accepts the terms.
  const clientContext = await browser.newContext({
    viewport: { width: 360, height: 800 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const client = await clientContext.newPage();
  const mail = await latestMessage(client.request, CLIENT_EMAIL);
  const link = mail.match(/https?:\/\/\S+\/activeren#\S+/)?.[0];
  expect(link, mail).toBeTruthy();
  await client.goto(link!);
  await expect(client.getByText('Welkom Femke Bosman')).toBeVisible();
  await client.getByLabel('Kies een wachtwoord').fill('mijn fiets staat in de gang');
  await client.getByRole('button', { name: 'Verder' }).click();
  await expect(client.getByLabel('Code uit de sms')).toBeVisible();
  await client.getByLabel('Code uit de sms').fill(await latestCode(client.request, CLIENT_MOBILE));
  await client.getByRole('button', { name: 'Account maken' }).click();
  const terms = client.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(client.getByRole('heading', { level: 1 })).toHaveText('Portaal van Femke Bosman');

  // The client reads the report and asks for a correction.
  await client.getByRole('link', { name: /^Rapportages/ }).click();
  const report = client.locator('article.report').filter({ hasText: reportText });
  await expect(report).toBeVisible();
  await report.getByRole('link', { name: 'Vraag om een wijziging' }).click();
  await client.getByLabel(/^Verbeteren/).check();
  const request = `Ik heb niet gekookt, dat deed mijn begeleider (${Date.now()}).`;
  await client.getByLabel('Uw verzoek').fill(request);
  await client.getByRole('button', { name: 'Verzoek versturen' }).click();
  await expect(client.getByRole('status').filter({ hasText: 'Uw verzoek is verstuurd.' })).toBeVisible();

  // The team lead answers it from the inbox.
  await staff.goto('/team/verzoeken');
  const card = staff.locator('li, article').filter({ hasText: request }).last();
  await expect(card).toContainText('Femke Bosman');
  await expectNoAxeViolations(staff);
  const answerButton = card.getByRole('button', { name: 'Beantwoorden' });
  if (await answerButton.count()) await answerButton.click();
  await card.getByLabel('Afgehandeld').check();
  const answer = 'U heeft gelijk. We hebben de rapportage aangevuld: u kookte samen met uw begeleider.';
  await card.getByLabel('Antwoord aan de cliënt').fill(answer);
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(staff.getByText('Opgeslagen. De cliënt ziet de nieuwe status en uw antwoord in het portaal.')).toBeVisible();

  // The client sees the answer.
  await client.goto(`/portaal/${clientId}/verzoeken`);
  const answered = client.locator('.request').filter({ hasText: request });
  await expect(answered).toContainText(answer);
  await expect(answered).toContainText('Afgehandeld');

  // The team lead ends the care relation today; the screen says when access ends.
  const organisation = await (await staff.request.get('/api/v1/organisation')).json();
  const grace: number = organisation.access_grace_days;
  const endsOn = new Date(`${today()}T00:00:00Z`);
  endsOn.setUTCDate(endsOn.getUTCDate() + grace);
  await staff.goto(`/team/client/${clientId}/einde-zorg`);
  await staff.getByLabel('Laatste dag van de zorg').fill(today());
  await staff.getByRole('button', { name: 'Verder' }).click();
  const confirm = staff.getByRole('dialog');
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(staff);
  await confirm.getByRole('button', { name: 'Ja, vastleggen' }).click();
  await expect(staff.getByText('Portaaltoegang stopt op')).toBeVisible();
  const endsText = endsOn.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  await expect(staff.locator('main')).toContainText(endsText);
  await expectNoAxeViolations(staff);

  // Until that day the client still has the portal.
  await client.goto(`/portaal/${clientId}/rapportages`);
  await expect(client.locator('article.report').filter({ hasText: reportText })).toBeVisible();

  // Past the grace days, the portal is closed: after signing in again (the session ran
  // out too) the client gets the ended-access page.
  const moved = await client.request.post('/api/v1/dev/clock', {
    data: { days: grace + 1 },
    headers: { 'X-Kring-CSRF': '1', Origin: new URL(client.url()).origin },
  });
  expect(moved.ok(), await moved.text()).toBeTruthy();
  await client.goto(`/portaal/${clientId}`);
  await expect(client).toHaveURL(/\/inloggen/);
  await client.getByLabel('E-mailadres').fill(CLIENT_EMAIL);
  await client.getByLabel('Wachtwoord', { exact: true }).fill('mijn fiets staat in de gang');
  await client.getByRole('button', { name: 'Verder' }).click();
  const ended = client.locator('.access-notice');
  await expect(ended.getByRole('heading', { name: 'Uw toegang is beëindigd' })).toBeVisible();
  await expectNoAxeViolations(client);
  // The caseload says so too.
  await signIn(staff, 'team@demo.example', '+31600000031');
  await expect(staff.locator('li, article').filter({ hasText: 'Femke Bosman' }).first()).toContainText('Beëindigd');
  await clientContext.close();
});
