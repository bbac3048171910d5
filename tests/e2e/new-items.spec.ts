// "New since your last visit" on a phone (issue 19). zorg@ registers a client for this
// run, who activates her account and opens her (empty) gallery; then zorg@ posts a
// photo of an activity for her. Her portal home says "1 nieuwe" on the photos, the
// gallery marks the photo "Nieuw" (in its name, not only in colour), and after that
// visit the home's count is gone. The same for a note from someone she invites into
// her circle; her own note is never new. A fresh client, so the counts depend on
// nobody else.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestCode, latestMessage, registerClient } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the new-items flow runs on a phone');
});

/** The gallery's card on the portal home (not the one for adding photos). */
function galleryCard(page: Page) {
  return page.getByRole('link', { name: /^Foto's Foto's van het dagelijks leven/ });
}

/** A small PNG drawn in the page. */
async function drawnPng(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 72;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#3a7';
    context.fillRect(0, 0, 96, 72);
    context.fillStyle = '#fc3';
    context.fillRect(20, 10, 40, 40);
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

test('new since the last visit: a photo from the care team and a note from the circle counted on the home, marked in the lists, then seen', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const stamp = String(Date.now()).slice(-8);
  const client = await registerClient(browser, baseURL, {
    first: 'Bep', family: 'Kok', born: '1950-04-12', login: 'bep', mobile: `06 ${stamp}`,
  });
  const { staff, headers } = client;
  const mobile = `+316${stamp}`;

  // She activates her account and accepts the terms; nothing is new yet.
  const link = new URL((await latestMessage(page.request, client.email)).match(/https?:\/\/\S+\/activeren#\S+/)![0]);
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByLabel('Kies een wachtwoord').fill('de kat slaapt op de bank');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, mobile));
  await page.getByRole('button', { name: 'Account maken' }).click();
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Bep Kok');
  const home = page.url();
  await expect(galleryCard(page)).toBeVisible();
  await expect(page.locator('.dossier-links .badge-new')).toHaveCount(0);

  // Her first look at the gallery: empty, and from now on what arrives is new.
  await galleryCard(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Foto's");
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expect(page.locator('button.photo-thumb')).toHaveCount(0);

  // The care professional posts a photo of an activity for her.
  const posted = await staff.request.post('/api/v1/staff/photos', {
    headers,
    multipart: {
      file: { name: 'uitje.png', mimeType: 'image/png', buffer: await drawnPng(staff) },
      caption: 'Samen naar de markt',
      client_id: String(client.id),
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  await staff.context().close();

  // The home counts it on the photos, in words.
  await page.goto(home);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Bep Kok');
  await expect(galleryCard(page).locator('.badge-new')).toHaveText('1 nieuwe');
  await expect(galleryCard(page)).toHaveAccessibleName(/1 nieuwe$/);
  await expect(page.locator('.dossier-links .badge-new')).toHaveCount(1);
  await expectNoAxeViolations(page);

  // The gallery marks it; the mark is part of the photo's name for a screen reader.
  await galleryCard(page).click();
  const thumb = page.locator('button.photo-thumb');
  await expect(thumb).toHaveCount(1);
  await expect(thumb.locator('.badge-new')).toHaveText('Nieuw');
  await expect(thumb).toHaveAccessibleName('Samen naar de markt Nieuw');
  await expectNoAxeViolations(page);

  // Seen: the home's count is gone.
  await page.goto(home);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Bep Kok');
  await expect(galleryCard(page)).toBeVisible();
  await expect(page.locator('.dossier-links .badge-new')).toHaveCount(0);

  // Notes: her first look, then she invites her brother to read and write them.
  await page.getByRole('link', { name: /^Berichten/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Berichten');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  const inviteeEmail = `broer-${stamp}@example.org`;
  const inviteeMobile = `+316${[...stamp].reverse().join('')}`;
  await page.goto(`/portaal/${client.id}/kring/uitnodigen`);
  await page.getByLabel('Naam', { exact: true }).fill(`Kees ${stamp}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(inviteeEmail);
  await page.getByLabel('Relatie').fill('Broer');
  await page.getByRole('checkbox', { name: /^Berichten lezen/ }).check();
  await page.getByRole('checkbox', { name: /^Berichten schrijven/ }).check();
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page).toHaveURL(/\/kring\?uitgenodigd=1$/);

  const brotherContext = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const brother = await brotherContext.newPage();
  const mail = await latestMessage(brother.request, inviteeEmail);
  const invitation = new URL(mail.match(/https?:\/\/\S+\/uitnodiging#\S+/)![0]);
  await brother.goto(`${invitation.pathname}${invitation.hash}`);
  await brother.getByRole('button', { name: 'Account maken' }).click();
  await brother.getByLabel('Mobiel nummer').fill(inviteeMobile);
  await brother.getByLabel('Kies een wachtwoord').fill('mijn fiets staat in de gang');
  await brother.getByRole('button', { name: 'Verder' }).click();
  await expect(brother.getByLabel('Code uit de sms')).toBeVisible();
  await brother.getByLabel('Code uit de sms').fill(await latestCode(brother.request, inviteeMobile));
  await brother.getByRole('button', { name: 'Account maken' }).click();
  const brotherTerms = brother.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await brotherTerms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(brother.getByRole('heading', { level: 1 })).toHaveText('Portaal van Bep Kok');
  const written = await brother.request.post(`/api/v1/portals/${client.id}/notes`, {
    headers: { 'X-Kring-CSRF': '1', Origin: new URL(brother.url()).origin },
    data: { body: 'Zondag kom ik koffie drinken.' },
  });
  expect(written.status(), await written.text()).toBe(201);
  await brotherContext.close();
  // Her own note is never new.
  const own = await page.request.post(`/api/v1/portals/${client.id}/notes`, {
    headers: { 'X-Kring-CSRF': '1', Origin: new URL(page.url()).origin },
    data: { body: 'Gezellig, tot zondag.' },
  });
  expect(own.status(), await own.text()).toBe(201);

  await page.goto(home);
  const notesCard = page.getByRole('link', { name: /^Berichten/ });
  await expect(notesCard.locator('.badge-new')).toHaveText('1 nieuwe');
  await expect(page.locator('.dossier-links .badge-new')).toHaveCount(1);
  await notesCard.click();
  const brothersNote = page.locator('.note').filter({ hasText: 'Zondag kom ik koffie drinken.' });
  await expect(brothersNote.getByRole('heading', { level: 3 })).toContainText('Nieuw');
  await expect(page.locator('.note').filter({ hasText: 'Gezellig, tot zondag.' }).locator('.badge-new')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto(home);
  await expect(notesCard).toBeVisible();
  await expect(page.locator('.dossier-links .badge-new')).toHaveCount(0);
});
