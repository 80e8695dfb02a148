/**
 * A wave's responses read from Postgres a batch at a time, for the exports: memory stays
 * at one batch whatever the wave's size (services/wave-data.ts reads them all at once, for
 * the analysis). Same order and same records as `waveResponses`: by team (Dutch
 * alphabetical, numbers by value), then by response id; responses without a team last.
 *
 * Per team, keyset pages on the response id (index `response_pkey`, filtered by
 * `response_wave_idx`), each response's answers aggregated by Postgres into one JSON array
 * through the answer table's primary key.
 */
import { sql } from 'kysely';
import type { TResponseStatus } from '../../survey-definitions/answers.ts';
import type { TDefinition } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { answerCodec, itemColumns, type TAnswerValue, type TResponseRecord } from '../formats/responses-csv.ts';

export interface TStreamOptions {
  includePartial?: boolean;
  /** Responses per query; default 1,000 (a few ms of JSON per batch). */
  batch?: number;
}

const statusesOf = (options: TStreamOptions): TResponseStatus[] =>
  options.includePartial ? ['complete', 'partial'] : ['complete'];

/** The teams that have responses in the wave, in export order (null: no team, last). */
async function teamOrder(db: DB, waveId: number, statuses: TResponseStatus[]) {
  const rows = await sql<{ team_id: number | null; name: string | null }>`
    SELECT t.team_id, team.name
      FROM (SELECT DISTINCT team_id FROM response WHERE wave_id = ${waveId} AND status = ANY(${statuses}::response_status[])) t
      LEFT JOIN team ON team.id = t.team_id`.execute(db);
  return rows.rows.sort((a, b) =>
    a.name === b.name ? 0 : a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'nl', { numeric: true }),
  );
}

export async function countResponses(db: DB, waveId: number, options: TStreamOptions = {}): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM response
     WHERE wave_id = ${waveId} AND status = ANY(${statusesOf(options)}::response_status[])`.execute(db);
  return row.rows[0]!.n;
}

/**
 * The widest value in bytes (UTF-8) of every text column, for a .sav dictionary that must
 * be written before its data: `response_id`, `team` and each non-numeric item.
 */
export async function textWidths(db: DB, waveId: number, def: TDefinition, options: TStreamOptions = {}) {
  const statuses = statusesOf(options);
  const items = itemColumns(def)
    .filter((item) => item.kind !== 'likert' && item.kind !== 'grade' && item.kind !== 'number')
    .map((item) => item.id);
  const widths = new Map<string, number>([['response_id', 36]]);
  const team = await sql<{ w: number | null }>`
    SELECT max(octet_length(team.name))::int AS w FROM response r JOIN team ON team.id = r.team_id
     WHERE r.wave_id = ${waveId} AND r.status = ANY(${statuses}::response_status[])`.execute(db);
  widths.set('team', team.rows[0]?.w ?? 1);
  if (items.length > 0) {
    const rows = await sql<{ item_id: string; w: number }>`
      SELECT a.item_id, max(octet_length(coalesce(a.value_text, a.value_num::text)))::int AS w
        FROM response r JOIN answer a ON a.response_id = r.id AND a.item_id = ANY(${items}::text[])
       WHERE r.wave_id = ${waveId} AND r.status = ANY(${statuses}::response_status[])
       GROUP BY a.item_id`.execute(db);
    for (const id of items) widths.set(id, 1);
    for (const r of rows.rows) widths.set(r.item_id, r.w);
  }
  return widths;
}

/** The wave's responses as records, one batch at a time (complete only, unless `includePartial`). */
export async function* responseBatches(
  db: DB,
  waveId: number,
  def: TDefinition,
  options: TStreamOptions = {},
): AsyncGenerator<TResponseRecord[]> {
  const statuses = statusesOf(options);
  const size = options.batch ?? 1_000;
  const items = itemColumns(def);
  const numeric = items.map((item) => item.kind === 'likert' || item.kind === 'grade' || item.kind === 'number');
  const columnOf = new Map(items.map((item, j) => [item.id, j]));
  const codec = answerCodec(def);
  const values = new Array<TAnswerValue | null>(items.length);
  for (const team of await teamOrder(db, waveId, statuses)) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const teamFilter = team.team_id === null ? sql`r.team_id IS NULL` : sql`r.team_id = ${team.team_id}`;
      const page = await sql<{ id: string; status: TResponseStatus; cells: [string, number | null, string | null][] | null }>`
        SELECT r.id, r.status,
               (SELECT json_agg(json_build_array(a.item_id, a.value_num, a.value_text))
                  FROM answer a WHERE a.response_id = r.id) AS cells
          FROM response r
         WHERE r.wave_id = ${waveId} AND ${teamFilter} AND r.status = ANY(${statuses}::response_status[])
           AND r.id > ${after}::uuid
         ORDER BY r.id
         LIMIT ${size}`.execute(db);
      if (page.rows.length === 0) break;
      const records: TResponseRecord[] = [];
      for (const r of page.rows) {
        values.fill(null);
        for (const [itemId, num, text] of r.cells ?? []) {
          const j = columnOf.get(itemId);
          // An answer to an item the version does not have cannot be placed in a column.
          if (j === undefined) continue;
          values[j] = numeric[j] ? (num ?? text) : (text ?? (num === null ? null : String(num)));
        }
        records.push({ id: r.id, team: team.name, status: r.status, answers: codec.toMap(values) });
      }
      yield records;
      if (page.rows.length < size) break;
      after = page.rows.at(-1)!.id;
    }
  }
}
