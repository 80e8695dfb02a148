/**
 * A file in the interchange format read into a wave (see formats/responses-csv.ts), for
 * `npm run import` and the workspace's upload page. First a preview (rows, teams,
 * warnings, problems) that writes nothing; then the import: all or nothing, in one
 * transaction, with answers written in large batches.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';
import { ValidationError } from '../errors.ts';
import { today } from '../lib/dates.ts';
import {
  MAX_PROBLEMS,
  parseResponsesCsv,
  type TCsvProblem,
  type TMissingWarning,
  type TParseResult,
  type TParseSummary,
} from '../formats/responses-csv.ts';
import { auditData } from './data-audit.ts';
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

async function parseForWave(
  db: DB,
  waveId: number,
  input: string | Uint8Array,
): Promise<{ parsed: TParseResult; teams: Map<string, number>; key: string }> {
  const wave = await waveInfo(db, waveId);
  const teams = await waveTeams(db, waveId);
  const parsed = parseResponsesCsv(wave.definition, input, { teams: teams.map((t) => t.name) });
  return { parsed, teams: new Map(teams.map((t) => [t.name, t.id])), key: `${wave.definition.id}@${wave.definition.version}` };
}

/** What an import would do, and what stands in its way. Writes nothing. */
export async function previewImport(db: DB, waveId: number, input: string | Uint8Array): Promise<TImportPreview> {
  const { parsed, key } = await parseForWave(db, waveId, input);
  return {
    waveId,
    definition: key,
    summary: parsed.summary,
    warnings: parsed.warnings,
    errors: parsed.errors,
    truncated: parsed.truncated,
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
  /** Called after each batch of responses is written. */
  onProgress?: (written: number, total: number) => void;
}

/** Responses per statement; answers go along with them, through unnest (4 parameters whatever the size). */
const BATCH = 2_000;

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
  const { parsed, teams } = await parseForWave(db, waveId, input);
  if (parsed.errors.length > 0) throw new ImportRejectedError(parsed.errors, parsed.truncated);
  const run = (trx: DB) => write(trx, waveId, parsed, teams, options);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function write(
  trx: DB,
  waveId: number,
  parsed: TParseResult,
  teamIds: Map<string, number>,
  options: TImportOptions,
): Promise<TImportResult> {
  const responses = parsed.responses;
  const uuids = [...new Set(responses.filter((r) => UUID.test(r.id)).map((r) => r.id.toLowerCase()))];
  const existing = new Map<string, number>();
  if (uuids.length > 0) {
    const rows = await sql<{
      id: string;
      wave_id: number;
    }>`SELECT id, wave_id FROM response WHERE id = ANY(${uuids}::uuid[])`.execute(trx);
    for (const r of rows.rows) existing.set(r.id, r.wave_id);
  }
  const again = responses.filter((r) => existing.get(r.id.toLowerCase()) === waveId);
  if (again.length > 0) {
    const problems = again.slice(0, MAX_PROBLEMS).map((r) => ({
      line: r.line,
      column: 'response_id',
      message: 'deze response staat al in deze meting; is het bestand al eerder ingelezen?',
    }));
    throw new ImportRejectedError(problems, again.length > problems.length);
  }

  const day = options.day ?? today();
  let keptIds = 0;
  let answerCount = 0;
  for (let start = 0; start < responses.length; start += BATCH) {
    const batch = responses.slice(start, start + BATCH);
    const rid: string[] = [];
    const team: (number | null)[] = [];
    const status: string[] = [];
    const aRid: string[] = [];
    const aItem: string[] = [];
    const aNum: (number | null)[] = [];
    const aText: (string | null)[] = [];
    for (const r of batch) {
      const keep = UUID.test(r.id) && !existing.has(r.id.toLowerCase());
      if (keep) keptIds++;
      const id = keep ? r.id.toLowerCase() : randomUUID();
      rid.push(id);
      team.push(r.team === null ? null : teamIds.get(r.team)!);
      status.push(r.status);
      for (const itemId in r.answers) {
        const value = r.answers[itemId];
        if (value == null) continue;
        aRid.push(id);
        aItem.push(itemId);
        aNum.push(typeof value === 'number' ? value : null);
        aText.push(typeof value === 'string' ? value : null);
      }
    }
    answerCount += aRid.length;
    await sql`
      INSERT INTO response (id, wave_id, team_id, status, started_on, updated_on, completed_on)
      SELECT u.id, ${waveId}, u.team_id, u.status::response_status, ${day}::date, ${day}::date,
             CASE WHEN u.status = 'complete' THEN ${day}::date END
        FROM unnest(${rid}::uuid[], ${team}::int[], ${status}::text[]) AS u(id, team_id, status)`.execute(trx);
    await sql`
      INSERT INTO answer (response_id, item_id, value_num, value_text)
      SELECT * FROM unnest(${aRid}::uuid[], ${aItem}::text[], ${aNum}::float8[], ${aText}::text[])`.execute(trx);
    options.onProgress?.(start + batch.length, responses.length);
  }

  const complete = responses.filter((r) => r.status === 'complete').length;
  const result: TImportResult = {
    waveId,
    imported: responses.length,
    complete,
    partial: responses.length - complete,
    keptIds,
    answers: answerCount,
    warnings: parsed.warnings,
  };
  await auditData(trx, {
    action: 'wave.import',
    waveId,
    actor: options.actor ?? 'cli',
    userId: options.userId ?? null,
    // Counts only: nothing from the file itself goes into the log.
    details: { responses: result.imported, complete, partial: result.partial, answers: answerCount },
  });
  return result;
}
