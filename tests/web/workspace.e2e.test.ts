/**
 * The workspace in a real headless Chromium, with e-mail caught by an SMTP server started
 * here: an admin created on the command line sets his password through the one-time
 * link, logs in, invites a researcher and a manager (the invitations arrive by e-mail),
 * and each sets a password and logs in. Every page is screenshotted at 1280 and 360 px
 * (test-artifacts/screenshots/werkruimte/) and checked with axe-core at both widths.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import { capture, follow } from '../helpers/browser-checks.ts';
import { runCli } from '../helpers/cli.ts';
import { startMailCatcher, type MailCatcher } from '../helpers/mail.ts';

const require = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

const LINK = /https?:\/\/\S+\/wachtwoord\/[A-Za-z0-9_-]{40,}/;

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('the workspace in a real browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let mail: MailCatcher;
  let browser: Browser;
  let base: string;
  let axeSource = '';
  const violations: { page: string; width: number; violations: AxeViolation[] }[] = [];

  beforeAll(async () => {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    mail = await startMailCatcher();
    t = await buildTestApp({ publish: false, env: { SMTP_URL: mail.url, MAIL_FROM: 'wijkmeter <noreply@hogeschool.nl>' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await t.app.db
      .insertInto('programme')
      .values([{ name: 'Sociale wijkteams Zwolle e.o.' }, { name: 'Wijkteams Deventer' }])
      .execute();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await mail?.close();
  });

  async function device(options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
      javaScriptEnabled: options.javaScript ?? true,
    });
    context.setDefaultTimeout(15_000);
    return context;
  }

  async function axe(page: Page): Promise<AxeViolation[]> {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      const w = window as unknown as {
        axe: {
          run: (d: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      };
      const result = await w.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
  }

  /** Screenshot and axe at 1280 and at 360 px; no sideways scrolling on the phone. */
  async function check(page: Page, name: string): Promise<void> {
    // axe needs scripts; pages visited with JavaScript off are only photographed.
    const scripts = !name.startsWith('zonder-js-');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      await capture(page, await artifactPath('screenshots', 'werkruimte', `${width}`, `${name}.png`));
      if (!scripts) continue;
      const found = await axe(page);
      if (found.length > 0) violations.push({ page: name, width, violations: found });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function setPasswordAndLogin(page: Page, link: string, email: string, password: string, prefix: string) {
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Wachtwoord instellen');
    await check(page, `${prefix}-wachtwoord-instellen`);
    await page.getByLabel('Nieuw wachtwoord').fill(password);
    await page.getByLabel('Herhaal het wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.waitForURL(/\/inloggen\?wachtwoord=1$/);
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Uw wachtwoord is opgeslagen');
    await check(page, `${prefix}-inloggen`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/werkruimte`);
  }

  it('admin from the command line → password through the link → invites a researcher and a manager by e-mail → they log in', async () => {
    const cli = await runCli(
      'server/cli/user.ts',
      ['add', '--email', 'beheerder@hogeschool.nl', '--role', 'admin', '--name', 'Bram Beheer', '--base-url', base],
      { DATABASE_URL: t.database.url },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const adminLink = LINK.exec(cli.stdout)![0];

    const adminDevice = await device();
    const page = await adminDevice.newPage();
    // A wrong password first: the one message, the address kept.
    await page.goto(`${base}/werkruimte/beheer/gebruikers`);
    await page.waitForURL(/\/inloggen\?terug=%2Fwerkruimte%2Fbeheer%2Fgebruikers$/);
    await setPasswordAndLogin(page, adminLink, 'beheerder@hogeschool.nl', 'Bram zijn lange wachtwoord', '01-beheerder');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom, Bram Beheer');
    await check(page, '02-overzicht-beheerder');

    await follow(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }));
    await page.waitForURL(`${base}/werkruimte/beheer/gebruikers`);
    await check(page, '03-gebruikers');

    // Bad input first: a duplicate address gets its message next to the field.
    await page.getByLabel('E-mailadres').fill('beheerder@hogeschool.nl');
    await page.getByLabel('onderzoeker').check();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect
      .poll(() => page.locator('#f-email-error').textContent())
      .toContain('Er bestaat al een account met dit e-mailadres.');
    await expect.poll(() => page.getByLabel('E-mailadres').inputValue()).toBe('beheerder@hogeschool.nl');
    await check(page, '04-gebruikers-fout');

    const invite = async (email: string, name: string, role: string, programme: string) => {
      await page.goto(`${base}/werkruimte/beheer/gebruikers`);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Naam').fill(name);
      await page.getByLabel(role).check();
      await page.getByLabel(programme).check();
      await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await expect
        .poll(() => page.locator('.notice--success').textContent())
        .toContain(`Er is een uitnodiging gestuurd naar ${email}.`);
    };
    await invite('onderzoeker@hogeschool.nl', 'Ria Onderzoek', 'onderzoeker', 'Sociale wijkteams Zwolle e.o.');
    await invite('manager@zwolle.nl', 'Mark Manager', 'programmamanager', 'Sociale wijkteams Zwolle e.o.');
    await check(page, '05-gebruikers-uitgenodigd');

    const researcherMail = await mail.waitFor('onderzoeker@hogeschool.nl');
    expect(researcherMail.subject).toBe('Uw account voor de werkruimte van wijkmeter');
    expect(researcherMail.text).toContain('met de rol onderzoeker');
    const managerMail = await mail.waitFor('manager@zwolle.nl');
    expect(managerMail.text).toContain('met de rol programmamanager');

    // The researcher, with JavaScript switched off: everything is a plain form.
    const researcherDevice = await device({ javaScript: false });
    const rp = await researcherDevice.newPage();
    await setPasswordAndLogin(
      rp,
      LINK.exec(researcherMail.text)![0],
      'onderzoeker@hogeschool.nl',
      'Ria haar lange wachtwoord',
      'zonder-js-10-onderzoeker',
    );
    await expect
      .poll(() => rp.locator('#programmas a').allTextContents())
      .toEqual([expect.stringContaining('Sociale wijkteams Zwolle e.o.')]);
    await expect.poll(() => rp.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
    await capture(rp, await artifactPath('screenshots', 'werkruimte', '1280', 'zonder-js-11-overzicht-onderzoeker.png'));
    await researcherDevice.close();

    const managerDevice = await device();
    const mp = await managerDevice.newPage();
    await setPasswordAndLogin(
      mp,
      LINK.exec(managerMail.text)![0],
      'manager@zwolle.nl',
      'Mark zijn lange wachtwoord',
      '20-manager',
    );
    await check(mp, '21-overzicht-manager');
    await follow(mp, mp.getByRole('link', { name: 'Mijn account' }));
    await mp.getByLabel('Omschrijving').fill('R-script rapportage');
    await mp.getByRole('button', { name: 'Token aanmaken' }).click();
    await expect.poll(() => mp.locator('#new-token').inputValue()).toMatch(/^wm_/);
    await check(mp, '22-account-token');
    await mp
      .getByRole('button', { name: 'English' })
      .or(mp.getByRole('link', { name: 'English' }))
      .click();
    await expect.poll(() => mp.locator('h1').textContent()).toBe('My account');
    await check(mp, '23-account-english');
    await mp.getByRole('button', { name: 'Log out' }).click();
    await mp.waitForURL(/\/inloggen\?uitgelogd=1$/);
    await expect.poll(() => mp.locator('.notice').textContent()).toContain('You have logged out.');
    await managerDevice.close();

    // Back to the admin: the users now active, one edit page, the audit log.
    await page.goto(`${base}/werkruimte/beheer/gebruikers`);
    await expect.poll(() => page.locator('table').textContent()).toContain('manager@zwolle.nl');
    await follow(page, page.getByRole('link', { name: 'Wijzigen manager@zwolle.nl' }));
    await check(page, '30-gebruiker-wijzigen');
    await page.goto(`${base}/werkruimte/beheer/audit`);
    await check(page, '31-auditlog');
    const audit = await page.locator('table').textContent();
    for (const action of ['user.created', 'user.invited', 'password.set', 'login.succeeded', 'token.created', 'logout'])
      expect(audit).toContain(action);
    await page.getByLabel('Handeling').selectOption('user.invited');
    await page.getByRole('button', { name: 'Toon' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await check(page, '32-auditlog-gefilterd');
    await page.goto(`${base}/werkruimte/bestaat-niet`);
    await check(page, '33-niet-gevonden');
    await page.goto(`${base}/uitloggen`);
    await check(page, '34-uitloggen');
    await page.getByRole('main').getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/inloggen\?uitgelogd=1$/);

    // Forgot password: a link by e-mail; the invitation link, already used, is dead.
    await follow(page, page.getByRole('link', { name: 'Wachtwoord vergeten?' }));
    await check(page, '40-wachtwoord-vergeten');
    await page.getByLabel('E-mailadres').fill('onderzoeker@hogeschool.nl');
    await page.getByRole('button', { name: 'Link aanvragen' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Als er een account bij dit e-mailadres hoort');
    await check(page, '41-wachtwoord-vergeten-verstuurd');
    const reset = await mail.waitFor('onderzoeker@hogeschool.nl');
    expect(reset.subject).toBe('Nieuw wachtwoord voor wijkmeter');
    expect(LINK.exec(reset.text)![0]).not.toBe(LINK.exec(researcherMail.text)![0]);
    await page.goto(LINK.exec(researcherMail.text)![0]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Deze link werkt niet meer');
    await check(page, '42-link-verlopen');
    await adminDevice.close();

    // Nothing secret went out by log.
    const log = t.rawLog();
    for (const secret of ['lange wachtwoord', LINK.exec(researcherMail.text)![0].split('/').pop()!])
      expect(log).not.toContain(secret);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 300_000);
});
