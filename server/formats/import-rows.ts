/**
 * An import file read and checked, in a form made to cross a thread boundary cheaply:
 * the worker-pool task `importCheck` (server/workers/tasks.ts) runs this, so parsing and
 * checking 100,000 rows never holds up the event loop that serves respondents.
 *
 * 100,000 answer maps of 140 keys are 14 million properties to structured-clone, and
 * cloning them back would cost the main thread about as much as parsing. So the rows come
 * back columnar: the numeric answers in one Float64Array (transferred, not copied; NaN is
 * "no answer"), the text answers as one array per column that has any, and ids, lines,
 * teams and statuses per row. Pure: no database, no file system.
 */
import type { TDefinition } from '../../survey-definitions/index.ts';
import { answerCodec, parseResponsesCsv, type TCsvProblem, type TMissingWarning, type TParseSummary } from './responses-csv.ts';

export interface TImportCheckInput {
  definition: TDefinition;
  input: string | Uint8Array;
  /** The wave's team names. */
  teams: readonly string[];
  /** false: the preview (summary, warnings, problems only). */
  rows: boolean;
}

export interface TImportRows {
  count: number;
  /** Item ids, in column order. */
  columns: string[];
  /** As in the file ('' when none). */
  ids: string[];
  lines: Int32Array;
  teams: (string | null)[];
  /** 1 complete, 0 partial. */
  complete: Uint8Array;
  /** count × columns, row-major; NaN: no numeric answer. */
  numbers: Float64Array;
  /** Per column: null when the column holds no text answer, else one entry per row. */
  texts: ((string | null)[] | null)[];
}

export interface TImportCheck {
  summary: TParseSummary;
  warnings: TMissingWarning[];
  errors: TCsvProblem[];
  truncated: boolean;
  /** Only when asked for and without errors. */
  rows: TImportRows | null;
}

export function checkImport(input: TImportCheckInput): TImportCheck {
  const def = input.definition;
  const parsed = parseResponsesCsv(def, input.input, { teams: input.teams });
  const { summary, warnings, errors, truncated } = parsed;
  if (!input.rows || errors.length > 0) return { summary, warnings, errors, truncated, rows: null };
  const codec = answerCodec(def);
  const width = codec.ids.length;
  const responses = parsed.responses;
  const count = responses.length;
  const numbers = new Float64Array(count * width).fill(NaN);
  const texts: ((string | null)[] | null)[] = Array.from({ length: width }, () => null);
  const ids = new Array<string>(count);
  const lines = new Int32Array(count);
  const teams = new Array<string | null>(count);
  const complete = new Uint8Array(count);
  const values = new Array<string | number | null>(width);
  for (let i = 0; i < count; i++) {
    const r = responses[i]!;
    ids[i] = r.id;
    lines[i] = r.line;
    teams[i] = r.team;
    complete[i] = r.status === 'complete' ? 1 : 0;
    codec.toValues(r.answers, values);
    for (let j = 0; j < width; j++) {
      const v = values[j];
      if (v == null) continue;
      if (typeof v === 'number') numbers[i * width + j] = v;
      else (texts[j] ??= new Array<string | null>(count).fill(null))[i] = v;
    }
  }
  return {
    summary,
    warnings,
    errors,
    truncated,
    rows: { count, columns: [...codec.ids], ids, lines, teams, complete, numbers, texts },
  };
}
