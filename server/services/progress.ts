/**
 * Response progress of a wave during fieldwork: per team how many responses are complete
 * or partial, against the team's size. Counts only, never an answer. A count below the
 * anonymity threshold is shown too ("3 van 18"): how many colleagues responded says
 * nothing about what anyone answered, and researchers need it to chase response. The
 * team's *results* stay hidden until the threshold is reached, which the monitor says.
 */
import { z } from 'zod';
import type { DB } from '../db/kysely.ts';
import { today } from '../lib/dates.ts';
import { waveDetail } from './wave-admin.ts';

export const ZTeamProgress = z.object({
  teamId: z.number().int(),
  team: z.string(),
  members: z.number().int(),
  complete: z.number().int(),
  partial: z.number().int(),
  /** complete ÷ members, 0–1 (can exceed 1 when more people answered than the team counts). */
  responseRate: z.number(),
  /** Fewer complete responses than the threshold: the team's results will be hidden. */
  belowThreshold: z.boolean(),
});

export const ZWaveProgress = z.object({
  waveId: z.number().int(),
  label: z.string(),
  phase: z.enum(['not_open', 'open', 'closed']),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  closedOn: z.iso.date().nullable(),
  /** Days the wave still takes answers, today included; 0 once closed. */
  daysLeft: z.number().int(),
  threshold: z.number().int(),
  asOf: z.iso.date(),
  teams: z.array(ZTeamProgress),
  total: ZTeamProgress.pick({ members: true, complete: true, partial: true, responseRate: true }),
  /** Started on the general link without choosing a team yet. */
  withoutTeam: z.object({ partial: z.number().int(), complete: z.number().int() }),
});
export type TWaveProgress = z.infer<typeof ZWaveProgress>;
export type TTeamProgress = z.infer<typeof ZTeamProgress>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const rate = (complete: number, members: number) => (members > 0 ? Math.round((complete / members) * 1000) / 1000 : 0);

export async function waveProgress(db: DB, waveId: number, day = today()): Promise<TWaveProgress> {
  const wave = await waveDetail(db, waveId, day);
  const counts = await db
    .selectFrom('response')
    .select(['team_id', 'status'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('wave_id', '=', waveId)
    .groupBy(['team_id', 'status'])
    .execute();
  const count = (teamId: number | null, status: 'complete' | 'partial') =>
    Number(counts.find((c) => c.team_id === teamId && c.status === status)?.n ?? 0);

  const teams = wave.teams.map((t) => {
    const complete = count(t.id, 'complete');
    return {
      teamId: t.id,
      team: t.name,
      members: t.members,
      complete,
      partial: count(t.id, 'partial'),
      responseRate: rate(complete, t.members),
      belowThreshold: complete < wave.threshold,
    };
  });
  const members = teams.reduce((s, t) => s + t.members, 0);
  const complete = teams.reduce((s, t) => s + t.complete, 0);
  // A wave closed early is 'closed' from its closing day on, so it never counts here.
  let daysLeft = 0;
  if (wave.phase === 'open') daysLeft = daysBetween(day, wave.closesOn) + 1;
  else if (wave.phase === 'not_open') daysLeft = daysBetween(wave.opensOn, wave.closesOn) + 1;
  return {
    waveId: wave.id,
    label: wave.label,
    phase: wave.phase,
    opensOn: wave.opensOn,
    closesOn: wave.closesOn,
    closedOn: wave.closedOn,
    daysLeft: Math.max(0, daysLeft),
    threshold: wave.threshold,
    asOf: day,
    teams,
    total: { members, complete, partial: teams.reduce((s, t) => s + t.partial, 0), responseRate: rate(complete, members) },
    withoutTeam: { partial: count(null, 'partial'), complete: count(null, 'complete') },
  };
}
