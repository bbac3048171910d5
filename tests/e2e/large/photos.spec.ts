// The gallery on the `large` demo data (1,000 photos for Daan), on a phone: the first
// screen of thumbnails comes, only the images near the screen are fetched (far fewer
// than the 1,000 there are), and scrolling loads further pages without drawing the
// shown thumbnails again. `cargo xtask test` runs this against its own server.
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, signIn } from '../helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the large data runs on a phone');
});

/** An image of a photo: `/api/v1/portals/{client}/photos/{photo}/{width}`. */
const PHOTO_IMAGE = /\/api\/v1\/portals\/\d+\/photos\/\d+\/\d+$/;

test('1,000 photos: the first screen comes, images load only near the screen, scrolling adds pages', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'daan@demo.example', '+31600000001');
  // Daan accepted only an earlier version of the terms.
  const accept = page.getByRole('button', { name: 'Ik accepteer', exact: true });
  const galleryLink = page.getByRole('link', { name: /^Foto's Foto's van het dagelijks leven/ });
  await expect(accept.or(galleryLink)).toBeVisible();
  if (await accept.isVisible()) {
    await accept.click();
  }
  const images = new Set<string>();
  page.on('request', (request) => {
    if (PHOTO_IMAGE.test(new URL(request.url()).pathname)) {
      images.add(request.url());
    }
  });
  await galleryLink.click();

  // The first screen of thumbnails, loaded.
  const thumbs = page.locator('button.photo-thumb');
  await expect(thumbs.first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => {
    const shown = [...document.querySelectorAll<HTMLImageElement>('button.photo-thumb img')]
      .filter((img) => img.getBoundingClientRect().top < window.innerHeight);
    return shown.length > 0 && shown.every((img) => img.complete && img.naturalWidth > 0);
  }), { timeout: 30_000 }).toBe(true);
  const firstPage = await thumbs.count();
  expect(firstPage).toBeGreaterThan(0);
  expect(firstPage).toBeLessThan(1000);
  // Only what is near the screen was fetched: never more than the first page, and
  // only the smallest size (a phone's thumbnail needs no more).
  await page.waitForTimeout(1000);
  expect(images.size).toBeGreaterThan(0);
  expect(images.size).toBeLessThanOrEqual(firstPage);
  for (const url of images) {
    expect(url).toMatch(/\/320$/);
  }
  await thumbs.first().evaluate((el) => ((el as any).__kept = true));
  await expectNoAxeViolations(page);

  // Scrolling brings more pages, appended; what is shown stays as it is.
  while ((await thumbs.count()) < 3 * firstPage) {
    await page.locator('.load-more').scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
  }
  expect(await thumbs.first().evaluate((el) => (el as any).__kept === true)).toBe(true);
  const ids = await thumbs.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-photo')));
  expect(new Set(ids).size).toBe(ids.length);
  const months = await page.locator('h2.month-heading').allTextContents();
  expect(new Set(months).size).toBe(months.length);
  // Still far fewer images fetched than there are photos, or even thumbnails on the page.
  await page.waitForTimeout(500);
  expect(images.size).toBeLessThan(ids.length);
  expect(images.size).toBeLessThan(1000);
});
