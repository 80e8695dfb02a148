import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesHeader } from '../../server/formats/responses-csv.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { revokeApiToken } from '../../server/services/users.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { createTestWave, insertResponses, makeAnswers, seeded, type TestResponse } from '../helpers/research-data.ts';

const def2015 = getDefinition('wijkteam@2015')!;
const def2016 = getDefinition('wijkteam@2016')!;

const RESEARCH_URLS = (waveId: number) => [
  `/api/waves/${waveId}/export.csv`,
  `/api/waves/${waveId}/export.csv?include=partial`,
  `/api/waves/${waveId}/codebook.csv`,
  `/api/waves/${waveId}/codebook.md`,
  `/api/waves/${waveId}/analysis`,
];

describe('research routes', () => {
  let t: TestApp;
  let current: number;
  let baseline: number;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let programmeId: number;
  const get = (url: string, user: TestUser | null = researcher) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} });

  /** `complete` complete responses and one partial per team. */
  function responses(
    def: typeof def2016,
    teams: Map<string, number>,
    counts: Record<string, number>,
    seed: number,
  ): TestResponse[] {
    const random = seeded(seed);
    return Object.entries(counts).flatMap(([team, complete]) => [
      ...Array.from({ length: complete }, () => ({
        teamId: teams.get(team)!,
        status: 'complete' as const,
        answers: makeAnswers(def, random, { 'bg.function': 'medewerker' }),
      })),
      { teamId: teams.get(team)!, status: 'partial' as const, answers: { 'bg.function': 'medewerker' } },
    ]);
  }

  // The data is written once and only read by the tests below.
  beforeAll(async () => {
    t = await buildTestApp();
    const teams = [{ name: 'Noord' }, { name: 'Zuid' }, { name: 'Elburg' }];
    const base = await createTestWave(t.app.db, { label: '2015 nulmeting', definition: 'wijkteam@2015', teams });
    baseline = base.waveId;
    await insertResponses(t.app.db, baseline, responses(def2015, base.teams, { Noord: 7, Zuid: 6, Elburg: 5 }, 11));
    const now = await createTestWave(t.app.db, { label: '2016', teams, threshold: 5 });
    current = now.waveId;
    // Elburg has 2 complete responses: below the threshold of 5.
    await insertResponses(t.app.db, current, responses(def2016, now.teams, { Noord: 8, Zuid: 6, Elburg: 2 }, 12));
    programmeId = now.programmeId;
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [now.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [now.programmeId] });
    const other = await createTestWave(t.app.db, {
      label: 'elders',
      programme: 'Een ander programma',
      teams: [{ name: 'Oost' }],
    });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [other.programmeId] });
  });

  it('answer 401 without credentials, also for a wave that does not exist', async () => {
    for (const url of [...RESEARCH_URLS(current), ...RESEARCH_URLS(999999)]) {
      const res = await get(url, null);
      expect(res.statusCode, url).toBe(401);
      expect(res.json(), url).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('answer 404 to a researcher of another programme, exactly as for an unknown wave', async () => {
    for (const url of RESEARCH_URLS(current)) {
      const res = await get(url, outsider);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: 'not_found', message: 'niet gevonden' });
    }
    expect((await get(`/api/waves/999999/analysis`)).json()).toMatchObject({ error: 'not_found', message: 'niet gevonden' });
  });

  it('give a manager results and the codebook, never per-respondent data', async () => {
    expect((await get(`/api/waves/${current}/export.csv`, manager)).statusCode).toBe(403);
    expect((await get(`/api/waves/${current}/export.csv?include=partial`, manager)).statusCode).toBe(403);
    expect((await get(`/api/waves/${current}/analysis`, manager)).statusCode).toBe(200);
    expect((await get(`/api/waves/${current}/codebook.csv`, manager)).statusCode).toBe(200);
  });

  it('stop accepting a token once it is revoked', async () => {
    const user = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [programmeId] });
    expect((await get(`/api/waves/${current}/analysis`, user)).statusCode).toBe(200);
    const token = await t.app.db
      .selectFrom('api_token')
      .select('id')
      .where('user_id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(await revokeApiToken(t.app.db, user.userId, token.id)).toBe(true);
    expect((await get(`/api/waves/${current}/analysis`, user)).statusCode).toBe(401);
  });

  it('never store a token in clear', async () => {
    const rows = await t.app.db.selectFrom('api_token').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.token_hash.toString('utf8')).not.toContain(researcher.token);
  });

  afterAll(async () => t.close());

  it('GET /api/waves/:id/export.csv sends the data set as a CSV attachment', async () => {
    const res = await get(`/api/waves/${current}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="wave-${current}-responses.csv"`);
    const rows = parse(res.body) as string[][];
    expect(rows[0]).toEqual(responsesHeader(def2016));
    expect(rows).toHaveLength(1 + 16);

    const withPartial = await get(`/api/waves/${current}/export.csv?include=partial`);
    expect(parse(withPartial.body)).toHaveLength(1 + 16 + 3);
  });

  it('GET /api/waves/:id/codebook.csv and .md send the codebook of the wave’s version', async () => {
    const csv = await get(`/api/waves/${current}/codebook.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="wave-${current}-codebook.csv"`);
    expect(csv.body.startsWith('item_id,block,')).toBe(true);

    const md = await get(`/api/waves/${baseline}/codebook.md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('# Codebook wijkteam@2015');
  });

  it('GET /api/waves/:id/analysis reports, and suppresses a team below the threshold', async () => {
    const res = await get(`/api/waves/${current}/analysis`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.meta).toMatchObject({ definition: 'wijkteam@2016', threshold: 5, responses: 'complete' });
    expect(report.meta.teams).toEqual([
      { team: 'Elburg', suppressed: true },
      { team: 'Noord', suppressed: false, complete: 8, partial: 1, analysed: 8 },
      { team: 'Zuid', suppressed: false, complete: 6, partial: 1, analysed: 6 },
    ]);
    expect(report.meta.anonymity.suppressedTeams).toEqual(['Elburg']);
    const item = report.items.find((i: { id: string }) => i.id === 'tc.curious.now');
    expect(item.teams.Elburg).toEqual({ suppressed: true });
    expect(item.teams.Noord).toMatchObject({ suppressed: false, n: 8 });
    // The overall counts leave Elburg's two respondents out as well.
    expect(report.meta.counts).toMatchObject({ complete: 14 });
    expect(report.waveComparison).toBeUndefined();
  });

  it('compares with a baseline wave, each wave on its own questionnaire version', async () => {
    const res = await get(`/api/waves/${current}/analysis?baseline=${baseline}&includePartial=true`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.meta.responses).toBe('complete_and_partial');
    expect(report.waveComparison).toMatchObject({ baseline: 'wijkteam@2015', current: 'wijkteam@2016', adjustment: 'holm' });
    expect(report.waveComparison.items.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown wave and 400 for a bad id or query', async () => {
    const unknown = await get('/api/waves/999999/export.csv');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found', message: 'niet gevonden' });

    const unknownBaseline = await get(`/api/waves/${current}/analysis?baseline=999999`);
    expect(unknownBaseline.statusCode).toBe(404);

    for (const url of [
      '/api/waves/abc/export.csv',
      `/api/waves/${current}/export.csv?include=everything`,
      `/api/waves/${current}/analysis?includePartial=maybe`,
      `/api/waves/${current}/analysis?baseline=${current}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ error: 'validation_error' });
    }
  });
});
