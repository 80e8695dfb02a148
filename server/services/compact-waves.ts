/**
 * A wave's complete responses as codes (analysis/compact.ts), read for the comparison and
 * the trend. Built for 50,000 respondents and 6.6 million answers a wave:
 *
 * - PostgreSQL does the per-answer work: it maps each answer to its column and code and
 *   packs a whole team into one text, two characters per answer (column + 2, value +
 *   100; character 1 separates respondents). Node receives ~50 rows a wave instead of 6.6
 *   million, and reads the codes with `charCodeAt` — no answer objects, no number parsing.
 * - One statement per team, so that no statement of a large wave runs into the
 *   statement timeout, and a few at a time, so that two cores are kept busy but the pool
 *   keeps connections for respondents.
 * - Decoding yields to the event loop after every team, so the loop that serves
 *   respondents never waits more than a team's worth (a few milliseconds).
 *
 * Teams are returned as ids (as text): the caller maps them to their current names, so a
 * cached wave stays right after a team is renamed (a rename does not raise the wave's
 * data version).
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { COMPACT_INVALID, COMPACT_NONE, type TCompactResponses } from '../../analysis/compact.ts';
import { allItems, scaledItems, scaleOf, type TDefinition } from '../../survey-definitions/index.ts';
import type { TSingleChoiceItem } from '../../survey-definitions/schema.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';

type Handle = Kysely<Database> | Transaction<Database>;

/**
 * Statements in flight at once, over every load in this process: enough to keep two
 * cores busy, few enough that the pool (10 connections) always has some for respondents.
 */
const STATEMENTS = 3;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= STATEMENTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** A number v travels as the character v + OFFSET (OFFSET − 1: does not fit its item). */
const OFFSET = 100;
/** Option i of a single-choice item travels as the character CHOICE + i. */
const CHOICE = 30_000;
const STATUS = { complete: 2, partial: 3 } as const;

export interface TCompactLoadOptions {
  /** Partial responses too (default: complete only). */
  partial?: boolean;
  /** Single-choice items too (default: scored items only, as comparisons need). */
  choices?: boolean;
}

interface TColumn {
  id: string;
  /** Range of the characters that travel for a fitting answer; `base` is code 0. */
  low: number;
  high: number;
  base: number;
  options?: readonly { value: string }[];
}

function compactColumns(definition: TDefinition, options: TCompactLoadOptions): TColumn[] {
  const scored = scaledItems(definition).map((item) => {
    const scale = scaleOf(definition, item);
    return { id: item.id, low: OFFSET + scale.min, high: OFFSET + scale.max, base: OFFSET + scale.min };
  });
  const choice = options.choices
    ? allItems(definition)
        .filter((i): i is TSingleChoiceItem => i.kind === 'single_choice')
        .map((item) => ({
          id: item.id,
          options: item.options,
          low: CHOICE,
          high: CHOICE + item.options.length - 1,
          base: CHOICE,
        }))
    : [];
  return [...scored, ...choice];
}

export async function loadCompactWave(
  db: Handle,
  waveId: number,
  definition: TDefinition,
  options: TCompactLoadOptions = {},
): Promise<TCompactResponses> {
  const columns = compactColumns(definition, options);
  const choice = columns.filter((c) => c.options);
  const statuses = options.partial ? ['complete', 'partial'] : ['complete'];
  const teamIds = (
    await db
      .selectFrom('response')
      .select('team_id')
      .distinct()
      .where('wave_id', '=', waveId)
      .where('status', 'in', statuses as ('complete' | 'partial')[])
      .where('team_id', 'is not', null)
      .orderBy('team_id')
      .execute()
  ).map((r) => r.team_id!);

  // Column → its character (column index + 2), option → its character, both looked up per
  // answer by jsonb's binary search over the keys; an item outside the columns gives
  // NULL, which string_agg skips.
  const columnChars = JSON.stringify(Object.fromEntries(columns.map((c, j) => [c.id, String.fromCharCode(j + 2)])));
  const optionChars = JSON.stringify(
    Object.fromEntries(
      choice.flatMap((c) => c.options!.map((o, i) => [`${c.id}\u001f${o.value}`, String.fromCharCode(CHOICE + i)])),
    ),
  );
  const value = options.choices
    ? sql`CASE WHEN a.value_num IS NULL THEN coalesce(${optionChars}::jsonb ->> (a.item_id || chr(31) || a.value_text), chr(${OFFSET - 1}))
               WHEN a.value_num = floor(a.value_num) AND a.value_num BETWEEN ${10 - OFFSET} AND 20000 THEN chr(a.value_num::int + ${OFFSET})
               ELSE chr(${OFFSET - 1}) END`
    : sql`CASE WHEN a.value_num = floor(a.value_num) AND a.value_num BETWEEN ${10 - OFFSET} AND 20000 THEN chr(a.value_num::int + ${OFFSET})
               ELSE chr(${OFFSET - 1}) END`;
  const packed = await Promise.all(
    teamIds.map((teamId) =>
      limited(async () => {
        // The subquery per response walks the answer table's primary key (response_id, …):
        // a join (to the responses or to a table of columns) makes the planner hash or
        // loop per answer, several times slower. Each respondent starts with its status.
        const { rows } = await sql<{ n: string; codes: string | null }>`
          SELECT count(*) AS n, string_agg(x.codes, chr(1) ORDER BY x.id) AS codes FROM (
            SELECT r.id, CASE WHEN r.status = 'complete' THEN chr(${STATUS.complete}) ELSE chr(${STATUS.partial}) END || coalesce((
              SELECT string_agg((${columnChars}::jsonb ->> a.item_id) || ${value}, '')
              FROM answer a
              WHERE a.response_id = r.id ${options.choices ? sql`` : sql`AND a.value_num IS NOT NULL`}), '') AS codes
            FROM response r
            WHERE r.wave_id = ${waveId} AND r.team_id = ${teamId} AND r.status = ANY(${statuses}::response_status[])) x`.execute(
          db,
        );
        return { n: Number(rows[0]?.n ?? 0), codes: rows[0]?.codes ?? '' };
      }),
    ),
  );

  const count = packed.reduce((s, p) => s + p.n, 0);
  const width = columns.length;
  const low = columns.map((c) => c.low);
  const high = columns.map((c) => c.high);
  const base = columns.map((c) => c.base);
  const codes = new Uint8Array(count * width).fill(COMPACT_NONE);
  const team = new Int32Array(count);
  const complete = new Uint8Array(count);
  let row = 0;
  for (let t = 0; t < packed.length; t++) {
    const { n, codes: text } = packed[t]!;
    team.fill(t, row, row + n);
    // Per respondent: its status, then per answer (column + 2, value); 1 ends a respondent.
    let at = row * width;
    let r = row;
    complete[r] = text.charCodeAt(0) === STATUS.complete ? 1 : 0;
    for (let i = 1; i < text.length;) {
      const c = text.charCodeAt(i);
      if (c === 1) {
        at += width;
        complete[++r] = text.charCodeAt(i + 1) === STATUS.complete ? 1 : 0;
        i += 2;
        continue;
      }
      const j = c - 2;
      const v = text.charCodeAt(i + 1);
      codes[at + j] = v >= low[j]! && v <= high[j]! ? v - base[j]! : COMPACT_INVALID;
      i += 2;
    }
    row += n;
    // Let the event loop serve others between teams.
    await yieldToLoop();
  }
  return { teams: teamIds.map(String), team, complete, columns: columns.map((c) => c.id), codes };
}

// ---------------------------------------------------------------------------------------
// Kept in PostgreSQL (`wave_codes`, migration 2026-12-01T1900): valid for one data version
// of the wave, deleted by a trigger as soon as the version moves on.

/** Format of a stored payload; its first word also tells the byte order it was written in. */
const FORMAT = 0x57430001;

function encodePayload(compact: TCompactResponses): Uint8Array {
  const count = compact.team.length;
  const teams = Int32Array.from(compact.teams, Number);
  const head = 16 + 4 * teams.length + 4 * count;
  const bytes = new Uint8Array(head + count + compact.codes.length);
  new Uint32Array(bytes.buffer, 0, 4).set([FORMAT, count, compact.columns.length, teams.length]);
  new Int32Array(bytes.buffer, 16, teams.length).set(teams);
  new Int32Array(bytes.buffer, 16 + 4 * teams.length, count).set(compact.team);
  bytes.set(compact.complete, head);
  bytes.set(compact.codes, head + count);
  return bytes;
}

function decodePayload(stored: Uint8Array, columns: string[]): TCompactResponses | undefined {
  // A copy at offset 0, so that the 32-bit views are aligned whatever the driver handed over.
  const bytes = new Uint8Array(stored);
  if (bytes.length < 16) return undefined;
  const [format, count, width, teamCount] = new Uint32Array(bytes.buffer, 0, 4) as unknown as number[];
  const head = 16 + 4 * teamCount! + 4 * count!;
  if (format !== FORMAT || width !== columns.length || bytes.length !== head + count! * (1 + width!)) return undefined;
  return {
    teams: Array.from(new Int32Array(bytes.buffer, 16, teamCount), String),
    team: new Int32Array(bytes.buffer, 16 + 4 * teamCount!, count),
    complete: bytes.subarray(head, head + count!),
    columns,
    codes: bytes.subarray(head + count!),
  };
}

/** The `wave_codes` kind of a load: what it includes and the columns it was made for. */
function codesKind(definition: TDefinition, load: TCompactLoadOptions): { kind: string; columns: TColumn[] } {
  const columns = compactColumns(definition, load);
  const kind = `${load.partial ? 'all' : 'complete'}:${createHash('sha256')
    .update(JSON.stringify(columns.map((c) => [c.id, c.low, c.high])))
    .digest('base64url')
    .slice(0, 16)}`;
  return { kind, columns };
}

/**
 * `loadCompactWave`, through `wave_codes`: the stored codes when they were made from the
 * wave's current data version, else loaded and stored. `fresh` skips the store (partial
 * responses are in the codes, and partial saves do not raise the data version).
 */
export async function storedCompactWave(
  db: Handle,
  waveId: number,
  definition: TDefinition,
  options: TCompactLoadOptions & { fresh?: boolean } = {},
): Promise<TCompactResponses> {
  const { fresh, ...load } = options;
  if (fresh) return loadCompactWave(db, waveId, definition, load);
  const { kind, columns } = codesKind(definition, load);
  const version = await db.selectFrom('wave_data_version').select('version').where('wave_id', '=', waveId).executeTakeFirst();
  if (!version) return loadCompactWave(db, waveId, definition, load);
  const { rows } = await sql<{ payload: Uint8Array }>`
    SELECT payload FROM wave_codes WHERE wave_id = ${waveId} AND kind = ${kind} AND data_version = ${version.version}`.execute(
    db,
  );
  const hit =
    rows[0] &&
    decodePayload(
      rows[0].payload,
      columns.map((c) => c.id),
    );
  if (hit) return hit;
  return storeCompactWave(db, waveId, definition, load, kind, version.version);
}

async function storeCompactWave(
  db: Handle,
  waveId: number,
  definition: TDefinition,
  load: TCompactLoadOptions,
  kind: string,
  version: string,
): Promise<TCompactResponses> {
  const compact = await loadCompactWave(db, waveId, definition, load);
  // Stored only if the data did not change while it was read (else the next ask reads again).
  await sql`
    INSERT INTO wave_codes (wave_id, kind, data_version, payload)
    SELECT ${waveId}, ${kind}, ${version}, ${Buffer.from(encodePayload(compact))}
    WHERE (SELECT version FROM wave_data_version WHERE wave_id = ${waveId}) = ${version}
    ON CONFLICT (wave_id, kind) DO UPDATE SET data_version = EXCLUDED.data_version, payload = EXCLUDED.payload`.execute(db);
  return compact;
}

/**
 * Makes and stores the codes of a load unless they are stored for the wave's current data
 * version already (checked without reading them). True when it had to make them.
 */
export async function prepareStoredCompactWave(
  db: Handle,
  waveId: number,
  definition: TDefinition,
  load: TCompactLoadOptions = {},
): Promise<boolean> {
  const { kind } = codesKind(definition, load);
  const version = await db.selectFrom('wave_data_version').select('version').where('wave_id', '=', waveId).executeTakeFirst();
  if (!version) return false;
  const { rows } = await sql`
    SELECT 1 FROM wave_codes WHERE wave_id = ${waveId} AND kind = ${kind} AND data_version = ${version.version}`.execute(db);
  if (rows.length > 0) return false;
  await storeCompactWave(db, waveId, definition, load, kind, version.version);
  return true;
}
