// The organisation's own set-up (R28): the demo's organisation administrator makes a
// team with its own emergency number, invites a staff member (the activation e-mail
// is in the dev outbox), changes their role and team, and ends the account after a
// confirmation. Both pages pass axe.
//
// What changes data: every project makes its own team and staff member, named after
// the project, so the projects do not meet.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestMessage, signIn } from './helpers';

const BEHEER = { email: 'beheer@demo.example', mobile: '+31600000033' };
const ZORG = { email: 'zorg@demo.example', mobile: '+31600000032' };

/** Signs a member of staff in; they land on their clients. */
async function signInStaff(page: Page, who: { email: string; mobile: string }) {
  await page.context().clearCookies();
  await signIn(page, who.email, who.mobile);
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cliënten');
}

/** A card in a list, by its heading. */
function card(page: Page, selector: string, name: string) {
  return page.locator(selector).filter({ has: page.getByRole('heading', { name, exact: true }) });
}

test('an organisation administrator sets up a team and a staff member, changes and ends them', async ({ page }, testInfo) => {
  const tag = testInfo.project.name;
  const teamName = `Team Proef ${tag}`;
  const email = `nieuw-${tag}@demo.example`;
  const staffName = `Nina Proef ${tag}`;

  await signInStaff(page, BEHEER);
  await page.getByRole('link', { name: 'Teams', exact: true }).click();
  await expect(page).toHaveURL(/\/team\/teams$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Teams');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A short number is refused at the field; nothing is made.
  const newTeam = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Nieuw team' }) });
  await newTeam.getByLabel('Naam van het team').fill(teamName);
  const phone = newTeam.getByLabel(/Telefoonnummer voor noodgevallen/);
  await phone.fill('112');
  await newTeam.getByRole('button', { name: 'Team maken' }).click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(newTeam.getByText('Korte nummers zoals 112 kunnen niet.')).toBeVisible();
  await expect(card(page, '.team-card', teamName)).toHaveCount(0);
  await phone.fill('020 765 4321');
  await newTeam.getByRole('button', { name: 'Team maken' }).click();
  await expect(newTeam.getByRole('status')).toContainText(`Het team ${teamName} is gemaakt.`);
  const team = card(page, '.team-card', teamName);
  await expect(team).toContainText('Nummer bij nood: 020 765 4321');
  await expect(team).toContainText('0 medewerkers');

  // The same name again is refused.
  await newTeam.getByLabel('Naam van het team').fill(teamName.toUpperCase());
  await newTeam.getByRole('button', { name: 'Team maken' }).click();
  await expect(newTeam.getByText('Er is al een team met deze naam.')).toBeVisible();

  // Change the number back to the organisation's.
  await team.getByRole('button', { name: 'Wijzigen' }).click();
  // Wait for the change form: before it is there, `last()` is the new-team form's field.
  await expect(page.getByLabel(/Telefoonnummer voor noodgevallen/)).toHaveCount(2);
  await page.getByLabel(/Telefoonnummer voor noodgevallen/).last().fill('');
  await team.getByRole('button', { name: 'Opslaan' }).click();
  await expect(card(page, '.team-card', teamName)).toContainText('(het nummer van de organisatie)');
  await expectNoAxeViolations(page);

  // Invite a staff member into the new team.
  await page.goto('/team/medewerkers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers');
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expectNoAxeViolations(page);
  const invite = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Medewerker uitnodigen' }) });
  // Without a team, a care professional is refused before anything is sent.
  await invite.getByLabel('Naam', { exact: true }).fill(staffName);
  await invite.getByLabel('E-mailadres').fill(email);
  await invite.getByLabel('Mobiel nummer').fill('06 12398765');
  await invite.getByLabel(/^Begeleider/).check();
  await invite.getByLabel('Functie (in het Nederlands)').fill('Persoonlijk begeleider');
  await invite.getByRole('button', { name: 'Uitnodigen' }).click();
  await expect(invite.getByLabel('Team', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(invite.getByLabel('Team', { exact: true })).toBeFocused();
  await invite.getByLabel('Team', { exact: true }).selectOption({ label: teamName });
  await invite.getByRole('button', { name: 'Uitnodigen' }).click();
  await expect(invite.getByRole('status')).toContainText(`De uitnodiging is verstuurd naar ${email}.`);
  const member = card(page, '.staff-member', staffName);
  await expect(member).toContainText(`Begeleider, ${teamName}, Persoonlijk begeleider`);
  await expect(member).toContainText('Account: uitgenodigd, nog niet gemaakt');

  // The e-mail is in the dev outbox, in Dutch, with the organisation's name and a link.
  const mail = await latestMessage(page.request, email);
  expect(mail).toContain(`Beste ${staffName}`);
  expect(mail).toContain(`in ${teamName}`);
  expect(mail).toContain('Zorggroep De Linde');
  expect(mail).toMatch(/https?:\/\/\S+\/activeren#\S+/);

  // Inviting the same address again is refused at the field.
  await invite.getByLabel('Naam', { exact: true }).fill('Iemand Anders');
  await invite.getByLabel('E-mailadres').fill(email.toUpperCase());
  await invite.getByLabel('Mobiel nummer').fill('06 12398766');
  await invite.getByLabel(/^Begeleider/).check();
  await invite.getByLabel('Team', { exact: true }).selectOption({ label: teamName });
  await invite.getByLabel('Functie (in het Nederlands)').fill('Begeleider');
  await invite.getByRole('button', { name: 'Uitnodigen' }).click();
  await expect(invite.getByText('Iemand in de organisatie gebruikt dit e-mailadres al.')).toBeVisible();

  // The filter shows one team (in the address).
  await page.getByLabel('Laat zien').selectOption({ label: teamName });
  await expect(page).toHaveURL(/\/team\/medewerkers\?team=\d+$/);
  await expect(page.locator('.staff-member')).toHaveCount(1);
  await expect(card(page, '.staff-member', staffName)).toBeVisible();

  // Change: team lead.
  await member.getByRole('button', { name: 'Wijzigen' }).click();
  await member.getByLabel(/^Teamleider/).check();
  await member.getByLabel('Functie (in het Nederlands)').fill('Teamleider');
  await member.getByRole('button', { name: 'Opslaan' }).click();
  await expect(card(page, '.staff-member', staffName)).toContainText(`Teamleider, ${teamName}, Teamleider`);
  await expect(page.getByRole('heading', { name: staffName })).toBeFocused();

  // End, after the confirmation; "do not end" first changes nothing.
  await card(page, '.staff-member', staffName).getByRole('button', { name: 'Account beëindigen' }).click();
  const dialog = page.getByRole('dialog', { name: `Het account van ${staffName} beëindigen?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('kan meteen niet meer inloggen');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Niet beëindigen' }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, '.staff-member', staffName)).toContainText('Account: uitgenodigd');
  await card(page, '.staff-member', staffName).getByRole('button', { name: 'Account beëindigen' }).click();
  await dialog.getByRole('button', { name: 'Ja, beëindigen' }).click();
  await expect(dialog).toBeHidden();
  const ended = card(page, '.staff-member', staffName);
  await expect(ended).toContainText('Account: beëindigd');
  await expect(ended.getByRole('button')).toHaveCount(0);

  // The ended invitee's link no longer works.
  const link = mail.match(/https?:\/\/\S+\/activeren#\S+/)![0];
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText('Uw toegang is beëindigd.')).toBeVisible();
});

test('the set-up pages are not in a care professional\'s menu, and the server refuses them', async ({ page }) => {
  await signInStaff(page, ZORG);
  await expect(page.getByRole('link', { name: 'Teams', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Medewerkers', exact: true })).toHaveCount(0);
  await page.goto('/team/medewerkers');
  await expect(page.getByText('Deze lijst is voor teamleiders en beheerders.')).toBeVisible();
  const refused = await page.request.post('/api/v1/staff/teams', {
    data: { name: 'Eigen team' },
    headers: { 'X-Kring-CSRF': '1' },
  });
  expect(refused.status()).toBe(403);
});
