// Bench: the reports list on the `large` demo data (10,000 reports), in Chromium on a
// phone viewport with 4x CPU throttling; prints the signed-in session for the load runs.
// Run by `cargo xtask bench` against a release server it started; prints one JSON line.
import { chromium } from '@playwright/test';

const base = process.env.KRING_BASE_URL;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base ?? '')) {
  throw new Error(`KRING_BASE_URL must be a loopback address, not ${base}`);
}
const PASSWORD = 'kring-demo-wachtwoord';
const MORE = 500;

const browser = await chromium.launch({
  executablePath: process.env.KRING_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({
  baseURL: base, viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
});
const page = await context.newPage();

// Sign in as Daan (the first client: he has the 10,000 reports).
await page.goto('/inloggen');
await page.getByLabel('E-mailadres').fill('daan@demo.example');
await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
await page.getByRole('button', { name: 'Verder' }).click();
await page.getByLabel('Code uit de sms').waitFor();
const outbox = await page.request.get('/api/v1/dev/outbox?limit=1&to=%2B31600000001');
const code = (await outbox.json()).items[0].body.match(/\b(\d{6})\b/)[1];
await page.getByLabel('Code uit de sms').fill(code);
await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
const accept = page.getByRole('button', { name: 'Ik accepteer', exact: true });
const reportsLink = page.getByRole('link', { name: /^Rapportages/ });
await Promise.race([accept.waitFor(), reportsLink.waitFor()]);
if (await accept.isVisible()) {
  await accept.click();
}
await reportsLink.waitFor();
// The reports page's code, fetched once, as on a second visit.
await reportsLink.click();
await page.locator('article.report').first().waitFor();
await page.goBack();
await reportsLink.waitFor();

const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

// Time from the click to the first report in the DOM, taken in the page.
await page.evaluate(() => {
  const w = window;
  w.__firstReport = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('article.report')) {
      w.__firstReport = performance.now();
      performance.mark('kring-first-report');
      observer.disconnect();
    }
  }).observe(document.body, { subtree: true, childList: true });
});
const clicked = await page.evaluate(() => { performance.mark('kring-open-reports'); return performance.now(); });
await reportsLink.click();
await page.waitForFunction(() => window.__firstReport !== null, null, { timeout: 60_000 });
const firstReportMs = (await page.evaluate(() => window.__firstReport)) - clicked;

// Time to have 500 more reports, scrolling as a person would.
const result = await page.evaluate(async (more) => {
  const count = () => document.querySelectorAll('article.report').length;
  const target = count() + more;
  const start = performance.now();
  while (count() < target) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (performance.now() - start > 60_000) break;
  }
  performance.mark('kring-500-more');
  return {
    ms: performance.now() - start,
    reports: count(),
    domNodes: document.getElementsByTagName('*').length,
  };
}, MORE);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

// For the load runs (oha, started by `cargo xtask bench`): the signed-in session, the
// report-page URL and the URL of one photo thumbnail (the smallest size).
const session = await (await page.request.get('/api/v1/session')).json();
const clientId = session.portals[0].client_id;
const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
const photos = await (await page.request.get(`/api/v1/portals/${clientId}/photos?limit=1`)).json();
const thumbnail = `${base}/api/v1${photos.items[0].sizes[0].path}`;
await browser.close();
console.log(JSON.stringify({
  first_report_ms: firstReportMs,
  more_500_ms: result.ms,
  reports_in_dom: result.reports,
  dom_nodes: result.domNodes,
  session: { cookie, reports_url: `${base}/api/v1/portals/${clientId}/reports?limit=30`, thumbnail_url: thumbnail },
}));
