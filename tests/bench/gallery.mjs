// Bench: the gallery on the `large` demo data (1,000 photos for Daan), in Chromium on a
// phone viewport with 4x CPU throttling: time until the first screen of thumbnails is
// shown, and the bytes that took (CDP network events). Then the upload: ten
// camera-sized JPEGs (4000x3000, drawn in the page) sent two at a time, re-encoded by
// the server, as photos per second. Run by `cargo xtask bench` against a release server
// it started; prints one JSON line.
import { chromium } from '@playwright/test';

const base = process.env.KRING_BASE_URL;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base ?? '')) {
  throw new Error(`KRING_BASE_URL must be a loopback address, not ${base}`);
}
const PASSWORD = 'kring-demo-wachtwoord';
const UPLOADS = Number(process.env.KRING_BENCH_UPLOADS ?? 10);
const IN_FLIGHT = 2;
const PHOTO_IMAGE = /\/api\/v1\/portals\/\d+\/photos\/\d+\/\d+$/;

const browser = await chromium.launch({
  executablePath: process.env.KRING_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({
  baseURL: base, viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
});
const page = await context.newPage();

// Sign in as Daan (the first client: he has the 1,000 photos).
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
const galleryLink = page.getByRole('link', { name: /^Foto's Foto's van het dagelijks leven/ });
await Promise.race([accept.waitFor(), galleryLink.waitFor()]);
if (await accept.isVisible()) {
  await accept.click();
}
await galleryLink.waitFor();
// The gallery page's code, fetched once, as on a second visit; then a fresh page, so
// no thumbnail is still in its memory (the images are `no-store`).
await galleryLink.click();
await page.locator('button.photo-thumb').first().waitFor();
await page.goto('/portaal');
await galleryLink.waitFor();

// Every response's bytes on the wire, from the moment of the click.
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
const urls = new Map();
const finished = [];
cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
cdp.on('Network.loadingFinished', (event) => {
  finished.push({ url: urls.get(event.requestId) ?? '', bytes: event.encodedDataLength, at: Date.now() });
});
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

// In the page: the moment every thumbnail on the first screen has its image.
await page.evaluate(() => {
  const w = window;
  w.__firstScreen = null;
  const check = () => {
    const shown = [...document.querySelectorAll('button.photo-thumb img')]
      .filter((img) => img.getBoundingClientRect().top < window.innerHeight);
    if (shown.length > 0 && shown.every((img) => img.complete && img.naturalWidth > 0)) {
      w.__firstScreen = performance.now();
      w.__firstScreenCount = shown.length;
      performance.mark('kring-gallery-first-screen');
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});
const clickedAt = Date.now();
const clicked = await page.evaluate(() => { performance.mark('kring-open-gallery'); return performance.now(); });
await galleryLink.click();
await page.waitForFunction(() => window.__firstScreen !== null, null, { timeout: 60_000 });
const doneAt = Date.now();
const firstScreenMs = (await page.evaluate(() => window.__firstScreen)) - clicked;
const thumbnailsOnScreen = await page.evaluate(() => window.__firstScreenCount);
// Whatever else the page fetches by itself (the images just below the screen).
await page.waitForTimeout(2000);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
const sum = (list) => list.reduce((total, f) => total + f.bytes, 0);
const isImage = (f) => PHOTO_IMAGE.test(new URL(f.url || 'http://x/').pathname);
const untilFirstScreen = finished.filter((f) => f.at >= clickedAt && f.at <= doneAt);
const settled = finished.filter((f) => f.at >= clickedAt);
const thumbnailsInDom = await page.locator('button.photo-thumb').count();

// Ten camera-sized JPEGs: gradients, shapes and sensor-like noise, 4000x3000 at 0.92.
const session = await (await page.request.get('/api/v1/session')).json();
const clientId = session.portals.find((p) => p.role === 'administrator')?.client_id ?? session.portals[0].client_id;
const upload = await page.evaluate(async ({ count, inFlight, clientId }) => {
  const canvas = document.createElement('canvas');
  canvas.width = 4000;
  canvas.height = 3000;
  const context = canvas.getContext('2d');
  const sky = context.createLinearGradient(0, 0, 0, canvas.height);
  sky.addColorStop(0, '#5aa0d8');
  sky.addColorStop(0.55, '#d9e8f2');
  sky.addColorStop(0.56, '#4d8a3a');
  sky.addColorStop(1, '#2f5a24');
  context.fillStyle = sky;
  context.fillRect(0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    const noise = (Math.random() - 0.5) * 24;
    data[i] += noise;
    data[i + 1] += noise;
    data[i + 2] += noise;
  }
  context.putImageData(pixels, 0, 0);
  const blobs = [];
  for (let n = 0; n < count; n++) {
    context.fillStyle = `hsl(${n * 36}, 55%, 50%)`;
    context.fillRect(300 + n * 320, 1200 + (n % 3) * 200, 500, 700);
    blobs.push(await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92)));
  }
  const send = async (blob, n) => {
    const form = new FormData();
    form.append('file', blob, `camera-${n}.jpg`);
    form.append('caption', `Bench ${n}`);
    const response = await fetch(`/api/v1/portals/${clientId}/photos`, {
      method: 'POST', body: form, headers: { 'X-Kring-CSRF': '1', Accept: 'application/json' },
    });
    await response.arrayBuffer();
    return response.status;
  };
  let next = 0;
  const statuses = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < blobs.length) {
      const n = next++;
      statuses.push(await send(blobs[n], n));
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return {
    photos: blobs.length,
    seconds,
    average_bytes: blobs.reduce((total, b) => total + b.size, 0) / blobs.length,
    failures: statuses.filter((s) => s !== 201).length,
    statuses,
  };
}, { count: UPLOADS, inFlight: IN_FLIGHT, clientId });

await browser.close();
if (upload.failures > 0) {
  throw new Error(`uploads refused: ${JSON.stringify(upload.statuses)}`);
}
console.log(JSON.stringify({
  gallery: {
    first_screen_ms: firstScreenMs,
    thumbnails_on_screen: thumbnailsOnScreen,
    thumbnails_in_dom: thumbnailsInDom,
    bytes_first_screen: sum(untilFirstScreen),
    images_first_screen: untilFirstScreen.filter(isImage).length,
    bytes_settled: sum(settled),
    images_settled: settled.filter(isImage).length,
  },
  upload: {
    ...upload,
    in_flight: IN_FLIGHT,
    width: 4000,
    height: 3000,
    per_second: upload.photos / upload.seconds,
  },
}));
