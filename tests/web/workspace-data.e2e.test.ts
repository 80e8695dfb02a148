/**
 * The data page in a real browser: a researcher chooses a file, sees the preview (rows,
 * teams, warnings), imports it with progress, and the rows are there. Screenshots at
 * 360 and 1280 px go to test-artifacts/.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesCsv, type TResponseRecord } from '../../server/formats/responses-csv.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { capture } from '../helpers/browser-checks.ts';
import { artifactPath, launchBrowser } from '../helpers/browser.ts';
import { createTestWave, makeAnswers, seeded } from '../helpers/research-data.ts';

const def = getDefinition('wijkteam@2016')!;

// A browser walks many pages, each checked with axe-core and screenshotted: on a busy
// 2-core machine that takes minutes, not the default minute.
describe('workspace data page in a browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let waveId: number;
  let researcher: TestUser;
  let dir: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const wave = await createTestWave(t.app.db, { label: 'Meting 2016', teams: [{ name: 'Noord' }, { name: 'Zuid' }] });
    waveId = wave.waveId;
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [wave.programmeId] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-upload-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  it('previews, then imports with progress', async () => {
    const random = seeded(71);
    const records: TResponseRecord[] = Array.from({ length: 30 }, (_, i) => ({
      id: '',
      team: i % 3 ? 'Noord' : 'Zuid',
      status: 'complete',
      answers: makeAnswers(def, random, { 'bg.function': 'medewerker', ...(i < 4 && { 'wns.proactive': '' }) }),
    }));
    const file = path.join(dir, 'oude-meting.csv');
    await writeFile(file, responsesCsv(def, records, 'excel'));

    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: researcher.headers });
      const page = await context.newPage();
      await page.goto(`${base}/werkruimte/metingen/${waveId}/gegevens`);
      expect(await page.locator('h1').textContent()).toBe('Gegevens: Meting 2016');
      await page.setInputFiles('#upload-file', file);
      await page.click('#upload-check');
      await page.getByText('Klaar om te importeren.').waitFor();
      const preview = await page.locator('#upload-result').innerText();
      expect(preview).toContain('30 responses (30 volledig, 0 gedeeltelijk)');
      expect(preview).toContain('Noord: 20 volledig, 0 gedeeltelijk');
      expect(preview).toContain('kolom wns.proactive: 4 volledige responses laten deze verplichte vraag open');
      await capture(page, await artifactPath('workspace-data', `preview-${width}.png`));
      if (width === 1280) {
        await page.click('#upload-import');
        await page.getByText('Ingelezen: 30 responses').waitFor();
        expect(await page.locator('#upload-progress').getAttribute('value')).toBe('30');
        await capture(page, await artifactPath('workspace-data', `imported-${width}.png`));
      }
      await context.close();
    }
    const rows = await t.app.db.selectFrom('response').select('id').where('wave_id', '=', waveId).execute();
    expect(rows).toHaveLength(30);
  });
});
