// The circle and its notes on a phone, with two people at once: Lotte Dekker (demo, her
// own portal's administrator) invites someone new with only the care plan and notes;
// the invitee accepts from the e-mailed link by creating an account, sees only what was
// given, writes a note with markup and a link in it; Lotte reads it, takes the care
// plan away, and the contact's open page follows. Sending again and withdrawing an
// invitation end its old link.
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestCode, latestMessage, signIn } from './helpers';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the circle flows run on a phone');
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

/** The invitation link in the newest e-mail to `email`, as a path on the test server. */
async function invitationLink(page: Page, email: string): Promise<string> {
  const mail = await latestMessage(page.request, email);
  const link = mail.match(/https?:\/\/\S+\/uitnodiging#\S+/)?.[0];
  expect(link, mail).toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.hash}`;
}

/** Signs Lotte in and returns her client id (from the portal's links). */
async function signInLotte(page: Page): Promise<number> {
  await signIn(page, 'lotte@demo.example', '+31600000004');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  const href = await page.getByRole('link', { name: /^Zorgplan/ }).getAttribute('href');
  return Number(href!.match(/\/portaal\/(\d+)\//)![1]);
}

/** Lotte invites someone from the network page; the page then lists the invitation. */
async function invite(page: Page, name: string, email: string, relation: string, rights: RegExp[]) {
  await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iemand uitnodigen');
  // R7: nothing is given unless chosen.
  const boxes = page.getByRole('checkbox');
  for (const box of await boxes.all()) {
    if ((await box.getAttribute('id'))?.startsWith('invite-rights')) {
      await expect(box).not.toBeChecked();
    }
  }
  await page.getByLabel('Naam', { exact: true }).fill(name);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Relatie').fill(relation);
  for (const right of rights) {
    await page.getByRole('checkbox', { name: right }).check();
  }
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page).toHaveURL(/\/kring\?uitgenodigd=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd.' })).toBeVisible();
}

test('invite, accept with a new account, write a note, change rights, resend and withdraw', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const inviteeEmail = `nina-${stamp}@example.org`;
  const inviteeMobile = `+316${String(stamp).slice(-8)}`;
  const dialogs: string[] = [];
  // Names unique per run, so that the spec can run again on the same server.
  const nina = `Nina ${String(stamp).slice(-6)}`;
  const second = `Tweede ${String(stamp).slice(-6)}`;

  // The administrator opens her circle.
  const clientId = await signInLotte(page);
  await page.getByRole('link', { name: /^De kring/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('De kring');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // She invites a new address with only the care plan and notes (read and write).
  await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
  // The page's code loads on the way: check it once it is there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iemand uitnodigen');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goBack();
  await invite(page, nina, inviteeEmail, 'Nicht', [/^Het zorgplan lezen/, /^Berichten lezen/, /^Berichten schrijven/]);
  const invitedCard = page.locator('li.member').filter({ hasText: inviteeEmail });
  await expect(invitedCard.getByRole('heading', { name: nina })).toBeVisible();
  await expect(invitedCard.locator('.member-status')).toHaveText('Status: Uitgenodigd');
  await expect(invitedCard).toContainText(/De link werkt tot \d{1,2} \w+ \d{4}\./);
  await expect(invitedCard.locator('.rights-explained li')).toHaveCount(3);
  await expectNoAxeViolations(page);

  // The invitee opens the link from the e-mail in their own browser.
  const invitee = await phoneContext(browser, baseURL);
  const contact = await invitee.newPage();
  contact.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await contact.goto(await invitationLink(contact, inviteeEmail));
  await expect(contact.getByRole('heading', { level: 1 })).toHaveText('Uitnodiging');
  await expect(contact.getByText('Lotte Dekker nodigt u uit in de kring van Lotte Dekker.')).toBeVisible();
  await expect(contact.getByText(`De uitnodiging is voor ${nina} (${inviteeEmail}).`)).toBeVisible();
  await expect(contact.getByText('U komt in de kring als: Nicht.')).toBeVisible();
  const offered = contact.locator('.rights-explained strong');
  await expect(offered).toHaveText(['Het zorgplan lezen', 'Berichten lezen', 'Berichten schrijven']);
  // The token left the address at once (it is kept in this tab only).
  await expect(contact).toHaveURL(/\/uitnodiging$/);
  await expectNoAxeViolations(contact);

  // A new account: the invited address is fixed; a code by SMS confirms the mobile.
  await contact.getByRole('button', { name: 'Account maken' }).click();
  await expect(contact.getByLabel('Uw naam')).toHaveValue(nina);
  await expect(contact.getByLabel('E-mailadres')).toHaveValue(inviteeEmail);
  await expect(contact.getByLabel('E-mailadres')).toHaveAttribute('readonly', '');
  await contact.getByLabel('Mobiel nummer').fill(inviteeMobile);
  await contact.getByLabel('Kies een wachtwoord').fill('mijn fiets staat in de gang');
  await expectNoAxeViolations(contact);
  await contact.getByRole('button', { name: 'Verder' }).click();
  await expect(contact.getByLabel('Code uit de sms')).toBeVisible();
  await contact.getByLabel('Code uit de sms').fill(await latestCode(contact.request, inviteeMobile));
  await contact.getByRole('button', { name: 'Account maken' }).click();
  const terms = contact.getByRole('dialog', { name: 'Gebruiksvoorwaarden' });
  await expect(terms).toBeVisible();
  await terms.getByRole('button', { name: 'Ik accepteer', exact: true }).click();
  await expect(terms).toBeHidden();

  // In the portal only what was given: the care plan and the notes.
  await expect(contact.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  await expect(contact.getByText('U kijkt mee als nicht.')).toBeVisible();
  await expect(contact.getByRole('link', { name: /^Zorgplan/ })).toBeVisible();
  await expect(contact.getByRole('link', { name: /^Berichten/ })).toBeVisible();
  await expect(contact.getByRole('link', { name: /^Rapportages/ })).toHaveCount(0);
  await expect(contact.getByRole('link', { name: /^De kring/ })).toHaveCount(0);
  await contact.goto(`/portaal/${clientId}/rapportages`);
  await expect(contact.getByText('U mag dit deel van het dossier niet zien.')).toBeVisible();

  // A note with markup and a link: the markup stays text, the link is a safe link.
  await contact.goto(`/portaal/${clientId}/berichten`);
  await expect(contact.getByRole('heading', { level: 1 })).toHaveText('Berichten');
  const noteText = `Hallo ${stamp}! <script>alert(1)</script>\nKijk: https://example.org/x`;
  await contact.getByRole('textbox', { name: 'Uw bericht' }).fill(noteText);
  await expect(contact.getByText(`${noteText.length} van de 1000 tekens`)).toBeVisible();
  await expect(contact.getByText('Dit portaal is niet voor noodgevallen.')).toBeVisible();
  await contact.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(contact.getByRole('status').filter({ hasText: 'Uw bericht is geplaatst.' })).toBeVisible();
  const written = contact.locator('li.note').filter({ hasText: `Hallo ${stamp}!` });
  await expect(written.getByRole('heading')).toHaveText(`${nina}, Nicht`);
  await expect(written.locator('.note-body')).toContainText('<script>alert(1)</script>');
  await expect(written.locator('script')).toHaveCount(0);
  const link = written.locator('.note-body a');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', 'https://example.org/x');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(link).toHaveAttribute('target', '_blank');
  await expectNoAxeViolations(contact);

  // The administrator reads it in the timeline.
  await page.goto(`/portaal/${clientId}/berichten`);
  const seen = page.locator('li.note').filter({ hasText: `Hallo ${stamp}!` });
  // "Nieuw" follows when she read the notes before (the desktop run on the same server):
  // the note arrived since that visit.
  await expect(seen.getByRole('heading')).toHaveText(new RegExp(`^${nina}, Nicht( Nieuw)?$`));
  await expect(seen.locator('.note-body')).toContainText('<script>alert(1)</script>');
  await expect(seen.locator('script')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The contact keeps the portal open; the administrator takes the care plan away.
  await contact.goto(`/portaal/${clientId}`);
  await expect(contact.getByRole('link', { name: /^Zorgplan/ })).toBeVisible();
  await page.goto(`/portaal/${clientId}/kring`);
  const contactCard = page.locator('li.member').filter({ has: page.getByRole('heading', { name: nina }) });
  await expect(contactCard.locator('.member-status')).toHaveText('Status: Actief');
  await expect(contactCard).toHaveCount(1);
  await expect(contactCard).toContainText(inviteeEmail);
  await contactCard.getByRole('button', { name: 'Rechten wijzigen' }).click();
  await expect(contactCard.getByRole('checkbox', { name: /^Het zorgplan lezen/ })).toBeChecked();
  await contactCard.getByRole('checkbox', { name: /^Het zorgplan lezen/ }).uncheck();
  await contactCard.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `De wijziging voor ${nina} is opgeslagen.` })).toBeVisible();
  await expect(contactCard.locator('.rights-explained strong')).toHaveText(['Berichten lezen', 'Berichten schrijven']);

  // Back in the contact's tab the link goes, at the next look at the session.
  await expect(async () => {
    await contact.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(contact.getByRole('link', { name: /^Zorgplan/ })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 25_000 });
  await expect(contact.getByRole('link', { name: /^Berichten/ })).toBeVisible();
  await contact.goto(`/portaal/${clientId}/zorgplan`);
  await expect(contact.getByText('U mag dit deel van het dossier niet zien.')).toBeVisible();
  expect(dialogs).toEqual([]);

  // A second invitation: sending it again ends the old link; withdrawing ends the new one.
  const secondEmail = `tweede-${stamp}@example.org`;
  await invite(page, second, secondEmail, 'Buurman', []);
  const secondCard = page.locator('li.member').filter({ hasText: secondEmail });
  await expect(secondCard).toContainText('Mag nog niets zien of doen.');
  const firstLink = await invitationLink(page, secondEmail);
  await secondCard.getByRole('button', { name: 'Opnieuw sturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Er is een nieuwe link gestuurd naar ${secondEmail}.` })).toBeVisible();
  const secondLink = await invitationLink(page, secondEmail);
  expect(secondLink).not.toBe(firstLink);

  const guestContext = await phoneContext(browser, baseURL);
  const guest = await guestContext.newPage();
  await guest.goto(firstLink);
  await expect(guest.getByRole('alert')).toContainText('Deze link werkt niet.');
  await guest.goto('about:blank');
  await guest.goto(secondLink);
  await expect(guest.getByText('Lotte Dekker nodigt u uit in de kring van Lotte Dekker.')).toBeVisible();
  await expect(guest.getByText('U mag dan nog niets zien of doen.')).toBeVisible();

  await page.locator('li.member').filter({ hasText: secondEmail }).getByRole('button', { name: 'Intrekken' }).click();
  const confirm = page.getByRole('dialog', { name: `Uitnodiging voor ${second} intrekken?` });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `De uitnodiging voor ${second} is ingetrokken.` })).toBeVisible();
  await expect(page.locator('li.member').filter({ hasText: secondEmail })).toHaveCount(0);
  await guest.goto('about:blank');
  await guest.goto(secondLink);
  await expect(guest.getByRole('alert')).toContainText('Deze link werkt niet.');

  // The contact leaves the circle; the administrator then sees so.
  await contact.goto(`/portaal/${clientId}`);
  await contact.getByRole('button', { name: 'Uit deze kring gaan…' }).click();
  const leave = contact.getByRole('dialog', { name: 'Weet u het zeker?' });
  await expect(leave).toContainText('kunt u het portaal van Lotte Dekker niet meer gebruiken');
  await leave.getByRole('button', { name: 'Ja, ik ga uit de kring' }).click();
  await expect(contact).toHaveURL(/\/portaal$/);
  await expect(contact.getByRole('link', { name: /^Berichten/ })).toHaveCount(0);
  await page.reload();
  await expect(contactCard.locator('.member-status')).toHaveText('Status: Zelf uit de kring gegaan');

  // Invited again, someone with an account signs in first and comes back to accept.
  await invite(page, nina, inviteeEmail, 'Nicht', [/^Berichten lezen/]);
  const again = await invitationLink(page, inviteeEmail);
  await guestContext.clearCookies();
  await guest.goto('about:blank');
  await guest.goto(again);
  await expect(guest.getByText('U komt in de kring als: Nicht.')).toBeVisible();
  await guest.getByRole('link', { name: 'Ik heb een account: inloggen' }).click();
  await expect(guest).toHaveURL(/\/inloggen\?terug=%2Fuitnodiging$/);
  await guest.getByLabel('E-mailadres').fill(inviteeEmail);
  await guest.getByLabel('Wachtwoord', { exact: true }).fill('mijn fiets staat in de gang');
  await guest.getByRole('button', { name: 'Verder' }).click();
  await expect(guest.getByLabel('Code uit de sms')).toBeVisible();
  await guest.getByLabel('Code uit de sms').fill(await latestCode(guest.request, inviteeMobile));
  await guest.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect(guest).toHaveURL(/\/uitnodiging$/);
  await expect(guest.getByText(`U bent ingelogd als ${inviteeEmail}.`)).toBeVisible();
  await guest.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(guest).toHaveURL(new RegExp(`/portaal/${clientId}$`));
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Portaal van Lotte Dekker');
  await expect(guest.getByRole('link', { name: /^Berichten/ })).toBeVisible();
  await expect(guest.getByRole('link', { name: /^Zorgplan/ })).toHaveCount(0);

  await invitee.close();
  await guestContext.close();
});

test('the network page reads well at 200% text size on a narrow screen', async ({ page }) => {
  const clientId = await signInLotte(page);
  for (const path of ['kring', 'kring/uitnodigen', 'berichten']) {
    await page.goto(`/portaal/${clientId}/${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    // As a person's text size setting would (the CSP rightly forbids inline style tags).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scrolling on ${path}`).toBeLessThanOrEqual(0);
  }
});

test('an invitation link that does not work says so, and the sign-in way keeps the token out of the address', async ({ page }) => {
  await page.goto('/uitnodiging#geen-echte-token');
  await expect(page.getByRole('alert')).toContainText('Deze link werkt niet.');
  await expect(page).toHaveURL(/\/uitnodiging$/);
  await page.goto('/uitnodiging');
  await expect(page.getByRole('alert')).toContainText('Deze link is niet compleet.');
});
