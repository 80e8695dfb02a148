/**
 * What browser tests of workspace pages share: axe-core in the page, a full-page
 * screenshot, no sideways scrolling, and a respondent who answers every question.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { artifactPath } from './browser.ts';

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/** axe-core (WCAG 2.0/2.1 A and AA) in the page; returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** A full-page screenshot of the page in test-artifacts/<folder>/<width>/<name>.png. */
export async function screenshot(page: Page, folder: string, width: number, name: string): Promise<void> {
  await capture(page, await artifactPath(folder, String(width), `${name}.png`));
}

/**
 * A full-page screenshot to `path`. Chromium cannot always capture a page of tens of
 * thousands of pixels (the codebook): such a page is shot down to its first 12,000 px.
 * Chromium also sometimes refuses a capture ("Unable to capture screenshot"): right after
 * a new page opens, before the compositor has produced a frame, and for tall full-page
 * captures (a limit that depends on the device scale). A screenshot is for people to look
 * at, not an assertion: wait for painted frames and try again, then keep the viewport.
 */
export async function capture(page: Page, path: string): Promise<void> {
  await page.waitForLoadState('load');
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const whole = height > 12_000 ? { fullPage: true, clip: { x: 0, y: 0, width, height: 12_000 } } : { fullPage: true };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.screenshot({ path, ...whole });
      return;
    } catch (error) {
      if (!String(error).includes('Unable to capture screenshot')) throw error;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.waitForTimeout(250 * (attempt + 1));
    }
  }
  await page.screenshot({ path });
}

/**
 * Clicks a link (or any control that loads a new page) and waits until the new page has
 * loaded: a click alone returns before the navigation, and a check run in between meets
 * a document that is not there yet.
 */
export async function follow(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}

export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Answers every visible question of the current questionnaire page by clicking, as a person would. */
export async function answerQuestionnairePage(page: Page): Promise<void> {
  const questions = page.locator('form.page .q');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    if (!(await q.isVisible())) continue;
    const radios = q.locator('input[type="radio"]');
    const n = await radios.count();
    if (n > 0) {
      const name = await radios.first().getAttribute('name');
      if (name === 'a.bg.function') await q.locator('input[value="medewerker"]').check();
      else await radios.nth(n >= 11 ? 7 : Math.min(3, n - 1)).check();
      continue;
    }
    const text = q.locator('input[type="text"], textarea');
    if ((await text.count()) > 0) {
      const isNumber = (await text.first().getAttribute('inputmode')) === 'numeric';
      await text.first().fill(isNumber ? '34' : 'Tijd om samen te leren.');
    }
  }
}

/** From the welcome page of a link to the thank-you page. */
export async function completeQuestionnaire(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Beginnen' }).click();
  for (let step = 0; step < 40; step++) {
    await page.locator('.progress-label').waitFor();
    await answerQuestionnairePage(page);
    const before = page.url();
    await page.getByRole('button', { name: /Volgende|Naar controleren/ }).click();
    await page.waitForURL((u) => u.href !== before);
    if (page.url().endsWith('/controle')) break;
  }
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await page.waitForURL(/\/bedankt$/);
}
