/**
 * Change over the years, from the database: the waves of one programme, their complete
 * responses as the analysis engine takes them, the record of which teams continue which
 * (mergers and splits), and the comparisons and trends built from them.
 *
 * Teams are keyed by their current name (unique within a programme): a renamed team
 * keeps its id, so all its waves carry the new name and it stays one team.
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import {
  compareWaves,
  trend,
  type TChange,
  type TComparedWave,
  type TTeamPairing,
  type TTrend,
  type TTrendTeam,
} from '../../analysis/index.ts';
import type { TDefinition } from '../../survey-definitions/index.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { getPublishedVersionById, listPublishedVersions } from './definitions.ts';

type Handle = Kysely<Database> | Transaction<Database>;

export interface TProgrammeWave {
  id: number;
  label: string;
  opensOn: string;
  closesOn: string;
  isBaseline: boolean;
  definition: string;
  /** The stored questionnaire version's id. */
  versionId: number;
  threshold: number;
}

export interface TProgramme {
  id: number;
  name: string;
}

export async function getProgramme(db: Handle, programmeId: number): Promise<TProgramme> {
  const row = await db.selectFrom('programme').select(['id', 'name']).where('id', '=', programmeId).executeTakeFirst();
  if (!row) throw new NotFoundError('niet gevonden');
  return row;
}

/** The programme's waves, oldest first (by opening date). */
export async function programmeWaves(db: Handle, programmeId: number): Promise<TProgrammeWave[]> {
  const rows = await db
    .selectFrom('wave')
    .innerJoin('questionnaire_version as v', 'v.id', 'wave.questionnaire_version_id')
    .select([
      'wave.id',
      'wave.label',
      'wave.opens_on',
      'wave.closes_on',
      'wave.is_baseline',
      'wave.anonymity_threshold',
      'v.id as versionId',
      'v.questionnaire_id',
      'v.version',
    ])
    .where('wave.programme_id', '=', programmeId)
    .orderBy('wave.opens_on')
    .orderBy('wave.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    isBaseline: r.is_baseline,
    definition: `${r.questionnaire_id}@${r.version}`,
    versionId: r.versionId,
    threshold: r.anonymity_threshold,
  }));
}

/**
 * The baseline a later wave is compared with by default: the programme's nulmeting
 * (the latest baseline wave that opened before it), else its first wave.
 */
export function defaultBaseline(waves: readonly TProgrammeWave[], currentId: number): TProgrammeWave | undefined {
  const at = waves.findIndex((w) => w.id === currentId);
  const earlier = waves.slice(0, at < 0 ? waves.length : at);
  return earlier.filter((w) => w.isBaseline).at(-1) ?? earlier[0];
}

/**
 * One wave's complete responses for the engine. Only numeric answers are read (the
 * comparison uses scaled items only), one row per response with its answers as one JSON
 * object — far fewer rows to carry than one per answer — and one team at a time, so
 * that no single statement of a 50,000-respondent wave runs into the statement timeout.
 */
export async function loadComparedWave(db: Handle, wave: TProgrammeWave): Promise<TComparedWave> {
  const { definition } = await getPublishedVersionById(db as Kysely<Database>, wave.versionId);
  const teams = await db
    .selectFrom('response')
    .select('team_id')
    .distinct()
    .where('wave_id', '=', wave.id)
    .where('status', '=', 'complete')
    .where('team_id', 'is not', null)
    .execute();
  const responses: TComparedWave['responses'][number][] = [];
  for (const { team_id } of teams) {
    // The subquery per response walks the answer table's primary key (response_id, …);
    // a join lets the planner hash the whole answer table, once per team. The answers
    // travel as one "item=value,item=value" text: item ids hold neither "=" nor ",",
    // and building and parsing that costs a fifth of a JSON object per response.
    const { rows } = await sql<{ id: string; team: string; answers: string | null }>`
      SELECT r.id, t.name AS team,
             (SELECT string_agg(a.item_id || '=' || a.value_num::text, ',') FROM answer a
              WHERE a.response_id = r.id AND a.value_num IS NOT NULL) AS answers
      FROM response r
      JOIN team t ON t.id = r.team_id
      WHERE r.wave_id = ${wave.id} AND r.team_id = ${team_id} AND r.status = 'complete'`.execute(db);
    for (const r of rows) responses.push({ id: r.id, team: r.team, status: 'complete', answers: parseAnswers(r.answers) });
  }
  return { key: String(wave.id), label: wave.label, definition, threshold: wave.threshold, responses };
}

function parseAnswers(text: string | null): Record<string, number> {
  const answers: Record<string, number> = {};
  if (!text) return answers;
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    answers[pair.slice(0, at)] = Number(pair.slice(at + 1));
  }
  return answers;
}

/** Every published version: the ones a lineage may run through. */
export async function publishedDefinitions(db: Handle): Promise<TDefinition[]> {
  return (await listPublishedVersions(db as Kysely<Database>)).map((v) => v.definition);
}

// ---------------------------------------------------------------------------------------
// Teams across waves

export interface TTeamContinuation {
  teamId: number;
  team: string;
  continues: { teamId: number; team: string }[];
}

export interface TProgrammeTeam {
  id: number;
  name: string;
}

export async function programmeTeams(db: Handle, programmeId: number): Promise<TProgrammeTeam[]> {
  const rows = await db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', programmeId).execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'nl', { numeric: true }));
}

/** Every recorded continuation in the programme, by continuing team. */
export async function teamContinuations(db: Handle, programmeId: number): Promise<TTeamContinuation[]> {
  const rows = await db
    .selectFrom('team_continuation as c')
    .innerJoin('team as t', 't.id', 'c.team_id')
    .innerJoin('team as p', 'p.id', 'c.continues_team_id')
    .select(['t.id as teamId', 't.name as team', 'p.id as continuesId', 'p.name as continuesName'])
    .where('t.programme_id', '=', programmeId)
    .execute();
  const byTeam = new Map<number, TTeamContinuation>();
  for (const r of rows) {
    const entry = byTeam.get(r.teamId) ?? { teamId: r.teamId, team: r.team, continues: [] };
    entry.continues.push({ teamId: r.continuesId, team: r.continuesName });
    byTeam.set(r.teamId, entry);
  }
  return [...byTeam.values()].sort((a, b) => a.team.localeCompare(b.team, 'nl', { numeric: true }));
}

/**
 * Records that `teamId` continues exactly `continuesTeamIds` (replacing what was
 * recorded; an empty list clears it). Teams of another programme, the team itself, or a
 * record that would make a team continue itself through others are refused.
 */
export async function setTeamContinuation(
  db: Handle,
  programmeId: number,
  teamId: number,
  continuesTeamIds: readonly number[],
  actor: { userId: number | null; email: string },
): Promise<void> {
  const teams = new Map((await programmeTeams(db, programmeId)).map((t) => [t.id, t]));
  if (!teams.has(teamId)) throw new NotFoundError('niet gevonden');
  const wanted = [...new Set(continuesTeamIds)];
  if (wanted.some((id) => !teams.has(id))) throw new ValidationError('Kies teams van dit programma.');
  if (wanted.includes(teamId)) throw new ValidationError('Een team kan zichzelf niet voortzetten.');
  const edges = (await teamContinuations(db, programmeId)).filter((c) => c.teamId !== teamId);
  const graph = new Map(edges.map((c) => [c.teamId, c.continues.map((p) => p.teamId)]));
  graph.set(teamId, wanted);
  // A cycle would make "the teams it continues" endless: walk back from the team.
  const seen = new Set<number>();
  const stack = [...wanted];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === teamId) throw new ValidationError('Dit zou een kring maken: een team zet dan via andere teams zichzelf voort.');
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.get(id) ?? []));
  }
  await db.deleteFrom('team_continuation').where('team_id', '=', teamId).execute();
  if (wanted.length > 0) {
    await db
      .insertInto('team_continuation')
      .values(wanted.map((id) => ({ team_id: teamId, continues_team_id: id })))
      .execute();
  }
  await db
    .insertInto('audit_log')
    .values({
      actor: actor.email,
      user_id: actor.userId,
      action: 'team.continuation',
      subject: `team:${teamId}`,
      details: JSON.stringify({ continues: wanted }),
    })
    .execute();
}

/** Names of the teams that sent complete responses in a wave (the engine's team keys). */
async function teamsInWave(db: Handle, waveId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('team as t')
    .select(['t.id', 't.name'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('wave_team as wt')
            .select('wt.team_id')
            .where('wt.wave_id', '=', waveId)
            .whereRef('wt.team_id', '=', 't.id'),
        ),
        eb.exists(
          eb.selectFrom('response as r').select('r.id').where('r.wave_id', '=', waveId).whereRef('r.team_id', '=', 't.id'),
        ),
      ]),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The teams of an earlier wave a team stands for: the team itself if it took part, and
 * the teams it continues, followed back through teams that did not take part in that
 * wave (a team that did take part is where that line stops: its own predecessors are
 * in it already).
 */
export function predecessorsIn(
  teamId: number,
  earlier: ReadonlySet<number>,
  continues: ReadonlyMap<number, readonly number[]>,
): number[] {
  const found = new Set<number>();
  const seen = new Set<number>([teamId]);
  if (earlier.has(teamId)) found.add(teamId);
  const stack = [...(continues.get(teamId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (earlier.has(id)) found.add(id);
    else stack.push(...(continues.get(id) ?? []));
  }
  return [...found];
}

async function continuationGraph(db: Handle, programmeId: number): Promise<Map<number, number[]>> {
  return new Map((await teamContinuations(db, programmeId)).map((c) => [c.teamId, c.continues.map((p) => p.teamId)]));
}

/** Which baseline teams each team of the current wave is compared with. */
export async function teamPairings(
  db: Handle,
  programmeId: number,
  baselineId: number,
  currentId: number,
): Promise<TTeamPairing[]> {
  const [baseline, current, graph] = await Promise.all([
    teamsInWave(db, baselineId),
    teamsInWave(db, currentId),
    continuationGraph(db, programmeId),
  ]);
  const earlier = new Set(baseline.keys());
  return [...current.entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'nl', { numeric: true }))
    .map(([id, name]) => ({
      team: name,
      baselineTeams: predecessorsIn(id, earlier, graph)
        .map((p) => baseline.get(p)!)
        .sort(),
    }));
}

// ---------------------------------------------------------------------------------------
// Comparisons and trends

/** The waves asked for, each of the programme (else 404, as if it did not exist), in the order given. */
export async function wavesOfProgramme(db: Handle, programmeId: number, waveIds: readonly number[]): Promise<TProgrammeWave[]> {
  const waves = await programmeWaves(db, programmeId);
  return waveIds.map((id) => {
    const wave = waves.find((w) => w.id === id);
    if (!wave) throw new NotFoundError('niet gevonden');
    return wave;
  });
}

export async function compareStoredWaves(
  db: Handle,
  programmeId: number,
  baselineId: number,
  currentId: number,
): Promise<TChange> {
  if (baselineId === currentId) throw new ValidationError('Kies als nulmeting een andere meting dan de meting die u vergelijkt.');
  const [baseline, current] = await wavesOfProgramme(db, programmeId, [baselineId, currentId]);
  // Side by side: while Node parses one wave's team, Postgres gathers the other's.
  const [b, c, versions, teams] = await Promise.all([
    loadComparedWave(db, baseline!),
    loadComparedWave(db, current!),
    publishedDefinitions(db),
    teamPairings(db, programmeId, baselineId, currentId),
  ]);
  return compareWaves(b, c, { versions, teams });
}

/** The trend over the given waves, put in order of opening date. */
export async function storedTrend(db: Handle, programmeId: number, waveIds: readonly number[]): Promise<TTrend> {
  if (new Set(waveIds).size !== waveIds.length) throw new ValidationError('Elke meting mag maar één keer in de trend staan.');
  if (waveIds.length < 2) throw new ValidationError('Kies minstens twee metingen voor een trend.');
  const all = await programmeWaves(db, programmeId);
  const chosen = new Set((await wavesOfProgramme(db, programmeId, waveIds)).map((w) => w.id));
  const ordered = all.filter((w) => chosen.has(w.id));
  const latest = ordered.at(-1)!;
  const loaded: TComparedWave[] = [];
  for (const w of ordered) loaded.push(await loadComparedWave(db, w));
  const [versions, graph, teamSets] = await Promise.all([
    publishedDefinitions(db),
    continuationGraph(db, programmeId),
    Promise.all(ordered.map((w) => teamsInWave(db, w.id))),
  ]);
  const latestTeams = teamSets.at(-1)!;
  const teams: TTrendTeam[] = [...latestTeams.entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'nl', { numeric: true }))
    .map(([id, name]) => ({
      team: name,
      perWave: teamSets.map((set, i) =>
        ordered[i] === latest
          ? [name]
          : predecessorsIn(id, new Set(set.keys()), graph)
              .map((p) => set.get(p)!)
              .sort(),
      ),
    }));
  return trend(loaded, { versions, teams });
}
