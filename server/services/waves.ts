/**
 * Setting up a wave: the programme and teams (created when new), the questionnaire
 * version it fields, the teams taking part with their sizes, and one anonymous link per
 * team plus a general link. In one transaction (the caller's, or its own): a wave is
 * created whole or not at all.
 */
import { z } from 'zod';
import { inTransaction, type DbHandle } from '../db/transaction.ts';
import type { Wave } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { writeAudit } from './audit.ts';
import { getPublishedVersion } from './definitions.ts';
import { createLink } from './links.ts';

const ZDate = z.iso.date({ error: 'verwacht een datum als JJJJ-MM-DD' });

export const ZCreateWave = z
  .object({
    programme: z.string().trim().min(1, 'verwacht de naam van een programma').max(200),
    label: z.string().trim().min(1, 'verwacht een label voor de meting, bijvoorbeeld "2015 nulmeting"').max(100),
    definition: z.string().regex(/^[a-z][a-z0-9_.]*@[0-9A-Za-z._-]+$/, 'verwacht <id>@<versie>, bijvoorbeeld wijkteam@2015'),
    teams: z
      .array(
        z.object({
          name: z.string().trim().min(1, 'een team heeft een naam nodig').max(200),
          members: z.number().int('verwacht een geheel aantal leden').positive('verwacht ten minste één lid'),
          municipality: z.string().trim().max(200).optional(),
        }),
      )
      .min(1, 'verwacht ten minste één team'),
    opensOn: ZDate,
    closesOn: ZDate,
    threshold: z.number().int().min(3, 'de anonimiteitsdrempel is nooit lager dan 3').max(100).default(5),
    baseline: z.boolean().default(false),
    /** The earlier wave of the same programme this one is compared with. */
    baselineWaveId: z.number().int().positive().optional(),
  })
  .refine((w) => w.closesOn >= w.opensOn, { message: 'de sluitingsdatum ligt vóór de openingsdatum', path: ['closesOn'] })
  .refine((w) => new Set(w.teams.map((t) => t.name.toLowerCase())).size === w.teams.length, {
    message: 'een team staat er twee keer in',
    path: ['teams'],
  });
export type TCreateWave = z.input<typeof ZCreateWave>;

export interface CreatedWave {
  waveId: number;
  links: { teamId: number; team: string; token: string }[];
  generalToken: string;
}

/** Who sets the wave up, for the audit log: 'cli', or a workspace user. */
export type TWaveActor = string | { actor: string; userId: number };

export async function createWave(db: DbHandle, secret: string, input: TCreateWave, by: TWaveActor = 'cli'): Promise<CreatedWave> {
  const parsed = ZCreateWave.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.') || 'meting'}: ${i.message}`).join('; '));
  }
  const w = parsed.data;
  const version = await getPublishedVersion(db, w.definition);
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('programme')
      .values({ name: w.programme })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const programme = await trx.selectFrom('programme').select('id').where('name', '=', w.programme).executeTakeFirstOrThrow();
    const clash = await trx
      .selectFrom('wave')
      .select('id')
      .where('programme_id', '=', programme.id)
      .where('label', '=', w.label)
      .executeTakeFirst();
    if (clash) throw new ConflictError(`programma "${w.programme}" heeft al een meting "${w.label}" (id ${clash.id})`);
    if (w.baselineWaveId !== undefined) {
      const base = await trx
        .selectFrom('wave')
        .select('id')
        .where('id', '=', w.baselineWaveId)
        .where('programme_id', '=', programme.id)
        .executeTakeFirst();
      if (!base)
        throw new ValidationError(`baselineWaveId: meting ${w.baselineWaveId} hoort niet bij programma "${w.programme}"`);
    }

    const wave = await trx
      .insertInto('wave')
      .values({
        programme_id: programme.id,
        label: w.label,
        questionnaire_version_id: version.id,
        opens_on: w.opensOn,
        closes_on: w.closesOn,
        anonymity_threshold: w.threshold,
        is_baseline: w.baseline,
        baseline_wave_id: w.baselineWaveId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const links: CreatedWave['links'] = [];
    for (const team of w.teams) {
      await trx
        .insertInto('team')
        .values({ programme_id: programme.id, name: team.name, municipality: team.municipality ?? null })
        .onConflict((oc) => oc.columns(['programme_id', 'name']).doNothing())
        .execute();
      const row = await trx
        .selectFrom('team')
        .select('id')
        .where('programme_id', '=', programme.id)
        .where('name', '=', team.name)
        .executeTakeFirstOrThrow();
      await trx.insertInto('wave_team').values({ wave_id: wave.id, team_id: row.id, member_count: team.members }).execute();
      links.push({ teamId: row.id, team: team.name, token: await createLink(trx, secret, wave.id, row.id) });
    }
    const generalToken = await createLink(trx, secret, wave.id, null);
    await writeAudit(trx, {
      ...(typeof by === 'string' ? { actor: by } : by),
      action: 'wave.create',
      subject: `wave:${wave.id}`,
      details: { programme: w.programme, label: w.label, definition: w.definition, teams: w.teams.length },
    });
    return { waveId: wave.id, links, generalToken };
  });
}

export async function getWave(db: DbHandle, waveId: number): Promise<Wave> {
  const wave = await db.selectFrom('wave').selectAll().where('id', '=', waveId).executeTakeFirst();
  if (!wave) throw new NotFoundError(`meting ${waveId} bestaat niet`);
  return wave;
}

export interface WaveTeam {
  id: number;
  name: string;
  members: number;
}

export async function waveTeams(db: DbHandle, waveId: number): Promise<WaveTeam[]> {
  const rows = await db
    .selectFrom('wave_team')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select(['team.id', 'team.name', 'wave_team.member_count'])
    .where('wave_team.wave_id', '=', waveId)
    .orderBy('team.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.member_count }));
}
