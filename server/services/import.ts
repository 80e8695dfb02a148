/**
 * A file in the interchange format read into a wave (see formats/responses-csv.ts), for
 * `npm run import` and the workspace's upload page. First a preview (rows, teams,
 * warnings, problems) that writes nothing; then the import: all or nothing, in one
 * transaction.
 *
 * Speed at 100,000 rows × 140 columns (13 million answers):
 * - parsing and checking is `checkImport` (formats/import-rows.ts), a pure function that
 *   the HTTP routes run on the worker pool (`options.check`), and the CLI directly;
 * - the rows go in with `COPY … FROM STDIN` (services/pg-copy.ts) inside the transaction,
 *   the text made a few hundred responses at a time with a yield in between, so the
 *   event loop is never held for long and memory stays at the size of the checked file;
 * - responses and answers are written in order of response id. The answer table's
 *   primary key starts with the (random) response id: written in random order, every
 *   answer lands on another page of a 600 MB index, and once that index no longer fits
 *   in Postgres's buffers each insert is a read and a write (the 1,565 s of the first
 *   version). In id order the index is walked once, front to back.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';
import { ValidationError } from '../errors.ts';
import { today } from '../lib/dates.ts';
import { checkImport, type TImportCheck, type TImportCheckInput, type TImportRows } from '../formats/import-rows.ts';
import { MAX_PROBLEMS, type TCsvProblem, type TMissingWarning, type TParseSummary } from '../formats/responses-csv.ts';
import { writeAudit } from './audit.ts';
import { COPY_NULL, copyInto, copyText } from './pg-copy.ts';
import { waveInfo } from './wave-data.ts';
import { waveTeams } from './waves.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export interface TImportPreview {
  waveId: number;
  definition: string;
  summary: TParseSummary;
  warnings: TMissingWarning[];
  errors: TCsvProblem[];
  truncated: boolean;
}

/** How the file is checked: directly (CLI), or on the worker pool (`app.runInWorker('importCheck', …)`). */
export type TImportChecker = (input: TImportCheckInput) => Promise<TImportCheck> | TImportCheck;

async function checkForWave(db: DB, waveId: number, input: string | Uint8Array, rows: boolean, check: TImportChecker) {
  const wave = await waveInfo(db, waveId);
  const teams = await waveTeams(db, waveId);
  const checked = await check({ definition: wave.definition, input, teams: teams.map((t) => t.name), rows });
  return { checked, teamIds: new Map(teams.map((t) => [t.name, t.id])), key: `${wave.definition.id}@${wave.definition.version}` };
}

/** What an import would do, and what stands in its way. Writes nothing. */
export async function previewImport(
  db: DB,
  waveId: number,
  input: string | Uint8Array,
  options: { check?: TImportChecker } = {},
): Promise<TImportPreview> {
  const { checked, key } = await checkForWave(db, waveId, input, false, options.check ?? checkImport);
  return {
    waveId,
    definition: key,
    summary: checked.summary,
    warnings: checked.warnings,
    errors: checked.errors,
    truncated: checked.truncated,
  };
}

export interface TImportResult {
  waveId: number;
  imported: number;
  complete: number;
  partial: number;
  /** Rows whose response_id was kept (a UUID this database did not have yet). */
  keptIds: number;
  answers: number;
  /** Item non-response, per question (imported as missing). */
  warnings: TMissingWarning[];
}

export interface TImportOptions {
  actor?: string;
  userId?: number | null;
  day?: string;
  /** Called after each chunk of responses is handed to Postgres. */
  onProgress?: (written: number, total: number) => void;
  check?: TImportChecker;
}

/** Responses per chunk of COPY text: ~130 answers each, so ~50,000 lines, a few ms of work. */
const CHUNK = 400;

/**
 * Reads a file into a wave, against the questionnaire version the wave fielded (as
 * stored). All or nothing: one problem anywhere and nothing is written; the error lists
 * every problem found. Runs in the caller's transaction, or in one of its own.
 *
 * response_id: a UUID that this database does not have yet is kept, so a wave moved to
 * another installation keeps its ids. A UUID already in another wave, an id that is no
 * UUID or an empty cell gets a new id. A UUID already in *this* wave is an error: the
 * file was most likely read in before. Imported responses are dated on the import day:
 * the file has no dates, and a guessed date would be made up.
 */
export async function importResponses(
  db: DB,
  waveId: number,
  input: string | Uint8Array,
  options: TImportOptions = {},
): Promise<TImportResult> {
  const { checked, teamIds } = await checkForWave(db, waveId, input, true, options.check ?? checkImport);
  if (checked.errors.length > 0 || !checked.rows) throw new ImportRejectedError(checked.errors, checked.truncated);
  const rows = checked.rows;
  const run = (trx: DB) => write(trx, waveId, rows, checked.warnings, teamIds, options);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function write(
  trx: DB,
  waveId: number,
  rows: TImportRows,
  warnings: TMissingWarning[],
  teamIds: Map<string, number>,
  options: TImportOptions,
): Promise<TImportResult> {
  const count = rows.count;
  const fileIds = rows.ids.map((id) => (UUID.test(id) ? id.toLowerCase() : null));
  const uuids = [...new Set(fileIds.filter((id): id is string => id !== null))];
  const existing = new Map<string, number>();
  if (uuids.length > 0) {
    const found = await sql<{
      id: string;
      wave_id: number;
    }>`SELECT id, wave_id FROM response WHERE id = ANY(${uuids}::uuid[])`.execute(trx);
    for (const r of found.rows) existing.set(r.id, r.wave_id);
  }
  const again: TCsvProblem[] = [];
  for (let i = 0; i < count && again.length <= MAX_PROBLEMS; i++) {
    const id = fileIds[i];
    if (id && existing.get(id) === waveId)
      again.push({
        line: rows.lines[i]!,
        column: 'response_id',
        message: 'deze response staat al in deze meting; is het bestand al eerder ingelezen?',
      });
  }
  if (again.length > 0) throw new ImportRejectedError(again.slice(0, MAX_PROBLEMS), again.length > MAX_PROBLEMS);

  let keptIds = 0;
  const ids = fileIds.map((id) => {
    if (id !== null && !existing.has(id)) {
      keptIds++;
      return id;
    }
    return randomUUID();
  });
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
  const day = options.day ?? today();

  const teamCell = (i: number) => {
    const team = rows.teams[i];
    return team == null ? COPY_NULL : String(teamIds.get(team)!);
  };
  async function* responseText() {
    for (let start = 0; start < count; start += CHUNK * 10) {
      let text = '';
      for (let k = start; k < Math.min(count, start + CHUNK * 10); k++) {
        const i = order[k]!;
        const complete = rows.complete[i] === 1;
        text += `${ids[i]}\t${waveId}\t${teamCell(i)}\t${complete ? 'complete' : 'partial'}\t${day}\t${day}\t${complete ? day : COPY_NULL}\n`;
      }
      yield text;
      await yieldToLoop();
    }
  }
  await copyInto(
    trx,
    'COPY response (id, wave_id, team_id, status, started_on, updated_on, completed_on) FROM STDIN',
    responseText(),
  );

  // "\t<item>\t" per column, and the text of the small integers every scale uses.
  const width = rows.columns.length;
  const middle = rows.columns.map((c) => `\t${copyText(c)}\t`);
  const small = Array.from({ length: 128 }, (_, v) => `${v}\t${COPY_NULL}\n`);
  let answers = 0;
  async function* answerText() {
    for (let start = 0; start < count; start += CHUNK) {
      const end = Math.min(count, start + CHUNK);
      let text = '';
      for (let k = start; k < end; k++) {
        const i = order[k]!;
        const id = ids[i]!;
        const base = i * width;
        for (let j = 0; j < width; j++) {
          const x = rows.numbers[base + j]!;
          if (x === x) {
            text += id + middle[j] + (Number.isInteger(x) && x >= 0 && x < 128 ? small[x] : `${x}\t${COPY_NULL}\n`);
            answers++;
            continue;
          }
          const t = rows.texts[j]?.[i];
          if (t == null) continue;
          text += `${id}${middle[j]}${COPY_NULL}\t${copyText(t)}\n`;
          answers++;
        }
      }
      yield text;
      options.onProgress?.(end, count);
      // A chunk is a few milliseconds of work; then whoever else waits gets the loop.
      await yieldToLoop();
    }
  }
  await copyInto(trx, 'COPY answer (response_id, item_id, value_num, value_text) FROM STDIN', answerText());

  let complete = 0;
  for (let i = 0; i < count; i++) complete += rows.complete[i]!;
  const result: TImportResult = {
    waveId,
    imported: count,
    complete,
    partial: count - complete,
    keptIds,
    answers,
    warnings,
  };
  await writeAudit(trx, {
    action: 'wave.import',
    subject: `wave:${waveId}`,
    actor: options.actor ?? 'cli',
    userId: options.userId ?? null,
    // Counts only: nothing from the file itself goes into the log.
    details: { responses: result.imported, complete, partial: result.partial, answers },
  });
  return result;
}
