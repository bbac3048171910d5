// The care team's moderation and photo pages. Anna Visser (demo, Daan's grandmother,
// may read and write notes) writes two notes in Daan's portal. The care professional
// of Daan's team (zorg@) finds them under "not looked at yet", leaves one ("looked
// at"), and removes the other with a reason; Anna then reads that reason in place of
// her note. A care professional cannot suspend accounts; the organisation's
// administrator (beheer@) suspends Anna's account and lifts it again. The care
// professional also posts photos of an activity for two clients: a real photo is
// placed and a text file is refused in plain words; Daan sees the photo in his gallery.
// Every page and dialog passes axe; at 200% text on a phone nothing scrolls sideways.
import { test, expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, signIn } from './helpers';

/** Another person's browser, shaped like this project's. */
async function newPerson(browser: Browser, page: Page, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'en-US', viewport: page.viewportSize() });
}

/** Signs a member of staff in and waits until the session is there. */
async function signInStaff(page: Page, email: string, mobile: string) {
  await signIn(page, email, mobile);
  await expect(page).not.toHaveURL(/\/inloggen/);
  await expect.poll(async () => (await (await page.request.get('/api/v1/session')).json())?.staff?.role ?? null).not.toBeNull();
}

/** Signs Anna in and returns Daan's client id. */
async function signInAnna(page: Page): Promise<number> {
  await signIn(page, 'anna@demo.example', '+31600000051');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Daan Visser');
  const session = await (await page.request.get('/api/v1/session')).json();
  return session.portals[0].client_id as number;
}

/** Anna writes a note in Daan's portal. */
async function writeNote(page: Page, daan: number, text: string) {
  await page.goto(`/portaal/${daan}/berichten`);
  await page.getByRole('textbox', { name: 'Uw bericht' }).fill(text);
  await page.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uw bericht is geplaatst.' })).toBeVisible();
}

/** A real PNG drawn in the page, noisy so it has some size. */
async function drawPng(page: Page, width: number): Promise<Buffer> {
  const base64 = await page.evaluate((width) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = Math.round(width * 0.75);
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < image.data.length; i += 4) {
      image.data[i] = Math.random() * 255;
      image.data[i + 1] = (i / image.data.length) * 255;
      image.data[i + 2] = 120;
      image.data[i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png').split(',')[1];
  }, width);
  return Buffer.from(base64, 'base64');
}

/** The moderation card holding `text`. */
function card(page: Page, text: string) {
  return page.locator('li.moderation-item').filter({ hasText: text });
}

test('moderation: look at a note, remove one with a reason, suspend and lift an account', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(240_000);
  const stamp = String(Date.now()).slice(-6);
  const keep = `Fijne middag gehad met Daan, tot volgende week! ${stamp}`;
  const remove = `Daan zat vandaag naast buurvrouw Kees in de bus. ${stamp}\nTweede regel.`;
  const reason = `Dit bericht noemde een andere bewoner (${stamp}). Over anderen schrijven we niet in het portaal.`;

  // Anna writes two notes in Daan's portal.
  const annaContext = await newPerson(browser, page, baseURL);
  const anna = await annaContext.newPage();
  const daan = await signInAnna(anna);
  await writeNote(anna, daan, keep);
  await writeNote(anna, daan, remove);
  await annaContext.close();

  // The care professional of Daan's team finds them, newest first, under "not looked at yet".
  await signInStaff(page, 'zorg@demo.example', '+31600000032');
  await page.goto('/team/moderatie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Berichten en foto's");
  const filter = page.getByRole('navigation', { name: "Welke berichten en foto's" });
  await expect(filter.getByRole('link', { name: 'Nog niet nagekeken' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog niet nagekeken' })).toBeVisible();
  const kept = card(page, keep);
  const removed = card(page, `buurvrouw Kees in de bus. ${stamp}`);
  await expect(kept).toBeVisible();
  await expect(removed).toBeVisible();
  const items = page.locator('li.moderation-item');
  await expect(items.first()).toContainText(stamp);
  await expect(kept.getByRole('heading', { level: 3 })).toHaveText('Bericht van Anna Visser');
  await expect(kept.getByRole('link', { name: 'Daan Visser' })).toHaveAttribute('href', `/team/client/${daan}`);
  await expect(kept.locator('time')).toHaveText(/^\d{1,2} \w+ \d{4} om \d{2}:\d{2}$/);
  await expect(kept.locator('.badge')).toHaveText('Nog niet nagekeken');
  // The text stays text, with its line break.
  const body = removed.locator('.note-body');
  await expect(body).toHaveText(remove);
  expect(await body.evaluate((p) => getComputedStyle(p).whiteSpace)).toBe('pre-wrap');
  // Photos placed by Daan's circle are there too, with their image and a text alternative.
  const photo = items.filter({ has: page.locator('img.moderation-photo') }).first();
  await expect(photo).toBeVisible();
  const image = photo.locator('img.moderation-photo');
  expect(Number(await image.getAttribute('width'))).toBeGreaterThan(0);
  expect(Number(await image.getAttribute('height'))).toBeGreaterThan(0);
  expect((await image.getAttribute('alt'))!.trim()).not.toBe('');
  await expect(image).toHaveAttribute('src', /\/api\/v1\/staff\/photos\/\d+\/\d+$/);
  // The image loads lazily: earlier tests may have put more items above it.
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // A care professional cannot suspend accounts.
  await expect(page.getByRole('button', { name: 'Account blokkeren' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Blokkade opheffen' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // "Looked at, keep it": the note stays, marked as looked at.
  await kept.getByRole('button', { name: 'Nagekeken, laten staan' }).click();
  await expect(kept.locator('.badge')).toHaveText('Nagekeken');
  await expect(kept.getByRole('button', { name: 'Nagekeken, laten staan' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Nagekeken. Het bericht blijft staan.' })).toBeVisible();
  await expect(kept.getByRole('heading', { level: 3 })).toBeFocused();

  // Removing a photo would take it from every portal: the dialog says so (and is left).
  await photo.getByRole('button', { name: 'Weghalen' }).click();
  const photoDialog = page.getByRole('dialog', { name: 'Deze foto weghalen?' });
  await expect(photoDialog).toBeVisible();
  await expect(photoDialog).toContainText('De foto verdwijnt uit elk portaal waarin hij staat.');
  await photoDialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Removing the other note asks for a reason its author reads.
  await removed.getByRole('button', { name: 'Weghalen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dit bericht weghalen?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText("Alleen Anna Visser ziet in plaats van het bericht: 'Verwijderd door Zorggroep De Linde:' met daarachter uw reden.");
  const reasonField = dialog.getByLabel('Reden');
  await expect(reasonField).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Ja, weghalen' }).click();
  await expect(dialog.getByText('Schrijf een reden.')).toBeVisible();
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await reasonField.fill(reason);
  await expect(dialog.getByText(`${reason.length} van de 500 tekens`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Ja, weghalen' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Het bericht is weggehaald. Anna Visser leest uw reden.' })).toBeVisible();
  await expect(removed).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Nog niet nagekeken' })).toBeFocused();
  // The note that was looked at stays in view until the filter is chosen again.
  await expect(kept).toBeVisible();
  await filter.getByRole('link', { name: 'Nog niet nagekeken' }).click();
  await expect(kept).toHaveCount(0);
  await filter.getByRole('link', { name: 'Alles' }).click();
  await expect(page).toHaveURL(/\/team\/moderatie\?alle=1$/);
  await expect(filter.getByRole('link', { name: 'Alles' })).toHaveAttribute('aria-current', 'page');
  await expect(kept.locator('.badge')).toHaveText('Nagekeken');
  await expect(card(page, `buurvrouw Kees in de bus. ${stamp}`)).toHaveCount(0);
  // The server agrees: the removed note is gone from the list, the other is looked at.
  await page.reload();
  await expect(kept.locator('.badge')).toHaveText('Nagekeken');
  await expect(card(page, `buurvrouw Kees in de bus. ${stamp}`)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The organisation's administrator suspends Anna's account, and lifts it again.
  const adminContext = await newPerson(browser, page, baseURL);
  const admin = await adminContext.newPage();
  await signInStaff(admin, 'beheer@demo.example', '+31600000033');
  await admin.goto('/team/moderatie?alle=1');
  const adminKept = card(admin, keep);
  await expect(adminKept).toBeVisible();
  // Whatever happens below, Anna's account is usable again afterwards (other specs sign her in).
  const annaAccount = await admin.evaluate(async (keep) => {
    const page = await (await fetch('/api/v1/staff/moderation')).json();
    return page.items.find((item: { text: string }) => item.text === keep).author_account_id as number;
  }, keep);
  try {
    await suspendAndLift(admin, adminKept, request, baseURL!, stamp);
  } finally {
    await admin.request.delete(`/api/v1/staff/accounts/${annaAccount}/suspension`, {
      headers: { 'X-Kring-CSRF': '1', Origin: baseURL! },
      failOnStatusCode: false,
    });
  }
  await adminContext.close();

  // Anna reads the organisation's reason in place of her note; the other note is there.
  const annaAgain = await newPerson(browser, page, baseURL);
  const annaPage = await annaAgain.newPage();
  await signInAnna(annaPage);
  await annaPage.goto(`/portaal/${daan}/berichten`);
  await expect(annaPage.getByText(`Verwijderd door Zorggroep De Linde: ${reason}`)).toBeVisible();
  await expect(annaPage.getByText(`buurvrouw Kees in de bus. ${stamp}`)).toHaveCount(0);
  await expect(annaPage.getByText(keep)).toBeVisible();
  await annaAgain.close();
});

/** The administrator suspends Anna's account from her note's card, and lifts it again. */
async function suspendAndLift(admin: Page, adminKept: Locator, request: APIRequestContext, baseURL: string, stamp: string) {
  await adminKept.getByRole('button', { name: 'Account blokkeren' }).click();
  const suspend = admin.getByRole('dialog', { name: 'Het account van Anna Visser blokkeren?' });
  await expect(suspend).toBeVisible();
  await expect(suspend).toContainText('Anna Visser wordt dan overal uitgelogd');
  await expectNoAxeViolations(admin);
  await suspend.getByLabel('Reden').fill(`Test van de blokkade ${stamp}: u plaatste te veel berichten.`);
  await suspend.getByRole('button', { name: 'Ja, blokkeren' }).click();
  await expect(admin.getByRole('dialog')).toHaveCount(0);
  await expect(admin.getByRole('status').filter({ hasText: 'Het account van Anna Visser is geblokkeerd.' })).toBeVisible();
  await expect(adminKept.locator('.badge-suspended')).toHaveText('Account geblokkeerd');
  // The same button now lifts it, and keeps the keyboard focus.
  const lift = adminKept.getByRole('button', { name: 'Blokkade opheffen' });
  await expect(lift).toBeFocused();
  // The server knows: Anna cannot sign in now, and is told why.
  const refused = await request.post('/api/v1/auth/sign-in', {
    data: { email: 'anna@demo.example', password: PASSWORD },
    headers: { 'X-Kring-CSRF': '1', Origin: baseURL },
    failOnStatusCode: false,
  });
  expect(refused.ok()).toBe(false);
  const problem = await refused.json();
  expect(problem.code).toBe('account-suspended');
  expect(problem.reason).toContain(stamp);
  await expectNoAxeViolations(admin);
  await lift.click();
  await expect(admin.getByRole('status').filter({ hasText: 'De blokkade is opgeheven. Anna Visser kan weer inloggen.' })).toBeVisible();
  await expect(adminKept.locator('.badge-suspended')).toHaveCount(0);
  await expect(adminKept.getByRole('button', { name: 'Account blokkeren' })).toBeFocused();
}

test('staff post photos of an activity for two clients; a text file is refused; Daan sees the photo', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = String(Date.now()).slice(-6);
  const caption = `Samen naar de kinderboerderij ${stamp}`;

  await signInStaff(page, 'zorg@demo.example', '+31600000032');
  await page.goto('/team/fotos');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Foto's van een activiteit plaatsen");
  await expect(page.getByText("Plaats alleen foto's waarmee iedereen die erop staat het eens is.")).toBeVisible();
  const clients = page.getByRole('group', { name: "Bij welke cliënten horen de foto's?" });
  await expect(clients).toBeVisible();
  const daanBox = clients.getByRole('checkbox', { name: /^Daan Visser/ });
  await expect(daanBox).toBeEnabled();
  // A client whose portal has ended is shown with its state, and cannot be chosen.
  const sem = clients.getByRole('checkbox', { name: /^Sem de Boer/ });
  await expect(sem).toBeDisabled();
  await expect(clients.locator('.choice').filter({ hasText: 'Sem de Boer' })).toContainText('Portaal beëindigd: niet te kiezen');
  const picker = page.locator('#photo-files');
  await expect(picker).toHaveAttribute('accept', 'image/jpeg,image/png,image/webp');
  await expect(picker).toHaveAttribute('multiple', '');
  await expect(page.locator('#photo-camera')).toHaveAttribute('capture', 'environment');
  await expectNoAxeViolations(page);

  // A real photo and a text file that calls itself a photo.
  const png = await drawPng(page, 640);
  await picker.setInputFiles([
    { name: 'kinderboerderij.png', mimeType: 'image/png', buffer: png },
    { name: 'lijstje.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Geiten, kippen en een ezel. Dit is geen foto.') },
  ]);
  const rows = page.locator('li.upload');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByLabel('Wat staat er op de foto? (mag leeg blijven)').fill(caption);

  // Without a client nothing is sent, and the keyboard goes to the choice.
  await page.getByRole('button', { name: "Foto's plaatsen" }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kies minstens één cliënt.' })).toBeVisible();
  await expect(clients.getByRole('checkbox').and(page.locator(':not([disabled])')).first()).toBeFocused();
  await expect(rows.locator('.upload-status').nth(0)).toHaveText('Nog niet geplaatst.');
  await expectNoAxeViolations(page);

  // Daan and a second client of the team whose portal is in use or invited.
  await daanBox.check();
  const others = clients.getByRole('checkbox').and(page.locator(':not([disabled])'));
  const count = await others.count();
  let second = '';
  for (let i = 0; i < count; i++) {
    const box = others.nth(i);
    const label = (await box.evaluate((input) => input.closest('.choice')!.querySelector('label > span')!.textContent)) ?? '';
    if (label !== 'Daan Visser') {
      await box.check();
      second = label;
      break;
    }
  }
  expect(second).not.toBe('');
  await page.getByRole('button', { name: "Foto's plaatsen" }).click();
  const statuses = rows.locator('.upload-status');
  await expect(statuses.nth(0)).toHaveText('Geplaatst.', { timeout: 60_000 });
  await expect(rows.nth(0).locator('progress')).toHaveJSProperty('value', 100);
  await expect(statuses.nth(1)).toHaveText('Dit is geen foto die het portaal kan gebruiken. Kies een foto van het type JPEG, PNG of WebP.');
  await expect(page.getByRole('status').filter({ hasText: 'Geplaatst: 1 van 2. Niet gelukt: 1.' })).toBeVisible();
  // Links to the clients that now have the photo.
  await expect(page.getByRole('heading', { name: "De foto's staan nu bij:" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Daan Visser', exact: true })).toHaveAttribute('href', /^\/team\/client\/\d+$/);
  await expect(page.getByRole('link', { name: second, exact: true })).toHaveAttribute('href', /^\/team\/client\/\d+$/);
  await expectNoAxeViolations(page);
  const daanHref = await page.getByRole('link', { name: 'Daan Visser', exact: true }).getAttribute('href');
  const daan = Number(daanHref!.match(/(\d+)$/)![1]);

  // Daan sees the photo in his gallery.
  const daanContext = await newPerson(browser, page, baseURL);
  const daanPage = await daanContext.newPage();
  await signIn(daanPage, 'daan@demo.example', '+31600000001');
  const terms = daanPage.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  const heading = daanPage.getByRole('heading', { level: 1, name: 'Portaal van Daan Visser' });
  await expect(terms.or(heading)).toBeVisible();
  if (await terms.isVisible()) {
    await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  }
  await expect(heading).toBeVisible();
  await daanPage.goto(`/portaal/${daan}/fotos`);
  await expect(daanPage.locator(`button.photo-thumb img[alt="${caption}"]`)).toHaveCount(1);
  await daanContext.close();
});

test('moderation and staff photos read well at 200% text size on a narrow screen', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the narrow-screen check runs in the phone project');
  await signInStaff(page, 'zorg@demo.example', '+31600000032');
  for (const path of ['/team/moderatie?alle=1', '/team/fotos']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    if (path === '/team/fotos') {
      await page.locator('#photo-files').setInputFiles([
        { name: 'een-heel-lange-bestandsnaam-zonder-spaties-van-de-camera-IMG_20260101_120000.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('x') },
      ]);
      await expect(page.locator('li.upload')).toHaveCount(1);
    } else {
      await expect(page.locator('li.moderation-item').first()).toBeVisible();
    }
    // As a person's text size setting would (the CSP rightly forbids inline style tags).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scrolling on ${path}`).toBeLessThanOrEqual(0);
    if (path !== '/team/fotos') {
      // The dialog too.
      await page.locator('li.moderation-item').first().getByRole('button', { name: 'Weghalen' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      const dialogOverflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
      expect(dialogOverflow).toBeLessThanOrEqual(0);
      await dialog.getByRole('button', { name: 'Annuleren' }).click();
    }
  }
});
