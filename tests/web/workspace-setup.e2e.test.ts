/**
 * A researcher sets up a programme, its teams and a wave in a real headless Chromium,
 * copies a team's link, a respondent completes the questionnaire through it, and the
 * response monitor shows it (and refreshes itself). Every page is checked with axe-core
 * and screenshotted at 360 and 1280 px (test-artifacts/workspace-setup/).
 *
 * The researcher is identified by a personal API token sent by the browser: the login
 * pages come from the accounts work and are walked in the full path test.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../server/lib/dates.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import {
  axe,
  completeQuestionnaire,
  follow,
  screenshot,
  sidewaysOverflow,
  type AxeViolation,
} from '../helpers/browser-checks.ts';
import { insertResponses } from '../helpers/research-data.ts';
import { TEST_SECRET } from '../helpers/survey.ts';

function shift(days: number): string {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('setting up a wave and following its response in a real browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let researcher: TestUser;
  const violations: { page: string; width: number; violations: AxeViolation[] }[] = [];
  /** Pages seen at 1280 px, visited again at 360 px. */
  const pages: { name: string; path: string }[] = [];
  let waveId = 0;

  beforeAll(async () => {
    t = await buildTestApp({ env: { SESSION_SECRET: TEST_SECRET } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', email: 'l.dejong@hogeschool.nl' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function device(width: number, options: { staff?: boolean; javaScript?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width, height: width === 360 ? 740 : 900 },
      locale: 'nl-NL',
      javaScriptEnabled: options.javaScript ?? true,
      ...(options.staff !== false && { extraHTTPHeaders: researcher.headers }),
    });
    context.setDefaultTimeout(20_000);
    return context;
  }

  async function check(page: Page, width: number, name: string, remember = true): Promise<void> {
    await screenshot(page, 'workspace-setup', width, name);
    if (remember && width === 1280) pages.push({ name, path: new URL(page.url()).pathname + new URL(page.url()).search });
    const found = await axe(page);
    if (found.length > 0) violations.push({ page: name, width, violations: found });
    expect(await sidewaysOverflow(page), `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
  }

  async function submit(page: Page, name: string | RegExp): Promise<void> {
    // Every form posts and the server answers with a page (400) or a redirect: wait for it.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);
  }

  it('creates a programme, teams and a wave, copies a link, and sees the response come in', { timeout: 300_000 }, async () => {
    const context = await device(1280);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();

    await page.goto(`${base}/werkruimte/programmas`);
    await check(page, 1280, '01-programmas-leeg');
    await follow(page, page.getByRole('link', { name: 'Nieuw programma' }));
    await page.getByLabel('Naam van het programma').fill('x'.repeat(130));
    await submit(page, 'Aanmaken');
    await expect.poll(() => page.locator('#f-name-error').textContent()).toBe('Fout: Gebruik maximaal 120 tekens.');
    await check(page, 1280, '02-nieuw-programma-fout', false);
    await page.getByLabel('Naam van het programma').fill('Sociale wijkteams Zwolle e.o.');
    await submit(page, 'Aanmaken');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sociale wijkteams Zwolle e.o.');

    for (const [name, municipality] of [
      ['Zwolle-Noord', 'Zwolle'],
      ['Elburg', 'Elburg'],
      ['Kampen', 'Kampen'],
    ]) {
      await page.getByLabel('Naam van het team').fill(name!);
      await page.getByLabel('Gemeente').fill(municipality!);
      await submit(page, 'Team toevoegen');
      await expect.poll(() => page.locator('.notice').textContent()).toContain('Het team is toegevoegd.');
    }
    await check(page, 1280, '03-programma');
    const programmeId = Number(/programmas\/(\d+)/.exec(page.url())![1]);

    await follow(page, page.getByRole('link', { name: 'Wijzigen: Kampen' }));
    await check(page, 1280, '04-team-wijzigen');
    await page.goto(`${base}/werkruimte/programmas/${programmeId}`);

    await follow(page, page.getByRole('link', { name: 'Nieuwe meting' }));
    await check(page, 1280, '05-nieuwe-meting');
    await page.getByLabel('Naam van de meting').fill('2016 vervolgmeting');
    await page.getByLabel('Vragenlijstversie').selectOption('wijkteam@2015');
    await page.getByLabel('Zwolle-Noord', { exact: true }).check();
    await page.getByLabel('Aantal teamleden van Zwolle-Noord').fill('18');
    await page.getByLabel('Elburg', { exact: true }).check();
    await page.getByLabel('Opent op').fill(shift(-1));
    await page.getByLabel('Sluit na').fill(shift(20));
    await page.getByLabel('Anonimiteitsdrempel').fill('2');
    await submit(page, 'Meting aanmaken');
    await expect.poll(() => page.locator('#f-threshold-error').textContent()).toBe('Fout: De drempel is nooit lager dan 3.');
    expect(await page.locator('#f-teams-error').textContent()).toBe('Fout: Vul bij elk gekozen team het aantal teamleden in.');
    expect(await page.getByLabel('Naam van de meting').inputValue()).toBe('2016 vervolgmeting');
    expect(await page.getByLabel('Aantal teamleden van Zwolle-Noord').inputValue()).toBe('18');
    expect(await page.getByLabel('Elburg', { exact: true }).isChecked()).toBe(true);
    await check(page, 1280, '06-nieuwe-meting-fouten', false);
    expect(await t.app.db.selectFrom('wave').select('id').execute()).toEqual([]);

    await page.getByLabel('Aantal teamleden van Elburg').fill('16');
    await page.getByLabel('Anonimiteitsdrempel').fill('5');
    await submit(page, 'Meting aanmaken');
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('De meting is aangemaakt.');
    waveId = Number(/metingen\/(\d+)/.exec(page.url())![1]);
    await check(page, 1280, '07-meting');

    // The copy button puts the team's link on the clipboard and says so.
    const noordId = await teamId('Zwolle-Noord');
    await page.getByRole('button', { name: 'Kopiëren: Link voor Zwolle-Noord' }).click();
    await expect.poll(() => page.locator(`.copy-status[data-for="link-${noordId}"]`).textContent()).toBe('Gekopieerd');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${base}/v/[A-Za-z0-9_-]{32}$`));
    await check(page, 1280, '08-link-gekopieerd', false);

    // A respondent opens the copied link on a phone and completes the questionnaire.
    const respondent = await device(360, { staff: false });
    const phone = await respondent.newPage();
    await completeQuestionnaire(phone, link);
    await respondent.close();

    await follow(page, page.getByRole('link', { name: 'Respons volgen' }));
    const noord = page.locator(`.monitor-team[data-team="${noordId}"]`);
    await expect.poll(() => noord.locator('[data-field="ofMembers"]').textContent()).toBe('1 van 18');
    expect(await noord.locator('[data-field="complete"]').textContent()).toBe('1');
    expect(await noord.locator('.badge').textContent()).toBe('Onder de drempel · nog 4 nodig');
    expect(await page.locator('.monitor-live').isVisible()).toBe(true);
    await check(page, 1280, '09-respons');

    // The page refreshes itself from the JSON: a response that comes in shows up.
    const elburg = await teamId('Elburg');
    await insertResponses(
      t.app.db,
      waveId,
      Array.from({ length: 5 }, () => ({ teamId: elburg, status: 'complete' as const, answers: {} })),
    );
    await page.evaluate(() => (window as unknown as { wijkmeterRefreshMonitor: () => void }).wijkmeterRefreshMonitor());
    const elburgRow = page.locator(`.monitor-team[data-team="${elburg}"]`);
    await expect.poll(() => elburgRow.locator('[data-field="ofMembers"]').textContent()).toBe('5 van 16');
    expect(await elburgRow.locator('.badge').textContent()).toBe('genoeg');
    expect(await page.locator('[data-field="totalOfMembers"]').textContent()).toBe('6 van 34');
    await check(page, 1280, '10-respons-ververst', false);

    // The printable invitation: one A4 page with the link and a QR code.
    await page.goto(`${base}/werkruimte/metingen/${waveId}`);
    await follow(page, page.getByRole('link', { name: 'Uitnodiging afdrukken voor Zwolle-Noord' }));
    expect(await page.locator('p.url').textContent()).toBe(link);
    expect(await page.locator('svg.qr').getAttribute('aria-label')).toBe('QR-code met de link voor Zwolle-Noord');
    await check(page, 1280, '11-uitnodiging');
    const pdf = await artifactPath('workspace-setup', 'uitnodiging-zwolle-noord.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Doe mee aan de wijkteammeting');
    expect(text.replace(/\s+/g, '')).toContain(link.replace(/\s+/g, ''));

    await page.goto(`${base}/werkruimte/vragenlijsten/wijkteam%402015/codeboek`);
    await check(page, 1280, '12-codeboek');
    await page.goto(`${base}/werkruimte/metingen/${waveId}/links/opnieuw`);
    await check(page, 1280, '13-links-opnieuw-bevestigen');
    await page.goto(`${base}/werkruimte/metingen/${waveId}/sluiten`);
    await check(page, 1280, '14-sluiten-bevestigen');
    await page.goto(`${base}/werkruimte/programmas`);
    await check(page, 1280, '15-programmas');
    await context.close();

    async function teamId(name: string): Promise<number> {
      return (await t.app.db.selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    }
  });

  it('shows the same pages well on a 360 px phone', async () => {
    const context = await device(360);
    const page = await context.newPage();
    for (const p of pages) {
      await page.goto(`${base}${p.path}`);
      await check(page, 360, p.name, false);
    }
    expect(pages.length).toBeGreaterThanOrEqual(10);
    await context.close();
  });

  it('works without JavaScript: links selectable, no copy buttons, the monitor complete', async () => {
    const context = await device(1280, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${base}/werkruimte/metingen/${waveId}`);
    expect(await page.locator('button.copy-button').first().isVisible()).toBe(false);
    expect(await page.locator('input.secret-value').count()).toBe(3);
    await page.goto(`${base}/werkruimte/metingen/${waveId}/respons`);
    expect(await page.locator('[data-field="totalOfMembers"]').textContent()).toBe('6 van 34');
    expect(await page.locator('.monitor-live').isVisible()).toBe(false);
    await screenshot(page, 'workspace-setup', 1280, 'zonder-js-respons');
    // Closing early through plain forms.
    await page.goto(`${base}/werkruimte/metingen/${waveId}/sluiten`);
    await page.getByRole('button', { name: 'Ja, meting sluiten' }).click();
    await page.waitForURL(/gedaan=waveClosed/);
    expect(await page.locator('.notice').first().textContent()).toContain('De meting is gesloten.');
    await screenshot(page, 'workspace-setup', 1280, 'zonder-js-gesloten');
    await context.close();
  });

  it('axe-core finds no WCAG 2.1 A/AA violations on any page', () => {
    expect(violations).toEqual([]);
  });
});
