/**
 * Comparing stored waves through the API: two waves of the same version compare every
 * scored item (GET /api/waves/:id/analysis?baseline=), the per-team comparison follows a
 * recorded merger and shows no figures for a team below the threshold, the trend over
 * three waves; access through the contract (401 / 404, managers allowed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZChange, ZReport, ZTrend } from '../../analysis/index.ts';
import { getDefinition, scaledItems } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../helpers/comparison-data.ts';

describe('comparison API', () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  const get = (url: string, user: TestUser | null = manager) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} });

  // Written once, only read below.
  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [p.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [p.programmeId] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [p.otherProgrammeId] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compares every scored item of two waves that use the same version', async () => {
    const res = await get(`/api/waves/${p.waves.w2017}/analysis?baseline=${p.waves.w2016}`, researcher);
    expect(res.statusCode).toBe(200);
    const report = ZReport.parse(res.json());
    const comparison = report.waveComparison!;
    const scored = scaledItems(getDefinition('wijkteam@2016')!);
    expect(comparison.path).toEqual(['wijkteam@2016']);
    expect(comparison.items.map((i) => i.id)).toEqual(scored.map((i) => i.id));
    expect(comparison.items.every((i) => i.lineage === 'same' && !i.result.suppressed)).toBe(true);
    expect(comparison.notCompared).toEqual([]);
    expect(comparison.familySize).toBe(scored.length + comparison.constructs.length);
  });

  it('compares per team, following a merger, and shows nothing for a team below the threshold', async () => {
    const res = await get(`/api/programmes/${p.programmeId}/comparison?baseline=${p.waves.nulmeting}&wave=${p.waves.w2017}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const change = ZChange.parse(res.json());
    expect(change.path).toEqual(['wijkteam@2015', 'wijkteam@2016']);
    expect(change.notCompared.length).toBeGreaterThan(0);
    const byTeam = new Map(change.teams.map((team) => [team.team, team]));
    const centrum = byTeam.get('Centrum')!;
    if (centrum.suppressed) throw new Error('Centrum should be compared');
    // Klein (2 respondents) is left out of the union of Centrum's predecessors.
    expect(centrum.baselineTeams).toEqual(['West']);
    expect(centrum.excludedBaselineTeams).toEqual(['Klein']);
    const someItem = centrum.items.find((i) => !i.result.suppressed)!.result;
    if (someItem.suppressed) throw new Error('unreachable');
    expect(someItem.baseline.n).toBeLessThanOrEqual(6);
    expect(byTeam.get('Zuid')).toEqual({ team: 'Zuid', baselineTeams: ['Zuid'], suppressed: true, reason: 'too_few' });
    const noord = byTeam.get('Noord')!;
    if (noord.suppressed) throw new Error('Noord should be compared');
    expect(noord.constructs.some((c) => !c.result.suppressed && c.result.reading.verdict === 'higher')).toBe(true);
    // The body names no count of a suppressed team anywhere.
    expect(JSON.stringify(change.overall.excludedTeams)).toBe(JSON.stringify({ baseline: ['Klein'], current: ['Zuid'] }));
  });

  it('gives the trend over three waves, per construct, overall and per team', async () => {
    const waves = [p.waves.nulmeting, p.waves.w2016, p.waves.w2017].join(',');
    const res = await get(`/api/programmes/${p.programmeId}/trend?waves=${waves}`);
    expect(res.statusCode).toBe(200);
    const trend = ZTrend.parse(res.json());
    expect(trend.waves.map((w) => w.label)).toEqual(['2015 nulmeting', '2016', '2017']);
    expect(trend.constructs.length).toBe(getDefinition('wijkteam@2016')!.constructs.length);
    const comparable = trend.constructs.find((c) => c.lineage.every((l) => l.comparable))!;
    expect(comparable.overall.every((pt) => !pt.suppressed)).toBe(true);
    const centrum = comparable.teams.find((team) => team.team === 'Centrum')!;
    expect(centrum.teamsPerWave).toEqual([['Klein', 'West'], ['Klein', 'West'], ['Centrum']]);
    const zuid = comparable.teams.find((team) => team.team === 'Zuid')!;
    expect(zuid.points[2]).toEqual({ suppressed: true, reason: 'too_few' });
    // Same order whichever order the waves are asked in.
    const reversed = await get(
      `/api/programmes/${p.programmeId}/trend?waves=${[p.waves.w2017, p.waves.nulmeting, p.waves.w2016].join(',')}`,
    );
    expect(ZTrend.parse(reversed.json()).waves.map((w) => w.label)).toEqual(['2015 nulmeting', '2016', '2017']);
  });

  it('answers 401 without credentials and 404 to a non-member, as for an unknown programme', async () => {
    const urls = [
      `/api/programmes/${p.programmeId}/trend?waves=${p.waves.nulmeting},${p.waves.w2016}`,
      `/api/programmes/${p.programmeId}/comparison?baseline=${p.waves.nulmeting}&wave=${p.waves.w2016}`,
    ];
    for (const url of urls) {
      expect((await get(url, null)).statusCode, url).toBe(401);
      const res = await get(url, outsider);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', message: 'niet gevonden' });
    }
    expect((await get(`/api/programmes/999999/trend?waves=1,2`)).statusCode).toBe(404);
  });

  it('answers 404 when a wave is not of the programme, and 400 with a Dutch message for a bad list', async () => {
    const foreign = await get(`/api/programmes/${p.programmeId}/trend?waves=${p.waves.nulmeting},${p.otherWave}`);
    expect(foreign.statusCode).toBe(404);
    const foreignCompare = await get(`/api/programmes/${p.programmeId}/comparison?baseline=${p.otherWave}&wave=${p.waves.w2017}`);
    expect(foreignCompare.statusCode).toBe(404);
    const bad = await get(`/api/programmes/${p.programmeId}/trend?waves=1;2`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/komma/);
    const one = await get(`/api/programmes/${p.programmeId}/trend?waves=${p.waves.nulmeting}`);
    expect(one.statusCode).toBe(400);
    const same = await get(`/api/programmes/${p.programmeId}/comparison?baseline=${p.waves.w2016}&wave=${p.waves.w2016}`);
    expect(same.statusCode).toBe(400);
  });
});
