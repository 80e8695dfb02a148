import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../server/lib/dates.ts';
import {
  formatProblem,
  itemColumns,
  parseResponsesCsv,
  responsesCsv,
  responsesHeader,
  type TCsvProblem,
  type TResponseRecord,
} from '../../server/formats/responses-csv.ts';
import { exportCodebook, exportWaveBytes } from '../../server/services/export.ts';
import { ImportRejectedError, importResponses } from '../../server/services/import.ts';

/** The research CSV of a wave, as the old single-format export gave it. */
async function exportResponses(db: TestApp['app']['db'], waveId: number, options: { includePartial?: boolean } = {}) {
  const file = await exportWaveBytes(db, waveId, 'csv', { ...options, actor: 'test' });
  return { ...file, csv: file.body.toString('utf8') };
}
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestWave, insertResponses, makeAnswers, seeded, tableCounts } from '../helpers/research-data.ts';

const runCliWith = (script: string, args: string[], databaseUrl: string) => runCli(script, args, { DATABASE_URL: databaseUrl });

const def = getDefinition('wijkteam@2016')!;
// A comma in a team name: the team column must be quoted too.
const TEAMS = [{ name: 'Zwolle, Noord' }, { name: 'Zwolle-Zuid' }, { name: 'Elburg' }];
const TRICKY_TEXT = 'Meer tijd, minder "registratie"\nen een tweede regel';

/** An answer map without its unanswered (null) items. */
function answered(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v != null));
}

/** The rows of a CSV export as objects by column name. */
function rowsOf(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true }) as Record<string, string>[];
}

/** A complete, valid row for the good files, as the export would write it. */
function record(team: string, random: () => number, overrides: Record<string, string | number> = {}): TResponseRecord {
  return { id: randomUUID(), team, status: 'complete', answers: makeAnswers(def, random, overrides) };
}

// Every test makes its own wave (a unique label), so tests share the database but never
// each other's data: nothing is reset between them.
describe('CSV interchange', () => {
  let t: TestApp;
  let tmp: string;
  let waveCount = 0;
  const newWave = (label = `meting ${++waveCount}`) => createTestWave(t.app.db, { label, teams: TEAMS });

  beforeAll(async () => {
    t = await buildTestApp();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-interchange-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
    await t.close();
  });

  describe('export', () => {
    it('writes a header row and one row per complete response, with RFC 4180 quoting', async () => {
      const { waveId, teams } = await newWave();
      const random = seeded(1);
      const full = makeAnswers(def, random, { 'bg.function': 'medewerker', 'open.needs': TRICKY_TEXT });
      // A team leader skips the GD block, and leaves the optional questions open.
      const leader = makeAnswers(def, random, { 'bg.function': 'teamleider' }, { skipOptional: 1 });
      const partial = { 'bg.function': 'medewerker', 'gd.parallel.goal_clear': 3 };
      const [fullId, leaderId] = await insertResponses(t.app.db, waveId, [
        { teamId: teams.get('Zwolle, Noord')!, status: 'complete', answers: full },
        { teamId: teams.get('Elburg')!, status: 'complete', answers: leader },
        { teamId: null, status: 'partial', answers: partial },
      ]);

      const file = await exportResponses(t.app.db, waveId);
      expect(file.filename).toBe(`wave-${waveId}-responses.csv`);
      expect(file.count).toBe(2);
      const lines = file.csv.split('\r\n');
      expect(lines[0]).toBe(responsesHeader(def).join(','));
      expect(lines[0]!.startsWith('response_id,team,status,bg.function,bg.gender,')).toBe(true);
      expect(lines[0]).not.toContain('bg.team');
      // Quotes doubled, the whole field quoted; the line break stays inside the field.
      expect(file.csv).toContain('"Meer tijd, minder ""registratie""\nen een tweede regel"');
      expect(file.csv).toContain('"Zwolle, Noord"');

      const rows = rowsOf(file.csv);
      expect(rows.map((r) => r.team)).toEqual(['Elburg', 'Zwolle, Noord']);
      const [leaderRow, fullRow] = rows as [Record<string, string>, Record<string, string>];
      expect(fullRow.response_id).toBe(fullId);
      expect(fullRow.status).toBe('complete');
      expect(fullRow['open.needs']).toBe(TRICKY_TEXT);
      expect(fullRow['bg.function']).toBe('medewerker');
      expect(fullRow['tc.curious.now']).toBe(String(full['tc.curious.now']));
      expect(leaderRow.response_id).toBe(leaderId);
      // Not asked, not answered: empty cells.
      expect(leaderRow['gd.parallel.goal_clear']).toBe('');
      expect(leaderRow['open.needs']).toBe('');
      expect(leaderRow['bg.age']).toBe('');
      expect(Object.keys(fullRow)).toEqual(responsesHeader(def));
    });

    it('adds partial responses on request, a response without a team last', async () => {
      const { waveId, teams } = await newWave();
      const random = seeded(2);
      await insertResponses(t.app.db, waveId, [
        { teamId: null, status: 'partial', answers: { 'bg.function': 'overig' } },
        { teamId: teams.get('Zwolle-Zuid')!, status: 'complete', answers: makeAnswers(def, random) },
        {
          teamId: teams.get('Elburg')!,
          status: 'partial',
          answers: { 'bg.function': 'medewerker', 'gd.parallel.goal_clear': 0 },
        },
      ]);
      expect(rowsOf((await exportResponses(t.app.db, waveId)).csv)).toHaveLength(1);

      const rows = rowsOf((await exportResponses(t.app.db, waveId, { includePartial: true })).csv);
      expect(rows.map((r) => [r.team, r.status])).toEqual([
        ['Elburg', 'partial'],
        ['Zwolle-Zuid', 'complete'],
        ['', 'partial'],
      ]);
      expect(rows[0]!['gd.parallel.goal_clear']).toBe('0');
    });

    it("exports the codebook of the wave's version as CSV or Markdown", async () => {
      const { waveId } = await newWave();
      const csv = await exportCodebook(t.app.db, waveId, 'csv');
      expect(csv.filename).toBe(`wave-${waveId}-codebook.csv`);
      expect(csv.body.startsWith('item_id,block,wording,kind,')).toBe(true);
      const md = await exportCodebook(t.app.db, waveId, 'md');
      expect(md.contentType).toBe('text/markdown; charset=utf-8');
      expect(md.body).toContain('# Codebook wijkteam@2016');
    });
  });

  describe('import', () => {
    /** A file with one good row and many bad ones; every problem should be reported. */
    function badFile(): { csv: string; expected: Partial<TCsvProblem>[] } {
      const random = seeded(3);
      const good = record('Elburg', random);
      const outOfRange = record('Elburg', random, { 'tc.curious.now': 11 });
      const frequencyZero = record('Zwolle-Zuid', random, { 'ext.ggz.frequency': 0 });
      frequencyZero.answers['ext.ggz.grade'] = 7;
      const leader = record('Zwolle-Zuid', random, { 'bg.function': 'teamleider' });
      leader.answers['gd.authority.own_ideas'] = 2;
      const unknownTeam = record('Kampen', random);
      const badStatus = { ...record('Elburg', random), status: 'klaar' as never };
      // Item non-response: a warning, not an error (see the import tests in exports.test.ts).
      const missingRequired = record('Elburg', random);
      delete missingRequired.answers['wns.proactive'];
      const badChoice = record('Elburg', random, { 'bg.gender': 'm' });
      const tooLong = record('Elburg', random, { 'open.needs': 'x'.repeat(2001) });
      const notWhole = record('Elburg', random);
      notWhole.answers['bg.age'] = '41,5';
      // A multi-line text before it: the next row starts one line later than its number.
      const multiLine = record('Elburg', random, { 'open.needs': 'eerste regel\ntweede regel' });
      const afterMultiLine = record('Elburg', random, { 'tc.analysing.target': -1 });
      const csv = responsesCsv(def, [
        good, // line 2
        outOfRange, // 3
        frequencyZero, // 4
        leader, // 5
        unknownTeam, // 6
        badStatus, // 7
        missingRequired, // 8
        badChoice, // 9
        tooLong, // 10
        notWhole, // 11
        multiLine, // 12–13
        afterMultiLine, // 14
      ]);
      return {
        csv,
        expected: [
          { line: 3, column: 'tc.curious.now', message: '11 ligt buiten 0–10' },
          { line: 4, column: 'ext.ggz.grade', message: expect.stringContaining('alleen gesteld als ext.ggz.frequency > 0') },
          { line: 5, column: 'gd.authority.own_ideas', message: expect.stringContaining('bg.function = medewerker') },
          { line: 6, column: 'team', message: expect.stringContaining('‘Kampen’ doet niet mee') },
          { line: 7, column: 'status', message: '‘klaar’: verwacht partial of complete' },
          { line: 9, column: 'bg.gender', message: expect.stringContaining('geen antwoordoptie') },
          { line: 10, column: 'open.needs', message: 'de tekst is 2001 tekens, maximaal 2000' },
          { line: 11, column: 'bg.age', message: '‘41,5’ is geen geheel getal (16–80)' },
          { line: 14, row: 13, column: 'tc.analysing.target', message: '-1 ligt buiten 0–10' },
        ],
      };
    }

    it('reports every bad row with line, column and reason, and writes nothing', async () => {
      const { waveId } = await newWave();
      const { csv, expected } = badFile();
      const before = await tableCounts(t.app.db);

      const error = await importResponses(t.app.db, waveId, csv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      const problems = (error as ImportRejectedError).problems;
      expect(problems).toEqual(expected.map((p) => expect.objectContaining(p)));
      expect((error as ImportRejectedError).message).toBe('Niets ingelezen: 9 fouten in het bestand.');
      expect(formatProblem(problems[0]!)).toBe('regel 3, kolom tc.curious.now: 11 ligt buiten 0–10');
      expect(formatProblem(problems[8]!)).toBe(
        'regel 14 (rij 13 in een spreadsheet), kolom tc.analysing.target: -1 ligt buiten 0–10',
      );

      expect(await tableCounts(t.app.db)).toEqual(before);
      const audit = await t.app.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'wave.import')
        .where('subject', '=', `wave:${waveId}`)
        .execute();
      expect(audit).toHaveLength(0);
    });

    it('checks the header: team and status present, no unknown or repeated columns, none missing', () => {
      const header = responsesHeader(def);
      const unknown = parseResponsesCsv(def, [...header, 'tc.curious.later', 'bg.function'].join(',') + '\n');
      expect(unknown.errors).toEqual([
        { line: 1, column: 'tc.curious.later', message: 'onbekende kolom: geen vraag van wijkteam@2016' },
        { line: 1, column: 'bg.function', message: 'deze kolom staat twee keer in de kopregel' },
      ]);

      const missing = parseResponsesCsv(def, header.filter((c) => c !== 'open.needs' && c !== 'bg.age').join(',') + '\n');
      expect(missing.errors).toEqual([
        { line: 1, message: expect.stringContaining('kolommen van wijkteam@2016 ontbreken: bg.age, open.needs') },
      ]);

      const wrongStart = parseResponsesCsv(def, ['id', ...header.slice(1)].join(',') + '\n');
      expect(wrongStart.errors).toEqual([{ line: 1, column: 'id', message: 'onbekende kolom: geen vraag van wijkteam@2016' }]);
      const noStatus = parseResponsesCsv(def, header.filter((c) => c !== 'status').join(',') + '\n');
      expect(noStatus.errors[0]?.message).toContain('de kopregel mist status');

      const teamColumn = parseResponsesCsv(def, [...header, 'bg.team'].join(',') + '\n');
      // A bg.team column next to team is accepted (it must agree with team, row by row).
      expect(teamColumn.errors).toEqual([]);
    });

    it('reads what Excel saves: a byte-order mark, semicolons under Dutch settings', () => {
      const random = seeded(9);
      const rows = [record('Elburg', random, { 'open.needs': 'ja; nee, "misschien"' }), record('Zwolle-Zuid', random)];
      const dutchExcel =
        '\uFEFF' +
        stringify([responsesHeader(def), ...rowsOf(responsesCsv(def, rows)).map((r) => Object.values(r))], {
          delimiter: ';',
          record_delimiter: 'windows',
        });
      const result = parseResponsesCsv(def, dutchExcel, { teams: ['Elburg', 'Zwolle-Zuid'] });
      expect(result.errors).toEqual([]);
      expect(result.responses.map(({ line: _, ...r }) => ({ ...r, answers: answered(r.answers) }))).toEqual(rows);
    });

    it('stops collecting after 100 problems', () => {
      const random = seeded(4);
      const rows = Array.from({ length: 150 }, () => record('Elburg', random, { 'tc.curious.now': 12 }));
      const result = parseResponsesCsv(def, responsesCsv(def, rows));
      expect(result.errors).toHaveLength(100);
      expect(result.truncated).toBe(true);
      const exactly = parseResponsesCsv(def, responsesCsv(def, [...rows.slice(0, 100), record('Elburg', random)]));
      expect(exactly.errors).toHaveLength(100);
      expect(exactly.truncated).toBe(false);
    });

    it('writes a good file: responses and answers, dated on the import day, and an audit row', async () => {
      const { waveId, teams } = await newWave();
      const random = seeded(5);
      const complete = record('Zwolle, Noord', random, { 'bg.function': 'medewerker', 'open.needs': TRICKY_TEXT });
      const leader = record('elburg', random, { 'bg.function': 'teamleider' }); // team names match case-insensitively
      const partial: TResponseRecord = { id: '', team: null, status: 'partial', answers: { 'bg.function': 'overig' } };
      const otherTool: TResponseRecord = { ...record('Zwolle-Zuid', random), id: '17' };
      const before = await tableCounts(t.app.db);

      const result = await importResponses(t.app.db, waveId, responsesCsv(def, [complete, leader, partial, otherTool]));
      expect(result).toMatchObject({ waveId, imported: 4, complete: 3, partial: 1, keptIds: 2, warnings: [] });

      const rows = await t.app.db.selectFrom('response').selectAll().where('wave_id', '=', waveId).orderBy('status').execute();
      expect(rows).toHaveLength(4);
      const day = today();
      const byId = new Map(rows.map((r) => [r.id, r]));
      // A UUID this database did not know is kept; "17" and an empty id get new UUIDs.
      expect(byId.get(complete.id)).toMatchObject({
        team_id: teams.get('Zwolle, Noord'),
        status: 'complete',
        started_on: day,
        updated_on: day,
        completed_on: day,
        resume_hash: null,
      });
      expect(byId.get(leader.id)).toMatchObject({ team_id: teams.get('Elburg'), status: 'complete' });
      const partialRow = rows.find((r) => r.status === 'partial')!;
      expect(partialRow).toMatchObject({ team_id: null, completed_on: null, started_on: day });
      expect(rows.map((r) => r.id)).not.toContain('17');

      const answers = await t.app.db
        .selectFrom('answer')
        .select(['item_id', 'value_num', 'value_text'])
        .where('response_id', '=', complete.id)
        .execute();
      expect(answers).toHaveLength(Object.keys(complete.answers).length);
      const answer = new Map(answers.map((a) => [a.item_id, a]));
      expect(answer.get('tc.curious.now')).toEqual({
        item_id: 'tc.curious.now',
        value_num: complete.answers['tc.curious.now'],
        value_text: null,
      });
      expect(answer.get('bg.function')).toEqual({ item_id: 'bg.function', value_num: null, value_text: 'medewerker' });
      expect(answer.get('open.needs')?.value_text).toBe(TRICKY_TEXT);
      expect(answer.has('bg.team')).toBe(false);

      const after = await tableCounts(t.app.db);
      const answerCount = [complete, leader, partial, otherTool].reduce((n, r) => n + Object.keys(r.answers).length, 0);
      expect(after).toEqual({ responses: before.responses + 4, answers: before.answers + answerCount });

      const audit = await t.app.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'details'])
        .where('subject', '=', `wave:${waveId}`)
        .where('action', '=', 'wave.import')
        .execute();
      expect(audit).toEqual([
        { actor: 'cli', action: 'wave.import', details: { responses: 4, complete: 3, partial: 1, answers: answerCount } },
      ]);
    });

    it('refuses a file that was read into the same wave before', async () => {
      const { waveId } = await newWave();
      const random = seeded(6);
      const csv = responsesCsv(def, [record('Elburg', random), record('Elburg', random)]);
      await importResponses(t.app.db, waveId, csv);
      const before = await tableCounts(t.app.db);
      const error = await importResponses(t.app.db, waveId, csv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as ImportRejectedError).problems).toEqual([
        { line: 2, column: 'response_id', message: expect.stringContaining('al eerder ingelezen') },
        { line: 3, column: 'response_id', message: expect.stringContaining('al eerder ingelezen') },
      ]);
      expect(await tableCounts(t.app.db)).toEqual(before);
    });

    it('export → import into a fresh wave → export gives back the same data', async () => {
      const { waveId: source, teams } = await newWave();
      const random = seeded(7);
      const teamIds = [...teams.values()];
      await insertResponses(t.app.db, source, [
        ...Array.from({ length: 12 }, (_, i) => ({
          teamId: teamIds[i % teamIds.length]!,
          status: 'complete' as const,
          answers: makeAnswers(def, random, i === 0 ? { 'open.needs': TRICKY_TEXT } : {}),
        })),
        { teamId: teamIds[0]!, status: 'partial', answers: { 'bg.function': 'medewerker', 'gd.parallel.goal_clear': 4 } },
        { teamId: null, status: 'partial', answers: {} },
      ]);
      const first = await exportResponses(t.app.db, source, { includePartial: true });

      const { waveId: target } = await newWave();
      const result = await importResponses(t.app.db, target, first.csv);
      // The ids already belong to the source wave in this database: new ones are made.
      expect(result).toMatchObject({ imported: 14, complete: 12, partial: 2, keptIds: 0 });
      const second = await exportResponses(t.app.db, target, { includePartial: true });

      const withoutId = (csv: string) =>
        rowsOf(csv)
          .map(({ response_id: _, ...rest }) => JSON.stringify(rest))
          .sort();
      expect(withoutId(second.csv)).toEqual(withoutId(first.csv));
      expect(second.csv.split('\r\n')[0]).toBe(first.csv.split('\r\n')[0]);
      const ids = (csv: string) => new Set(rowsOf(csv).map((r) => r.response_id));
      expect([...ids(second.csv)].some((id) => ids(first.csv).has(id))).toBe(false);
    });
  });

  describe('command line', () => {
    it(
      'npm run import prints every problem with line and column and exits 1; export prints the data',
      { timeout: 300_000 },
      async () => {
        const { waveId } = await newWave();
        const random = seeded(8);
        const bad = path.join(tmp, 'bad.csv');
        await writeFile(bad, responsesCsv(def, [record('Elburg', random), record('Elburg', random, { 'tc.curious.now': 11 })]));
        const rejected = await runCliWith('server/cli/import.ts', ['--wave', String(waveId), bad], t.database.url);
        expect(rejected.code).toBe(1);
        expect(rejected.stderr).toContain('regel 3, kolom tc.curious.now: 11 ligt buiten 0–10');
        expect(rejected.stderr).toContain('Niets ingelezen: 1 fout in het bestand.');

        const good = path.join(tmp, 'good.csv');
        await writeFile(good, responsesCsv(def, [record('Elburg', random), record('Zwolle-Zuid', random)]));
        const imported = await runCliWith('server/cli/import.ts', ['--wave', String(waveId), good], t.database.url);
        expect(imported.stderr).toBe('');
        expect(imported.code).toBe(0);
        expect(imported.stdout).toContain(`2 responses ingelezen in meting ${waveId}`);

        const exported = await runCliWith('server/cli/export.ts', ['--wave', String(waveId)], t.database.url);
        expect(exported.code).toBe(0);
        expect(exported.stdout.split('\r\n')[0]).toBe(responsesHeader(def).join(','));
        expect(rowsOf(exported.stdout)).toHaveLength(2);

        const codebook = await runCliWith('server/cli/export.ts', ['--wave', String(waveId), '--codebook', 'md'], t.database.url);
        expect(codebook.stdout).toContain('# Codebook wijkteam@2016');
      },
    );
  });

  it('every item but the team question has a column, in definition order', () => {
    expect(itemColumns(def).map((i) => i.id)).toEqual(responsesHeader(def).slice(3));
    expect(itemColumns(def).some((i) => i.kind === 'team')).toBe(false);
  });
});
