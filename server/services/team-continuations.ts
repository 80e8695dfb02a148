/**
 * Teams across the waves of a programme: a team keeps its identity (its id) when renamed;
 * a researcher records that a team continues one or more earlier teams (a merger or a
 * split), and comparisons and trends per team follow that record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TTeamPairing } from '../../analysis/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';

type Handle = Kysely<Database> | Transaction<Database>;

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
export async function teamsInWave(db: Handle, waveId: number): Promise<Map<number, string>> {
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

export async function continuationGraph(db: Handle, programmeId: number): Promise<Map<number, number[]>> {
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
