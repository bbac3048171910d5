// Bench: the development loop (`cargo xtask dev`). Opens the app that `trunk serve`
// serves, changes a visible text (the start page's heading in locales/nl.json, as a
// developer saving the file would), and times until the browser shows it: Trunk sees the
// save, rebuilds the debug WASM and reloads the page. The file is put back after each
// run (and that change is awaited too, so every run starts from the same state).
// Prints one JSON line: {"runs_s": [...], "restore_s": [...]}.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

const base = process.env.KRING_BASE_URL;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base ?? '')) {
  throw new Error(`KRING_BASE_URL must be a loopback address, not ${base}`);
}
const runs = Number(process.env.KRING_DEV_RUNS ?? '3');
const timeoutMs = Number(process.env.KRING_DEV_TIMEOUT_MS ?? '300000');
const LOCALE = 'locales/nl.json';
const HEADING = '"welcome": "Welkom bij';

const original = readFileSync(LOCALE, 'utf8');
if (!original.includes(HEADING)) {
  throw new Error(`${LOCALE} no longer has ${HEADING}; choose another visible text`);
}

const browser = await chromium.launch({
  executablePath: process.env.KRING_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await (await browser.newContext({ baseURL: base })).newPage();

/** Seconds from `save()` until the start page's heading starts with `words`. */
async function timeSave(save, words) {
  const started = performance.now();
  save();
  await headingStartingWith(words).waitFor({ timeout: timeoutMs });
  return (performance.now() - started) / 1000;
}

function headingStartingWith(words) {
  return page.locator('h1', { hasText: new RegExp(`^${words.replace(/[()]/g, '\\$&')}`) });
}

const result = { runs_s: [], restore_s: [] };
try {
  await page.goto('/');
  await headingStartingWith('Welkom bij').waitFor({ timeout: timeoutMs });
  for (let run = 1; run <= runs; run++) {
    const words = `Welkom (${run}) bij`;
    result.runs_s.push(await timeSave(
      () => writeFileSync(LOCALE, original.replace(HEADING, `"welcome": "${words}`)),
      words,
    ));
    result.restore_s.push(await timeSave(() => writeFileSync(LOCALE, original), 'Welkom bij'));
  }
} finally {
  writeFileSync(LOCALE, original);
  await browser.close();
}
console.log(JSON.stringify(result));
