/**
 * Data in and out of a stored wave: every export format read back gives the same data
 * (the .sav also by PSPP in tests/server/formats/sav.test.ts), the HTTP routes with
 * their access rules and audit rows, and the forgiving import.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZReport } from '../../analysis/index.ts';
import { readSav } from '../../server/formats/sav-read.ts';
import { NOT_ANSWERED, NOT_ASKED } from '../../server/formats/wave-files.ts';
import {
  formatWarning,
  itemColumns,
  parseResponsesCsv,
  responsesCsv,
  responsesHeader,
  type TResponseRecord,
} from '../../server/formats/responses-csv.ts';
import { exportWaveBytes, type TExportFormat } from '../../server/services/export.ts';
import { ImportRejectedError, importResponses, previewImport } from '../../server/services/import.ts';
import { waveResponses } from '../../server/services/wave-data.ts';
import { contentHash, getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestWave, dutchAnswer, insertResponses, makeAnswers, seeded, tableCounts } from '../helpers/research-data.ts';
import { readXlsx } from '../helpers/xlsx.ts';

const def = getDefinition('wijkteam@2016')!;
const TEAMS = [{ name: 'Noord' }, { name: 'Zuid' }, { name: 'Elburg' }];
const LONG = dutchAnswer();

/** Answered items only, numbers as numbers: the common form every format is compared in. */
function normalised(records: readonly TResponseRecord[]): Record<string, unknown>[] {
  return records.map((r) => ({
    team: r.team,
    status: r.status,
    ...Object.fromEntries(Object.entries(r.answers).filter(([, v]) => v != null && v !== '')),
  }));
}

describe('exports of a stored wave', () => {
  let t: TestApp;
  let waveId: number;
  let researcher: TestUser;
  let manager: TestUser;
  let stored: TResponseRecord[];

  beforeAll(async () => {
    t = await buildTestApp();
    const wave = await createTestWave(t.app.db, { label: 'exports', teams: TEAMS });
    waveId = wave.waveId;
    const random = seeded(31);
    const responses = Object.entries({ Noord: 6, Zuid: 5, Elburg: 5 }).flatMap(([team, n]) =>
      Array.from({ length: n }, (_, i) => ({
        teamId: wave.teams.get(team)!,
        status: 'complete' as const,
        answers: makeAnswers(def, random, {
          'bg.function': i === 0 ? 'teamleider' : 'medewerker',
          ...(team === 'Noord' && i === 1 && { 'open.needs': LONG }),
          ...(team === 'Zuid' && i === 1 && { 'open.needs': '=1+1' }),
          ...(team === 'Elburg' && i === 2 && { 'open.needs': 'eerste regel\rtweede regel, "quote"' }),
        }),
      })),
    );
    await insertResponses(t.app.db, waveId, responses);
    stored = await waveResponses(t.app.db, waveId, def);
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [wave.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [wave.programmeId] });
  });
  afterAll(async () => t.close());

  const file = (format: TExportFormat) => exportWaveBytes(t.app.db, waveId, format, { actor: 'test' });
  const text = async (format: TExportFormat) => (await file(format)).body.toString('utf8');

  it('research CSV: exactly the data, =1+1 and a bare CR included, quoted where needed', async () => {
    const csv = await text('csv');
    expect(csv.startsWith('response_id,team,status,')).toBe(true);
    // RFC 4180: a field with a bare CR is quoted, so no reader splits the row.
    expect(csv).toContain('"eerste regel\rtweede regel, ""quote"""');
    const back = parseResponsesCsv(def, csv, { teams: TEAMS.map((x) => x.name) });
    expect(back.errors).toEqual([]);
    expect(normalised(back.responses)).toEqual(normalised(stored));
    expect(back.responses.some((r) => r.answers['open.needs'] === '=1+1')).toBe(true);
    expect(back.responses.some((r) => r.answers['open.needs'] === LONG)).toBe(true);
  });

  it('Excel CSV: semicolons, byte-order mark, =1+1 inert; everything else the same', async () => {
    const csv = await text('excel-csv');
    expect(csv.startsWith('\uFEFFresponse_id;team;status;')).toBe(true);
    expect(csv).toMatch(/;'=1\+1(;|\r\n)/);
    expect(csv).not.toMatch(/;=1\+1/);
    const back = parseResponsesCsv(def, csv);
    expect(back.errors).toEqual([]);
    const inert = normalised(stored).map((r) => (r['open.needs'] === '=1+1' ? { ...r, 'open.needs': "'=1+1" } : r));
    expect(normalised(back.responses)).toEqual(inert);
  });

  it('XLSX: codes sheet as the data, labels sheet with labels, codebook sheet; frozen header; text never a formula', async () => {
    const sheets = await readXlsx((await file('xlsx')).body);
    expect(sheets.map((s) => s.name)).toEqual(['codes', 'labels', 'codebook']);
    for (const sheet of sheets) expect(sheet.xml).toContain('state="frozen"');
    expect(sheets[0]!.xml).not.toContain('<f>');
    const [codes, labels, codebook] = sheets as [(typeof sheets)[0], (typeof sheets)[0], (typeof sheets)[0]];
    expect(codes.rows[0]).toEqual(responsesHeader(def));
    const ids = itemColumns(def).map((i) => i.id);
    const fromSheet: TResponseRecord[] = codes.rows.slice(1).map((row) => ({
      id: String(row[0]),
      team: row[1] as string,
      status: row[2] as 'complete',
      answers: Object.fromEntries(ids.map((id, j) => [id, row[3 + j] ?? null])),
    }));
    expect(normalised(fromSheet)).toEqual(normalised(stored));
    const at = responsesHeader(def).indexOf('bg.function');
    expect(new Set(labels.rows.slice(1).map((r) => r[at]))).toEqual(new Set(['Teamleider', 'Medewerker sociaal wijkteam']));
    expect(labels.rows.slice(1).map((r) => r[2])).toContain('volledig');
    expect(codebook.rows[0]!.slice(0, 3)).toEqual(['item_id', 'block', 'wording']);
  });

  it('SPSS .sav: the same data, with -9/-8 for not answered and not asked', async () => {
    const sav = readSav((await file('sav')).body);
    const names = sav.variables.map((v) => v.name);
    expect(names).toEqual(responsesHeader(def));
    const back: TResponseRecord[] = sav.cases.map((row) => ({
      id: row[0] as string,
      team: row[1] as string,
      status: row[2] as 'complete',
      answers: Object.fromEntries(
        names.slice(3).map((n, j) => [n, row[3 + j] === NOT_ANSWERED || row[3 + j] === NOT_ASKED ? null : row[3 + j]!]),
      ),
    }));
    expect(normalised(back)).toEqual(normalised(stored));
    // A team leader was not asked the GD block.
    const leader = sav.cases.find((row) => row[names.indexOf('bg.function')] === 'teamleider')!;
    expect(leader[names.indexOf('gd.parallel.goal_clear')]).toBe(NOT_ASKED);
  });

  it('bundle: data (.sav, .csv), codebook, report, and a README saying what it is', async () => {
    const zip = unzipSync((await file('bundle')).body);
    expect(Object.keys(zip).sort()).toEqual([
      'README.md',
      'codebook.csv',
      'codebook.md',
      'data.csv',
      'data.sav',
      'report.json',
      'report.md',
    ]);
    const readme = strFromU8(zip['README.md']!);
    expect(readme).toContain('wijkteam@2016');
    expect(readme).toContain(contentHash(def));
    expect(readme).toContain('Anonimiteitsdrempel: 5');
    expect(readme).toContain('alleen volledig ingevulde vragenlijsten (16)');
    expect(readme).toMatch(/Exportdatum: \d{4}-\d{2}-\d{2}/);
    expect(strFromU8(zip['data.csv']!)).toBe(await text('csv'));
    const report = ZReport.parse(JSON.parse(strFromU8(zip['report.json']!)));
    expect(report.meta.counts.complete).toBe(16);
    expect(report.kendall.teams).toBe('none');
    expect(readSav(zip['data.sav']!).cases).toHaveLength(16);
  });

  it('HTTP: researchers get every format, audit-logged; managers get 403', async () => {
    const urls: [string, string][] = [
      [`/api/waves/${waveId}/export.csv`, 'text/csv; charset=utf-8'],
      [`/api/waves/${waveId}/export.csv?variant=excel`, 'text/csv; charset=utf-8'],
      [`/api/waves/${waveId}/export.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [`/api/waves/${waveId}/export.sav`, 'application/x-spss-sav'],
      [`/api/waves/${waveId}/bundle.zip`, 'application/zip'],
    ];
    const before = await t.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'wave.export')
      .where('user_id', '=', researcher.userId)
      .execute();
    for (const [url, type] of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: researcher.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe(type);
      expect(res.headers['content-disposition'], url).toMatch(
        new RegExp(`^attachment; filename="wave-${waveId}-[a-z-]+\\.(csv|xlsx|sav|zip)"$`),
      );
      expect(res.rawPayload.length, url).toBeGreaterThan(1000);
      const denied = await t.app.inject({ method: 'GET', url, headers: manager.headers });
      expect(denied.statusCode, url).toBe(403);
    }
    const sav = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/export.sav`, headers: researcher.headers });
    expect(readSav(new Uint8Array(sav.rawPayload)).cases).toHaveLength(16);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'wave.export')
      .where('user_id', '=', researcher.userId)
      .orderBy('id')
      .execute();
    expect(audit.length - before.length).toBe(urls.length + 1);
    expect(audit.at(-1)).toEqual({ actor: researcher.email, details: { format: 'sav', responses: 16, includePartial: false } });
  });

  it('HTTP analysis: per-team tau-b only on request (significant pairs, or every cell for chosen items)', async () => {
    const small = (await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/analysis`, headers: manager.headers })).json();
    expect(small.kendall.teams).toBe('none');
    expect(small.kendall.pairs[0].teams).toBeUndefined();
    expect(small.kendall.significant.teams).toEqual({});
    expect(small.kendall.pairs).toHaveLength((132 * 131) / 2);
    const significant = (
      await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/analysis?tauTeams=significant`, headers: manager.headers })
    ).json();
    expect(Object.keys(significant.kendall.significant.teams).sort()).toEqual(['Elburg', 'Noord', 'Zuid']);
    expect(significant.kendall.pairs[0].teams).toBeUndefined();
    const full = (
      await t.app.inject({
        method: 'GET',
        url: `/api/waves/${waveId}/analysis?tauTeams=all&tauItems=tc.curious.now,tc.curious.target,wns.proactive`,
        headers: manager.headers,
      })
    ).json();
    expect(full.kendall.items).toEqual(['tc.curious.now', 'tc.curious.target', 'wns.proactive']);
    expect(full.kendall.pairs).toHaveLength(3);
    expect(Object.keys(full.kendall.pairs[0].teams).sort()).toEqual(['Elburg', 'Noord', 'Zuid']);
  });
});

describe('command line on the database', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await buildTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-export-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });
  const cli = (script: string, args: string[]) => runCli(script, args, { DATABASE_URL: t.database.url });

  it(
    'npm run export writes every format to --output, and npm run analyse -- --wave --baseline-wave compares stored waves',
    { timeout: 300_000 },
    async () => {
      const base = await createTestWave(t.app.db, { label: 'nulmeting', definition: 'wijkteam@2015', teams: TEAMS });
      const now = await createTestWave(t.app.db, { label: '2016', teams: TEAMS });
      const random = seeded(51);
      for (const [wave, d] of [
        [base, getDefinition('wijkteam@2015')!],
        [now, def],
      ] as const) {
        await insertResponses(
          t.app.db,
          wave.waveId,
          ['Noord', 'Zuid'].flatMap((team) =>
            Array.from({ length: 5 }, () => ({
              teamId: wave.teams.get(team)!,
              status: 'complete' as const,
              answers: makeAnswers(d, random, { 'bg.function': 'medewerker' }),
            })),
          ),
        );
      }
      for (const format of ['csv', 'excel-csv', 'xlsx', 'sav', 'bundle']) {
        const out = path.join(dir, `wave.${format}`);
        const result = await cli('server/cli/export.ts', ['--wave', String(now.waveId), '--format', format, '--output', out]);
        expect(result.stderr, format).toContain(
          `10 volledige responses van meting ${now.waveId} geëxporteerd als ${format} naar ${out}`,
        );
        expect(result.code, format).toBe(0);
        expect((await readFile(out)).length, format).toBeGreaterThan(1000);
      }
      expect(readSav(new Uint8Array(await readFile(path.join(dir, 'wave.sav')))).cases).toHaveLength(10);
      const binary = await cli('server/cli/export.ts', ['--wave', String(now.waveId), '--format', 'sav']);
      expect(binary.code).toBe(1);
      expect(binary.stderr).toContain('--format sav is een binair bestand: geef --output <bestand>');

      const analysed = await cli('server/cli/analyse.ts', ['--wave', String(now.waveId), '--baseline-wave', String(base.waveId)]);
      expect(analysed.stderr).toBe('');
      expect(analysed.code).toBe(0);
      const report = ZReport.parse(JSON.parse(analysed.stdout));
      expect(report.meta.definition).toBe('wijkteam@2016');
      expect(report.waveComparison?.baseline).toBe('wijkteam@2015');
      expect(report.waveComparison!.items.length).toBeGreaterThan(10);
    },
  );
});

describe('import', () => {
  let t: TestApp;
  let count = 0;
  const newWave = () => createTestWave(t.app.db, { label: `import ${++count}`, teams: TEAMS });
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const record = (team: string, random: () => number, overrides: Record<string, string | number> = {}): TResponseRecord => ({
    id: '',
    team,
    status: 'complete',
    answers: makeAnswers(def, random, { 'bg.function': 'medewerker', ...overrides }),
  });

  it('accepts item non-response in complete responses, imported as missing, with a count per question', async () => {
    const { waveId } = await newWave();
    const random = seeded(41);
    const rows = Array.from({ length: 6 }, () => record('Noord', random));
    for (const r of rows.slice(0, 3)) r.answers['wns.proactive'] = null;
    rows[0]!.answers['tc.curious.now'] = null;
    const result = await importResponses(t.app.db, waveId, responsesCsv(def, rows));
    expect(result.imported).toBe(6);
    expect(result.warnings).toEqual(
      [
        { column: 'wns.proactive', count: 3 },
        { column: 'tc.curious.now', count: 1 },
      ].sort(
        (a, b) => itemColumns(def).findIndex((i) => i.id === a.column) - itemColumns(def).findIndex((i) => i.id === b.column),
      ),
    );
    expect(formatWarning({ column: 'wns.proactive', count: 3 })).toBe(
      'kolom wns.proactive: 3 volledige responses laten deze verplichte vraag open; ingelezen als ontbrekend',
    );
    const back = await waveResponses(t.app.db, waveId, def);
    expect(back.filter((r) => r.answers['wns.proactive'] === null)).toHaveLength(3);
  });

  it('accepts labels instead of codes, in Dutch or English and any case, from a ;-separated Windows-1252 file with bg.team', async () => {
    const { waveId } = await newWave();
    const random = seeded(42);
    const rows = [record('Noord', random), record('Elburg', random)];
    const header = responsesHeader(def);
    const lines = [[...header, 'bg.team'].join(';')];
    rows.forEach((r, i) => {
      const cells = header.map((c) => {
        if (c === 'response_id') return '';
        if (c === 'team') return r.team!.toUpperCase();
        if (c === 'status') return i === 0 ? 'Volledig' : 'complete';
        const v = r.answers[c];
        return v == null ? '' : String(v);
      });
      cells[header.indexOf('bg.function')] = i === 0 ? 'medewerker sociaal wijkteam' : 'Medewerker';
      cells[header.indexOf('gd.parallel.goal_clear')] = i === 0 ? 'DEELS EENS' : 'Partly agree';
      cells[header.indexOf('open.needs')] = 'Meer tijd voor cliënten, één overleg';
      lines.push([...cells, r.team!].join(';'));
    });
    const latin1 = Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
    const preview = await previewImport(t.app.db, waveId, latin1);
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toMatchObject({ rows: 2, complete: 2, encoding: 'windows-1252', delimiter: ';' });
    expect(preview.summary.teams.map((x) => x.team)).toEqual(['Noord', 'Elburg']);
    await importResponses(t.app.db, waveId, latin1);
    const back = await waveResponses(t.app.db, waveId, def);
    expect(
      back.map((r) => [r.team, r.answers['bg.function'], r.answers['gd.parallel.goal_clear'], r.answers['open.needs']]),
    ).toEqual([
      ['Elburg', 'medewerker', 3, 'Meer tijd voor cliënten, één overleg'],
      ['Noord', 'medewerker', 3, 'Meer tijd voor cliënten, één overleg'],
    ]);

    // bg.team must agree with team.
    const disagree = Buffer.from(lines.map((l, i) => (i === 1 ? l.replace(/;Noord$/, ';Zuid') : l)).join('\r\n'), 'latin1');
    const wrong = await previewImport(t.app.db, waveId, disagree);
    expect(wrong.errors).toEqual([
      { line: 2, row: 2, column: 'bg.team', message: '‘Zuid’ verschilt van de kolom team (‘NOORD’)' },
    ]);
  });

  // 10,000 rows of 140 columns are read and checked in well under a second on an idle
  // machine; the generous limit is for a shared one.
  it('one bad cell among 10,000 rows: that line and column reported, nothing imported', { timeout: 120_000 }, async () => {
    const { waveId } = await newWave();
    const random = seeded(43);
    const good = record('Zuid', random);
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      i === 7_321 ? { ...good, answers: { ...good.answers, 'tc.curious.now': 12 } } : good,
    );
    const before = await tableCounts(t.app.db);
    const error = await importResponses(t.app.db, waveId, responsesCsv(def, rows)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems).toEqual([
      { line: 7_323, row: 7_323, column: 'tc.curious.now', message: '12 ligt buiten 0–10' },
    ]);
    expect(await tableCounts(t.app.db)).toEqual(before);
  });
});
