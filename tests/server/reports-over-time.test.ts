/**
 * The change, trend and theme charts in every place a wave's results go, on a real
 * database: three waves of one programme (nulmeting 2015, 2016, 2017; 2017's baseline wave
 * is the nulmeting), Zuid below the threshold in 2017, and the 2017 open answers coded
 * into themes. Checks the chart URLs (access as in the workspace), the ZIP, and the wave
 * and team PDFs read back with pdftotext: the change table's numbers and the theme
 * counts equal the analysis; no number of Zuid's 2017 group in any file name, ZIP entry,
 * image or PDF text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TChange } from '../../analysis/index.ts';
import type { TThemeCounts } from '../../analysis/theme-counts.ts';
import { num, signed } from '../../server/charts/text.ts';
import { loadWaveReport } from '../../server/reports/load.ts';
import { compareStoredWaves } from '../../server/services/comparison.ts';
import { themeResults } from '../../server/services/theme-results.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../helpers/comparison-data.ts';
import { codeEveryAnswer, TEST_THEMES } from '../helpers/themes-data.ts';

const def = getDefinition('wijkteam@2016')!;
const dir = mkdtempSync(path.join(tmpdir(), 'wijkmeter-over-time-'));

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('change, trend and themes in charts, ZIP and PDFs', { timeout: 600_000 }, () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let change: TChange;
  let themes: TThemeCounts;
  let wave: number;
  let zuidMembers: number;
  const get = (url: string, user: TestUser | null = researcher) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
    wave = p.waves.w2017;
    await t.app.db.updateTable('wave').set({ baseline_wave_id: p.waves.nulmeting }).where('id', '=', wave).execute();
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [p.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [p.programmeId] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [p.otherProgrammeId] });
    await codeEveryAnswer(t.app.db, wave, researcher);
    change = await compareStoredWaves(t.app.db, p.programmeId, p.waves.nulmeting, wave);
    themes = (await themeResults(t.app.db, wave)).counts;
  });
  afterAll(async () => t?.close());

  it('loads what the kinds are fed only where it applies', async () => {
    const latest = await loadWaveReport(t.app.db, wave, 'nl');
    expect(latest.change?.baseline.key).toBe(String(p.waves.nulmeting));
    expect(latest.trend?.waves.map((w) => w.key)).toEqual([p.waves.nulmeting, p.waves.w2016, p.waves.w2017].map(String));
    expect(latest.themes?.overall.suppressed).toBe(false);
    zuidMembers = latest.wave.members.Zuid!;
    // 2016: no baseline wave recorded, only two waves up to it, no themes.
    const earlier = await loadWaveReport(t.app.db, p.waves.w2016, 'nl');
    expect([earlier.change, earlier.trend, earlier.themes]).toEqual([undefined, undefined, undefined]);
    // The suppressed team of 2017 really is below the threshold in the comparison.
    expect(change.teams.find((x) => x.team === 'Zuid')?.suppressed).toBe(true);
    expect(themes.teams.find((x) => x.name === 'Zuid')?.cell.suppressed).toBe(true);
  });

  it('serves every new chart as PNG (2×) and SVG with the workspace access rules', async () => {
    const noord = p.teams.get('Noord')!;
    const urls = [
      `/api/waves/${wave}/charts/verandering-alle-teams`,
      `/api/waves/${wave}/charts/trend-levine-parallel`,
      `/api/waves/${wave}/charts/themas`,
      `/api/waves/${wave}/teams/${noord}/charts/verandering-noord`,
      `/api/waves/${wave}/teams/${noord}/charts/themas`,
      `/api/programmes/${p.programmeId}/comparison/charts/verandering-alle-teams`,
      `/api/programmes/${p.programmeId}/comparison/charts/verandering-noord`,
      `/api/programmes/${p.programmeId}/trend/charts/trend-levine-parallel`,
    ];
    const query = (url: string) =>
      url.includes('/comparison/')
        ? `?baseline=${p.waves.nulmeting}&wave=${wave}`
        : url.includes('/trend/')
          ? `?waves=${p.waves.nulmeting},${p.waves.w2016},${wave}`
          : '';
    for (const base of urls) {
      const png = await get(`${base}.png${query(base)}`, manager);
      expect(png.statusCode, base).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      const image = await loadImage(png.rawPayload);
      const svg = await get(`${base}.svg${query(base)}`, manager);
      expect(svg.statusCode, base).toBe(200);
      const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg.body)!;
      expect([image.width, image.height]).toEqual([Number(w) * 2, Number(h) * 2]);
      expect(svg.body).toMatch(/<title>(Verandering|Trend|Genoemde thema&apos;s|Genoemde thema's)[^<]*\(N=/);
      expect((await get(`${base}.png${query(base)}`, outsider)).statusCode, base).toBe(404);
      expect((await get(`${base}.png${query(base)}`, null)).statusCode, base).toBe(401);
    }
    const svg = await get(`/api/waves/${wave}/charts/verandering-alle-teams.svg`);
    expect(svg.body).toContain(`<title>Verandering 2015 nulmeting – 2017: alle teams (N=`);
    // Zuid (2 in 2017) has no change or theme image anywhere.
    const zuid = p.teams.get('Zuid')!;
    for (const url of [
      `/api/waves/${wave}/teams/${zuid}/charts/verandering-zuid.png`,
      `/api/waves/${wave}/teams/${zuid}/charts/themas.png`,
      `/api/programmes/${p.programmeId}/comparison/charts/verandering-zuid.png?baseline=${p.waves.nulmeting}&wave=${wave}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toMatch(/\d+,\d\d/);
    }
  });

  it('puts the new charts in the ZIP, and nothing of Zuid but its notice', async () => {
    const zip = unzipSync(new Uint8Array((await get(`/api/waves/${wave}/charts.zip`, manager)).rawPayload));
    const names = Object.keys(zip);
    for (const name of [
      'alle-teams/verandering-alle-teams.png',
      'alle-teams/verandering-alle-teams.svg',
      'alle-teams/trend-levine-parallel.png',
      'alle-teams/themas.png',
      'alle-teams/themas.svg',
      'noord/verandering-noord.png',
      'noord/themas.svg',
    ])
      expect(names, name).toContain(name);
    expect(names.filter((n) => n.startsWith('zuid/'))).toEqual(['zuid/te-weinig-respondenten.txt']);
    for (const n of names) expect(n).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\.(png|svg|txt)$/);
    // In the wave's change and theme charts Zuid is no bar and no point; in a trend chart
    // it has no point in 2017 (its earlier waves were above the threshold there).
    for (const name of ['alle-teams/verandering-alle-teams.svg', 'alle-teams/themas.svg'])
      expect(strFromU8(zip[name]!)).not.toContain('Zuid');
    const trend = strFromU8(zip['alle-teams/beschrijvingen.txt']!);
    expect(trend).toContain('trend-levine-parallel');
  });

  it('prints the change section with the analysis’ numbers and the theme section in the wave PDF', async () => {
    const text = pdfText((await get(`/api/waves/${wave}/report.pdf`, manager)).rawPayload, 'wave-2017.pdf');
    expect(text).toContain('Verandering sinds 2015 nulmeting');
    expect(text).toContain('Trend over de metingen');
    expect(text).toContain('Thema’s in de open antwoorden');
    let checked = 0;
    for (const id of def.constructGroups.find((g) => g.id === 'levine')!.constructs) {
      const r = change.overall.constructs.find((c) => c.id === id)!.result;
      if (r.suppressed || r.ci95 === null) continue;
      const label = def.constructs.find((c) => c.id === id)!.label.nl;
      // The reading may wrap in its narrow column: its first word is on the row.
      const row = `${escape(label)}\\s+${escape(signed(r.difference01, 2, 'nl'))}\\s+${escape(signed(r.ci95[0], 2, 'nl'))}\\s+${escape(signed(r.ci95[1], 2, 'nl'))}\\s+${escape(r.reading.text.nl.split(' ')[0]!)}`;
      expect(text).toMatch(new RegExp(row));
      checked++;
    }
    expect(checked).toBe(5);
    const overall = themes.overall;
    if (overall.suppressed) throw new Error('the wave’s themes are shown');
    for (const f of overall.themes)
      expect(text).toMatch(new RegExp(`${escape(f.label)}\\s+${num(f.percent, 0, 'nl')}\\s+${f.count}`));
    expect(overall.themes.map((f) => f.label)).toEqual(TEST_THEMES.map((x) => x.label));
    // The per-team theme table: Zuid's row holds no figure; nor does any line naming Zuid,
    // but a trend row, whose 2017 cell is the notice.
    // (The overview's member count, set up by the researcher, is no figure of the responses.)
    for (const line of text.split('\n').filter((l) => l.includes('Zuid'))) {
      const rest = line.replace(/pagina \d+ van \d+/, '').replace(new RegExp(`^\\s*Zuid\\s+${zuidMembers}\\b`), 'Zuid');
      if (/\d/.test(rest)) expect(line).toMatch(/– \(n te klein\)\s*$/);
    }
    // The open answers themselves are never in a report.
    expect(text).not.toMatch(/Meer tijd voor overleg \(\d+\)/);
  });

  it('prints the team’s change and themes in its PDF, and only the notice for Zuid', async () => {
    const noord = pdfText(
      (await get(`/api/waves/${wave}/teams/${p.teams.get('Noord')}/report.pdf`)).rawPayload,
      'noord-2017.pdf',
    );
    expect(noord).toContain('Verandering sinds 2015 nulmeting');
    const team = change.teams.find((x) => x.team === 'Noord')!;
    if (team.suppressed) throw new Error('Noord is compared');
    const r = team.constructs.find((c) => c.id === 'levine.parallel')!.result;
    if (r.suppressed) throw new Error('shown');
    expect(noord).toMatch(
      new RegExp(`Parallelfase\\s+${escape(signed(r.difference01, 2, 'nl'))}\\s+${escape(signed(r.ci95![0], 2, 'nl'))}`),
    );
    const cell = themes.teams.find((x) => x.name === 'Noord')!.cell;
    if (cell.suppressed) throw new Error('Noord’s themes are shown');
    expect(noord).toContain(`Genoemde thema's: Noord (N=${cell.n})`);
    for (const f of cell.themes)
      expect(noord).toMatch(new RegExp(`${escape(f.label)}\\s+${num(f.percent, 0, 'nl')}\\s+${f.count}`));

    const zuid = pdfText((await get(`/api/waves/${wave}/teams/${p.teams.get('Zuid')}/report.pdf`)).rawPayload, 'zuid-2017.pdf');
    expect(zuid).toContain('Thema’s in de open antwoorden');
    expect(zuid).not.toContain('Verandering sinds');
    expect(zuid).not.toMatch(/\(N=|\d+%/);
    // After the explanation every team's report has: the theme heading, its text, the notice.
    const themesPart = zuid.slice(zuid.indexOf('Thema’s in de open antwoorden')).replace(/.*pagina \d+ van \d+.*/g, '');
    expect(themesPart).toContain('te weinig respondenten om resultaten te tonen');
    expect(themesPart).not.toMatch(/\d/);
  });

  it('shows the new charts on the wave’s results page, without a figure of Zuid’s 2017 group', async () => {
    const page = await get(`/werkruimte/metingen/${wave}/resultaten`, manager);
    expect(page.statusCode).toBe(200);
    for (const kind of ['change', 'trend', 'themes']) expect(page.body).toContain(`data-chart-kind="${kind}"`);
    for (const m of page.body.matchAll(/<script type="application\/json" id="grafiek-([a-z0-9-]+)-config">(.*?)<\/script>/gs)) {
      const config = JSON.parse(m[2]!) as { data: { labels: unknown[]; datasets: { label: string; data: unknown[] }[] } };
      if (m[1]!.startsWith('trend-')) {
        // Zuid's line stops before 2017.
        const zuid = config.data.datasets.find((d) => d.label === 'Zuid');
        if (zuid) expect(zuid.data.at(-1), m[1]).toBeNull();
      } else expect(JSON.stringify(config.data), m[1]).not.toContain('Zuid');
    }
  });

  it('draws the theme chart on the open-answer results page, with its table and downloads', async () => {
    const page = await get(`/werkruimte/metingen/${wave}/open-antwoorden/resultaten`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-chart="grafiek-themas-config"');
    expect(page.body).toContain(`/api/waves/${wave}/charts/themas.png`);
    expect(page.body).toContain('/static/charts.js');
    expect(page.body).not.toContain('<progress');
    const island = /<script type="application\/json" id="grafiek-themas-config">(.*?)<\/script>/s.exec(page.body)!;
    const config = JSON.parse(island[1]!) as { data: { datasets: { data: number[] }[] } };
    const overall = themes.overall;
    if (overall.suppressed) throw new Error('shown');
    expect(config.data.datasets[0]!.data).toEqual(overall.themes.map((f) => f.percent));
    // Managers: the counts (aggregates) as images, never the open-answer pages.
    expect((await get(`/werkruimte/metingen/${wave}/open-antwoorden/resultaten`, manager)).statusCode).toBe(403);
    expect((await get(`/api/waves/${wave}/charts/themas.png`, manager)).statusCode).toBe(200);
  });
});
