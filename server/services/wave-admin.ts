/**
 * A wave as the workspace manages it: created inside an existing programme (through
 * `createWave`, the same service as `npm run wave`), dates changed until it closes,
 * closed early, links reissued. The questionnaire version a wave fields is never edited
 * here: published versions are immutable (the database refuses it).
 */
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { today, wavePhase, type WavePhase } from '../lib/dates.ts';
import { writeAudit } from './audit.ts';
import { reissueLinks } from './links.ts';
import type { TActor } from './programmes.ts';
import { createWave } from './waves.ts';

export interface TWaveDetail {
  id: number;
  programmeId: number;
  programmeName: string;
  label: string;
  versionId: number;
  version: string;
  versionTitle: string;
  opensOn: string;
  closesOn: string;
  closedOn: string | null;
  threshold: number;
  baseline: { id: number; label: string } | null;
  phase: WavePhase;
  teams: { id: number; name: string; members: number }[];
}

export async function waveDetail(db: DB, waveId: number, day = today()): Promise<TWaveDetail> {
  const row = await db
    .selectFrom('wave')
    .innerJoin('programme', 'programme.id', 'wave.programme_id')
    .innerJoin('questionnaire_version as qv', 'qv.id', 'wave.questionnaire_version_id')
    .innerJoin('questionnaire as q', 'q.id', 'qv.questionnaire_id')
    .leftJoin('wave as base', 'base.id', 'wave.baseline_wave_id')
    .select([
      'wave.id',
      'wave.programme_id',
      'programme.name as programme_name',
      'wave.label',
      'wave.questionnaire_version_id',
      'qv.questionnaire_id',
      'qv.version',
      'q.title',
      'wave.opens_on',
      'wave.closes_on',
      'wave.closed_on',
      'wave.anonymity_threshold',
      'base.id as base_id',
      'base.label as base_label',
    ])
    .where('wave.id', '=', waveId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('niet gevonden');
  const teams = await db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select(['team.id', 'team.name', 'wave_team.member_count'])
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.name')
    .execute();
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    label: row.label,
    versionId: row.questionnaire_version_id,
    version: `${row.questionnaire_id}@${row.version}`,
    versionTitle: row.title,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    closedOn: row.closed_on,
    threshold: row.anonymity_threshold,
    baseline: row.base_id !== null && row.base_label !== null ? { id: row.base_id, label: row.base_label } : null,
    phase: wavePhase({ opens_on: row.opens_on, closes_on: row.closes_on, closed_on: row.closed_on }, day),
    teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.member_count })),
  };
}

export interface TNewWave {
  label: string;
  /** `<id>@<version>` of a published version. */
  definition: string;
  teams: { teamId: number; members: number }[];
  opensOn: string;
  closesOn: string;
  threshold: number;
  baselineWaveId: number | null;
}

/** Creates a wave in an existing programme, with teams chosen by id (already validated by the caller). */
export async function createProgrammeWave(
  db: DB,
  secret: string,
  programmeId: number,
  input: TNewWave,
  by: TActor,
): Promise<number> {
  const programme = await db.selectFrom('programme').select('name').where('id', '=', programmeId).executeTakeFirst();
  if (!programme) throw new NotFoundError('niet gevonden');
  const teams = await db
    .selectFrom('team')
    .select(['id', 'name', 'municipality'])
    .where('programme_id', '=', programmeId)
    .where('archived_at', 'is', null)
    .execute();
  const byId = new Map(teams.map((t) => [t.id, t]));
  const chosen = input.teams.map((t) => {
    const team = byId.get(t.teamId);
    if (!team) throw new ConflictError('unknown team', { field: 'teams', key: 'teamUnknown' });
    return { name: team.name, members: t.members, ...(team.municipality && { municipality: team.municipality }) };
  });
  const created = await createWave(
    db,
    secret,
    {
      programme: programme.name,
      label: input.label,
      definition: input.definition,
      teams: chosen,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      threshold: input.threshold,
      baseline: input.baselineWaveId === null,
      ...(input.baselineWaveId !== null && { baselineWaveId: input.baselineWaveId }),
    },
    by,
  );
  return created.waveId;
}

/** Dates can change until the wave has closed; after that its period is history. */
export async function changeWaveDates(
  db: DB,
  waveId: number,
  input: { opensOn: string; closesOn: string },
  by: TActor,
  day = today(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await trx.selectFrom('wave').selectAll().where('id', '=', waveId).forUpdate().executeTakeFirst();
    if (!wave) throw new NotFoundError('niet gevonden');
    if (wavePhase(wave, day) === 'closed') throw new ConflictError('wave closed', { key: 'waveClosed' });
    if (wave.opens_on === input.opensOn && wave.closes_on === input.closesOn) return;
    await trx.updateTable('wave').set({ opens_on: input.opensOn, closes_on: input.closesOn }).where('id', '=', waveId).execute();
    await writeAudit(trx, {
      ...by,
      action: 'wave.dates',
      subject: `wave:${waveId}`,
      details: { fromOpensOn: wave.opens_on, fromClosesOn: wave.closes_on, toOpensOn: input.opensOn, toClosesOn: input.closesOn },
    });
  });
}

/** Closes the wave today: its links stop taking answers at once; the planned date stays on record. */
export async function closeWaveEarly(db: DB, waveId: number, by: TActor, day = today()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await trx.selectFrom('wave').selectAll().where('id', '=', waveId).forUpdate().executeTakeFirst();
    if (!wave) throw new NotFoundError('niet gevonden');
    if (wavePhase(wave, day) === 'closed') throw new ConflictError('wave closed', { key: 'waveClosed' });
    await trx.updateTable('wave').set({ closed_on: day }).where('id', '=', waveId).execute();
    await writeAudit(trx, {
      ...by,
      action: 'wave.close',
      subject: `wave:${waveId}`,
      details: { closedOn: day, plannedClosesOn: wave.closes_on },
    });
  });
}

export async function reissueWaveLinks(db: DB, secret: string, waveId: number, by: TActor): Promise<void> {
  // links.ts owns its transaction for now; the audit entry follows it.
  await reissueLinks(db, secret, waveId);
  await writeAudit(db, { ...by, action: 'links.reissue', subject: `wave:${waveId}` });
}
