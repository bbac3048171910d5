// Signing in with an OpenID Connect provider (issue 18), against a real one: npm's
// `oidc-provider` on loopback (tests/oidc/provider.mjs), which `cargo xtask test`
// starts and offers to the demo server as "Testdienst", beside "Dienst die uit staat",
// whose address nobody answers at. Its development sign-in page takes any login.
//
// Sanne (invited into Daan's circle, unused by the other tests) makes her account,
// links the provider in account settings, signs out, and signs in with it; the same
// callback replayed, or with its state changed, is refused and changes nothing; the
// provider that is down gives a clear message.
//
// Wim (a client zorg@ registers for the occasion) asks to link a provider while making
// his account, links it right after, and then signs in with it.
//
// "Werkaccount" is the same provider offered for staff; it passes on no checked e-mail
// address, so a staff member is linked by the organisation administrator (beheer@) by
// the provider's id for them, and then signs in with it.
import { test, expect, type Page } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, latestCode, latestMessage, registerClient, signIn } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the sign-in flows run once, on a phone');
});

const SANNE = 'sanne@demo.example';
const SANNE_MOBILE = '+31612340077';
const CALLBACK = /\/api\/v1\/identity-providers\/callback\?/;

/** At the provider's development pages: any login, then consent (when it asks). */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(/\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('wat-dan-ook');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  if (await consent.isVisible({ timeout: 3_000 }).catch(() => false)) {
    await consent.click();
  }
}

async function signOut(page: Page) {
  await page.locator('.site-header').getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

test('links a provider in account settings, signs in with it, and refuses a replayed or tampered callback', async ({
  page,
}) => {
  // Sanne makes her account from the invitation (password and code, as always).
  const mail = await latestMessage(page.request, SANNE);
  const link = new URL(mail.match(/https?:\/\/\S+\/uitnodiging#\S+/)![0]);
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByRole('button', { name: 'Account maken' }).click();
  await page.getByLabel('Mobiel nummer').fill(SANNE_MOBILE);
  await page.getByLabel('Kies een wachtwoord').fill('mijn fiets staat in de gang');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, SANNE_MOBILE));
  await page.getByRole('button', { name: 'Account maken' }).click();
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();

  // Account settings: nothing linked yet; link the test provider there.
  await page.goto('/account');
  const part = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Inloggen met een inlogdienst' }) });
  await expect(part.getByText('Er is nog geen inlogdienst gekoppeld.')).toBeVisible();
  await expectNoAxeViolations(page);
  await part.getByRole('button', { name: 'Testdienst koppelen' }).click();
  await signInAtProvider(page, 'sanne-bij-de-testdienst');
  await expect(page).toHaveURL(/\/account\?gekoppeld=testdienst$/);
  await expect(part.getByText('De inlogdienst is gekoppeld.')).toBeVisible();
  await expect(part.locator('.provider-links li')).toContainText('Testdienst');
  await expect(part.locator('.provider-links li')).toContainText('Nog niet gebruikt');
  await expect(part.getByRole('button', { name: 'Testdienst koppelen' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Signed out, she signs in with the provider alone: a whole session.
  await signOut(page);
  await expectNoAxeViolations(page);
  const callback = page.waitForRequest(CALLBACK);
  await page.getByRole('button', { name: 'Inloggen met Testdienst' }).click();
  // The provider remembers her (its own session): it may send her straight back.
  if (!(await page.waitForURL(/\/portaal/, { timeout: 3_000 }).then(() => true).catch(() => false))) {
    await signInAtProvider(page, 'sanne-bij-de-testdienst');
  }
  const used = (await callback).url();
  await expect(page).toHaveURL(/\/portaal/);
  await expect(page.locator('.site-header').getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  await page.goto('/account');
  await expect(part.locator('.provider-links li')).toContainText('Laatst gebruikt op');
  await signOut(page);

  // The same callback again: refused, and she stays signed out.
  await page.goto(used);
  await expect(page).toHaveURL(/\/inloggen\?fout=sign-in-state-used$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Elke inlogpoging werkt maar één keer.' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await page.request.get('/api/v1/session')).status()).toBe(200);
  expect(await (await page.request.get('/api/v1/session')).json()).toBeNull();

  // A callback whose state was changed on the way: refused too.
  const tampered = new URL(used);
  tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
  await page.goto(tampered.toString());
  await expect(page).toHaveURL(/\/inloggen\?fout=sign-in-state-invalid$/);
  await expect(page.getByRole('alert').filter({ hasText: 'hoort niet bij een inlogpoging in deze browser' })).toBeVisible();
  expect(await (await page.request.get('/api/v1/session')).json()).toBeNull();
});

test('a provider that is down gives a clear message, and an unlinked identity is told how to link', async ({
  page,
}) => {
  await page.goto('/inloggen');
  await page.getByRole('button', { name: 'Inloggen met Dienst die uit staat' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'We kunnen de inlogdienst nu niet bereiken.' })).toBeVisible();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expectNoAxeViolations(page);

  // Someone the provider knows, but who linked no account here.
  await page.getByRole('button', { name: 'Inloggen met Testdienst' }).click();
  await signInAtProvider(page, `onbekend-${Date.now()}`);
  await expect(page).toHaveURL(/\/inloggen\?fout=provider-not-linked$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Koppel de inlogdienst daarna bij Mijn account.' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await (await page.request.get('/api/v1/session')).json()).toBeNull();
});

test('the organisation chooses the ways of signing in per group; a way it does not allow is refused clearly', async ({
  page,
  browser,
}) => {
  await signIn(page, 'beheer@demo.example', '+31600000033');
  await expect(page).toHaveURL(/\/team$/);
  await page.goto('/team/organisatie');
  const part = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Manieren van inloggen' }) });
  const clients = part.getByRole('group', { name: 'Cliënten, vertegenwoordigers en netwerk' });
  const password = clients.getByLabel('E-mailadres, wachtwoord en sms-code');
  await expect(password).toBeChecked();
  await expect(clients.getByLabel('Testdienst')).toBeChecked();
  await expectNoAxeViolations(page);
  // Each group keeps a way.
  await password.uncheck();
  await clients.getByLabel('Testdienst').uncheck();
  await clients.getByLabel('Dienst die uit staat').uncheck();
  await part.getByRole('button', { name: 'Manieren van inloggen opslaan' }).click();
  await expect(part.getByText('Kies voor elke groep minstens één manier.')).toBeVisible();
  await expectNoAxeViolations(page);
  // Clients: only the sign-in services.
  await clients.getByLabel('Testdienst').check();
  await part.getByRole('button', { name: 'Manieren van inloggen opslaan' }).click();
  await expect(part.getByText('De manieren van inloggen zijn opgeslagen.')).toBeVisible();
  try {
    const other = await browser.newContext();
    const client = await other.newPage();
    await client.goto('/inloggen');
    await client.getByLabel('E-mailadres').fill('anna@demo.example');
    await client.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await client.getByRole('button', { name: 'Verder' }).click();
    await expect(client.getByRole('alert').filter({ hasText: 'Uw organisatie staat deze manier van inloggen niet toe' })).toBeVisible();
    await expectNoAxeViolations(client);
    await other.close();
  } finally {
    // Everything allowed again, for the other tests.
    await password.check();
    await clients.getByLabel('Dienst die uit staat').check();
    await part.getByRole('button', { name: 'Manieren van inloggen opslaan' }).click();
    await expect(part.getByText('De manieren van inloggen zijn opgeslagen.')).toBeVisible();
  }
});

test('asked for while making the account, a provider is linked right after and then signs in', async ({
  browser,
  page,
  baseURL,
}) => {
  // zorg@ registers Wim and gives him his own portal (the server sends the link).
  const wim = await registerClient(browser, baseURL, {
    first: 'Wim', family: 'Koster', born: '1950-03-04', login: 'wim', mobile: '06 1234 0088',
  });
  await wim.staff.context().close();
  const email = wim.email;
  const mobile = '+31612340088';
  // His login at the provider: the part of his address before the @, unique per run.
  const login = email.split('@')[0];

  // The activation form offers the choice only because the server has a provider.
  const mail = await latestMessage(page.request, email);
  const link = new URL(mail.match(/https?:\/\/\S+\/activeren#\S+/)![0]);
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByLabel('Kies een wachtwoord').fill('de boot vaart om acht uur');
  const choice = page.getByLabel(/^Ik wil daarna ook inloggen met een inlogdienst/);
  await expect(choice).not.toBeChecked();
  await choice.check();
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByLabel('Code uit de sms')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, mobile));
  await page.getByRole('button', { name: 'Account maken' }).click();
  const terms = page.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();

  // Right after: the offer, with the provider of his group (not the one for staff).
  const offer = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Voortaan makkelijker inloggen?' }) });
  await expect(offer).toBeVisible();
  await expectNoAxeViolations(page);
  await offer.getByRole('button', { name: 'Testdienst koppelen' }).click();
  await signInAtProvider(page, login);
  await expect(page).toHaveURL(/\/account\?gekoppeld=testdienst$/);
  const part = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Inloggen met een inlogdienst' }) });
  await expect(part.locator('.provider-links li')).toContainText('Testdienst');

  // Signed out, the provider alone signs him in to his portal.
  await signOut(page);
  await page.getByRole('button', { name: 'Inloggen met Testdienst' }).click();
  if (!(await page.waitForURL(/\/portaal/, { timeout: 3_000 }).then(() => true).catch(() => false))) {
    await signInAtProvider(page, login);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Wim Koster');
});

test('an organisation administrator links a staff member whose sign-in service checked no address', async ({
  page,
  browser,
  baseURL,
}) => {
  const login = `werk-zorg-${Date.now()}`;
  // Not linked: the provider signs nobody in, and the page says why.
  await page.goto('/inloggen');
  await page.getByRole('button', { name: 'Inloggen met Werkaccount' }).click();
  await signInAtProvider(page, login);
  await expect(page).toHaveURL(/\/inloggen\?fout=provider-not-linked$/);
  await expect(page.getByRole('alert').filter({ hasText: 'nog niet gekoppeld aan uw account' })).toBeVisible();

  // beheer@ links zorg@'s account on the staff page.
  const admin = await (await browser.newContext({ baseURL })).newPage();
  await signIn(admin, 'beheer@demo.example', '+31600000033');
  await expect(admin).toHaveURL(/\/team$/);
  // zorg@'s staff member is the first care professional of Daan's team (Wijkteam
  // Centrum), as the demo data makes it; the end of the test checks it was the right one.
  type Member = { id: number; role: string; team: { id: number; name: string } | null };
  const staff: { items: Member[] } = await (await admin.request.get('/api/v1/staff/members?limit=100')).json();
  const zorg = staff.items
    .filter((m) => m.role === 'care_professional' && m.team?.name === 'Wijkteam Centrum')
    .sort((a, b) => a.id - b.id)[0];
  expect(zorg, "a care professional of Daan's team").toBeTruthy();
  await admin.goto(`/team/medewerkers?team=${zorg.team!.id}`);
  await expect(admin.locator('.skeleton')).toHaveCount(0);
  const member = admin.locator('.staff-member').filter({ has: admin.locator(`#member-${zorg.id}`) });
  await member.getByText('Inlogdienst koppelen', { exact: true }).click();
  await member.getByRole('button', { name: 'Koppelen', exact: true }).click();
  await expect(member.getByText('Vul de vaste id in.')).toBeVisible();
  await member.getByLabel('Vaste id van de medewerker bij de inlogdienst').fill(login);
  await member.getByRole('button', { name: 'Koppelen', exact: true }).click();
  await expect(member.getByText('Gekoppeld. De medewerker kan nu inloggen met Werkaccount.', { exact: false })).toBeVisible();
  await expectNoAxeViolations(admin);
  expect(await latestMessage(admin.request, 'zorg@demo.example')).toContain('inlogdienst aan uw account gekoppeld');
  await admin.context().close();

  // Now the same sign-in at the provider signs the staff member in.
  await page.goto('/inloggen');
  await page.getByRole('button', { name: 'Inloggen met Werkaccount' }).click();
  // The provider remembers the first sign-in: it may go straight back, or ask for
  // consent, or (its session gone) for the login again.
  if (!(await page.waitForURL(/\/(team|portaal)/, { timeout: 3_000 }).then(() => true).catch(() => false))) {
    const consent = page.getByRole('button', { name: 'Continue' });
    if (await consent.isVisible().catch(() => false)) {
      await consent.click();
    } else {
      await signInAtProvider(page, login);
    }
  }
  await expect(page).toHaveURL(/\/team$/);
  const me = await (await page.request.get('/api/v1/session')).json();
  expect(me.account.email).toBe('zorg@demo.example');
});
