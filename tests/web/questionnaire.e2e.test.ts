/**
 * Respondents in a real headless Chromium (playwright-core + @sparticuz/chromium): the
 * whole wijkteam@2015 questionnaire on a 360×740 phone and on a 1280 px laptop, leaving
 * halfway and resuming, autosave, and axe-core on every page. Screenshots of every page
 * at both widths go to test-artifacts/screenshots/.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { freePort } from '../../server/db/embedded.ts';
import { axe, capture, type AxeViolation } from '../helpers/browser-checks.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import { openWave, TEST_SECRET, type TestWave } from '../helpers/survey.ts';

/** Answers every visible question of the current page the way a person would: by clicking labels. */
async function answerPage(page: Page, choices: { fn?: string } = {}): Promise<void> {
  // In page order, checking visibility as we go: a follow-up question appears once its
  // trigger is answered (with JavaScript on).
  const questions = page.locator('form.page .q');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    if (!(await q.isVisible())) continue;
    const radios = q.locator('input[type="radio"]');
    const n = await radios.count();
    if (n > 0) {
      const name = await radios.first().getAttribute('name');
      if (name === 'a.bg.function') {
        await q.locator(`input[value="${choices.fn ?? 'medewerker'}"]`).check();
      } else {
        // A middle-to-high answer: the 4th of 5, or 7 on a 0–10 grade.
        await radios.nth(n >= 11 ? 7 : Math.min(3, n - 1)).check();
      }
      continue;
    }
    const text = q.locator('input[type="text"], textarea');
    if ((await text.count()) > 0) {
      const isNumber = (await text.first().getAttribute('inputmode')) === 'numeric';
      await text.first().fill(isNumber ? '34' : 'Tijd om samen te leren, en een vaste plek voor overleg.');
    }
  }
}

/** Clicks a submit button and waits until the browser is on the next page (POST, 303, GET). */
async function submitAndWait(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  const before = page.url();
  await button.click();
  await page.waitForURL((url) => url.href !== before);
  await page.waitForLoadState('load');
}

async function shoot(page: Page, width: number, name: string): Promise<void> {
  await capture(page, await artifactPath('screenshots', `${width}`, `${name}.png`));
}

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('respondents in a real browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let wave: TestWave;
  let browser: Browser;
  let base: string;
  const violations: { page: string; width: number; violations: AxeViolation[] }[] = [];

  beforeAll(async () => {
    // Links (the resume link) are built from PUBLIC_URL only, so the port is chosen first.
    const port = await freePort();
    t = await buildTestApp({ env: { SESSION_SECRET: TEST_SECRET, PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    wave = await openWave(t.app, { label: '2015 nulmeting' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newDevice(width: number, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width, height: width === 360 ? 740 : 900 },
      locale: 'nl-NL',
      javaScriptEnabled: options.javaScript ?? true,
    });
    // Playwright waits forever by default; a missing element should fail the test instead.
    context.setDefaultTimeout(15_000);
    return context;
  }

  async function check(page: Page, width: number, name: string) {
    await shoot(page, width, name);
    // axe needs scripts to run; the same pages are checked with scripts on.
    if (name.startsWith('zonder-js-')) return;
    const found = await axe(page);
    if (found.length > 0) violations.push({ page: name, width, violations: found });
    // No horizontal scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
  }

  async function completeQuestionnaire(width: number, token: string, options: { javaScript?: boolean } = {}) {
    const context = await newDevice(width, options);
    const prefix = options.javaScript === false ? 'zonder-js-' : '';
    const page = await context.newPage();
    await page.goto(`${base}/v/${token}`);
    await check(page, width, `${prefix}01-welkom`);
    await page.getByRole('link', { name: 'Beginnen' }).click();
    for (let step = 1; step < 30; step++) {
      await expect.poll(() => page.locator('.progress-label').textContent()).toMatch(/^Stap \d+ van \d+$/);
      const block = page.url().split('/b/')[1];
      await answerPage(page);
      await check(page, width, `${prefix}${String(step + 1).padStart(2, '0')}-${block}`);
      await submitAndWait(page, page.getByRole('button', { name: /Volgende|Naar controleren/ }));
      if (page.url().endsWith('/controle')) break;
    }
    await expect.poll(() => page.locator('h1').textContent()).toBe('Controleren en versturen');
    await check(page, width, `${prefix}90-controleren`);
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await page.waitForURL(/\/bedankt$/);
    await check(page, width, `${prefix}95-bedankt`);
    // The back button after sending, and opening the link again on this device.
    await page.goto(`${base}/v/${token}`);
    await expect.poll(() => page.locator('.notice h2').textContent()).toBe('Deze vragenlijst is al verstuurd');
    await check(page, width, `${prefix}96-al-verstuurd`);
    await context.close();
  }

  it.each([360, 1280])('completes the whole wijkteam@2015 questionnaire at %i px', async (width) => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM response WHERE status = 'complete'`.execute(t.app.db);
    await completeQuestionnaire(width, wave.tokens['Zwolle-Noord']!);
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM response WHERE status = 'complete'`.execute(t.app.db);
    expect(Number(after.rows[0]!.n) - Number(before.rows[0]!.n)).toBe(1);
    const latest = await t.app.db
      .selectFrom('response')
      .innerJoin('team', 'team.id', 'response.team_id')
      .select(['response.id', 'team.name'])
      .where('status', '=', 'complete')
      .orderBy('response.id')
      .execute();
    const answers = await t.app.db.selectFrom('answer').select(['response_id', 'item_id']).execute();
    const def = getDefinition('wijkteam@2015')!;
    const everyItem = def.blocks
      .flatMap((b) => b.items)
      .filter((i) => i.kind !== 'team')
      .map((i) => i.id)
      .sort();
    const complete = latest.filter((r) => answers.filter((a) => a.response_id === r.id).length === everyItem.length);
    expect(complete.length).toBeGreaterThanOrEqual(1);
    for (const r of complete) {
      expect(r.name).toBe('Zwolle-Noord');
      expect(
        answers
          .filter((a) => a.response_id === r.id)
          .map((a) => a.item_id)
          .sort(),
      ).toEqual(everyItem);
    }
  });

  it('works completely without JavaScript: plain forms, one complete response', async () => {
    // A wave of its own, so that its one response is easy to tell apart.
    const plain = await openWave(t.app, { label: '2015 nulmeting zonder JavaScript' });
    await completeQuestionnaire(360, plain.tokens.Elburg!, { javaScript: false });
    const added = await t.app.db
      .selectFrom('response')
      .innerJoin('team', 'team.id', 'response.team_id')
      .select(['response.id', 'team.name'])
      .where('status', '=', 'complete')
      .where('response.wave_id', '=', plain.waveId)
      .execute();
    expect(added).toHaveLength(1);
    expect(added[0]!.name).toBe('Elburg');
    const answers = await t.app.db.selectFrom('answer').select('item_id').where('response_id', '=', added[0]!.id).execute();
    const def = getDefinition('wijkteam@2015')!;
    expect(answers.map((a) => a.item_id).sort()).toEqual(
      def.blocks
        .flatMap((b) => b.items)
        .filter((i) => i.kind !== 'team')
        .map((i) => i.id)
        .sort(),
    );
  });

  it('leaves halfway, comes back through the resume link on another device, and finishes with nothing lost', async () => {
    const phone = await newDevice(360);
    const page = await phone.newPage();
    await page.goto(`${base}/v/${wave.tokens.Elburg}`);
    await page.getByRole('link', { name: 'Beginnen' }).click();
    const entered: string[] = [];
    for (let i = 0; i < 3; i++) {
      await answerPage(page);
      entered.push(page.url().split('/b/')[1]!);
      await submitAndWait(page, page.getByRole('button', { name: 'Volgende' }));
    }
    const whereLeft = page.url();
    await page.locator('.resume-box summary').click();
    await shoot(page, 360, '50-hervatcode');
    const resumeUrl = await page.locator('.resume-box a').getAttribute('href');
    const code = await page.locator('.resume-box code').textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await phone.close(); // a dead battery

    // The same device would resume by itself; here a laptop uses the resume link.
    const laptop = await newDevice(1280);
    const again = await laptop.newPage();
    await again.goto(resumeUrl!);
    // Opening the link changes nothing; continuing gives the response a new code.
    await submitAndWait(again, again.getByRole('button', { name: 'Verder met de vragenlijst van deze link' }));
    expect(again.url()).toBe(whereLeft);
    // What was entered before is still there.
    await again.goto(`${base}/v/${wave.tokens.Elburg}/b/${entered[0]}`);
    await expect.poll(() => again.locator('input[name="a.bg.function"][value="medewerker"]').isChecked()).toBe(true);
    await again.goto(whereLeft);
    for (let step = 0; step < 30 && !again.url().endsWith('/controle'); step++) {
      await answerPage(again);
      await submitAndWait(again, again.getByRole('button', { name: /Volgende|Naar controleren/ }));
    }
    await again.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await again.waitForURL(/\/bedankt$/);
    await laptop.close();

    const rows = await t.app.db
      .selectFrom('response')
      .innerJoin('team', 'team.id', 'response.team_id')
      .select(['response.id'])
      .where('team.name', '=', 'Elburg')
      .where('response.wave_id', '=', wave.waveId)
      .where('status', '=', 'complete')
      .execute();
    expect(rows).toHaveLength(1);
    const answered = await t.app.db.selectFrom('answer').select('item_id').where('response_id', '=', rows[0]!.id).execute();
    const def = getDefinition('wijkteam@2015')!;
    for (const blockId of entered) {
      for (const item of def.blocks.find((b) => b.id === blockId)!.items.filter((i) => i.kind !== 'team')) {
        expect(answered.map((a) => a.item_id)).toContain(item.id);
      }
    }
  });

  it('saves answers as the respondent goes (autosave) and resumes on the same device by itself', async () => {
    const device = await newDevice(360);
    const page = await device.newPage();
    await page.goto(`${base}/v/${wave.generalToken}`);
    await page.getByRole('link', { name: 'Beginnen' }).click();
    await page.getByLabel('Zwolle-Noord').check();
    await page.locator('input[name="a.bg.function"][value="overig"]').check();
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 10_000 }).toBe('Opgeslagen');
    const saved = await t.app.db
      .selectFrom('answer')
      .innerJoin('response', 'response.id', 'answer.response_id')
      .select(['answer.value_text', 'response.status'])
      .where('answer.item_id', '=', 'bg.function')
      .where('answer.value_text', '=', 'overig')
      .execute();
    expect(saved).toEqual([{ value_text: 'overig', status: 'partial' }]);
    // Closing the tab without clicking Next, then opening the link again: welcome back.
    await page.close();
    const back = await device.newPage();
    await back.goto(`${base}/v/${wave.generalToken}`);
    await expect.poll(() => back.locator('.notice h2').textContent()).toBe('Welkom terug');
    await check(back, 360, '05-welkom-terug');
    await back.getByRole('link', { name: 'Verder waar ik was' }).click();
    // It continues at the first page with open questions: the one after the background.
    await back.waitForURL((url) => url.pathname.includes('/b/') && !url.pathname.endsWith('/b/bg'));
    await back.getByRole('button', { name: 'Vorige' }).click();
    await back.waitForURL(/\/b\/bg$/);
    expect(await back.locator('input[name="a.bg.function"][value="overig"]').isChecked()).toBe(true);
    expect(await back.getByLabel('Zwolle-Noord').isChecked()).toBe(true);
    await device.close();
  });

  it('shows errors in Dutch next to the field and keeps what was entered', async () => {
    const device = await newDevice(360);
    const page = await device.newPage();
    await page.goto(`${base}/v/${wave.tokens.Elburg}/nieuw`);
    await page.locator('input[name="a.bg.age"]').fill('200');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => page.locator('#error-summary h2').textContent()).toBe('Er is iets niet goed ingevuld');
    await expect.poll(() => page.locator('#err-bg-age').textContent()).toBe('Vul een heel getal in van 16 tot en met 80.');
    expect(await page.locator('input[name="a.bg.age"]').inputValue()).toBe('200');
    await expect.poll(() => page.locator('#err-bg-function').textContent()).toBe('Kies een antwoord.');
    await check(page, 360, '06-foutmeldingen');
    await device.close();
  });

  it("wijkteam@2016: a provider's grade appears only when the respondent works with it", async () => {
    const wave2016 = await openWave(t.app, { definition: 'wijkteam@2016', label: '2016 vervolgmeting' });
    const device = await newDevice(360);
    const page = await device.newPage();
    await page.goto(`${base}/v/${wave2016.tokens.Elburg}`);
    await page.getByRole('link', { name: 'Beginnen' }).click();
    for (let step = 0; step < 20 && !page.url().endsWith('/b/ext'); step++) {
      await answerPage(page);
      await submitAndWait(page, page.getByRole('button', { name: 'Volgende' }));
    }
    expect(page.url()).toMatch(/\/b\/ext$/);
    const grade = page.locator('#q-ext-ggz-grade');
    expect(await grade.isVisible()).toBe(false);
    await page.locator('input[name="a.ext.ggz.frequency"][value="2"]').check();
    await expect.poll(() => grade.isVisible()).toBe(true);
    await page.locator('input[name="a.ext.ggz.frequency"][value="0"]').check();
    await expect.poll(() => grade.isVisible()).toBe(false);
    await answerPage(page);
    await check(page, 360, '2016-ext');
    await submitAndWait(page, page.getByRole('button', { name: 'Volgende' }));
    expect(page.url()).not.toMatch(/\/b\/ext$/);
    await device.close();
  });

  it('speaks English when the respondent switches', async () => {
    const device = await newDevice(1280);
    const page = await device.newPage();
    await page.goto(`${base}/v/${wave.tokens.Elburg}`);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Start' }).count()).toBe(1);
    await check(page, 1280, '01-welcome-en');
    await page.getByRole('link', { name: 'Start' }).click();
    await expect.poll(() => page.locator('.progress-label').textContent()).toMatch(/^Step 1 of \d+$/);
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await expect.poll(() => page.locator('.progress-label').textContent()).toMatch(/^Stap 1 van \d+$/);
    await device.close();
  });

  it('shows the same friendly page for an unknown link', async () => {
    for (const width of [360, 1280]) {
      const device = await newDevice(width);
      const page = await device.newPage();
      const res = await page.goto(`${base}/v/${'x'.repeat(32)}`);
      expect(res!.status()).toBe(404);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Deze vragenlijst is niet beschikbaar');
      await check(page, width, '99-niet-beschikbaar');
      await device.close();
    }
  });

  it('after all of this over real HTTP, the log holds no token, resume code or client address', async () => {
    const log = t.rawLog();
    expect(log.length).toBeGreaterThan(1000);
    for (const token of [...Object.values(wave.tokens), wave.generalToken]) expect(log).not.toContain(token);
    // Request ids are random UUIDs whose hex groups can look like a resume code: leave
    // them out, then no resume code may appear anywhere.
    const withoutRequestIds = log.replace(/"reqId":"[0-9a-f-]{36}"/g, '"reqId":""');
    expect(withoutRequestIds).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(log).not.toMatch(/remoteAddress|remotePort|user-agent|"url":/i);
    // The server's own listening address is the only address in it.
    const addresses = log.split('\n').filter((line) => /\b127\.0\.0\.1\b/.test(line));
    expect(addresses.every((line) => line.includes('Server listening'))).toBe(true);
  });

  it('axe-core finds no WCAG 2.1 A/AA violations on any page', () => {
    expect(violations).toEqual([]);
  });
});
