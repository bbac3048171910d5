// The photo gallery on a phone. Lotte Dekker (demo) is her own portal's administrator
// and accepted the terms in force: she opens the gallery (months, square lazy
// thumbnails, the notice, no menu on photos), pages through the viewer, uploads three
// photos and a text file at once (progress, two at a time, the text file refused in
// plain words, the others posted), stops an upload, and removes a photo. Someone
// without the right to see photos gets no gallery, from the app or the server.
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestCode, latestMessage, signIn } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the gallery flows run on a phone');
});

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';

/** Signs Lotte in and returns her client id (from the portal's links). */
async function signInLotte(page: Page): Promise<number> {
  await signIn(page, 'lotte@demo.example', '+31600000004');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  const href = await page.getByRole('link', { name: /^Zorgplan/ }).getAttribute('href');
  return Number(href!.match(/\/portaal\/(\d+)\//)![1]);
}

/** The gallery's link on the portal overview (not the one for adding photos). */
function galleryLink(page: Page) {
  return page.getByRole('link', { name: /^Foto's Foto's van het dagelijks leven/ });
}

/** Real images drawn in the page: PNG or JPEG, noisy so they have some size. */
async function drawImages(page: Page, specs: { type: 'image/png' | 'image/jpeg'; width: number; hue: number }[]) {
  const encoded = await page.evaluate((specs) => specs.map(({ type, width, hue }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = Math.round(width * 0.75);
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < image.data.length; i += 4) {
      image.data[i] = (hue + Math.random() * 60) % 256;
      image.data[i + 1] = (i / image.data.length) * 255;
      image.data[i + 2] = Math.random() * 255;
      image.data[i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    return canvas.toDataURL(type).split(',')[1];
  }), specs);
  return encoded.map((base64) => Buffer.from(base64, 'base64'));
}

/** Today on the browser's clock, YYYY-MM-DD. */
async function today(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}

/** Slows uploads down (or back to normal with `null`), to see them on their way. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}

test('the gallery: months, square lazy thumbnails, the notice, no menu on photos, and the viewer', async ({ page }) => {
  test.setTimeout(90_000);
  await signInLotte(page);
  await galleryLink(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Foto's");
  await expect(page.getByText("Op de foto's kunnen ook andere mensen staan. Kopieer of deel de foto's daarom niet buiten het portaal.")).toBeVisible();
  const thumbs = page.locator('button.photo-thumb');
  await expect(thumbs.first()).toBeVisible();
  const sizes = await thumbs.evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]));

  // A heading per month, newest first.
  const months = await page.locator('h2.month-heading').allTextContents();
  expect(months.length).toBeGreaterThan(0);
  for (const month of months) {
    expect(month).toMatch(new RegExp(`^(${MONTHS}) \\d{4}$`));
  }
  expect(new Set(months).size).toBe(months.length);

  // Every thumbnail: square, with its size given, fetched only when near the screen,
  // the smallest sharp size from srcset, and a text alternative.
  const images = await page.locator('button.photo-thumb img').evaluateAll((imgs) => imgs.map((img) => ({
    width: img.getAttribute('width'),
    height: img.getAttribute('height'),
    loading: img.getAttribute('loading'),
    decoding: img.getAttribute('decoding'),
    srcset: img.getAttribute('srcset') ?? '',
    sizes: img.getAttribute('sizes') ?? '',
    alt: img.getAttribute('alt') ?? '',
    draggable: img.getAttribute('draggable'),
  })));
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) {
    expect(Number(image.width)).toBeGreaterThan(0);
    expect(Number(image.height)).toBeGreaterThan(0);
    expect(image.loading).toBe('lazy');
    expect(image.decoding).toBe('async');
    expect(image.srcset).toMatch(/\/api\/v1\/portals\/\d+\/photos\/\d+\/320 \d+w/);
    expect(image.sizes).not.toBe('');
    expect(image.alt.trim()).not.toBe('');
    expect(image.draggable).toBe('false');
  }
  for (const [width, height] of sizes) {
    expect(Math.abs(width - height)).toBeLessThanOrEqual(1);
  }
  // Three columns on a phone.
  const columns = await page.locator('.photo-grid').evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
  expect(columns).toBe(3);
  // Nothing moved when the images arrived.
  await expect.poll(() => page.locator('button.photo-thumb img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const after = await thumbs.evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]));
  expect(after).toEqual(sizes);

  // No menu to save or share a photo, no dragging, and no download or share anywhere.
  const prevented = await page.locator('button.photo-thumb img').first().evaluate((img) => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    img.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(prevented).toBe(true);
  const dragPrevented = await page.locator('button.photo-thumb img').first().evaluate((img) => {
    const event = new DragEvent('dragstart', { bubbles: true, cancelable: true });
    img.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(dragPrevented).toBe(true);
  expect(await page.locator('img').first().evaluate(() => getComputedStyle(document.querySelector('.photo-thumb img')!).userSelect)).toBe('none');
  await expect(page.locator('a[download]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /download|delen|share|opslaan/i })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The viewer: caption as its name, who placed it, "Foto 1 van N".
  const first = thumbs.first();
  const firstId = await first.getAttribute('data-photo');
  const firstAlt = await first.locator('img').getAttribute('alt');
  await first.click();
  await expect(page.getByRole('dialog', { name: firstAlt! })).toBeVisible();
  const viewer = page.getByRole('dialog');
  await expect(viewer.locator('.viewer-position')).toHaveText(new RegExp(`^Foto 1 van ${await thumbs.count()}$`));
  await expect(viewer.locator('.viewer-position')).toHaveAttribute('aria-live', 'polite');
  await expect(viewer).toHaveAttribute('aria-modal', 'true');
  await expect(viewer.locator('.viewer-meta')).toContainText(/^Geplaatst door .+ op \d{1,2} \w+ \d{4}\./);
  const image = viewer.locator('img.viewer-image');
  await expect(image).toHaveAttribute('src', new RegExp(`/photos/${firstId}/\\d+$`));
  const firstSrc = await image.getAttribute('src');
  expect(await image.evaluate((img) => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    img.dispatchEvent(event);
    return event.defaultPrevented;
  })).toBe(true);
  await expectNoAxeViolations(page);

  // The arrow keys go to the next and the previous photo.
  await page.keyboard.press('ArrowRight');
  await expect(viewer.locator('.viewer-position')).toHaveText(/^Foto 2 van \d+$/);
  await expect(image).not.toHaveAttribute('src', firstSrc!);
  const secondSrc = await image.getAttribute('src');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.locator('.viewer-position')).toHaveText(/^Foto 1 van \d+$/);
  await expect(image).toHaveAttribute('src', firstSrc!);
  // So does swiping: a horizontal move of more than 50 pixels.
  const stage = await viewer.locator('.viewer-stage').boundingBox();
  const y = stage!.y + stage!.height / 2;
  await page.mouse.move(stage!.x + stage!.width - 20, y);
  await page.mouse.down();
  await page.mouse.move(stage!.x + 40, y, { steps: 5 });
  await page.mouse.up();
  await expect(image).toHaveAttribute('src', secondSrc!);
  // The keys still work after a swipe, wherever the focus went; and the buttons.
  await page.keyboard.press('ArrowLeft');
  await expect(image).toHaveAttribute('src', firstSrc!);
  await page.getByRole('button', { name: 'Volgende foto' }).click();
  await expect(image).toHaveAttribute('src', secondSrc!);
  await page.getByRole('button', { name: 'Vorige foto' }).click();
  await expect(image).toHaveAttribute('src', firstSrc!);

  // Escape closes; the focus is back on the thumbnail that opened it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(first).toBeFocused();
});

test('uploads three photos and a text file at once, stops one, and removes a photo', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = String(Date.now()).slice(-6);
  const clientId = await signInLotte(page);
  await galleryLink(page).click();
  await expect(page.locator('button.photo-thumb').first()).toBeVisible();
  const before = await page.locator('button.photo-thumb').count();
  await page.getByRole('link', { name: "Foto's toevoegen" }).click();
  await expect(page).toHaveURL(new RegExp(`/portaal/${clientId}/fotos/toevoegen$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Foto's toevoegen");
  await expect(page.getByText('Hoogstens 15 MB per foto.')).toBeVisible();
  const picker = page.locator('#photo-files');
  await expect(picker).toHaveAttribute('accept', 'image/jpeg,image/png,image/webp');
  await expect(picker).toHaveAttribute('multiple', '');
  await expect(page.locator('#photo-camera')).toHaveAttribute('capture', 'environment');
  await expectNoAxeViolations(page);

  // Three real photos (two PNG, one JPEG) and a text file that calls itself a photo.
  const [cake, walk, garden] = await drawImages(page, [
    { type: 'image/png', width: 600, hue: 10 },
    { type: 'image/jpeg', width: 900, hue: 120 },
    { type: 'image/png', width: 600, hue: 200 },
  ]);
  await picker.setInputFiles([
    { name: 'taart.png', mimeType: 'image/png', buffer: cake },
    { name: 'wandeling.jpg', mimeType: 'image/jpeg', buffer: walk },
    { name: 'tuin.png', mimeType: 'image/png', buffer: garden },
    { name: 'boodschappen.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Melk, brood en kaas. Dit is geen foto.') },
  ]);
  const rows = page.locator('li.upload');
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('h3')).toHaveText(['taart.png', 'wandeling.jpg', 'tuin.png', 'boodschappen.jpg']);
  const captions = [`Taart bakken ${stamp}`, `Wandeling in het bos ${stamp}`, `In de tuin ${stamp}`];
  for (const [i, caption] of captions.entries()) {
    await rows.nth(i).getByLabel('Wat staat er op de foto? (mag leeg blijven)').fill(caption);
    await expect(rows.nth(i).getByText(`${caption.length} van de 300 tekens`)).toBeVisible();
  }
  await rows.nth(0).getByLabel('Wanneer is de foto gemaakt? (mag leeg blijven)').fill(await today(page));
  await expectNoAxeViolations(page);

  // Slowed down, the photos go two at a time, each with its own progress bar.
  await throttleUploads(page, 250 * 1024);
  await page.getByRole('button', { name: "Foto's plaatsen" }).click();
  const statuses = rows.locator('.upload-status');
  await expect(statuses.filter({ hasText: /^Bezig met versturen: \d+%$/ })).toHaveCount(2);
  await expect(statuses.filter({ hasText: 'Wacht op zijn beurt.' })).toHaveCount(2);
  await expect(rows.locator('progress')).toHaveCount(4);
  await expect.poll(() => rows.nth(0).locator('progress').evaluate((p: HTMLProgressElement) => p.value), { timeout: 20_000 }).toBeGreaterThan(0);
  await expectNoAxeViolations(page);

  // The three photos are posted; the text file says why not; the others went on.
  for (let i = 0; i < 3; i++) {
    await expect(statuses.nth(i)).toHaveText('Geplaatst.', { timeout: 60_000 });
    await expect(rows.nth(i).locator('progress')).toHaveJSProperty('value', 100);
  }
  await expect(statuses.nth(3)).toHaveText('Dit is geen foto die het portaal kan gebruiken. Kies een foto van het type JPEG, PNG of WebP.');
  await expect(page.getByRole('status').filter({ hasText: 'Geplaatst: 3 van 4. Niet gelukt: 1.' })).toBeVisible();
  await expect(rows.nth(3).getByRole('button', { name: 'Opnieuw proberen' })).toHaveCount(0);

  // One more photo, stopped on its way: it is not posted.
  const [large] = await drawImages(page, [{ type: 'image/png', width: 1000, hue: 60 }]);
  await throttleUploads(page, 50 * 1024);
  await picker.setInputFiles([{ name: 'gestopt.png', mimeType: 'image/png', buffer: large }]);
  const stopped = rows.filter({ hasText: 'gestopt.png' });
  await stopped.getByLabel('Wat staat er op de foto? (mag leeg blijven)').fill(`Gestopt ${stamp}`);
  await page.getByRole('button', { name: "Foto's plaatsen" }).click();
  await expect(stopped.locator('.upload-status')).toHaveText(/^Bezig met versturen/);
  await stopped.getByRole('button', { name: 'Annuleren' }).click();
  await expect(stopped.locator('.upload-status')).toHaveText('Gestopt. Deze foto is niet geplaatst.');
  await expect(stopped.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
  await throttleUploads(page, null);

  // Back in the gallery, the new photos are there, newest first.
  await page.getByRole('link', { name: "Bekijk de foto's" }).click();
  await expect(page).toHaveURL(new RegExp(`/portaal/${clientId}/fotos$`));
  const thumbs = page.locator('button.photo-thumb');
  await expect(thumbs).toHaveCount(before + 3);
  for (const caption of captions) {
    await expect(page.locator(`button.photo-thumb img[alt="${caption}"]`)).toHaveCount(1);
  }
  await expect(page.locator(`img[alt="Gestopt ${stamp}"]`)).toHaveCount(0);
  // The one taken today is in this month's heading, at the top.
  const [year, month] = (await today(page)).split('-');
  const monthName = MONTHS.split('|')[Number(month) - 1];
  await expect(page.locator('h2.month-heading').first()).toHaveText(`${monthName} ${year}`);

  // In the viewer: its caption and who placed it.
  const cakeThumb = page.locator('button.photo-thumb').filter({ has: page.locator(`img[alt="${captions[0]}"]`) });
  const cakeId = await cakeThumb.getAttribute('data-photo');
  await cakeThumb.click();
  const viewer = page.getByRole('dialog', { name: captions[0] });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading', { name: captions[0] })).toBeVisible();
  await expect(viewer.locator('.viewer-meta')).toContainText('Geplaatst door Lotte Dekker op');
  const image = viewer.locator('img.viewer-image');
  await expect(image).toHaveAttribute('src', new RegExp(`/photos/${cakeId}/\\d+$`));
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Removing it from this portal, after saying what that means.
  await viewer.getByRole('button', { name: 'Weghalen uit dit portaal' }).click();
  const confirm = page.getByRole('dialog', { name: 'Foto weghalen uit dit portaal?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('De foto verdwijnt dan alleen uit dit portaal');
  await expect(confirm).toContainText('De zorgorganisatie bewaart de foto zo lang als de wet dat vraagt.');
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Ja, weghalen' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'De foto is weggehaald uit dit portaal.' })).toBeVisible();
  await expect(page.locator(`button.photo-thumb[data-photo="${cakeId}"]`)).toHaveCount(0);
  await expect(thumbs).toHaveCount(before + 2);
  await page.reload();
  await expect(thumbs).toHaveCount(before + 2);
  await expect(page.locator(`button.photo-thumb[data-photo="${cakeId}"]`)).toHaveCount(0);
  // Its image is no longer served in this portal either.
  expect((await page.request.get(`/api/v1/portals/${clientId}/photos/${cakeId}/320`)).status()).toBe(404);
});

/** A second person's browser, shaped like the phone project's. */
async function phoneContext(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: { width: 360, height: 800 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
}

test('without the right to see photos there is no gallery; seeing without adding has no upload', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `geen-fotos-${stamp}@example.org`;
  const mobile = `+316${String(stamp).slice(-8)}`;
  const name = `Kees ${String(stamp).slice(-6)}`;

  // Lotte invites someone who may only read the notes.
  const clientId = await signInLotte(page);
  await page.goto(`/portaal/${clientId}/kring/uitnodigen`);
  await page.getByLabel('Naam', { exact: true }).fill(name);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Relatie').fill('Buurman');
  await page.getByRole('checkbox', { name: /^Berichten lezen/ }).check();
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page).toHaveURL(/\/kring\?uitgenodigd=1$/);
  const photoId = await page.evaluate(async (clientId) => {
    const response = await fetch(`/api/v1/portals/${clientId}/photos?limit=1`);
    return (await response.json()).items[0].id as number;
  }, clientId);

  // The invitee accepts with a new account.
  const context = await phoneContext(browser, baseURL);
  const contact = await context.newPage();
  const mail = await latestMessage(contact.request, email);
  const link = new URL(mail.match(/https?:\/\/\S+\/uitnodiging#\S+/)![0]);
  await contact.goto(`${link.pathname}${link.hash}`);
  await expect(contact.getByText('U komt in de kring als: Buurman.')).toBeVisible();
  await contact.getByRole('button', { name: 'Account maken' }).click();
  await expect(contact.getByLabel('E-mailadres')).toHaveValue(email);
  await contact.getByLabel('Mobiel nummer').fill(mobile);
  await contact.getByLabel('Kies een wachtwoord').fill('mijn fiets staat in de gang');
  await contact.getByRole('button', { name: 'Verder' }).click();
  await expect(contact.getByLabel('Code uit de sms')).toBeVisible();
  await contact.getByLabel('Code uit de sms').fill(await latestCode(contact.request, mobile));
  await contact.getByRole('button', { name: 'Account maken' }).click();
  const terms = contact.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(contact.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');

  // No link to the gallery, and the gallery's address says so.
  await expect(contact.getByRole('link', { name: /^Berichten/ })).toBeVisible();
  await expect(contact.getByRole('link', { name: /^Foto's/ })).toHaveCount(0);
  await contact.goto(`/portaal/${clientId}/fotos`);
  await expect(contact.getByRole('heading', { level: 1 })).toHaveText("Foto's");
  await expect(contact.getByText('U mag dit deel van het dossier niet zien.')).toBeVisible();
  await expect(contact.locator('button.photo-thumb')).toHaveCount(0);
  await contact.goto(`/portaal/${clientId}/fotos/toevoegen`);
  await expect(contact.getByText("U mag geen foto's toevoegen.")).toBeVisible();
  await expect(contact.locator('#photo-files')).toHaveCount(0);
  // The server refuses too: the list and the image itself.
  expect((await contact.request.get(`/api/v1/portals/${clientId}/photos`)).status()).toBe(403);
  expect((await contact.request.get(`/api/v1/portals/${clientId}/photos/${photoId}/320`)).status()).toBe(404);
  await context.close();

  // Anna (Daan's grandmother) may see photos but not add them.
  const annaContext = await phoneContext(browser, baseURL);
  const anna = await annaContext.newPage();
  await signIn(anna, 'anna@demo.example', '+31600000051');
  await expect(anna.getByRole('heading', { level: 1 })).toHaveText('Portaal van Daan Visser');
  await expect(galleryLink(anna)).toBeVisible();
  await expect(anna.getByRole('link', { name: /^Foto's toevoegen/ })).toHaveCount(0);
  await galleryLink(anna).click();
  await expect(anna.locator('button.photo-thumb').first()).toBeVisible();
  await expect(anna.getByRole('link', { name: "Foto's toevoegen" })).toHaveCount(0);
  // Photos she did not place are not hers to remove.
  await anna.locator('button.photo-thumb').first().click();
  await expect(anna.getByRole('dialog')).toBeVisible();
  await expect(anna.getByRole('button', { name: 'Weghalen uit dit portaal' })).toHaveCount(0);
  await anna.keyboard.press('Escape');
  const daan = anna.url().match(/\/portaal\/(\d+)\//)![1];
  await anna.goto(`/portaal/${daan}/fotos/toevoegen`);
  await expect(anna.getByText("U mag geen foto's toevoegen.")).toBeVisible();
  await annaContext.close();
});

test('the gallery and the upload page read well at 200% text size on a narrow screen', async ({ page }) => {
  const clientId = await signInLotte(page);
  for (const path of ['fotos', 'fotos/toevoegen']) {
    await page.goto(`/portaal/${clientId}/${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    if (path === 'fotos') {
      await expect(page.locator('button.photo-thumb').first()).toBeVisible();
    } else {
      await page.locator('#photo-files').setInputFiles([
        { name: 'een-heel-lange-bestandsnaam-zonder-spaties-van-de-camera-IMG_20260101_120000.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('x') },
      ]);
      await expect(page.locator('li.upload')).toHaveCount(1);
    }
    // As a person's text size setting would (the CSP rightly forbids inline style tags).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scrolling on ${path}`).toBeLessThanOrEqual(0);
  }
  // Still three columns of photos.
  await page.goto(`/portaal/${clientId}/fotos`);
  await expect(page.locator('button.photo-thumb').first()).toBeVisible();
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const columns = await page.locator('.photo-grid').evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
  expect(columns).toBe(3);
  // The viewer too.
  await page.locator('button.photo-thumb').first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  const viewerOverflow = await page.locator('dialog.modal-viewer').evaluate((d) => d.scrollWidth - d.clientWidth);
  expect(viewerOverflow).toBeLessThanOrEqual(0);
});
