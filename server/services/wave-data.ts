/**
 * A wave's responses read from Postgres as records of the interchange format, for the
 * exports and the analysis. Built for 100,000 responses: the answers come per batch of
 * responses, aggregated by Postgres into one JSON array per response (13 million answer
 * rows as 13 million row objects in Node would take tens of seconds), and every answer
 * map has the shape `answerCodec` gives it.
 */
import { sql } from 'kysely';
import type { TAnalysisResponse } from '../../analysis/index.ts';
import type { TDefinition } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import type { TResponseStatus as ResponseStatus } from '../../survey-definitions/answers.ts';
import { answerCodec, forAnalysis, itemColumns, type TAnswerValue, type TResponseRecord } from '../formats/responses-csv.ts';
import { getPublishedVersionById } from './definitions.ts';
import { getWave } from './waves.ts';

export interface TWaveInfo {
  id: number;
  label: string;
  programmeId: number;
  threshold: number;
  definition: TDefinition;
}

export async function waveInfo(db: DB, waveId: number): Promise<TWaveInfo> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  return { id: wave.id, label: wave.label, programmeId: wave.programme_id, threshold: wave.anonymity_threshold, definition };
}

/** Dutch alphabetical by team (numbers by value), responses without a team last. */
function byTeam(a: TResponseRecord, b: TResponseRecord): number {
  if (a.team !== b.team) {
    if (a.team === null) return 1;
    if (b.team === null) return -1;
    return a.team.localeCompare(b.team, 'nl', { numeric: true });
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const BATCH = 5_000;

/** A wave's responses as records (complete only, unless `includePartial`), sorted by team. */
export async function waveResponses(
  db: DB,
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
  const items = itemColumns(def);
  const ids = items.map((item) => item.id);
  const numeric = items.map((item) => item.kind === 'likert' || item.kind === 'grade' || item.kind === 'number');
  const columnOf = new Map(ids.map((id, j) => [id, j]));
  const codec = answerCodec(def);
  const values = new Array<TAnswerValue | null>(ids.length);
  const records: TResponseRecord[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    // [item id, value_num, value_text]; the column is found here, by a map lookup (in
    // SQL, array_position is a linear search per answer).
    const result = await sql<{ id: string; cells: [string, number | null, string | null][] }>`
      SELECT a.response_id AS id,
             json_agg(json_build_array(a.item_id, a.value_num, a.value_text)) AS cells
        FROM answer a
       WHERE a.response_id = ANY(${batch.map((r) => r.id)}::uuid[])
       GROUP BY a.response_id`.execute(db);
    const cellsOf = new Map(result.rows.map((r) => [r.id, r.cells]));
    for (const r of batch) {
      values.fill(null);
      for (const [itemId, num, text] of cellsOf.get(r.id) ?? []) {
        const j = columnOf.get(itemId);
        // An answer to an item the version does not have cannot be placed in a column.
        if (j === undefined) continue;
        values[j] = numeric[j] ? (num ?? text) : (text ?? (num === null ? null : String(num)));
      }
      records.push({ id: r.id, team: r.team, status: r.status, answers: codec.toMap(values) });
    }
  }
  return records.sort(byTeam);
}

/** A wave ready for the analysis engine: its stored version, threshold and every response. */
export interface TWaveForAnalysis {
  definition: TDefinition;
  threshold: number;
  programmeId: number;
  responses: TAnalysisResponse[];
}

export async function waveForAnalysis(db: DB, waveId: number): Promise<TWaveForAnalysis> {
  const wave = await waveInfo(db, waveId);
  // Partial responses too: the engine counts them, and analyses them only on request.
  const responses = await waveResponses(db, waveId, wave.definition, { includePartial: true });
  return {
    definition: wave.definition,
    threshold: wave.threshold,
    programmeId: wave.programmeId,
    responses: forAnalysis(responses),
  };
}
