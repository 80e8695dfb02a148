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
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { COMPACT_INVALID, COMPACT_NONE, type TCompactResponses } from '../../analysis/compact.ts';
import { scaledItems, scaleOf, type TDefinition } from '../../survey-definitions/index.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';

type Handle = Kysely<Database> | Transaction<Database>;

/** Statements of one wave in flight at once. */
const PARALLEL = 3;
/** A value v travels as the character v + OFFSET (OFFSET − 1: not a whole number). */
const OFFSET = 100;

export async function loadCompactWave(db: Handle, waveId: number, definition: TDefinition): Promise<TCompactResponses> {
  const items = scaledItems(definition).map((item) => ({ id: item.id, scale: scaleOf(definition, item) }));
  const columns = items.map((i) => i.id);
  const mins = items.map((i) => i.scale.min);
  const sizes = items.map((i) => i.scale.max - i.scale.min + 1);
  const teamIds = (
    await db
      .selectFrom('response')
      .select('team_id')
      .distinct()
      .where('wave_id', '=', waveId)
      .where('status', '=', 'complete')
      .where('team_id', 'is not', null)
      .orderBy('team_id')
      .execute()
  ).map((r) => r.team_id!);

  // Column → its character (column index + 2), looked up per answer by jsonb's binary
  // search over the keys; an item outside the list gives NULL, which string_agg skips.
  const columnChars = JSON.stringify(Object.fromEntries(columns.map((id, j) => [id, String.fromCharCode(j + 2)])));
  const packed: { n: number; codes: string }[] = new Array(teamIds.length);
  let next = 0;
  const worker = async () => {
    while (next < teamIds.length) {
      const t = next++;
      // The subquery per response walks the answer table's primary key (response_id, …):
      // a join (to the responses or to a table of columns) makes the planner hash or loop
      // per answer, several times slower. A value that is not whole (or absurd) gets
      // character 99; one off its item's scale is recognised below.
      const { rows } = await sql<{ n: string; codes: string | null }>`
        SELECT count(*) AS n, string_agg(coalesce(x.codes, ''), chr(1) ORDER BY x.id) AS codes FROM (
          SELECT r.id, (
            SELECT string_agg((${columnChars}::jsonb ->> a.item_id) || CASE
                     WHEN a.value_num = floor(a.value_num) AND a.value_num BETWEEN ${-OFFSET + 10} AND 50000
                     THEN chr(a.value_num::int + ${OFFSET}) ELSE chr(${OFFSET - 1}) END, '')
            FROM answer a
            WHERE a.response_id = r.id AND a.value_num IS NOT NULL) AS codes
          FROM response r
          WHERE r.wave_id = ${waveId} AND r.team_id = ${teamIds[t]!} AND r.status = 'complete') x`.execute(db);
      packed[t] = { n: Number(rows[0]?.n ?? 0), codes: rows[0]?.codes ?? '' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, teamIds.length) }, worker));

  const count = packed.reduce((s, p) => s + p.n, 0);
  const width = columns.length;
  const codes = new Uint8Array(count * width).fill(COMPACT_NONE);
  const team = new Int32Array(count);
  let row = 0;
  for (let t = 0; t < packed.length; t++) {
    const { n, codes: text } = packed[t]!;
    team.fill(t, row, row + n);
    let at = row * width;
    // Characters: per answer (column + 2, value + OFFSET); 1 ends a respondent.
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      if (c === 1) {
        at += width;
        i++;
        continue;
      }
      const j = c - 2;
      const v = text.charCodeAt(i + 1);
      const code = v - OFFSET - mins[j]!;
      codes[at + j] = v !== OFFSET - 1 && code >= 0 && code < sizes[j]! ? code : COMPACT_INVALID;
      i += 2;
    }
    row += n;
    await yieldToLoop();
  }
  return {
    teams: teamIds.map(String),
    team,
    complete: new Uint8Array(count).fill(1),
    columns,
    codes,
  };
}
