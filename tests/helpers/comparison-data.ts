/**
 * A programme with three waves for the comparison tests: the nulmeting on wijkteam@2015,
 * then 2016 and 2017 both on wijkteam@2016 (the same version two years running). Teams:
 * - Noord and Zuid take part every year; Zuid has only 2 complete responses in 2017;
 * - West (6) and Klein (2) merge into Centrum after 2016 (recorded as a continuation);
 * - a second programme with its own wave, for the 404 checks.
 * Seeded answers, so every run sees the same data; Noord answers a little higher each year.
 */
import type { DB } from '../../server/db/kysely.ts';
import { setTeamContinuation } from '../../server/services/comparison.ts';
import { getDefinition, scaleOf, scaledItems, type TDefinition } from '../../survey-definitions/index.ts';
import { createTestWave, insertResponses, makeAnswers, seeded, type TestResponse } from './research-data.ts';

export interface TComparisonProgramme {
  programmeId: number;
  waves: { nulmeting: number; w2016: number; w2017: number };
  teams: Map<string, number>;
  otherProgrammeId: number;
  otherWave: number;
}

function responses(
  def: TDefinition,
  teams: Map<string, number>,
  counts: Record<string, number>,
  seed: number,
  lift: number,
): TestResponse[] {
  const random = seeded(seed);
  const scaled = scaledItems(def);
  return Object.entries(counts).flatMap(([team, complete]) => [
    ...Array.from({ length: complete }, () => {
      const answers = makeAnswers(def, random, { 'bg.function': 'medewerker' });
      // A lift towards the top of each scale, for Noord only: a change worth reading.
      if (team === 'Noord') {
        for (const item of scaled) {
          const v = answers[item.id];
          if (typeof v === 'number') answers[item.id] = Math.min(scaleOf(def, item).max, v + lift);
        }
      }
      return { teamId: teams.get(team)!, status: 'complete' as const, answers };
    }),
    // A partial response per team: never in a comparison.
    { teamId: teams.get(team)!, status: 'partial' as const, answers: { 'bg.function': 'medewerker' } },
  ]);
}

export async function seedComparisonProgramme(db: DB, options: { scale?: number } = {}): Promise<TComparisonProgramme> {
  const def2015 = getDefinition('wijkteam@2015')!;
  const def2016 = getDefinition('wijkteam@2016')!;
  const k = options.scale ?? 1;
  const n = await createTestWave(db, {
    label: '2015 nulmeting',
    definition: 'wijkteam@2015',
    teams: [{ name: 'Noord' }, { name: 'Zuid' }, { name: 'West' }, { name: 'Klein' }],
  });
  await db
    .updateTable('wave')
    .set({ is_baseline: true, opens_on: '2015-02-01', closes_on: '2015-03-01' })
    .where('id', '=', n.waveId)
    .execute();
  await insertResponses(db, n.waveId, responses(def2015, n.teams, { Noord: 12 * k, Zuid: 8 * k, West: 6 * k, Klein: 2 }, 1, 0));

  const a = await createTestWave(db, {
    label: '2016',
    teams: [{ name: 'Noord' }, { name: 'Zuid' }, { name: 'West' }, { name: 'Klein' }],
  });
  await insertResponses(db, a.waveId, responses(def2016, a.teams, { Noord: 11 * k, Zuid: 7 * k, West: 6 * k, Klein: 2 }, 2, 1));

  const b = await createTestWave(db, { label: '2017', teams: [{ name: 'Noord' }, { name: 'Zuid' }, { name: 'Centrum' }] });
  await db.updateTable('wave').set({ opens_on: '2017-02-01', closes_on: '2017-03-01' }).where('id', '=', b.waveId).execute();
  await insertResponses(db, b.waveId, responses(def2016, b.teams, { Noord: 13 * k, Zuid: 2, Centrum: 9 * k }, 3, 2));

  const teams = new Map([...n.teams, ...b.teams]);
  await setTeamContinuation(db, n.programmeId, teams.get('Centrum')!, [teams.get('West')!, teams.get('Klein')!], {
    userId: null,
    email: 'test',
  });
  const other = await createTestWave(db, { label: 'elders', programme: 'Een ander programma', teams: [{ name: 'Oost' }] });
  return {
    programmeId: n.programmeId,
    waves: { nulmeting: n.waveId, w2016: a.waveId, w2017: b.waveId },
    teams,
    otherProgrammeId: other.programmeId,
    otherWave: other.waveId,
  };
}
