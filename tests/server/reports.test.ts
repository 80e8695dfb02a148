/**
 * Results over HTTP and in files, on a real database: a wave with a team below the
 * threshold ("Klein", 3 complete responses). None of Klein's figures may appear in a
 * page, a chart file name, a ZIP entry or a PDF; the numbers printed in a team's PDF
 * (read back with pdftotext) are the analysis report's; access follows the contract.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeanConstructReport, TReport } from '../../analysis/index.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { createTestWave, insertResponses, makeAnswers, seeded, type TestResponse } from '../helpers/research-data.ts';

const def = getDefinition('wijkteam@2016')!;
const dir = mkdtempSync(path.join(tmpdir(), 'wijkmeter-reports-'));

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

// Rendering every chart of a wave (ZIP, PDFs) takes a while on two shared cores.
describe('results: pages, images, ZIP and PDF', { timeout: 300_000 }, () => {
  let t: TestApp;
  let waveId: number;
  let teams: Map<string, number>;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let report: TReport;
  const get = (url: string, user: TestUser | null = researcher) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    const created = await createTestWave(t.app.db, {
      label: 'Meting 2016',
      teams: [
        { name: 'Noord', members: 16 },
        { name: 'Zuid', members: 12 },
        { name: 'Klein', members: 9 },
      ],
      threshold: 5,
    });
    waveId = created.waveId;
    teams = created.teams;
    const random = seeded(21);
    const make = (team: string, n: number): TestResponse[] =>
      Array.from({ length: n }, () => ({
        teamId: teams.get(team)!,
        status: 'complete' as const,
        answers: makeAnswers(def, random, { 'bg.function': 'medewerker' }),
      }));
    await insertResponses(t.app.db, waveId, [...make('Noord', 9), ...make('Zuid', 7), ...make('Klein', 3)]);
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [created.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [created.programmeId] });
    const other = await createTestWave(t.app.db, { label: 'elders', programme: 'Ander programma', teams: [{ name: 'Oost' }] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [other.programmeId] });
    report = (await get(`/api/waves/${waveId}/analysis`)).json() as TReport;
  });
  afterAll(async () => t?.close());

  const urls = () => [
    `/api/waves/${waveId}/charts.zip`,
    `/api/waves/${waveId}/report.pdf`,
    `/api/waves/${waveId}/teams/${teams.get('Noord')}/report.pdf`,
    `/api/waves/${waveId}/teams/${teams.get('Noord')}/charts/groepsdynamica.png`,
    `/api/waves/${waveId}/charts/construct-levine-parallel.svg`,
  ];

  it('follows the access contract: 401 nobody, 404 non-member, managers see results', async () => {
    for (const url of urls()) {
      expect((await get(url, null)).statusCode, url).toBe(401);
      expect((await get(url, outsider)).statusCode, url).toBe(404);
    }
    const res = await get(`/api/waves/${waveId}/teams/${teams.get('Noord')}/charts/bakens.png`, manager);
    expect(res.statusCode).toBe(200);
  });

  it('serves chart images: PNG at 2×, SVG with the Dutch title', async () => {
    const png = await get(`/api/waves/${waveId}/teams/${teams.get('Noord')}/charts/groepsdynamica.png`);
    expect(png.headers['content-type']).toBe('image/png');
    const image = await loadImage(png.rawPayload);
    expect(image.width).toBe(1600);
    const svg = await get(`/api/waves/${waveId}/teams/${teams.get('Noord')}/charts/groepsdynamica.svg`);
    expect(svg.body).toMatch(/<title>Indruk groepsdynamica Noord \(N=9\)<\/title>/);
  });

  it('gives a team below the threshold no image, no figure in any file name, ZIP entry or PDF', async () => {
    const klein = teams.get('Klein')!;
    for (const chart of ['groepsdynamica', 'bakens', 'te-weinig-respondenten']) {
      const res = await get(`/api/waves/${waveId}/teams/${klein}/charts/${chart}.png`);
      expect(res.statusCode).toBe(404);
    }
    const zip = unzipSync(new Uint8Array((await get(`/api/waves/${waveId}/charts.zip`)).rawPayload));
    const names = Object.keys(zip);
    expect(names.filter((n) => n.startsWith('klein/'))).toEqual(['klein/te-weinig-respondenten.txt']);
    expect(strFromU8(zip['klein/te-weinig-respondenten.txt']!)).toBe('Klein: te weinig respondenten om resultaten te tonen\n');
    expect(names.some((n) => n.startsWith('noord/') && n.endsWith('groepsdynamica.png'))).toBe(true);
    for (const n of names) expect(n).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\.(png|svg|txt)$/);
    // Wave charts: bars for the shown teams only, Klein named only with the notice.
    for (const [name, data] of Object.entries(zip)) {
      if (!name.endsWith('.svg')) continue;
      const text = strFromU8(data);
      const kleinTexts = [...text.matchAll(/>([^<]*Klein[^<]*)<\/text>/g)].map((m) => m[1]);
      for (const k of kleinTexts) expect(k).not.toMatch(/\d/);
    }

    const pdf = pdfText((await get(`/api/waves/${waveId}/teams/${klein}/report.pdf`)).rawPayload, 'klein.pdf');
    expect(pdf).toContain('te weinig respondenten om resultaten te tonen');
    expect(pdf).not.toMatch(/Volledige responses|\(N=|Respons:/);
    // The cover names the questionnaire and the wave (with their year) and no figure;
    // after it comes only the explanation every team's report has.
    const cover = pdf.slice(0, pdf.indexOf('Zo leest u dit rapport'));
    expect(cover.replace(/wijkteam@2016|Wijkteammeting 2016|Meting 2016/g, '')).not.toMatch(/\d/);
    expect(pdf.slice(pdf.indexOf('Zo leest u dit rapport')).replace(/.*pagina \d+ van \d+.*/g, '')).not.toMatch(/Klein|\(N=/);

    const wavePdf = pdfText((await get(`/api/waves/${waveId}/report.pdf`)).rawPayload, 'wave.pdf');
    const kleinLines = wavePdf.split('\n').filter((l) => l.includes('Klein'));
    expect(kleinLines.length).toBeGreaterThan(0);
    // The member count (set up by the researcher) is the only number on Klein's lines.
    for (const line of kleinLines) expect(line.replace(/\b9\b/, '')).not.toMatch(/\d/);
  });

  it('shows the notice on the pages, and no figure of the hidden team', async () => {
    const teamPage = await get(`/werkruimte/metingen/${waveId}/teams/${teams.get('Klein')}`);
    expect(teamPage.statusCode).toBe(200);
    const main = teamPage.body.slice(teamPage.body.indexOf('<main'));
    expect(main).toContain('te weinig respondenten om resultaten te tonen');
    expect(main).not.toContain('<canvas');
    expect(main).not.toContain('data-chart');

    const wavePage = await get(`/werkruimte/metingen/${waveId}/resultaten`, manager);
    expect(wavePage.statusCode).toBe(200);
    // Every table row of Klein holds no figure beyond its member count.
    const rows = [...wavePage.body.matchAll(/<tr>(?:(?!<\/tr>).)*Klein(?:(?!<\/tr>).)*<\/tr>/gs)].map((m) =>
      m[0].replace(/<[^>]+>/g, ' '),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.replace(/\b9\b/, '')).not.toMatch(/\d/);
    // Chart configurations (JSON islands) never carry Klein as a bar.
    for (const m of wavePage.body.matchAll(/<script type="application\/json"[^>]*>(.*?)<\/script>/gs)) {
      const config = JSON.parse(m[1]!) as { data: { labels: unknown[] } };
      expect(JSON.stringify(config.data.labels)).not.toContain('Klein');
    }
    expect(wavePage.body).toContain('/werkruimte/grafieken/chart.umd.min.js');
    const script = await get('/werkruimte/grafieken/chart.umd.min.js');
    expect(script.statusCode).toBe(200);
  });

  it('prints in the team PDF the numbers of the analysis report', async () => {
    const text = pdfText((await get(`/api/waves/${waveId}/teams/${teams.get('Noord')}/report.pdf`)).rawPayload, 'noord.pdf');
    const f = (x: number) => x.toFixed(2).replace('.', ',');
    const levine = def.constructGroups.find((g) => g.id === 'levine')!;
    let checked = 0;
    for (const id of levine.constructs) {
      const c = report.constructs.find((x) => x.id === id) as TMeanConstructReport;
      const label = def.constructs.find((x) => x.id === id)!.label.nl;
      const team = c.teams.Noord!;
      if (team.suppressed || c.overall.meanOfTeams.suppressed || c.overall.pooled.suppressed) continue;
      const line = new RegExp(
        `${label}\\s+${f(team.score01)}\\s+${f(c.overall.meanOfTeams.mean01)}\\s+${f(c.overall.pooled.score01)}`,
      );
      expect(text).toMatch(line);
      checked++;
    }
    expect(checked).toBe(levine.constructs.length);
    const meta = report.meta.teams.find((m) => m.team === 'Noord')!;
    expect(meta.suppressed).toBe(false);
    if (!meta.suppressed) {
      expect(text).toContain(`Volledige responses (N): ${meta.analysed}`);
      expect(text).toContain(`Respons: ${Math.round((meta.complete / 16) * 100)}% (${meta.complete} van 16)`);
    }
    // Competences: the gap per competence as the engine computed it.
    const gap = report.constructs.find((c) => c.id === 'tc.gap.curious')!;
    const cell = gap.teams.Noord!;
    if (!cell.suppressed && 'mean' in cell)
      expect(text).toMatch(new RegExp(`Nieuwsgierig zijn\\s+\\S+\\s+\\S+\\s+${f(cell.mean).replace('-', '-')}`));
  });
});
