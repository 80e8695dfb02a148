/**
 * The whole path of issue 9 in a real headless Chromium, with real sessions and real
 * e-mail: an admin created on the command line sets his password through the one-time
 * link and logs in, invites a researcher and a manager (the invitations are caught by an
 * SMTP server started here), the researcher sets his password from the mail, logs in,
 * creates a programme, teams and a wave, copies a team's link; a respondent completes the
 * questionnaire through it, and the monitor shows 1 complete for that team.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../server/lib/dates.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { axe, completeQuestionnaire, follow, screenshot, type AxeViolation } from '../helpers/browser-checks.ts';
import { runCli } from '../helpers/cli.ts';
import { startMailCatcher, type MailCatcher } from '../helpers/mail.ts';
import { TEST_SECRET } from '../helpers/survey.ts';

function shift(days: number): string {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const linkIn = (text: string) => /(http:\/\/127\.0\.0\.1:\d+\/wachtwoord\/[A-Za-z0-9_-]+)/.exec(text)?.[1];

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('from the first admin to the first response, in a real browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let browser: Browser;
  let base: string;
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  beforeAll(async () => {
    smtp = await startMailCatcher();
    t = await buildTestApp({
      env: { SESSION_SECRET: TEST_SECRET, SMTP_URL: smtp.url, MAIL_FROM: 'wijkmeter <noreply@hogeschool.nl>' },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  async function person(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    context.setDefaultTimeout(20_000);
    return { context, page: await context.newPage() };
  }

  async function look(page: Page, name: string): Promise<void> {
    await screenshot(page, 'workspace-path', 1280, name);
    const found = await axe(page);
    if (found.length > 0) violations.push({ page: name, violations: found });
  }

  async function submit(page: Page, name: string | RegExp): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);
  }

  async function setPasswordAndLogIn(page: Page, link: string, email: string, password: string, prefix: string): Promise<void> {
    await page.goto(link);
    await look(page, `${prefix}-wachtwoord-kiezen`);
    await page.getByLabel('Nieuw wachtwoord').fill(password);
    await page.getByLabel('Herhaal het wachtwoord').fill(password);
    await submit(page, 'Wachtwoord opslaan');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await submit(page, 'Inloggen');
    expect(new URL(page.url()).pathname).toBe('/werkruimte');
  }

  it('walks the whole path', { timeout: 300_000 }, async () => {
    // 1. The first admin, on the command line.
    const cli = await runCli(
      'server/cli/user.ts',
      ['add', '--email', 'beheer@hogeschool.nl', '--role', 'admin', '--name', 'Anne Beheer', '--base-url', base],
      {
        DATABASE_URL: t.database.url,
        SESSION_SECRET: TEST_SECRET,
      },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const adminLink = linkIn(cli.stdout);
    expect(adminLink, cli.stdout).toBeDefined();

    const admin = await person();
    await setPasswordAndLogIn(admin.page, adminLink!, 'beheer@hogeschool.nl', 'een lange zin als wachtwoord', '01-beheerder');
    await look(admin.page, '02-beheerder-overzicht');

    // 2. The admin invites a researcher and a manager; the invitations go out by mail.
    for (const [email, name, role] of [
      ['l.dejong@hogeschool.nl', 'Lieke de Jong', /onderzoeker/],
      ['m.visser@zwolle.nl', 'Mark Visser', /programmamanager/],
    ] as const) {
      await admin.page.goto(`${base}/werkruimte/beheer/gebruikers`);
      await admin.page.getByLabel('E-mailadres').fill(email);
      await admin.page.getByLabel(/^Naam/).fill(name);
      await admin.page.getByRole('radio', { name: role }).check();
      await submit(admin.page, 'Uitnodiging versturen');
      await expect
        .poll(() => admin.page.locator('.notice').first().textContent())
        .toContain(`Er is een uitnodiging gestuurd naar ${email}.`);
    }
    await look(admin.page, '03-beheerder-uitgenodigd');
    const researcherMail = await smtp.waitFor('l.dejong@hogeschool.nl');
    expect(researcherMail.subject).toBe('Uw account voor de werkruimte van wijkmeter');
    expect(researcherMail.text).toContain('met de rol onderzoeker');
    const managerMail = await smtp.waitFor('m.visser@zwolle.nl');
    expect(managerMail.text).toContain('met de rol programmamanager');
    await admin.context.close();

    // 3. The researcher chooses a password from the mail, logs in, sets up the programme.
    const researcher = await person();
    await researcher.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = researcher.page;
    await setPasswordAndLogIn(
      page,
      linkIn(researcherMail.text)!,
      'l.dejong@hogeschool.nl',
      'nog een lange zin als wachtwoord',
      '04-onderzoeker',
    );
    // From the home page, where the login led.
    await follow(page, page.getByRole('link', { name: 'Nieuw programma' }));
    await page.getByLabel('Naam van het programma').fill('Sociale wijkteams Zwolle e.o.');
    await submit(page, 'Aanmaken');
    for (const [name, municipality] of [
      ['Zwolle-Noord', 'Zwolle'],
      ['Elburg', 'Elburg'],
    ]) {
      await page.getByLabel('Naam van het team').fill(name!);
      await page.getByLabel('Gemeente').fill(municipality!);
      await submit(page, 'Team toevoegen');
    }
    await look(page, '05-onderzoeker-programma');
    await follow(page, page.getByRole('link', { name: 'Nieuwe meting' }));
    await page.getByLabel('Naam van de meting').fill('2015 nulmeting');
    await page.getByLabel('Vragenlijstversie').selectOption('wijkteam@2015');
    await page.getByLabel('Zwolle-Noord', { exact: true }).check();
    await page.getByLabel('Aantal teamleden van Zwolle-Noord').fill('18');
    await page.getByLabel('Elburg', { exact: true }).check();
    await page.getByLabel('Aantal teamleden van Elburg').fill('16');
    await page.getByLabel('Opent op').fill(shift(0));
    await page.getByLabel('Sluit na').fill(shift(21));
    await submit(page, 'Meting aanmaken');
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('De meting is aangemaakt.');
    await look(page, '06-onderzoeker-meting');

    // 4. The team's link, copied with the button.
    await page.getByRole('button', { name: 'Kopiëren: Link voor Zwolle-Noord' }).click();
    await expect.poll(() => page.locator('.copy-status').filter({ hasText: 'Gekopieerd' }).count()).toBe(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${base}/v/[A-Za-z0-9_-]{32}$`));

    // 5. A respondent completes the questionnaire through it.
    const respondent = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
    respondent.setDefaultTimeout(20_000);
    await completeQuestionnaire(await respondent.newPage(), link);
    await respondent.close();

    // 6. The monitor shows 1 complete for Zwolle-Noord.
    await follow(page, page.getByRole('link', { name: 'Respons volgen' }));
    const noord = page.locator('.monitor-team').filter({ has: page.getByRole('heading', { name: 'Zwolle-Noord' }) });
    await expect.poll(() => noord.locator('[data-field="complete"]').textContent()).toBe('1');
    expect(await noord.locator('[data-field="ofMembers"]').textContent()).toBe('1 van 18');
    const elburg = page.locator('.monitor-team').filter({ has: page.getByRole('heading', { name: 'Elburg' }) });
    expect(await elburg.locator('[data-field="complete"]').textContent()).toBe('0');
    await look(page, '07-onderzoeker-respons');
    await researcher.context.close();

    // Every step left its line in the audit log, by the person who took it.
    const audit = await t.app.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
    for (const [actor, action] of [
      ['beheer@hogeschool.nl', 'user.invited'],
      ['l.dejong@hogeschool.nl', 'programme.create'],
      ['l.dejong@hogeschool.nl', 'team.create'],
      ['l.dejong@hogeschool.nl', 'wave.create'],
    ]) {
      expect(audit, `${actor} ${action}`).toContainEqual({ actor, action });
    }
    expect(violations).toEqual([]);
  });
});
