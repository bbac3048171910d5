// Importing from a care record system's CSV file (R28): the demo's organisation
// administrator checks a staff file (a table says per line what would happen), imports
// it (the invitation is in the dev outbox), checks it again (nothing changes), sees a
// bad clients file refused per line, and gets a clear error for a file that is not
// CSV. The page passes axe and reads well at 360 px with 200% text.
//
// What changes data: every project imports its own staff member, named after the
// project, so the projects do not meet.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, latestMessage, signIn } from './helpers';

const BEHEER = { email: 'beheer@demo.example', mobile: '+31600000033' };

async function openImport(page: Page) {
  await page.context().clearCookies();
  await signIn(page, BEHEER.email, BEHEER.mobile);
  await expect(page).toHaveURL(/\/team$/);
  await page.getByRole('link', { name: 'Importeren uit een bestand' }).click();
  await expect(page).toHaveURL(/\/team\/importeren$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importeren uit een bestand');
}

function csv(name: string, text: string) {
  // A Dutch spreadsheet's export: a byte order mark and semicolons.
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${text}`, 'utf8') };
}

test('an organisation administrator checks a staff file, imports it once, and sees bad files refused', async ({ page }, testInfo) => {
  const tag = testInfo.project.name;
  const email = `import-${tag}@demo.example`;
  const staffFile = csv(
    'medewerkers.csv',
    `naam;e-mail;mobiel;rol;team;functie\nIris Import ${tag};${email};06 1234 5${tag === 'phone' ? '601' : '602'};begeleider;Wijkteam Centrum;Persoonlijk begeleider\n`,
  );

  await openImport(page);
  await expectNoAxeViolations(page);

  // Without a choice and a file, the form says what is missing.
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByText('Kies wat er in het bestand staat.')).toBeVisible();
  await expect(page.locator('#import-kind-clients')).toBeFocused();

  await page.getByLabel(/^Medewerkers/).check();
  await expect(page.getByRole('heading', { name: 'Welke kolommen?' })).toBeVisible();
  await expect(page.locator('.import-example')).toContainText('naam;e-mail;mobiel;rol;team;functie');
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(staffFile);
  await page.getByRole('button', { name: 'Controleren' }).click();

  // The check: one new staff member, nothing written yet.
  const result = page.getByRole('heading', { name: 'Uitkomst van de controle' });
  await expect(result).toBeFocused();
  await expect(page.getByText('1 nieuw, 0 gewijzigd, 0 blijft hetzelfde, 0 geweigerd.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Wat er met elke regel gebeurt' });
  const row = table.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell').nth(0)).toHaveText('2');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Nieuw');
  await expectNoAxeViolations(page);

  // The import: the invitation goes out.
  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Uitkomst van de import' })).toBeFocused();
  await expect(page.getByText('Klaar. Het bestand is geïmporteerd.')).toBeVisible();
  expect(await latestMessage(page.request, email)).toContain('/activeren#');

  // The same file again: nothing changes, and nothing can be imported.
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(staffFile);
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByText('Er verandert niets: alles in het bestand staat er al in.')).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: email }).getByRole('cell').nth(2)).toHaveText('Blijft hetzelfde');
  await expect(page.getByRole('button', { name: 'Importeren', exact: true })).toHaveCount(0);

  // A clients file with an unknown team and a wrong date: refused per line, in words.
  await page.getByLabel(/^Cliënten/).check();
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(
    csv(
      'clienten.csv',
      `cliëntnummer;voornaam;achternaam;geboortedatum;team;start zorg\n` +
        `IMP-${tag}-1;Olga;Proef;03-02-1950;Team Nergens;01-01-2024\n` +
        `IMP-${tag}-2;Piet;Proef;31-02-1950;Wijkteam Centrum;01-01-2024\n`,
    ),
  );
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByRole('heading', { name: 'Uitkomst van de controle' })).toBeFocused();
  await expect(page.getByText('Er worden geen regels geïmporteerd zolang er een regel geweigerd is.', { exact: false })).toBeVisible();
  const first = table.getByRole('row').filter({ hasText: `IMP-${tag}-1` });
  await expect(first.getByRole('cell').nth(2)).toHaveText('Geweigerd');
  await expect(first.getByRole('cell').nth(3)).toHaveText('Dit team bestaat niet. Kolom: team.');
  const second = table.getByRole('row').filter({ hasText: `IMP-${tag}-2` });
  await expect(second.getByRole('cell').nth(3)).toHaveText('De geboortedatum klopt niet. Kolom: geboortedatum.');
  await expect(page.getByRole('button', { name: 'Importeren', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A picture is no CSV file: one clear error, with the focus on it.
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({
    name: 'foto.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  });
  await page.getByRole('button', { name: 'Controleren' }).click();
  const error = page.locator('#import-error');
  await expect(error).toBeFocused();
  await expect(error).toContainText("Sla het in het spreadsheetprogramma op als 'CSV UTF-8'");
  await expectNoAxeViolations(page);
});

test('the import page reads well at 200% text size on a narrow screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await openImport(page);
  await page.getByLabel(/^Medewerkers/).check();
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(
    csv('medewerkers.csv', 'naam;e-mail;mobiel;rol;team\nIemand Met Een Lange Naam;iemand.met.een.heel.lang.adres@demo.example;0612345600;directeur;Wijkteam Centrum\n'),
  );
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByRole('heading', { name: 'Uitkomst van de controle' })).toBeFocused();
  // As a person's text size setting would (the CSP rightly forbids inline style tags).
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal scrolling on the import page').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await context.close();
});
