/**
 * Teams across waves in the service: which earlier teams a team stands for (merger,
 * split, a chain through a wave it skipped), and the checks on recording a continuation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../server/errors.ts';
import { predecessorsIn, setTeamContinuation, teamContinuations, teamPairings } from '../../server/services/comparison.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../helpers/comparison-data.ts';

describe('predecessorsIn', () => {
  const graph = new Map<number, number[]>([
    [10, [1, 2]], // 10 is a merger of 1 and 2
    [11, [3]], // 11 and 12 are a split of 3
    [12, [3]],
    [20, [10]], // 20 continues 10, which continues 1 and 2
  ]);
  it('finds the team itself when it took part', () => {
    expect(predecessorsIn(5, new Set([5, 6]), graph)).toEqual([5]);
  });
  it('follows a merger and a split', () => {
    expect(predecessorsIn(10, new Set([1, 2, 3]), graph).sort()).toEqual([1, 2]);
    expect(predecessorsIn(11, new Set([1, 2, 3]), graph)).toEqual([3]);
    expect(predecessorsIn(12, new Set([1, 2, 3]), graph)).toEqual([3]);
  });
  it('follows a chain through a team that did not take part, and stops at one that did', () => {
    expect(predecessorsIn(20, new Set([1, 2]), graph).sort()).toEqual([1, 2]);
    expect(predecessorsIn(20, new Set([10, 1, 2]), graph)).toEqual([10]);
  });
  it('finds nothing for a new team', () => {
    expect(predecessorsIn(99, new Set([1, 2]), graph)).toEqual([]);
  });
});

describe('recording continuations', () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  const actor = { userId: null, email: 'test' };
  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pairs the teams of two waves following the record', async () => {
    const pairs = await teamPairings(t.app.db, p.programmeId, p.waves.nulmeting, p.waves.w2017);
    expect(pairs).toEqual([
      { team: 'Centrum', baselineTeams: ['Klein', 'West'] },
      { team: 'Noord', baselineTeams: ['Noord'] },
      { team: 'Zuid', baselineTeams: ['Zuid'] },
    ]);
  });

  it('refuses the team itself, a cycle, a team of another programme and an unknown team', async () => {
    const id = (name: string) => p.teams.get(name)!;
    await expect(setTeamContinuation(t.app.db, p.programmeId, id('Noord'), [id('Noord')], actor)).rejects.toThrow(
      ValidationError,
    );
    await expect(setTeamContinuation(t.app.db, p.programmeId, id('West'), [id('Centrum')], actor)).rejects.toThrow(/kring/);
    const oost = (await t.app.db.selectFrom('team').select('id').where('name', '=', 'Oost').executeTakeFirstOrThrow()).id;
    await expect(setTeamContinuation(t.app.db, p.programmeId, id('Noord'), [oost], actor)).rejects.toThrow(ValidationError);
    await expect(setTeamContinuation(t.app.db, p.programmeId, oost, [id('Noord')], actor)).rejects.toThrow(NotFoundError);
    // Nothing changed.
    expect(
      (await teamContinuations(t.app.db, p.programmeId)).map((c) => [c.team, c.continues.map((x) => x.team).sort()]),
    ).toEqual([['Centrum', ['Klein', 'West']]]);
  });

  it('is also guarded in the database: both teams of one programme', async () => {
    const oost = (await t.app.db.selectFrom('team').select('id').where('name', '=', 'Oost').executeTakeFirstOrThrow()).id;
    await expect(
      t.app.db
        .insertInto('team_continuation')
        .values({ team_id: p.teams.get('Noord')!, continues_team_id: oost })
        .execute(),
    ).rejects.toThrow(/same programme/);
  });
});
