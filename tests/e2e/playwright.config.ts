// End-to-end tests in Debian's Chromium against a freshly started Kring server.
// `cargo xtask test` starts the server (own temporary database, demo data, free port)
// and passes its address as KRING_BASE_URL.
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.KRING_BASE_URL;
if (!baseURL) {
  throw new Error('KRING_BASE_URL is not set: run the browser tests with `cargo xtask test --suite e2e`');
}
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseURL)) {
  throw new Error(`test traffic goes to 127.0.0.1 only, not ${baseURL}`);
}

const chromium = process.env.KRING_CHROMIUM ?? '/usr/bin/chromium';
// Which server this run has: `large` (large demo data) runs only the tests in `large/`,
// `clock` (a server of its own, whose clock the tests move) only those in `clock/`,
// `production` (a production-mode server, `tests/production/run.py`) those in `production/`.
const data = process.env.KRING_DEMO_DATA ?? 'small';
const testMatch =
  data === 'large'
    ? /\/large\/[^/]+\.spec\.ts$/
    : data === 'clock'
      ? /\/clock\/[^/]+\.spec\.ts$/
      : data === 'production'
        ? /\/production\/[^/]+\.spec\.ts$/
        : /\/e2e\/[^/]+\.spec\.ts$/;

export default defineConfig({
  testDir: '.',
  testMatch,
  outputDir: '../../target/e2e-output',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    locale: 'en-US', // the app must still start in Dutch
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, channel: undefined },
    },
  ],
});
