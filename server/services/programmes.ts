/**
 * Programmes and their teams as the workspace manages them: create, rename, archive.
 * Every change writes its audit entry in the same transaction. Teams keep their id when
 * renamed, so past waves and responses keep pointing at the same team; a team that took
 * part in a wave is archived, never deleted.
 */
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { today, wavePhase, type WavePhase } from '../lib/dates.ts';
import { writeAudit } from './audit.ts';

/** Who does it, as the audit log records it. */
export interface TActor {
  actor: string;
  userId: number;
}

export interface TProgrammeSummary {
  id: number;
  name: string;
  teams: number;
  waves: number;
}

export interface TTeam {
  id: number;
  name: string;
  municipality: string | null;
  archived: boolean;
  /** Waves the team took part in: once it has any, it can only be archived. */
  waves: number;
  responses: number;
}

export interface TWaveSummary {
  id: number;
  label: string;
  version: string;
  opensOn: string;
  closesOn: string;
  closedOn: string | null;
  phase: WavePhase;
}

export interface TMember {
  userId: number;
  displayName: string;
  email: string;
  role: string;
}

export interface TProgramme {
  id: number;
  name: string;
  teams: TTeam[];
  waves: TWaveSummary[];
  members: TMember[];
}

export async function listProgrammes(db: DB, filter: { all: true } | { ids: readonly number[] }): Promise<TProgrammeSummary[]> {
  if (!('all' in filter) && filter.ids.length === 0) return [];
  let query = db
    .selectFrom('programme')
    .select(['programme.id', 'programme.name'])
    .select((eb) => [
      eb
        .selectFrom('team')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('team.programme_id', '=', 'programme.id')
        .where('team.archived_at', 'is', null)
        .as('teams'),
      eb
        .selectFrom('wave')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('wave.programme_id', '=', 'programme.id')
        .as('waves'),
    ])
    .orderBy('programme.name');
  if (!('all' in filter)) query = query.where('programme.id', 'in', [...filter.ids]);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, teams: Number(r.teams ?? 0), waves: Number(r.waves ?? 0) }));
}

async function assertNameFree(db: DB, name: string, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('programme')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('programme name taken', { field: 'name', key: 'nameTaken' });
}

/** A new programme; its creator becomes a member (admins are members of all anyway). */
export async function createProgramme(db: DB, input: { name: string }, by: TActor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, input.name);
    const row = await trx.insertInto('programme').values({ name: input.name }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('programme_member').values({ user_id: by.userId, programme_id: row.id }).execute();
    await writeAudit(trx, { ...by, action: 'programme.create', subject: `programme:${row.id}`, details: { name: input.name } });
    return row.id;
  });
}

export async function renameProgramme(db: DB, programmeId: number, input: { name: string }, by: TActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('programme').select('name').where('id', '=', programmeId).executeTakeFirst();
    if (!before) throw new NotFoundError('niet gevonden');
    if (before.name === input.name) return;
    await assertNameFree(trx, input.name, programmeId);
    await trx.updateTable('programme').set({ name: input.name }).where('id', '=', programmeId).execute();
    await writeAudit(trx, {
      ...by,
      action: 'programme.update',
      subject: `programme:${programmeId}`,
      details: { from: before.name, to: input.name },
    });
  });
}

export async function getProgramme(db: DB, programmeId: number, day = today()): Promise<TProgramme> {
  const programme = await db.selectFrom('programme').select(['id', 'name']).where('id', '=', programmeId).executeTakeFirst();
  if (!programme) throw new NotFoundError('niet gevonden');
  const [teams, waves, members] = await Promise.all([
    programmeTeams(db, programmeId),
    db
      .selectFrom('wave')
      .innerJoin('questionnaire_version as qv', 'qv.id', 'wave.questionnaire_version_id')
      .select(['wave.id', 'wave.label', 'wave.opens_on', 'wave.closes_on', 'wave.closed_on', 'qv.questionnaire_id', 'qv.version'])
      .where('wave.programme_id', '=', programmeId)
      .orderBy('wave.opens_on', 'desc')
      .orderBy('wave.id', 'desc')
      .execute(),
    db
      .selectFrom('programme_member')
      .innerJoin('app_user', 'app_user.id', 'programme_member.user_id')
      .select(['app_user.id', 'app_user.display_name', 'app_user.email', 'app_user.role'])
      .where('programme_member.programme_id', '=', programmeId)
      .where('app_user.disabled_at', 'is', null)
      .orderBy('app_user.display_name')
      .execute(),
  ]);
  return {
    ...programme,
    teams,
    waves: waves.map((w) => ({
      id: w.id,
      label: w.label,
      version: `${w.questionnaire_id}@${w.version}`,
      opensOn: w.opens_on,
      closesOn: w.closes_on,
      closedOn: w.closed_on,
      phase: wavePhase(w, day),
    })),
    members: members.map((m) => ({ userId: m.id, displayName: m.display_name, email: m.email, role: m.role })),
  };
}

export async function programmeTeams(db: DB, programmeId: number): Promise<TTeam[]> {
  const rows = await db
    .selectFrom('team')
    .select(['team.id', 'team.name', 'team.municipality', 'team.archived_at'])
    .select((eb) => [
      eb
        .selectFrom('wave_team')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('wave_team.team_id', '=', 'team.id')
        .as('waves'),
      eb
        .selectFrom('response')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('response.team_id', '=', 'team.id')
        .as('responses'),
    ])
    .where('team.programme_id', '=', programmeId)
    .orderBy('team.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    municipality: r.municipality,
    archived: r.archived_at !== null,
    waves: Number(r.waves ?? 0),
    responses: Number(r.responses ?? 0),
  }));
}

export interface TTeamInput {
  name: string;
  municipality: string | null;
}

async function assertTeamNameFree(db: DB, programmeId: number, name: string, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('team')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('team name taken', { field: 'name', key: 'teamNameTaken' });
}

export async function createTeam(db: DB, programmeId: number, input: TTeamInput, by: TActor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertTeamNameFree(trx, programmeId, input.name);
    const row = await trx
      .insertInto('team')
      .values({ programme_id: programmeId, name: input.name, municipality: input.municipality })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { ...by, action: 'team.create', subject: `team:${row.id}`, details: { programmeId, ...input } });
    return row.id;
  });
}

async function teamOf(db: DB, programmeId: number, teamId: number) {
  const team = await db
    .selectFrom('team')
    .selectAll()
    .where('id', '=', teamId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!team) throw new NotFoundError('niet gevonden');
  return team;
}

/** Renames in place: the id, and with it every wave and response of the team, stays. */
export async function updateTeam(db: DB, programmeId: number, teamId: number, input: TTeamInput, by: TActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await teamOf(trx, programmeId, teamId);
    if (before.name === input.name && before.municipality === input.municipality) return;
    await assertTeamNameFree(trx, programmeId, input.name, teamId);
    await trx.updateTable('team').set(input).where('id', '=', teamId).execute();
    await writeAudit(trx, {
      ...by,
      action: 'team.update',
      subject: `team:${teamId}`,
      details: {
        fromName: before.name,
        fromMunicipality: before.municipality,
        toName: input.name,
        toMunicipality: input.municipality,
      },
    });
  });
}

export async function setTeamArchived(db: DB, programmeId: number, teamId: number, archived: boolean, by: TActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await teamOf(trx, programmeId, teamId);
    if ((team.archived_at !== null) === archived) return;
    await trx
      .updateTable('team')
      .set({ archived_at: archived ? new Date() : null })
      .where('id', '=', teamId)
      .execute();
    await writeAudit(trx, {
      ...by,
      action: archived ? 'team.archive' : 'team.restore',
      subject: `team:${teamId}`,
      details: { name: team.name },
    });
  });
}

/** Only a team that never took part in a wave can go; any other is archived instead. */
export async function deleteTeam(db: DB, programmeId: number, teamId: number, by: TActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await teamOf(trx, programmeId, teamId);
    const used = await trx.selectFrom('wave_team').select('wave_id').where('team_id', '=', teamId).executeTakeFirst();
    const answered = await trx.selectFrom('response').select('id').where('team_id', '=', teamId).executeTakeFirst();
    if (used || answered) throw new ConflictError('team took part in a wave', { key: 'teamInUse' });
    await trx.deleteFrom('team').where('id', '=', teamId).execute();
    await writeAudit(trx, { ...by, action: 'team.delete', subject: `team:${teamId}`, details: { name: team.name } });
  });
}
