// Bench: Lighthouse (default mobile settings: Moto G Power-sized screen, simulated slow 4G
// and 4x CPU slowdown) on the sign-in page (signed out), and, signed in as Daan with the
// small demo data, on his portal's home page (the dashboard), the reports list and the
// photo gallery. Each page three times; the figures are each metric's median over the
// three runs (per metric, not the run with the median score).
//
// Run by `cargo xtask bench` with the Node 22 of this folder's node_modules (Lighthouse
// needs Node >= 22.19) against a release server it started. Prints one JSON line last.
// Every run's full Lighthouse report is written to $KRING_LIGHTHOUSE_OUT, if set.
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const base = process.env.KRING_BASE_URL;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base ?? '')) {
  throw new Error(`KRING_BASE_URL must be a loopback address, not ${base}`);
}
const RUNS = Number(process.env.KRING_LIGHTHOUSE_RUNS ?? 3);
const out = process.env.KRING_LIGHTHOUSE_OUT;
const EMAIL = 'daan@demo.example';
const PASSWORD = 'kring-demo-wachtwoord';
const MOBILE = '+31600000001';

const userDataDir = mkdtempSync(join(tmpdir(), 'kring-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.KRING_CHROMIUM ?? '/usr/bin/chromium',
  userDataDir,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-dev-shm-usage'],
  logLevel: 'silent',
});

try {
  const pages = [];
  pages.push(await measure('sign-in', `${base}/inloggen`));
  const clientId = await signIn();
  for (const [name, path] of [
    ['dashboard', `/portaal/${clientId}`],
    ['reports', `/portaal/${clientId}/rapportages`],
    ['gallery', `/portaal/${clientId}/fotos`],
  ]) {
    pages.push(await measure(name, `${base}${path}`));
  }
  console.log(JSON.stringify({
    lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version,
    chromium: chrome.process ? await browserVersion() : null,
    node: process.version,
    runs: RUNS,
    median: 'per metric',
    pages,
  }));
} finally {
  await chrome.kill();
  rmSync(userDataDir, { recursive: true, force: true });
}

async function browserVersion() {
  const response = await fetch(`http://127.0.0.1:${chrome.port}/json/version`);
  return (await response.json()).Browser;
}

/// Signs in as Daan in the browser Lighthouse uses, as a person would (password, then the
/// SMS code from the demo outbox, then the terms if asked), and returns his client id.
/// Lighthouse's storage reset between runs clears caches but keeps cookies, so each
/// measured load is a cold one of a signed-in person.
async function signIn() {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/inloggen`);
    await page.locator('::-p-aria([name="E-mailadres"][role="textbox"])').fill(EMAIL);
    await page.locator('input[type="password"]').fill(PASSWORD);
    await page.locator('::-p-aria([name="Verder"][role="button"])').click();
    const codeField = '::-p-aria([name="Code uit de sms"][role="textbox"])';
    await page.locator(codeField).wait();
    const outbox = await (await fetch(`${base}/api/v1/dev/outbox?limit=1&to=${encodeURIComponent(MOBILE)}`)).json();
    const code = outbox.items[0].body.match(/\b(\d{6})\b/)[1];
    await page.locator(codeField).fill(code);
    await page.locator('::-p-aria([name="Inloggen"][role="button"])').click();
    const accept = '::-p-aria([name="Ik accepteer"][role="button"])';
    const reports = 'a[href$="/rapportages"]';
    const first = await Promise.race([
      page.waitForSelector(accept).then(() => 'terms'),
      page.waitForSelector(reports).then(() => 'portal'),
    ]);
    if (first === 'terms') {
      await page.locator(accept).click();
      await page.waitForSelector(reports);
    }
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    await page.close();
    return session.portals[0].client_id;
  } finally {
    await browser.disconnect();
  }
}

/// Lighthouse on one URL, RUNS times, default (mobile) settings; the median of each metric.
async function measure(name, url) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    // A run that fails to record (NO_NAVSTART, a protocol timeout on a busy machine) is
    // repeated, at most twice.
    let result;
    for (let attempt = 1; ; attempt += 1) {
      result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const error = result?.lhr?.runtimeError;
      if (!error) break;
      if (attempt === 3) {
        throw new Error(`Lighthouse on ${url}: ${error.code} ${error.message}`);
      }
      process.stderr.write(`lighthouse ${name} run ${i + 1}: ${error.code}, once more\n`);
    }
    const lhr = result.lhr;
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
      throw new Error(`Lighthouse on ${url} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
    }
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${name}-${i + 1}.json`), result.report);
    }
    const audit = (id) => lhr.audits[id]?.numericValue ?? null;
    const score = (id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
    runs.push({
      performance: score('performance'),
      accessibility: score('accessibility'),
      best_practices: score('best-practices'),
      lcp_ms: audit('largest-contentful-paint'),
      tbt_ms: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      fcp_ms: audit('first-contentful-paint'),
      total_bytes: audit('total-byte-weight'),
      lcp_element: lcpElement(lhr),
      failing: failingAudits(lhr),
      warnings: lhr.runWarnings,
    });
    process.stderr.write(`lighthouse ${name} run ${i + 1}: ${JSON.stringify(runs.at(-1))}\n`);
  }
  const median = (key) => {
    const values = runs.map((r) => r[key]).filter((v) => v != null).sort((a, b) => a - b);
    return values.length ? values[Math.floor(values.length / 2)] : null;
  };
  return {
    name,
    path: new URL(url).pathname,
    performance: median('performance'),
    accessibility: median('accessibility'),
    best_practices: median('best_practices'),
    lcp_ms: median('lcp_ms'),
    tbt_ms: median('tbt_ms'),
    cls: median('cls'),
    fcp_ms: median('fcp_ms'),
    total_bytes: median('total_bytes'),
    lcp_element: runs[0].lcp_element,
    // Audits that lost points in any run (accessibility and best practices, and the
    // performance opportunities Lighthouse flagged), so a failing budget names its cause.
    failing: [...new Set(runs.flatMap((r) => r.failing))],
    runs,
  };
}

function failingAudits(lhr) {
  const ids = [];
  for (const [category, { auditRefs }] of Object.entries(lhr.categories)) {
    for (const ref of auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score == null || audit.scoreDisplayMode === 'informative'
        || audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'manual') continue;
      if (category === 'performance' ? (ref.weight === 0 && audit.score < 0.9) : (ref.weight > 0 && audit.score < 1)) {
        ids.push(`${category}:${ref.id}`);
      }
    }
  }
  return ids;
}

function lcpElement(lhr) {
  const node = (lhr.audits['lcp-breakdown-insight']?.details?.items ?? []).find((item) => item.type === 'node');
  return node ? `${node.selector}: ${node.nodeLabel?.slice(0, 60)}` : null;
}
