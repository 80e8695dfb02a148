/**
 * The interchange format of a wave's responses: the anonymous data set researchers take
 * to SPSS, R or Excel, and the same format read back in (an earlier wave, a wave moved
 * between installations). Pure: no database, no file system.
 *
 * One row per response (UTF-8, header row, RFC 4180 quoting, CRLF):
 *
 *   response_id,team,status,<every item id of the version except the team question>
 *
 * in definition order. Scaled items (likert, grade) and numbers hold their numeric code,
 * a single choice its option value, an open question its text; an empty cell is "no
 * answer" (not answered, or not asked because of a condition). The `team` column holds
 * the team's name. Dates are not in the file: a date next to a team name could single
 * out a respondent.
 *
 * Reading is forgiving where a real file differs without being wrong — option labels
 * instead of codes (Dutch or English, any case), `;` as delimiter, a byte-order mark,
 * Windows-1252 text, a `bg.team` column next to `team`, columns in another order,
 * unanswered questions in a complete response (item non-response: counted as a warning
 * per question, imported as missing) — and strict where the data would be wrong: values
 * off the scale, answers to questions that were not asked, unknown teams, duplicate ids.
 * Every problem is reported with its line and column, so a file is fixed in one round.
 *
 * Speed: every lookup a cell needs (its item, its scale's codes and labels, its
 * conditions) is worked out once per column before the first row, so a row costs a
 * map lookup per cell (100,000 rows × 140 columns in about a second).
 */
import {
  allItems,
  blockOf,
  isShown,
  scaleOf,
  type TCondition,
  type TDefinition,
  type TItem,
} from '../../survey-definitions/index.ts';
import type { TResponseStatus } from '../../survey-definitions/answers.ts';
import {
  csvField,
  csvLine,
  CsvSyntaxError,
  decodeText,
  detectDelimiter,
  neutraliseFormula,
  readCsv,
  type TDelimiter,
  type TTextEncoding,
} from './csv.ts';

export type { TResponseStatus } from '../../survey-definitions/answers.ts';

/** The columns every file starts with, in this order. */
export const FIXED_COLUMNS = ['response_id', 'team', 'status'] as const;

/** Problems collected before a file is given up on: enough to see a pattern, not a flood. */
export const MAX_PROBLEMS = 100;

export type TAnswerValue = string | number;
/** Item id → answer; no key, `null` or `undefined`: no answer. */
export type TAnswerMap = Record<string, TAnswerValue | null | undefined>;

/** One response as the file carries it. */
export interface TResponseRecord {
  /** As in the file; '' when the file gave none. */
  id: string;
  /** Team name; null for a partial response whose respondent had not chosen a team yet. */
  team: string | null;
  status: TResponseStatus;
  answers: TAnswerMap;
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

/** Item non-response: complete responses that left a required question open. */
export interface TMissingWarning {
  column: string;
  count: number;
}

export interface TParseSummary {
  rows: number;
  complete: number;
  partial: number;
  /** Per team (as the wave spells it), in order of first appearance; `null`: no team. */
  teams: { team: string | null; complete: number; partial: number }[];
  encoding: TTextEncoding;
  delimiter: TDelimiter;
}

export interface TParseResult {
  /** Every response of the file; empty when there is any problem. */
  responses: TParsedResponse[];
  /** At most MAX_PROBLEMS (or `maxProblems`) problems, in file order. */
  errors: TCsvProblem[];
  /** More problems existed than `errors` holds. */
  truncated: boolean;
  warnings: TMissingWarning[];
  summary: TParseSummary;
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

export function formatWarning(warning: TMissingWarning): string {
  return `kolom ${warning.column}: ${warning.count} volledige ${warning.count === 1 ? 'response laat' : 'responses laten'} deze verplichte vraag open; ingelezen als ontbrekend`;
}

/** The items with a column of their own, in definition order: all but the team question. */
export function itemColumns(def: TDefinition): TItem[] {
  return allItems(def).filter((item) => item.kind !== 'team');
}

export function responsesHeader(def: TDefinition): string[] {
  return [...FIXED_COLUMNS, ...itemColumns(def).map((item) => item.id)];
}

/**
 * Functions between an answer map and an array of values in column order, generated once
 * per version with the item ids as literal property names. Reading or writing 140
 * properties by computed key is a hash lookup each; literal names in generated code are
 * direct slot accesses, and every map built this way has the same shape (fast
 * properties, where a map built key by key with 140 keys becomes a dictionary at 2.5
 * times the memory). The ids are safe to put in code: the schema allows only
 * `[a-z0-9_.]`, and they are JSON-quoted besides.
 */
export interface TAnswerCodec {
  ids: readonly string[];
  toMap: (values: ArrayLike<TAnswerValue | null>) => TAnswerMap;
  toValues: (answers: TAnswerMap, into: (TAnswerValue | null)[]) => (TAnswerValue | null)[];
}

const codecs = new WeakMap<TDefinition, TAnswerCodec>();

export function answerCodec(def: TDefinition): TAnswerCodec {
  let codec = codecs.get(def);
  if (codec) return codec;
  const ids = itemColumns(def).map((item) => item.id);
  const keys = ids.map((id) => JSON.stringify(id));
  const toMap = new Function('v', `return {${keys.map((k, j) => `${k}: v[${j}]`).join(', ')}};`) as TAnswerCodec['toMap'];
  const toValues = new Function(
    'a',
    'out',
    `${keys.map((k, j) => `out[${j}] = a[${k}] ?? null;`).join('\n')}\nreturn out;`,
  ) as TAnswerCodec['toValues'];
  codec = { ids, toMap, toValues };
  codecs.set(def, codec);
  return codec;
}

export type TCsvVariant = 'research' | 'excel';

/** Columns an export appends after the items, e.g. one 0/1 column per open-answer theme. */
export const DERIVED_COLUMN_PREFIX = 'theme_';

export interface TDerivedColumns {
  names: readonly string[];
  /** Per response id; a response without an entry gets empty cells. */
  values: ReadonlyMap<string, readonly (number | null)[]>;
}

/**
 * The data set as CSV text. `research`: RFC 4180 with commas, exactly the data. `excel`:
 * semicolons and a byte-order mark (what Excel with Dutch settings opens directly), and
 * every text cell that a spreadsheet would run as a formula made inert.
 */
export function responsesCsv(
  def: TDefinition,
  responses: readonly TResponseRecord[],
  variant: TCsvVariant = 'research',
  derived?: TDerivedColumns,
): string {
  return responsesCsvHeader(def, variant, derived?.names) + responsesCsvRows(def, responses, variant, derived);
}

/** The header line (with the byte-order mark in the Excel variant), CRLF included. */
export function responsesCsvHeader(
  def: TDefinition,
  variant: TCsvVariant = 'research',
  derivedNames: readonly string[] = [],
): string {
  const excel = variant === 'excel';
  return `${excel ? '\uFEFF' : ''}${csvLine([...responsesHeader(def), ...derivedNames], excel ? ';' : ',')}\r\n`;
}

/** The data lines of `responses`, each ending in CRLF: a file streamed a batch at a time. */
export function responsesCsvRows(
  def: TDefinition,
  responses: readonly TResponseRecord[],
  variant: TCsvVariant = 'research',
  derived?: TDerivedColumns,
): string {
  const codec = answerCodec(def);
  const ids = codec.ids;
  const values = new Array<TAnswerValue | null>(ids.length);
  const excel = variant === 'excel';
  const delimiter: TDelimiter = excel ? ';' : ',';
  const text = (value: string) => csvField(excel ? neutraliseFormula(value) : value, delimiter);
  const extra = derived?.names.length ?? 0;
  let out = '';
  const row = new Array<string>(3 + ids.length + extra);
  for (const r of responses) {
    row[0] = text(r.id);
    row[1] = r.team === null ? '' : text(r.team);
    row[2] = r.status;
    codec.toValues(r.answers, values);
    for (let j = 0; j < ids.length; j++) {
      const value = values[j];
      row[3 + j] = value == null ? '' : typeof value === 'number' ? numberText(value) : text(value);
    }
    if (derived) {
      const own = derived.values.get(r.id);
      for (let k = 0; k < extra; k++) {
        const value = own?.[k];
        row[3 + ids.length + k] = value == null ? '' : numberText(value);
      }
    }
    out += row.join(delimiter) + '\r\n';
  }
  return out;
}

const SMALL_NUMBERS = Array.from({ length: 128 }, (_, i) => String(i));
function numberText(value: number): string {
  return Number.isInteger(value) && value >= 0 && value < 128 ? SMALL_NUMBERS[value]! : String(value);
}

/** Responses as the analysis engine takes them. A response without a team counts for none. */
export function forAnalysis(
  responses: readonly TResponseRecord[],
): { id: string; team: string; status: TResponseStatus; answers: TAnswerMap }[] {
  const out = [];
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i]!;
    if (r.team !== null) out.push({ id: r.id || `row-${i + 1}`, team: r.team, status: r.status, answers: r.answers });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading

const WHOLE_NUMBER = /^[-+]?\d{1,9}(?:[.,]0+)?$/;
const STATUSES = new Map<string, TResponseStatus>([
  ['complete', 'complete'],
  ['volledig', 'complete'],
  ['partial', 'partial'],
  ['gedeeltelijk', 'partial'],
]);

/** A cell that does not fit its item, and why. */
class Bad {
  constructor(readonly message: string) {}
}
/** A cell of spaces only: no answer. */
const EMPTY = new Bad('');
type TReader = (cell: string) => TAnswerValue | Bad;

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

const lower = (s: string) => s.toLocaleLowerCase('nl');

/** A cell's reader for its item, with every lookup it needs built once. */
function readerOf(def: TDefinition, item: TItem): TReader {
  switch (item.kind) {
    case 'likert':
    case 'grade': {
      const scale = scaleOf(def, item);
      const byKey = new Map<string, number>();
      for (const v of scale.values) {
        byKey.set(String(v.value), v.value);
        byKey.set(lower(v.label.nl), v.value);
        if (v.label.en) byKey.set(lower(v.label.en), v.value);
      }
      const valid = new Uint8Array(1000);
      for (const v of scale.values) if (v.value >= 0 && v.value < 1000) valid[v.value] = 1;
      return (cell) => {
        const code = smallCode(cell);
        if (code >= 0 && valid[code] === 1) return code;
        const t = cell.trim();
        if (t === '') return EMPTY;
        const hit = byKey.get(t) ?? byKey.get(lower(t));
        if (hit !== undefined) return hit;
        if (WHOLE_NUMBER.test(t)) {
          const n = Number(t.replace(',', '.'));
          if (byKey.has(String(n))) return n;
          if (n < scale.min || n > scale.max) return new Bad(`${n} ligt buiten ${scale.min}–${scale.max}`);
          return new Bad(`${n} is geen waarde van schaal ${scale.id}`);
        }
        return new Bad(`‘${clip(t)}’ is geen waarde of label van schaal ${scale.id} (${scale.min}–${scale.max})`);
      };
    }
    case 'number':
      return (cell) => {
        const code = smallCode(cell);
        if (code >= item.min && code <= item.max) return code;
        const t = cell.trim();
        if (t === '') return EMPTY;
        if (!WHOLE_NUMBER.test(t)) return new Bad(`‘${clip(t)}’ is geen geheel getal (${item.min}–${item.max})`);
        const n = Number(t.replace(',', '.'));
        return n < item.min || n > item.max ? new Bad(`${n} ligt buiten ${item.min}–${item.max}`) : n;
      };
    case 'single_choice': {
      const byKey = new Map<string, string>();
      for (const o of item.options) {
        byKey.set(o.value, o.value);
        byKey.set(lower(o.value), o.value);
        byKey.set(lower(o.label.nl), o.value);
        if (o.label.en) byKey.set(lower(o.label.en), o.value);
      }
      const list = item.options.map((o) => o.value).join(', ');
      return (cell) => {
        const t = cell.trim();
        if (t === '') return EMPTY;
        return byKey.get(t) ?? byKey.get(lower(t)) ?? new Bad(`‘${clip(t)}’ is geen antwoordoptie (${list})`);
      };
    }
    case 'text':
      return (cell) => {
        if (cell.trim() === '') return EMPTY;
        // As the questionnaire pages store it: line breaks as \n.
        const text = cell.includes('\r\n') ? cell.replace(/\r\n/g, '\n') : cell;
        return text.length > item.maxLength ? new Bad(`de tekst is ${text.length} tekens, maximaal ${item.maxLength}`) : text;
      };
    case 'team':
      // Never a column of its own (itemColumns); kept for exhaustiveness.
      return () => new Bad('het team staat in de kolom team');
  }
}

/** `isShown` for one answer (null: unanswered, so the condition does not hold). */
function holds(condition: TCondition, answer: TAnswerValue | null): boolean {
  if (answer === null || answer === '') return false;
  switch (condition.op) {
    case 'eq':
      return same(answer, condition.value);
    case 'in':
      return condition.values.some((v) => same(answer, v));
    case 'gt':
      return typeof answer === 'number' ? answer > condition.value : isShown(condition, { [condition.item]: answer });
  }
}

function same(answer: TAnswerValue, expected: string | number): boolean {
  if (typeof answer === typeof expected) return answer === expected;
  return isShown({ op: 'eq', item: 'x', value: expected }, { x: answer });
}

/** A cell of one to three digits as its number, else -1: most cells are, and a Map lookup costs more. */
function smallCode(cell: string): number {
  const n = cell.length;
  if (n === 0 || n > 3) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
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

/** Everything about one item column, worked out before the first row. */
interface TColumnPlan {
  item: TItem;
  id: string;
  /** Field index in the file. */
  field: number;
  read: TReader;
  /** Block and item conditions; empty: always asked. */
  conditions: TCondition[];
  /** Per condition, the column it refers to; -1: the team. */
  refs: number[];
  notAskedMessage: string;
  missing: number;
}

function planColumns(def: TDefinition, fieldOf: Map<string, number>): TColumnPlan[] {
  const items = itemColumns(def);
  const index = new Map(items.map((item, i) => [item.id, i]));
  return items.map((item) => {
    const conditions = [blockOf(def, item.id)?.condition, item.condition].filter((c): c is TCondition => c !== undefined);
    return {
      item,
      id: item.id,
      field: fieldOf.get(item.id)!,
      read: readerOf(def, item),
      conditions,
      refs: conditions.map((c) => index.get(c.item) ?? -1),
      notAskedMessage: `beantwoord, maar deze vraag wordt alleen gesteld als ${conditions.map(conditionText).join(' en ')}`,
      missing: 0,
    };
  });
}

/**
 * Reads the interchange format against a questionnaire version. Pure. `input` is the
 * file's bytes (the encoding is recognised) or its text. `responses` holds only the
 * rows without problems; callers that write anything write nothing unless `errors` is
 * empty.
 */
export function parseResponsesCsv(def: TDefinition, input: string | Uint8Array, options: TParseOptions = {}): TParseResult {
  const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeText(input);
  const text = decoded.text;
  const delimiter = detectDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1, 10_000) : text.slice(0, 10_000));
  const max = options.maxProblems ?? MAX_PROBLEMS;
  const errors: TCsvProblem[] = [];
  let truncated = false;
  const add = (problem: TCsvProblem) => {
    if (errors.length < max) errors.push(problem);
    else truncated = true;
  };
  const responses: TParsedResponse[] = [];
  const teamCounts = new Map<string | null, { team: string | null; complete: number; partial: number }>();
  const key = `${def.id}@${def.version}`;
  const teamItem = allItems(def).find((item) => item.kind === 'team');

  let plan: TColumnPlan[] | undefined;
  let width = 0;
  let idField = -1;
  let teamField = -1;
  let teamCopyField = -1;
  let statusField = -1;
  const teamsByName = options.teams && new Map(options.teams.map((t) => [lower(t), t]));
  const teamList = options.teams && clip(options.teams.join(', '));
  const idLines = new Map<string, number>();
  let headerDone = false;
  let row = 1;

  const onHeader = (fields: string[], line: number): boolean => {
    const names = fields.map((name) => lower(name.trim()));
    width = names.length;
    const columns = new Map(itemColumns(def).map((item) => [item.id, item]));
    const fieldOf = new Map<string, number>();
    names.forEach((name, i) => {
      if (
        fieldOf.has(name) ||
        (name === 'response_id' && idField >= 0) ||
        (name === 'team' && teamField >= 0) ||
        (name === 'status' && statusField >= 0)
      ) {
        add({ line, column: name, message: 'deze kolom staat twee keer in de kopregel' });
      } else if (name === 'response_id') idField = i;
      else if (name === 'team') teamField = i;
      else if (name === 'status') statusField = i;
      else if (teamItem && name === teamItem.id) teamCopyField = i;
      else if (columns.has(name)) fieldOf.set(name, i);
      // Derived columns an export appends (the coded open answers, theme_<code>): not
      // answers, so an export reads back in without them being imported.
      else if (name.startsWith(DERIVED_COLUMN_PREFIX)) return;
      else add({ line, column: name, message: `onbekende kolom: geen vraag van ${key}` });
    });
    if (teamField < 0 && teamCopyField >= 0) [teamField, teamCopyField] = [teamCopyField, -1];
    const absent = [teamField < 0 ? 'team' : '', statusField < 0 ? 'status' : ''].filter(Boolean);
    if (absent.length > 0) {
      add({ line, message: `de kopregel mist ${absent.join(' en ')}; verwacht ${FIXED_COLUMNS.join(',')},<item-id's>` });
    }
    const missing = [...columns.keys()].filter((id) => !fieldOf.has(id));
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` en ${missing.length - 10} meer` : '');
      add({
        line,
        message:
          `kolommen van ${key} ontbreken: ${shown}. Elke vraag heeft een kolom; laat een kolom leeg voor een vraag die niet gesteld is` +
          (missing.length > columns.size / 2 ? `. Hoort dit bestand wel bij ${key}?` : ''),
      });
    }
    if (errors.length > 0) return false;
    plan = planColumns(def, fieldOf);
    return true;
  };

  const codec = answerCodec(def);
  const values = new Array<TAnswerValue | null>(codec.ids.length).fill(null);
  // Per column in the current row: 0 fine, or one of these.
  const INVALID = 1;
  const UNJUDGED = 2;
  const MISSING = 3;
  const state = new Uint8Array(codec.ids.length);
  const onRow = (fields: string[], line: number) => {
    row++;
    // A row of empty cells (a spreadsheet's leftover formatting) is not a response.
    if (fields[statusField]!.trim() === '' && fields.every((f) => f.trim() === '')) return;
    const at = { line, row };
    let bad = false;
    const problem = (column: string | undefined, message: string) => {
      bad = true;
      add(column === undefined ? { ...at, message } : { ...at, column, message });
    };
    if (fields.length !== width) {
      problem(undefined, `${fields.length} velden, verwacht ${width} (zoals de kopregel)`);
      return;
    }
    const id = idField >= 0 ? fields[idField]!.trim() : '';
    if (id !== '') {
      const earlier = idLines.get(id.toLowerCase());
      if (earlier !== undefined) problem('response_id', `staat ook op regel ${earlier}; elke response_id komt één keer voor`);
      else idLines.set(id.toLowerCase(), line);
    }
    const rawStatus = fields[statusField]!.trim();
    const status = STATUSES.get(lower(rawStatus));
    if (!status) problem('status', `‘${clip(rawStatus)}’: verwacht partial of complete`);

    const rawTeam = fields[teamField]!.trim();
    let team: string | null = rawTeam === '' ? null : rawTeam;
    if (teamCopyField >= 0) {
      const copy = fields[teamCopyField]!.trim();
      if (copy !== '' && lower(copy) !== lower(rawTeam))
        problem(teamItem!.id, `‘${clip(copy)}’ verschilt van de kolom team (‘${clip(rawTeam)}’)`);
    }
    if (team === null) {
      if (status === 'complete') problem('team', 'leeg; een volledige response hoort bij een team');
    } else if (teamsByName) {
      const known = teamsByName.get(lower(team));
      if (known === undefined) problem('team', `‘${clip(team)}’ doet niet mee aan deze meting (teams: ${teamList})`);
      else team = known;
    }

    const columns = plan!;
    values.fill(null);
    state.fill(0);
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j]!;
      const cell = fields[column.field]!;
      if (cell === '') continue;
      const value = column.read(cell);
      if (value instanceof Bad) {
        if (value === EMPTY) continue;
        state[j] = INVALID;
        problem(column.id, value.message);
      } else values[j] = value;
    }

    // Conditions are decided on the valid answers. A question whose condition rests on
    // an invalid cell is not judged: that cell is the problem.
    let missingCount = 0;
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j]!;
      let shown = true;
      const refs = column.refs;
      if (refs.length > 0) {
        for (let c = 0; c < refs.length; c++) {
          const ref = refs[c]!;
          if (ref >= 0 && state[ref] === INVALID) {
            shown = false;
            state[j] = state[j] === INVALID ? INVALID : UNJUDGED;
            break;
          }
          if (!holds(column.conditions[c]!, ref >= 0 ? values[ref]! : team)) {
            shown = false;
            break;
          }
        }
        if (state[j] === UNJUDGED) continue;
      }
      const answered = values[j] !== null;
      if (answered && !shown) problem(column.id, column.notAskedMessage);
      else if (!answered && shown && status === 'complete' && column.item.required && state[j] !== INVALID) {
        state[j] = MISSING;
        missingCount++;
      }
    }

    if (bad) return;
    if (missingCount > 0) for (let j = 0; j < columns.length; j++) if (state[j] === MISSING) columns[j]!.missing++;
    const answers = codec.toMap(values);
    responses.push({ line, id, team, status: status!, answers });
    let counts = teamCounts.get(team);
    if (!counts) teamCounts.set(team, (counts = { team, complete: 0, partial: 0 }));
    counts[status!]++;
  };

  try {
    readCsv(text, delimiter, (fields, line) => {
      if (headerDone) {
        if (plan) onRow(fields, line);
        return;
      }
      headerDone = true;
      onHeader(fields, line);
    });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    add({ line: error.line, message: `het bestand is geen geldige CSV (RFC 4180): ${error.message}` });
  }
  if (!headerDone) add({ line: 1, message: `het bestand is leeg; verwacht een kopregel ${FIXED_COLUMNS.join(',')},…` });

  const complete = responses.reduce((n, r) => n + (r.status === 'complete' ? 1 : 0), 0);
  return {
    responses: errors.length > 0 ? [] : responses,
    errors,
    truncated,
    warnings: (plan ?? []).filter((c) => c.missing > 0).map((c) => ({ column: c.id, count: c.missing })),
    summary: {
      rows: responses.length,
      complete,
      partial: responses.length - complete,
      teams: [...teamCounts.values()],
      encoding: decoded.encoding,
      delimiter,
    },
  };
}

/**
 * Which questions a response was asked, from its answers (values in column order, as
 * `answerCodec` gives them) and team: a question is asked when its block's condition and
 * its own hold. Lets an export tell "not answered" from "not asked".
 */
export function askedChecker(def: TDefinition): (values: readonly (TAnswerValue | null)[], team: string | null) => boolean[] {
  const columns = planColumns(def, new Map());
  return (values, team) =>
    columns.map((column) => column.refs.every((ref, c) => holds(column.conditions[c]!, ref >= 0 ? values[ref]! : team)));
}

/** The column names of a file's header row (lower case, trimmed). */
export function headerOf(input: string | Uint8Array): string[] {
  const text = typeof input === 'string' ? input : decodeText(input.subarray(0, 100_000)).text;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r|\n/);
  const first = end === -1 ? body : body.slice(0, end);
  let names: string[] = [];
  try {
    readCsv(first, detectDelimiter(first), (fields) => {
      if (names.length === 0) names = fields.map((f) => lower(f.trim()));
    });
  } catch {
    return [];
  }
  return names;
}

/** Whether a header has exactly the columns of a version (any order; `bg.team` allowed). */
export function headerFits(def: TDefinition, names: readonly string[]): boolean {
  const expected = new Set(responsesHeader(def));
  const teamItem = allItems(def).find((item) => item.kind === 'team');
  const got = new Set(names.filter((n) => n !== teamItem?.id && n !== 'response_id'));
  expected.delete('response_id');
  return got.size === expected.size && [...expected].every((n) => got.has(n));
}
