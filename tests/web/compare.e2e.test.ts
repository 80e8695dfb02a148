/**
 * A programme manager in a real headless Chromium: opens the comparison page, is sent to
 * the login, logs in, lands on the comparison of the nulmeting with the latest wave, sees
 * the change chart and the per-team table, and sees no figures for a team below the
 * threshold in either wave; picks another wave with the form (no JavaScript needed).
 * Screenshots go to test-artifacts/screenshots/compare/.
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createUser, setPasswordHash } from '../../server/services/users.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { capture } from '../helpers/browser-checks.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../helpers/comparison-data.ts';

const EMAIL = 'programmamanager@testdorp.nl';
const PASSWORD = 'een lang wachtwoord voor de test';

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('comparing waves in the browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
    const manager = await createUser(t.app.db, {
      email: EMAIL,
      displayName: 'Mira Manager',
      role: 'manager',
      programmeIds: [p.programmeId],
    });
    await setPasswordHash(t.app.db, manager.id, await hashPassword(PASSWORD));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a manager logs in, compares the nulmeting with a later wave, and sees the chart and the teams', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/werkruimte/programmas/${p.programmeId}/vergelijken`);
    // Not logged in: the login page, which returns here afterwards.
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/vergelijken/), page.getByRole('button', { name: 'Inloggen' }).click()]);
    await page.waitForLoadState('load');

    await expect.poll(() => page.getByRole('heading', { name: '2017 vergeleken met 2015 nulmeting' }).isVisible()).toBe(true);
    // The choice was preselected: the nulmeting as baseline, the latest wave ticked.
    expect(await page.getByLabel('Nulmeting (vergelijken met)').inputValue()).toBe(String(p.waves.nulmeting));
    expect(await page.getByRole('checkbox', { name: /^2017/ }).isChecked()).toBe(true);

    // The change chart of all teams, with its table of differences.
    const chart = page.locator('#meting-' + p.waves.w2017 + ' figure[data-chart="change"]').first();
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('figcaption').innerText()).toContain('alle teams');
    expect(await chart.locator('tbody tr').count()).toBeGreaterThan(5);

    // The per-team table: Noord compared, with readings.
    const noord = page.locator('section.team', { has: page.getByRole('heading', { name: 'Noord', exact: true }) });
    expect(await noord.locator('table').first().isVisible()).toBe(true);
    expect(await noord.locator('.reading').count()).toBeGreaterThan(0);
    const centrum = page.locator('section.team', { has: page.getByRole('heading', { name: 'Centrum', exact: true }) });
    expect(await centrum.innerText()).toContain('Vergeleken met West in de nulmeting.');

    // Zuid has 2 complete responses in 2017: no numbers at all.
    const zuid = page.locator('section.team', { has: page.getByRole('heading', { name: 'Zuid', exact: true }) });
    const zuidText = await zuid.innerText();
    expect(zuidText).toContain('Te weinig respondenten in een van beide metingen: geen cijfers.');
    expect(zuidText).not.toMatch(/\d[,.]\d/);
    expect(await zuid.locator('table, figure, img').count()).toBe(0);
    await capture(page, await artifactPath('screenshots', 'compare', 'nulmeting-2017.png'));
    for (const [name, target] of [
      ['chart', chart],
      ['noord', noord],
      ['zuid', zuid],
    ] as const) {
      await target.scrollIntoViewIfNeeded();
      await page.screenshot({ path: await artifactPath('screenshots', 'compare', `${name}.png`) });
    }

    // Another wave through the plain GET form.
    await page.getByRole('checkbox', { name: /^2016/ }).check();
    await Promise.all([page.waitForURL(/meting=/), page.getByRole('button', { name: 'Vergelijken' }).click()]);
    await expect.poll(() => page.getByRole('heading', { name: '2016 vergeleken met 2015 nulmeting' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Trend over de metingen' }).isVisible()).toBe(true);
    expect(await page.locator('figure[data-chart="trend"]').isVisible()).toBe(true);
    await page.locator('#trend').screenshot({ path: await artifactPath('screenshots', 'compare', 'trend.png') });
    await context.close();
  }, 180_000);
});
