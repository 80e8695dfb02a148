/**
 * A programme manager in a real headless Chromium: opens the comparison page, is sent to
 * the login, logs in, lands on the comparison of the nulmeting with the latest wave, sees
 * the change chart and the per-team table, and sees no figures for a team below the
 * threshold in either wave; picks another wave with the form (no JavaScript needed). On
 * the results page of a wave, downloads all charts as one ZIP and watches the progress.
 * Screenshots go to test-artifacts/screenshots/compare/.
 */
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createUser, setPasswordHash } from '../../server/services/users.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { axe, capture } from '../helpers/browser-checks.ts';
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

    // The change chart of all teams, drawn by chart.js from its JSON island, with its
    // table of differences and a PNG that the manager may download.
    const chart = page.locator('#meting-' + p.waves.w2017 + ' section.chart[data-chart-kind="change"]').first();
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getByRole('heading').innerText()).toContain('alle teams');
    expect(await chart.locator('tbody tr').count()).toBeGreaterThan(5);
    const canvas = chart.locator('canvas');
    await expect
      .poll(() =>
        canvas.evaluate((element) => {
          const chartJs = (
            window as unknown as { Chart?: { getChart(c: unknown): { data: { datasets: unknown[] } } | undefined } }
          ).Chart;
          return chartJs?.getChart(element)?.data.datasets.length ?? 0;
        }),
      )
      .toBe(3);
    const island = JSON.parse((await page.locator(`#${await canvas.getAttribute('data-chart')}`).textContent())!) as {
      data: { datasets: { data: unknown[] }[] };
    };
    const drawn = await canvas.evaluate((element) => {
      const chartJs = (window as unknown as { Chart: { getChart(c: unknown): { data: { datasets: { data: unknown[] }[] } } } })
        .Chart;
      const c = element as HTMLCanvasElement;
      const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 100 && pixels[i + 3]! > 0) ink++;
      return { data: chartJs.getChart(element).data.datasets[1]!.data, ink };
    });
    expect(drawn.data).toEqual(island.data.datasets[1]!.data);
    expect(drawn.ink).toBeGreaterThan(1000);
    const pngHref = (await chart.getByRole('link', { name: 'Download PNG' }).getAttribute('href'))!;
    const png = await context.request.get(`${base}${pngHref}`);
    expect(png.status()).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
    expect((await png.body()).readUInt32BE(16)).toBe(Number(await canvas.getAttribute('width')) * 2);

    // The per-team table: Noord compared, with readings.
    const noord = page.locator('section.team', { has: page.getByRole('heading', { name: 'Noord', exact: true }) });
    // (The chart's own table is folded; the full tables with tests follow it, open.)
    expect(await noord.locator('table:visible').count()).toBeGreaterThan(0);
    expect(await noord.locator('.reading').count()).toBeGreaterThan(0);
    const centrum = page.locator('section.team', { has: page.getByRole('heading', { name: 'Centrum', exact: true }) });
    expect(await centrum.innerText()).toContain('Vergeleken met West in de nulmeting.');

    // Zuid has 2 complete responses in 2017: no numbers at all.
    const zuid = page.locator('section.team', { has: page.getByRole('heading', { name: 'Zuid', exact: true }) });
    const zuidText = await zuid.innerText();
    expect(zuidText).toContain('Te weinig respondenten in een van beide metingen: geen cijfers.');
    expect(zuidText).not.toMatch(/\d[,.]\d/);
    expect(await zuid.locator('table, figure, img, canvas').count()).toBe(0);
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
    expect(await page.locator('section.chart[data-chart-kind="trend"] canvas').isVisible()).toBe(true);
    await page.locator('#trend').screenshot({ path: await artifactPath('screenshots', 'compare', 'trend.png') });
    await context.close();
  }, 180_000);

  it('downloads all charts of a wave as one ZIP from the results page, with the folders counted as they arrive', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/werkruimte/metingen/${p.waves.w2017}/resultaten`);
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/resultaten/), page.getByRole('button', { name: 'Inloggen' }).click()]);
    await page.waitForLoadState('load');

    const box = page.locator('.zip-download');
    const folders = Number(await box.getAttribute('data-zip-folders'));
    // Every text the progress line shows, in order (it changes faster than a poll).
    await page.evaluate(() => {
      const line = document.querySelector('.zip-progress span')!;
      const seen: string[] = [];
      (window as unknown as { zipTexts: string[] }).zipTexts = seen;
      new MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      box.getByRole('link', { name: 'Alle grafieken van alle teams (ZIP)' }).click(),
    ]);
    await expect.poll(() => box.locator('.zip-progress span').innerText(), { timeout: 30_000 }).toBe('Klaar.');
    const texts = await page.evaluate(() => (window as unknown as { zipTexts: string[] }).zipTexts);
    expect(texts[0]).toBe('Grafieken worden gemaakt…');
    const counted = texts.map((t) => /^Map (\d+) van (\d+), \d+,\d MB ontvangen…$/.exec(t)).filter((m) => m !== null);
    // The folders are counted up, one by one, to the last: the wave's own.
    expect(counted.length).toBeGreaterThan(2);
    for (const m of counted) expect(Number(m[2])).toBe(folders);
    const numbers = counted.map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(folders);
    expect(
      await box.locator('progress').evaluate((e) => [(e as HTMLProgressElement).value, (e as HTMLProgressElement).max]),
    ).toEqual([1, 1]);
    // The page with its progress line shown passes axe-core (WCAG 2.1 A and AA).
    expect(await axe(page)).toEqual([]);
    await capture(page, await artifactPath('screenshots', 'compare', 'zip-klaar.png'));

    // The file the researcher gets: a folder per team and the wave's, Zuid only its notice.
    expect(download.suggestedFilename()).toBe('grafieken.zip');
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(zip);
    expect(new Set(names.map((n) => n.split('/')[0])).size).toBe(folders);
    expect(names).toContain('alle-teams/beschrijvingen.txt');
    expect(names.filter((n) => n.startsWith('zuid/'))).toEqual(['zuid/te-weinig-respondenten.txt']);
    const svg = strFromU8(zip[names.find((n) => n.startsWith('noord/') && n.endsWith('.svg'))!]!);
    expect(svg).toMatch(/^<\?xml|^<svg/);
    expect(svg).toContain('</svg>');
    await context.close();
  }, 180_000);
});
