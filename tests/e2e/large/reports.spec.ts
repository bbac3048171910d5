// The reports list on the `large` demo data (10,000 reports for Daan), on a phone:
// scrolling appends pages in order without redrawing what is shown, and search finds
// its way through all of it. `cargo xtask test` runs this against its own server.
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, signIn } from '../helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the large data runs on a phone');
});

test('scrolls through the large data set: pages appended in order, nothing redrawn', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'daan@demo.example', '+31600000001');
  // Daan accepted only an earlier version of the terms.
  const accept = page.getByRole('button', { name: 'Ik accepteer', exact: true });
  const reportsLink = page.getByRole('link', { name: /^Rapportages/ });
  await expect(accept.or(reportsLink)).toBeVisible();
  if (await accept.isVisible()) {
    await accept.click();
  }
  await reportsLink.click();

  const reports = page.locator('article.report');
  await expect(reports).toHaveCount(30);
  await reports.first().evaluate((el) => ((el as any).__kept = true));
  // Scroll as a person would on a slow phone, until 600 reports are on the page. (On a
  // throttled CPU the browser hands over several intersection changes at once; taking
  // the oldest once stalled the list.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  while ((await reports.count()) < 600) {
    await page.locator('.load-more').scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(await reports.first().evaluate((el) => (el as any).__kept === true)).toBe(true);
  // Newest first, each report once, one heading per day.
  const times = await page.locator('article.report time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
  expect(times.length).toBeGreaterThanOrEqual(600);
  for (let i = 1; i < times.length; i++) {
    expect(Date.parse(times[i - 1])).toBeGreaterThanOrEqual(Date.parse(times[i]));
  }
  const ids = await reports.evaluateAll((els) => els.map((el) => el.getAttribute('aria-labelledby')));
  expect(new Set(ids).size).toBe(ids.length);
  const days = await page.locator('h2.day-heading').allTextContents();
  expect(new Set(days).size).toBe(days.length);
  await expectNoAxeViolations(page);

  // Search reaches the whole history, not just what is loaded.
  const oldest = times[times.length - 1];
  await page.getByLabel('Tot en met').fill(oldest.slice(0, 10));
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/tot=\d{4}-\d{2}-\d{2}$/);
  await expect(reports.first()).toBeVisible();
  const filtered = await page.locator('article.report time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
  expect(filtered.length).toBe(30);
  expect(Date.parse(filtered[0])).toBeLessThan(Date.parse(times[0]));
});
