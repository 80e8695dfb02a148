/**
 * CSV interchange of a wave's responses: the anonymous data set researchers take to
 * SPSS, R or Excel, and the same format read back in (a wave collected elsewhere, or a
 * wave moved between installations).
 *
 * The format, one row per response (UTF-8, header row, RFC 4180 quoting, CRLF):
 *
 *   response_id,team,status,<every item id of the version except the team question>
 *
 * in definition order. Scaled items (likert, grade) and numbers hold their numeric code,
 * a single choice its option value, an open question its text; an empty cell is "no
 * answer" (not answered, or not asked because of a condition). The `team` column holds
 * the team's name; the team question itself has no column of its own. Dates are not in
 * the file: responses carry dates only to run the fieldwork, and a date next to a team
 * name could single out a respondent.
 *
 * Reading the format back (`parseResponsesCsv`, pure, shared by `importResponses` and the
 * analyse command) also takes what Excel makes of it (a byte-order mark, semicolons) and checks every row against the questionnaire version and collects every
 * problem with its line and column, so that a researcher fixes a file in one round.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { TAnalysisResponse } from '../../analysis/index.ts';
import {
  allItems,
  blockOf,
  codebookCsv,
  codebookMarkdown,
  isItemShown,
  scaleOf,
  type TAnswers,
  type TCondition,
  type TDefinition,
  type TItem,
} from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import type { TResponseStatus as ResponseStatus } from '../../survey-definitions/answers.ts';
import type { Database } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { today } from '../lib/dates.ts';
import { getPublishedVersionById } from './definitions.ts';
import { THEME_COLUMN_PREFIX, themeColumns, type TThemeColumns } from './theme-results.ts';
import { getWave, waveTeams } from './waves.ts';

type Handle = Kysely<Database> | Transaction<Database>;

/** The columns every file starts with, in this order. */
export const FIXED_COLUMNS = ['response_id', 'team', 'status'] as const;

/** Problems collected before a file is given up on: enough to see a pattern, not a flood. */
export const MAX_PROBLEMS = 100;

export type TAnswerValue = string | number;

/** One response as the file carries it. */
export interface TResponseRecord {
  /** As in the file; '' when the file gave none. */
  id: string;
  /** Team name; null for a partial response whose respondent had not chosen a team yet. */
  team: string | null;
  status: ResponseStatus;
  /** Item id → answer; an item without an answer has no key. */
  answers: Record<string, TAnswerValue>;
}

export interface TParsedResponse extends TResponseRecord {
  /** Line in the file where the row starts (a text with line breaks spans several). */
  line: number;
}

/** A problem in a file: where (line, and column when it is about one cell) and why. */
export interface TCsvProblem {
  line: number;
  /** Row number as a spreadsheet shows it (header = 1); differs from `line` after a multi-line cell. */
  row?: number;
  column?: string;
  message: string;
}

export interface TParseResult {
  /** The rows without problems. */
  responses: TParsedResponse[];
  /** At most MAX_PROBLEMS (or `maxProblems`) problems, in file order. */
  errors: TCsvProblem[];
  /** More problems existed than `errors` holds. */
  truncated: boolean;
}

export interface TParseOptions {
  /** The wave's team names. Without it (the analyse command) any non-empty name is a team. */
  teams?: readonly string[];
  maxProblems?: number;
}

/** `regel 7, kolom tc.curious.now: 11 ligt buiten 0–10` */
export function formatProblem(problem: TCsvProblem): string {
  const where = [
    problem.row !== undefined && problem.row !== problem.line
      ? `regel ${problem.line} (rij ${problem.row} in een spreadsheet)`
      : `regel ${problem.line}`,
    problem.column === undefined ? undefined : `kolom ${problem.column}`,
  ].filter(Boolean);
  return `${where.join(', ')}: ${problem.message}`;
}

/** The items with a column of their own, in definition order: all but the team question. */
export function itemColumns(def: TDefinition): TItem[] {
  return allItems(def).filter((item) => item.kind !== 'team');
}

export function responsesHeader(def: TDefinition): string[] {
  return [...FIXED_COLUMNS, ...itemColumns(def).map((item) => item.id)];
}

/** The data set as CSV text (header row, CRLF, RFC 4180 quoting). */
export function responsesCsv(def: TDefinition, responses: readonly TResponseRecord[], themes?: TThemeColumns): string {
  const items = itemColumns(def);
  const rows = responses.map((r) => [
    r.id,
    r.team ?? '',
    r.status,
    ...items.map((item) => {
      const value = r.answers[item.id];
      return value === undefined ? '' : String(value);
    }),
    ...(themes ? (themes.values.get(r.id) ?? themes.columns.map(() => null)).map((v) => (v === null ? '' : String(v))) : []),
  ]);
  const header = [...responsesHeader(def), ...(themes?.columns.map((c) => c.name) ?? [])];
  return stringify([header, ...rows], { record_delimiter: 'windows' });
}

// ---------------------------------------------------------------------------------------
// Reading

const WHOLE_NUMBER = /^-?\d{1,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly ResponseStatus[] = ['partial', 'complete'];

class ProblemList {
  readonly list: TCsvProblem[] = [];
  truncated = false;
  constructor(private readonly max: number) {}
  add(problem: TCsvProblem): void {
    if (this.list.length < this.max) this.list.push(problem);
    else this.truncated = true;
  }
}

interface RawRecord {
  fields: string[];
  line: number;
  row: number;
}

/**
 * Excel with Dutch regional settings saves "CSV" with semicolons. The header decides:
 * item ids never contain either character, so a header without a comma but with a
 * semicolon can only be such a file.
 */
function delimiterOf(body: string): ',' | ';' {
  const end = body.indexOf('\n');
  const header = end === -1 ? body : body.slice(0, end);
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}

/** Splits CSV text into records with the line each one starts on. */
function readRecords(text: string, problems: ProblemList): RawRecord[] | undefined {
  // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the first name.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    // With `info`, each record comes as { record, info } (csv-parse's types do not say so).
    parsed = parse(body, {
      info: true,
      delimiter: delimiterOf(body),
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    problems.add({
      line: typeof e.lines === 'number' ? e.lines : 1,
      message: `het bestand is geen geldige CSV (RFC 4180): ${e.message ?? String(error)}`,
    });
    return undefined;
  }
  // csv-parse reports where a record ends (in bytes, delimiter included); the line it
  // starts on is what an editor shows, so count line breaks up to the record's start.
  const bytes = Buffer.from(body, 'utf8');
  const records: RawRecord[] = [];
  let offset = 0;
  let line = 1;
  parsed.forEach(({ record, info }, index) => {
    // Skip the empty lines csv-parse skipped before this record.
    while (offset < info.bytes && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) {
      if (bytes[offset] === 0x0a) line++;
      offset++;
    }
    records.push({ fields: record, line, row: index + 1 });
    for (; offset < info.bytes; offset++) if (bytes[offset] === 0x0a) line++;
  });
  return records;
}

function conditionText(condition: TCondition): string {
  switch (condition.op) {
    case 'eq':
      return `${condition.item} = ${condition.value}`;
    case 'in':
      return `${condition.item} is ${condition.values.join(' of ')}`;
    case 'gt':
      return `${condition.item} > ${condition.value}`;
  }
}

/** A cell's value for its item, or the reason it does not fit. */
function readValue(def: TDefinition, item: TItem, cell: string): { value: TAnswerValue } | { problem: string } {
  const trimmed = cell.trim();
  switch (item.kind) {
    case 'likert':
    case 'grade':
    case 'number': {
      const { min, max } = item.kind === 'number' ? item : scaleOf(def, item);
      if (!WHOLE_NUMBER.test(trimmed)) return { problem: `‘${clip(trimmed)}’ is geen geheel getal (${min}–${max})` };
      const n = Number(trimmed);
      if (n < min || n > max) return { problem: `${n} ligt buiten ${min}–${max}` };
      if (item.kind !== 'number' && !scaleOf(def, item).values.some((v) => v.value === n)) {
        return { problem: `${n} is geen waarde van schaal ${scaleOf(def, item).id}` };
      }
      return { value: n };
    }
    case 'single_choice':
      if (!item.options.some((o) => o.value === trimmed)) {
        return { problem: `‘${clip(trimmed)}’ is geen antwoordoptie (${item.options.map((o) => o.value).join(', ')})` };
      }
      return { value: trimmed };
    case 'text': {
      // As the questionnaire pages store it: line breaks as \n.
      const text = cell.replace(/\r\n/g, '\n');
      if (text.length > item.maxLength) return { problem: `de tekst is ${text.length} tekens, maximaal ${item.maxLength}` };
      return { value: text };
    }
    case 'team':
      // Never a column of its own (itemColumns); kept for exhaustiveness.
      return { problem: 'het team staat in de kolom team' };
  }
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Reads the interchange format against a questionnaire version. Pure: no database, no
 * file system. Every problem is collected (up to `maxProblems`), with line and column;
 * `responses` holds only the rows without problems.
 *
 * Checks: the header (`response_id,team,status`, then every item column of the version
 * exactly once, in any order); per row the field count, a unique response_id, the team
 * (one of `teams` when given; empty only for a partial response), the status, each value
 * (scale range, option values, number range, text length), answers to questions that
 * were not asked (their condition does not hold), and for a complete response every
 * required question that was asked.
 */
export function parseResponsesCsv(def: TDefinition, text: string, options: TParseOptions = {}): TParseResult {
  const problems = new ProblemList(options.maxProblems ?? MAX_PROBLEMS);
  const done = (responses: TParsedResponse[] = []): TParseResult => ({
    responses,
    errors: problems.list,
    truncated: problems.truncated,
  });
  const records = readRecords(text, problems);
  if (!records) return done();
  const [header, ...rows] = records;
  if (!header) {
    problems.add({ line: 1, message: `het bestand is leeg; verwacht een kopregel ${FIXED_COLUMNS.join(',')},…` });
    return done();
  }

  // Header.
  const names = header.fields.map((name) => name.trim());
  if (FIXED_COLUMNS.some((name, i) => names[i] !== name)) {
    problems.add({
      line: header.line,
      message: `de kopregel moet beginnen met ${FIXED_COLUMNS.join(',')} (gevonden: ${clip(names.slice(0, 3).join(','))})`,
    });
    return done();
  }
  const key = `${def.id}@${def.version}`;
  const byId = new Map(itemColumns(def).map((item) => [item.id, item]));
  const teamItem = allItems(def).find((item) => item.kind === 'team');
  const columns: TItem[] = [];
  const seen = new Set<string>();
  // Theme columns (theme_<code>, the coded open answers) trail the items in an export;
  // they are derived from coding, not answers, and are not read back.
  let itemNames = names.slice(FIXED_COLUMNS.length);
  while (itemNames.length > 0 && itemNames.at(-1)!.startsWith(THEME_COLUMN_PREFIX)) itemNames = itemNames.slice(0, -1);
  itemNames.forEach((name) => {
    const item = byId.get(name);
    if (seen.has(name) || (FIXED_COLUMNS as readonly string[]).includes(name)) {
      problems.add({ line: header.line, column: name, message: 'deze kolom staat twee keer in de kopregel' });
    } else if (teamItem && name === teamItem.id) {
      problems.add({ line: header.line, column: name, message: 'het team hoort in de kolom team, niet in een eigen kolom' });
    } else if (!item) {
      problems.add({ line: header.line, column: name, message: `onbekende kolom: geen vraag van ${key}` });
    }
    seen.add(name);
    if (item) columns.push(item);
  });
  const missing = [...byId.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` en ${missing.length - 10} meer` : '');
    problems.add({
      line: header.line,
      message:
        `kolommen van ${key} ontbreken: ${shown}. Elke vraag heeft een kolom; laat een kolom leeg voor een vraag die niet gesteld is` +
        (missing.length > byId.size / 2 ? `. Hoort dit bestand wel bij ${key}?` : ''),
    });
  }
  if (problems.list.length > 0) return done();

  // Rows.
  const teamsByName = options.teams && new Map(options.teams.map((t) => [t.toLocaleLowerCase('nl'), t]));
  const idLines = new Map<string, number>();
  const responses: TParsedResponse[] = [];
  for (const record of rows) {
    // A row of empty cells (a spreadsheet's leftover formatting) is not a response.
    if (record.fields.every((f) => f.trim() === '')) continue;
    const at = { line: record.line, row: record.row };
    let bad = false;
    const rowProblem = (column: string | undefined, message: string) => {
      bad = true;
      problems.add(column === undefined ? { ...at, message } : { ...at, column, message });
    };

    if (record.fields.length !== names.length) {
      rowProblem(undefined, `${record.fields.length} velden, verwacht ${names.length} (zoals de kopregel)`);
      continue;
    }
    const [rawId = '', rawTeam = '', rawStatus = ''] = record.fields;

    const id = rawId.trim();
    if (id !== '') {
      const earlier = idLines.get(id.toLowerCase());
      if (earlier !== undefined) rowProblem('response_id', `staat ook op regel ${earlier}; elke response_id komt één keer voor`);
      else idLines.set(id.toLowerCase(), record.line);
    }

    const status = rawStatus.trim() as ResponseStatus;
    const statusOk = STATUSES.includes(status);
    if (!statusOk) rowProblem('status', `‘${clip(rawStatus.trim())}’: verwacht partial of complete`);

    let team: string | null = rawTeam.trim() === '' ? null : rawTeam.trim();
    if (team === null) {
      if (status === 'complete') rowProblem('team', 'leeg; een volledige response hoort bij een team');
    } else if (teamsByName) {
      const known = teamsByName.get(team.toLocaleLowerCase('nl'));
      if (known === undefined) {
        rowProblem('team', `‘${clip(team)}’ doet niet mee aan deze meting (teams: ${[...teamsByName.values()].join(', ')})`);
      } else team = known;
    }

    const answers: Record<string, TAnswerValue> = {};
    const invalid = new Set<string>();
    columns.forEach((item, i) => {
      const cell = record.fields[FIXED_COLUMNS.length + i]!;
      if (cell.trim() === '') return;
      const read = readValue(def, item, cell);
      if ('value' in read) answers[item.id] = read.value;
      else {
        invalid.add(item.id);
        rowProblem(item.id, read.problem);
      }
    });

    // Conditions and required questions are decided on the valid answers. A question
    // whose condition rests on an invalid cell is not judged: that cell is the problem.
    const conditioned = (item: TItem) =>
      [blockOf(def, item.id)?.condition, item.condition].filter((c): c is TCondition => c !== undefined);
    const judgeable = (item: TItem) => conditioned(item).every((c) => !invalid.has(c.item));
    const shownAnswers: TAnswers = teamItem && team !== null ? { ...answers, [teamItem.id]: team } : answers;
    for (const item of columns) {
      if (!judgeable(item)) continue;
      const shown = isItemShown(def, item, shownAnswers);
      if (item.id in answers && !shown) {
        rowProblem(item.id, `beantwoord, maar deze vraag wordt alleen gesteld als ${conditioned(item).map(conditionText).join(' en ')}`);
      } else if (status === 'complete' && shown && item.required && !(item.id in answers) && !invalid.has(item.id)) {
        rowProblem(item.id, 'leeg, maar verplicht in een volledige response');
      }
    }

    if (!bad) {
      responses.push({ line: record.line, id, team, status, answers });
    }
  }
  return done(responses);
}

/** Responses as the analysis engine takes them. A response without a team counts for none. */
export function forAnalysis(responses: readonly TResponseRecord[]): TAnalysisResponse[] {
  return responses.flatMap((r, i) =>
    r.team === null ? [] : [{ id: r.id || `row-${i + 1}`, team: r.team, status: r.status, answers: r.answers }],
  );
}

// ---------------------------------------------------------------------------------------
// The database side

/** Dutch alphabetical by team (numbers by value), responses without a team last. */
function byTeam(a: TResponseRecord, b: TResponseRecord): number {
  if (a.team !== b.team) {
    if (a.team === null) return 1;
    if (b.team === null) return -1;
    return a.team.localeCompare(b.team, 'nl', { numeric: true });
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A wave's responses as records (complete only, unless `includePartial`). */
export async function waveResponses(
  db: Handle,
  waveId: number,
  def: TDefinition,
  options: { includePartial?: boolean } = {},
): Promise<TResponseRecord[]> {
  const statuses: ResponseStatus[] = options.includePartial ? ['complete', 'partial'] : ['complete'];
  const rows = await db
    .selectFrom('response')
    .leftJoin('team', 'team.id', 'response.team_id')
    .select(['response.id', 'response.status', 'team.name as team'])
    .where('response.wave_id', '=', waveId)
    .where('response.status', 'in', statuses)
    .execute();
  const answers = await db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id', 'answer.item_id', 'answer.value_num', 'answer.value_text'])
    .where('response.wave_id', '=', waveId)
    .where('response.status', 'in', statuses)
    .execute();

  const items = new Map(itemColumns(def).map((item) => [item.id, item]));
  const records = new Map<string, TResponseRecord>(
    rows.map((r) => [r.id, { id: r.id, team: r.team, status: r.status, answers: {} }]),
  );
  for (const a of answers) {
    const item = items.get(a.item_id);
    const record = records.get(a.response_id);
    // An answer to an item the version does not have cannot be placed in a column.
    if (!item || !record) continue;
    const numeric = item.kind === 'likert' || item.kind === 'grade' || item.kind === 'number';
    const value = numeric ? (a.value_num ?? a.value_text) : (a.value_text ?? (a.value_num === null ? null : String(a.value_num)));
    if (value !== null) record.answers[item.id] = value;
  }
  return [...records.values()].sort(byTeam);
}

export interface TWaveExport {
  filename: string;
  csv: string;
  count: number;
}

/** The wave's data set (complete responses, partial ones on request). */
export async function exportResponses(db: DB, waveId: number, options: { includePartial?: boolean } = {}): Promise<TWaveExport> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  const responses = await waveResponses(db, waveId, definition, options);
  // The coded open answers, one 0/1 column per theme (none while the wave has no themes).
  const themes = await themeColumns(db, waveId);
  return { filename: `wave-${waveId}-responses.csv`, csv: responsesCsv(definition, responses, themes), count: responses.length };
}

export type TCodebookFormat = 'csv' | 'md';

export interface TCodebookExport {
  filename: string;
  contentType: string;
  body: string;
}

/** The codebook of the questionnaire version the wave fielded (as stored, not as the files say now). */
export async function exportCodebook(db: DB, waveId: number, format: TCodebookFormat): Promise<TCodebookExport> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  return format === 'csv'
    ? { filename: `wave-${waveId}-codebook.csv`, contentType: 'text/csv; charset=utf-8', body: codebookCsv(definition) }
    : { filename: `wave-${waveId}-codebook.md`, contentType: 'text/markdown; charset=utf-8', body: codebookMarkdown(definition) };
}

/** A wave ready for the analysis engine: its stored version, threshold and every response. */
export interface TWaveForAnalysis {
  definition: TDefinition;
  threshold: number;
  responses: TAnalysisResponse[];
}

export async function waveForAnalysis(db: DB, waveId: number): Promise<TWaveForAnalysis> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  // Partial responses too: the engine counts them, and analyses them only on request.
  const responses = await waveResponses(db, waveId, definition, { includePartial: true });
  return { definition, threshold: wave.anonymity_threshold, responses: forAnalysis(responses) };
}

/** An import refused as a whole; `details` lists every problem found (up to MAX_PROBLEMS). */
export class ImportRejectedError extends ValidationError {
  declare readonly details: { problems: TCsvProblem[]; truncated: boolean };
  constructor(problems: TCsvProblem[], truncated: boolean) {
    const count = truncated ? `meer dan ${problems.length}` : String(problems.length);
    super(`Niets ingelezen: ${count} ${problems.length === 1 && !truncated ? 'fout' : 'fouten'} in het bestand.`, {
      problems,
      truncated,
    });
  }
  get problems(): TCsvProblem[] {
    return this.details.problems;
  }
}

export interface TImportResult {
  waveId: number;
  imported: number;
  complete: number;
  partial: number;
  /** Rows whose response_id was kept (a UUID this database did not have yet). */
  keptIds: number;
}

const INSERT_BATCH = 1000;

/**
 * Reads a file in the interchange format into a wave, against the questionnaire version
 * the wave fielded (as stored in Postgres). All or nothing: one problem anywhere and
 * nothing is written; the error lists every problem found.
 *
 * response_id: a UUID that this database does not have yet is kept, so a wave moved to
 * another installation keeps its ids and exports to the same file. A UUID already in
 * another wave (a file exported from this installation), an id that is no UUID (another
 * tool's numbering) or an empty cell gets a new id. A UUID already in *this* wave is an
 * error: the file was most likely read in before.
 *
 * Imported responses are dated on the import day (started, updated, and completed when
 * complete): the file has no dates, and a guessed date would be made up.
 */
export async function importResponses(
  db: DB,
  waveId: number,
  csvText: string,
  options: { actor?: string; day?: string } = {},
): Promise<TImportResult> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  const teams = await waveTeams(db, waveId);
  const parsed = parseResponsesCsv(definition, csvText, { teams: teams.map((t) => t.name) });
  if (parsed.errors.length > 0) throw new ImportRejectedError(parsed.errors, parsed.truncated);

  const teamIds = new Map(teams.map((t) => [t.name, t.id]));
  const day = options.day ?? today();
  return db.transaction().execute(async (trx) => {
    const uuids = [...new Set(parsed.responses.filter((r) => UUID.test(r.id)).map((r) => r.id.toLowerCase()))];
    const existing = new Map<string, number>();
    for (let i = 0; i < uuids.length; i += INSERT_BATCH) {
      const rows = await trx
        .selectFrom('response')
        .select(['id', 'wave_id'])
        .where('id', 'in', uuids.slice(i, i + INSERT_BATCH))
        .execute();
      for (const r of rows) existing.set(r.id, r.wave_id);
    }
    const again = parsed.responses.filter((r) => existing.get(r.id.toLowerCase()) === waveId);
    if (again.length > 0) {
      const problems = again.slice(0, MAX_PROBLEMS).map((r) => ({
        line: r.line,
        column: 'response_id',
        message: 'deze response staat al in deze meting; is het bestand al eerder ingelezen?',
      }));
      throw new ImportRejectedError(problems, again.length > problems.length);
    }

    let keptIds = 0;
    const responseRows = parsed.responses.map((r) => {
      const keep = UUID.test(r.id) && !existing.has(r.id.toLowerCase());
      if (keep) keptIds++;
      return {
        id: keep ? r.id.toLowerCase() : randomUUID(),
        wave_id: waveId,
        team_id: r.team === null ? null : teamIds.get(r.team)!,
        status: r.status,
        started_on: day,
        updated_on: day,
        completed_on: r.status === 'complete' ? day : null,
        resume_hash: null,
      };
    });
    const answerRows = parsed.responses.flatMap((r, i) =>
      Object.entries(r.answers).map(([itemId, value]) => ({
        response_id: responseRows[i]!.id,
        item_id: itemId,
        value_num: typeof value === 'number' ? value : null,
        value_text: typeof value === 'string' ? value : null,
      })),
    );
    // Batches keep each statement under Postgres' limit of 65,535 parameters.
    for (let i = 0; i < responseRows.length; i += INSERT_BATCH) {
      await trx.insertInto('response').values(responseRows.slice(i, i + INSERT_BATCH)).execute();
    }
    for (let i = 0; i < answerRows.length; i += INSERT_BATCH) {
      await trx.insertInto('answer').values(answerRows.slice(i, i + INSERT_BATCH)).execute();
    }

    const complete = parsed.responses.filter((r) => r.status === 'complete').length;
    const result: TImportResult = {
      waveId,
      imported: parsed.responses.length,
      complete,
      partial: parsed.responses.length - complete,
      keptIds,
    };
    await trx
      .insertInto('audit_log')
      .values({
        actor: options.actor ?? 'cli',
        user_id: null,
        action: 'wave.import',
        subject: `wave:${waveId}`,
        // Counts only: nothing from the file itself goes into the log.
        details: JSON.stringify({ responses: result.imported, complete, partial: result.partial, answers: answerRows.length }),
      })
      .execute();
    return result;
  });
}
