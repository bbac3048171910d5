// The app shell: branding and emergency number from the API, language, navigation,
// accessibility, security headers, loading/error/offline states, large text.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Records CSP violations and console errors on the page. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) {
      problems.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** The app has replaced the static shell and shows the organisation. */
async function appReady(page: Page) {
  await expect(page.locator('.site-header .brand-name')).toHaveText('Zorggroep De Linde');
}

test('starts in Dutch with the organisation and its emergency number', async ({ page }) => {
  const problems = await watch(page);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij het cliëntportaal van Zorggroep De Linde.');
  const emergency = page.getByRole('complementary', { name: 'Niet voor noodgevallen.' });
  await expect(emergency).toBeVisible();
  const phone = emergency.getByRole('link', { name: '030 700 11 22' });
  await expect(phone).toHaveAttribute('href', 'tel:+31307001122');
  await expect(emergency).toContainText('112');
  await expect(page).toHaveTitle(/De Linde/);
  // Brand colour from the API reaches the style sheet.
  const brand = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim());
  expect(brand).toBe('#1f5f4a');
  expect(problems).toEqual([]);
  expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
});

test('sends a strict CSP and security headers, and nothing violates them', async ({ page }) => {
  const problems = await watch(page);
  const response = await page.goto('/voorwaarden');
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cache-control']).toBe('no-cache');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebruiksvoorwaarden');
  const api = await page.request.get('/api/v1/organisation');
  expect(api.headers()['cache-control']).toBe('no-store');
  expect(problems).toEqual([]);
  expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
});

test('switches to English, remembers it, and switches back', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the client portal of Zorggroep De Linde.');
  await expect(page.getByRole('complementary', { name: 'Not for emergencies.' })).toContainText('Available day and night');
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the client portal of Zorggroep De Linde.');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');
});

for (const language of ['nl', 'en']) {
  test(`every page passes axe-core (${language})`, async ({ page }) => {
    // Ten pages, each loaded anew and checked by axe-core: more than the default 30 s
    // on a loaded 2-core machine.
    test.slow();
    const pages = ['/', '/contact', '/voorwaarden', '/voorwaarden/1', '/privacy', '/bestaat-niet', '/inloggen', '/wachtwoord-vergeten', '/activeren', '/wachtwoord-herstellen'];
    await page.goto('/');
    await appReady(page);
    if (language === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
    }
    for (const path of pages) {
      await page.goto(path);
      await appReady(page);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('.skeleton')).toHaveCount(0);
      await expectNoAxeViolations(page);
    }
  });
}

test('navigates by keyboard: skip link first, then the menu', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#content')).toBeFocused();
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await menu.getByRole('link', { name: 'Contact' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/contact$/);
  await expect(menu.getByRole('link', { name: 'Contact' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: /Bel het zorgteam/ })).toHaveAttribute('href', 'tel:+31307001122');
});

test('shows the terms in force with what changed, and earlier versions', async ({ page }) => {
  await page.goto('/voorwaarden');
  await appReady(page);
  await expect(page.getByText(/^Versie 2, geldig vanaf/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wat is er veranderd?' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Alle versies' });
  // Both versions are listed (a staff test may have published a future third one).
  await expect(history.getByRole('link', { name: /^Versie 2/ })).toBeVisible();
  await history.getByRole('link', { name: /^Versie 1/ }).click();
  await expect(page).toHaveURL(/\/voorwaarden\/1$/);
  await expect(page.getByText('Dit is niet de versie die nu geldt.')).toBeVisible();
  await page.goto('/voorwaarden/99');
  await expect(page.getByRole('alert')).toContainText('Dit bestaat niet');
  // The footer names the version in force on every page.
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Gebruiksvoorwaarden (versie 2)' })).toBeVisible();
});

test('unknown addresses get a not-found page', async ({ page }) => {
  const response = await page.goto('/dit/bestaat/niet');
  expect(response?.status()).toBe(200);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a failed load explains itself and can be retried', async ({ page }) => {
  let fail = true;
  await page.route('**/api/v1/privacy-statement', async (route) => {
    if (fail) {
      await route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'urn:kring:problem:internal', title: 'Er ging iets mis', status: 500, code: 'internal' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/privacy');
  await appReady(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Er ging iets mis bij de server');
  fail = false;
  await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/^Bijgewerkt op/)).toBeVisible();
  // The retention period, from the organisation's setting (20 years in the demo).
  await expect(page.getByText('We bewaren de gegevens van het portaal 20 jaar nadat de zorg is gestopt. Daarna halen we ze weg.')).toBeVisible();
});

test('the start and sign-in pages load no page chunks; other pages load theirs', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  // An organisation without sign-in services (this server offers two: see below).
  await page.route('**/api/v1/organisation', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), sign_in_services: false } });
  });
  await page.goto('/');
  await appReady(page);
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByLabel('E-mailadres')).toBeVisible();
  // What the bundle budget measures is all these pages need.
  expect(fetched.filter((path) => /\/(chunk_|split_)/.test(path))).toEqual([]);
  await expect(page.getByRole('button', { name: /^Inloggen met / })).toHaveCount(0);

  // Where the organisation offers sign-in services, the sign-in page loads their
  // buttons' part, and no page.
  await page.unroute('**/api/v1/organisation');
  fetched.length = 0;
  await page.goto('/inloggen');
  await expect(page.getByRole('button', { name: 'Inloggen met Testdienst' })).toBeVisible();
  const splits = fetched.filter((path) => /\/split_/.test(path));
  expect(splits).toHaveLength(1);
  expect(splits[0]).toMatch(/\/split_provider_sign_in_chunk-[0-9a-f]{16}\.wasm$/);
  await page.getByRole('link', { name: 'Voorwaarden' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebruiksvoorwaarden');
  expect(fetched.some((path) => /\/split_terms_page-[0-9a-f]{16}\.wasm$/.test(path))).toBe(true);
});

test('a page whose code cannot be fetched says so and loads on retry', async ({ page }) => {
  let fail = true;
  await page.route(/\/split_privacy_page-[0-9a-f]{16}\.wasm$/, async (route) => {
    if (fail) {
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.goto('/privacy');
  await appReady(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('niet bereikbaar');
  fail = false;
  await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/^Bijgewerkt op/)).toBeVisible();
});

test('says so when the device goes offline', async ({ page, context }) => {
  await page.goto('/');
  await appReady(page);
  await context.setOffline(true);
  await expect(page.getByText('U bent offline.', { exact: false })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText('U bent offline.', { exact: false })).toHaveCount(0);
});

test('reads well at 200% text size on a narrow screen', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the narrow-screen check runs in the phone project');
  await page.goto('/');
  await appReady(page);
  // As a person's text size setting would (the CSP rightly forbids inline style tags).
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  for (const name of ['Start', 'Contact', 'Voorwaarden']) {
    await menu.getByRole('link', { name }).click();
    await expect(menu.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('.skeleton')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scrolling on ${name}`).toBeLessThanOrEqual(0);
    // Every menu link can be brought fully into view, uncovered.
    for (const link of await menu.getByRole('link').all()) {
      await link.scrollIntoViewIfNeeded();
      await expect(link).toBeInViewport({ ratio: 1 });
    }
    // The page's own text is not hidden behind the menu.
    const heading = page.getByRole('heading', { level: 1 });
    await heading.scrollIntoViewIfNeeded();
    await expect(heading).toBeInViewport({ ratio: 1 });
  }
});
