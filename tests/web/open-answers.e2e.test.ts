/**
 * Open answers in a real headless Chromium: two researchers code the same 30 answers —
 * the first with the keyboard only (digits and n), the second blind, with JavaScript
 * switched off, in the list view — the kappa per theme on the page equals the value
 * computed here from the codes, a disagreement is settled, and the theme chart and the
 * CSV export show the settled codes. A manager gets 403 on every open-answer page; the
 * team below the threshold shows no theme counts. axe-core on every page at 360 and
 * 1280 px; screenshots in test-artifacts/screenshots/open-answers/.
 *
 * Every researcher logs in through the real login page (/inloggen) with a password.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createUser } from '../../server/services/users.ts';
import { capture } from '../helpers/browser-checks.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import { createOpenAnswerWave, OPEN_TEXTS, type OpenAnswerWave } from '../helpers/open-answers.ts';

const require = createRequire(import.meta.url);

const THEMES = [
  { code: 'tijd', label: 'Tijd en ruimte', description: 'Werkdruk, tijd voor cliënten en voor elkaar' },
  { code: 'kaders', label: 'Duidelijke kaders', description: 'Taken, bevoegdheden, regels' },
  { code: 'kennis', label: 'Kennis van de sociale kaart', description: '' },
] as const;
type Code = (typeof THEMES)[number]['code'];

/** The first coder's codes for the i-th text (i = index in OPEN_TEXTS). */
function codesA(i: number): Code[] {
  const codes: Code[] = [];
  if (i % 2 === 0) codes.push('tijd');
  if (i % 3 === 0) codes.push('kaders');
  if (i % 5 === 0) codes.push('kennis');
  return codes;
}
/** The second coder agrees except on four answers. */
const toggles: Record<number, Code> = { 1: 'kaders', 4: 'kaders', 7: 'kennis', 10: 'tijd' };
function codesB(i: number): Code[] {
  const t = toggles[i];
  if (!t) return codesA(i);
  const a = codesA(i);
  return a.includes(t) ? a.filter((c) => c !== t) : [...a, t];
}
/** The disagreement on text 1 is settled as both coders' themes together. */
const SETTLED_INDEX = 1;
const settledCodes = () => [...new Set([...codesA(SETTLED_INDEX), ...codesB(SETTLED_INDEX)])];

/** Cohen's kappa from the 2 × 2 table, written out here apart from analysis/kappa.ts. */
function expectedKappa(code: Code): string {
  let yy = 0,
    yn = 0,
    ny = 0,
    nn = 0;
  OPEN_TEXTS.forEach((_, i) => {
    const a = codesA(i).includes(code),
      b = codesB(i).includes(code);
    if (a && b) yy++;
    else if (a) yn++;
    else if (b) ny++;
    else nn++;
  });
  const n = yy + yn + ny + nn;
  const po = (yy + nn) / n;
  const pe = ((yy + yn) * (yy + ny) + (ny + nn) * (yn + nn)) / (n * n);
  if (pe === 1) return 'n.v.t.';
  return ((po - pe) / (1 - pe)).toFixed(3).replace('.', ',');
}

interface TestUser {
  email: string;
  password: string;
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('coding open answers in a real browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let w: OpenAnswerWave;
  let browser: Browser;
  let base: string;
  let root: string;
  let first: TestUser;
  let second: TestUser;
  let manager: TestUser;
  let axeSource = '';
  const violations: { page: string; width: number; violations: AxeViolation[] }[] = [];

  beforeAll(async () => {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    w = await createOpenAnswerWave(t.app.db);
    root = `${base}/werkruimte/metingen/${w.waveId}/open-antwoorden`;
    const account = async (email: string, displayName: string, role: 'researcher' | 'manager'): Promise<TestUser> => {
      const password = `${displayName} heeft een lang wachtwoord`;
      await createUser(t.app.db, {
        email,
        displayName,
        role,
        programmeIds: [w.programmeId],
        passwordHash: await hashPassword(password),
      });
      return { email, password };
    };
    first = await account('anna@hogeschool.example', 'Anna de Vries', 'researcher');
    second = await account('bram@hogeschool.example', 'Bram Jansen', 'researcher');
    manager = await account('mila@gemeente.example', 'Mila Bakker', 'manager');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A browser of its own, logged in through the login page. */
  async function device(user: TestUser, width: number, javaScript = true): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width, height: width === 360 ? 740 : 900 },
      locale: 'nl-NL',
      javaScriptEnabled: javaScript,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(user.password);
    await navigate(page, () => page.getByRole('button', { name: 'Inloggen' }).click());
    expect(new URL(page.url()).pathname).toBe('/werkruimte');
    await page.close();
    return context;
  }

  async function check(page: Page, width: number, name: string): Promise<void> {
    await capture(page, await artifactPath('screenshots', 'open-answers', `${width}`, `${name}.png`));
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: AxeViolation[] }> } })
        .axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    });
    if (found.length > 0) violations.push({ page: name, width, violations: found });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
  }

  async function navigate(page: Page, act: () => Promise<void>): Promise<void> {
    // A post that redirects to the page it came from keeps the URL: wait for the navigation itself.
    const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
    await act();
    await navigated;
    await page.waitForLoadState('load');
  }

  it('two researchers code the same 30 answers, kappa matches, a disagreement is settled, chart and export follow', async () => {
    // The first researcher sets up the themes with the forms.
    const a = await device(first, 1280);
    const pa = await a.newPage();
    await pa.goto(`${root}/themas`);
    for (const theme of THEMES) {
      await pa.locator('#new-code').fill(theme.code);
      await pa.locator('#new-label').fill(theme.label);
      await pa.locator('#new-description').fill(theme.description);
      await navigate(pa, () => pa.getByRole('button', { name: 'Thema toevoegen' }).click());
      expect((await pa.getByRole('status').textContent())?.trim()).toBe('Het thema is opgeslagen.');
    }
    await check(pa, 1280, '01-themas');

    // First coder: one answer at a time, keyboard only (digits toggle themes, n saves).
    await pa.goto(`${root}/coderen`);
    await check(pa, 1280, '02-coderen-een');
    expect((await pa.locator('#coding-progress').textContent())?.trim()).toBe('0 van 30 gecodeerd');
    for (let step = 0; step < 30; step++) {
      const text = (await pa.locator('blockquote.oa-text').textContent())!;
      const i = OPEN_TEXTS.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      const codes = codesA(i);
      if (codes.length === 0) await pa.keyboard.press('0');
      for (const code of codes) await pa.keyboard.press(String(THEMES.findIndex((x) => x.code === code) + 1));
      for (const theme of THEMES) {
        expect(await pa.locator('label.opt', { hasText: theme.label }).locator('input').isChecked(), theme.code).toBe(
          codes.includes(theme.code),
        );
      }
      await navigate(pa, () => pa.keyboard.press('n'));
    }
    expect((await pa.locator('#coding-progress').textContent())?.trim()).toBe('30 van 30 gecodeerd');
    expect((await pa.getByRole('status').textContent())?.trim()).toBe('Alle antwoorden zijn gecodeerd.');

    // Second coder: blind (sees no codes of the first), JavaScript off, list view, mouse.
    const b = await device(second, 1280, false);
    const pb = await b.newPage();
    await pb.goto(`${root}/coderen?weergave=lijst`);
    expect((await pb.locator('#coding-progress').textContent())?.trim()).toBe('0 van 30 gecodeerd');
    for (let listPage = 1; listPage <= 2; listPage++) {
      expect(await pb.locator('input[type="checkbox"]:checked').count()).toBe(0);
      const sections = pb.locator('form.coding section.panel');
      const count = await sections.count();
      expect(count).toBe(listPage === 1 ? 20 : 10);
      for (let s = 0; s < count; s++) {
        const section = sections.nth(s);
        const i = OPEN_TEXTS.indexOf((await section.locator('blockquote').textContent())!);
        const codes = codesB(i);
        if (codes.length === 0) await section.locator('label.opt.none').click();
        for (const code of codes)
          await section.locator('label.opt', { hasText: THEMES.find((x) => x.code === code)!.label }).click();
      }
      await navigate(pb, () => pb.getByRole('button', { name: 'Opslaan', exact: true }).click());
      expect((await pb.getByRole('status').textContent())?.trim()).toBe('Opgeslagen.');
      if (listPage === 1) await navigate(pb, () => pb.getByRole('link', { name: 'Volgende pagina' }).first().click());
    }
    expect((await pb.locator('#coding-progress').textContent())?.trim()).toBe('30 van 30 gecodeerd');
    await capture(pb, await artifactPath('screenshots', 'open-answers', '1280', 'zonder-js-03-coderen-lijst.png'));

    // Agreement: kappa per theme on the page equals the value computed here.
    await pa.goto(`${root}/overeenstemming`);
    expect(await pa.getByText('30 antwoorden door beide gecodeerd.').isVisible()).toBe(true);
    for (const theme of THEMES) {
      expect((await pa.locator(`tr[data-theme="${theme.code}"] td.kappa-value`).textContent())?.trim(), theme.code).toBe(
        expectedKappa(theme.code),
      );
    }
    const disagreements = pa.locator('form.disagreement');
    expect(await disagreements.count()).toBe(Object.keys(toggles).length);
    const shownTexts = await disagreements.locator('blockquote').allTextContents();
    expect(shownTexts.map((x) => OPEN_TEXTS.indexOf(x)).sort((x, y) => x - y)).toEqual(Object.keys(toggles).map(Number));
    await check(pa, 1280, '04-overeenstemming');

    // Settle one disagreement.
    const form = disagreements.filter({ hasText: OPEN_TEXTS[SETTLED_INDEX]! });
    for (const theme of THEMES) {
      const box = form.locator('label.opt', { hasText: theme.label }).locator('input');
      if ((await box.isChecked()) !== settledCodes().includes(theme.code)) await box.click();
    }
    await navigate(pa, () => form.getByRole('button', { name: /Vaststellen/ }).click());
    expect((await pa.getByRole('status').textContent())?.trim()).toBe('De definitieve codes zijn vastgesteld.');
    expect(
      (await pa.locator('form.disagreement', { hasText: OPEN_TEXTS[SETTLED_INDEX]! }).locator('.settled').textContent())?.trim(),
    ).toBe('vastgesteld');

    // Final codes as computed here: agreed answers, plus the settled one.
    const finalOf = (i: number): Code[] | undefined =>
      i === SETTLED_INDEX ? settledCodes() : toggles[i] ? undefined : codesA(i);
    const team = (i: number) => (i < 16 ? 'Noord' : i < 28 ? 'Oost' : 'Zuid');
    const shown = OPEN_TEXTS.map((_, i) => i).filter((i) => finalOf(i) && team(i) !== 'Zuid');

    // The chart and the counts show the settled codes; Zuid (2 responses) shows none.
    await pa.goto(`${root}/resultaten`);
    await check(pa, 1280, '05-resultaten');
    const config = JSON.parse((await pa.locator('#theme-chart').textContent())!);
    const rawPercent = THEMES.map((theme) => (100 * shown.filter((i) => finalOf(i)!.includes(theme.code)).length) / shown.length);
    const expectedPercent = rawPercent.map((p) => Math.round(p * 10) / 10);
    expect(config.data.labels).toEqual(THEMES.map((x) => x.label));
    expect(config.data.datasets[0].data).toEqual(expectedPercent);
    const bars = await pa
      .locator('.bars progress')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLProgressElement).value)));
    expect(bars).toEqual(rawPercent.map((p) => Math.round(p)));
    for (const theme of THEMES) {
      expect((await pa.locator(`tr[data-theme="${theme.code}"] td[data-team="Zuid"]`).textContent())?.trim()).toBe('n < 5');
    }

    // The export: the settled answer's row carries the settled codes as 0/1 columns.
    const csv = await (await a.request.get(`${base}/api/waves/${w.waveId}/export.csv`)).text();
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r['open.needs'] === OPEN_TEXTS[SETTLED_INDEX])!;
    expect(THEMES.map((x) => row[`theme_${x.code}`])).toEqual(THEMES.map((x) => (settledCodes().includes(x.code) ? '1' : '0')));
    const unsettled = rows.find((r) => r['open.needs'] === OPEN_TEXTS[4])!;
    expect(THEMES.map((x) => unsettled[`theme_${x.code}`])).toEqual(['', '', '']);

    await a.close();
    await b.close();
  }, 240_000);

  it('gives a manager 403 on every open-answer page', async () => {
    const m = await device(manager, 1280);
    const page = await m.newPage();
    for (const path of ['', '/themas', '/coderen', '/coderen?weergave=lijst', '/overeenstemming', '/resultaten']) {
      const res = await page.goto(`${root}${path}`);
      expect(res!.status(), path).toBe(403);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Geen toegang');
      expect(await page.content()).not.toContain(OPEN_TEXTS[0]!.slice(0, 12));
    }
    await check(page, 1280, '06-manager-403');
    await m.close();
  });

  it('every page passes axe-core at 360 and 1280 px, and reads in English too', async () => {
    for (const width of [360, 1280]) {
      const context = await device(first, width);
      const page = await context.newPage();
      const ref = (await (await context.request.get(`${base}/api/waves/${w.waveId}/open-answers`)).json()).answers[0].ref;
      for (const [name, path] of [
        ['10-lezen', ''],
        ['11-antwoord', `/antwoord/${ref}`],
        ['12-themas', '/themas'],
        ['13-coderen-een', '/coderen?nr=3'],
        ['14-coderen-lijst', '/coderen?weergave=lijst'],
        ['15-overeenstemming', '/overeenstemming'],
        ['16-resultaten', '/resultaten'],
      ] as const) {
        const res = await page.goto(`${root}${path}`);
        expect(res!.status(), path).toBe(200);
        await check(page, width, name);
      }
      // The language switch in the header: the same page in English.
      await navigate(page, () => page.getByRole('link', { name: 'English' }).click());
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Themes: results');
      await check(page, width, '17-results-en');
      await context.close();
    }
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 180_000);
});
