/**
 * The fast path of the comparison: a wave's answers read from PostgreSQL as codes
 * (services/compact-waves.ts) must give exactly what the answer objects give — the same
 * dataset, the same comparison and trend to the last bit — and what is kept per wave
 * must follow every change: a new complete response, a renamed team, a continuation, a
 * stored value that does not fit its item.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyse,
  compareWaves,
  encodeCompact,
  trend,
  ZChange,
  ZReport,
  type TChange,
  type TComparedWave,
} from '../../analysis/index.ts';
import { encodeWave } from '../../analysis/dataset.ts';
import type { DB } from '../../server/db/kysely.ts';
import { PREPARED_LOADS, prepareClosedWaves } from '../../server/services/closed-wave-codes.ts';
import { loadCompactWave, storedCompactWave } from '../../server/services/compact-waves.ts';
import {
  compareStoredWaves,
  programmeWaves,
  publishedDefinitions,
  setTeamContinuation,
  storedTrend,
  teamPairings,
} from '../../server/services/comparison.ts';
import { getPublishedVersionById } from '../../server/services/definitions.ts';
import { analyseStoredWave } from '../../server/services/wave-analysis.ts';
import { waveForAnalysis, waveResponses } from '../../server/services/wave-data.ts';
import { forAnalysis } from '../../server/formats/responses-csv.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../helpers/comparison-data.ts';
import { insertResponses, makeAnswers, seeded } from '../helpers/research-data.ts';

/** A wave as answer objects, read the way the exports read it (the reference path). */
async function objectWave(db: DB, programmeId: number, waveId: number): Promise<TComparedWave> {
  const wave = (await programmeWaves(db, programmeId)).find((w) => w.id === waveId)!;
  const { definition } = await getPublishedVersionById(db, wave.versionId);
  const responses = forAnalysis(await waveResponses(db, waveId, definition));
  return { key: String(waveId), label: wave.label, definition, threshold: wave.threshold, responses };
}

/** JSON's view of a number (the API's): -0 and 0 are one. */
const asSent = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('comparison from compact codes', () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  let manager: TestUser;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: manager.headers });
  const comparisonUrl = () => `/api/programmes/${p.programmeId}/comparison?baseline=${p.waves.nulmeting}&wave=${p.waves.w2017}`;

  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [p.programmeId] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('builds the same dataset as the answer objects, code for code', async () => {
    for (const waveId of Object.values(p.waves)) {
      const reference = await objectWave(t.app.db, p.programmeId, waveId);
      const compact = await loadCompactWave(t.app.db, waveId, reference.definition);
      const names = new Map([...p.teams].map(([name, id]) => [String(id), name]));
      const fromCodes = encodeCompact(
        reference.definition,
        { ...compact, teams: compact.teams.map((id) => names.get(id)!) },
        5,
        false,
      );
      const fromObjects = encodeWave(reference.definition, reference.responses!, 5, false);
      expect(fromCodes.teams).toEqual(fromObjects.teams);
      expect(fromCodes.shown).toEqual(fromObjects.shown);
      expect([...fromCodes.complete]).toEqual([...fromObjects.complete]);
      expect([...fromCodes.teamStart]).toEqual([...fromObjects.teamStart]);
      expect(fromCodes.scored.size).toBeGreaterThan(50);
      for (const [id, column] of fromObjects.scored) expect([...fromCodes.scored.get(id)!.codes], id).toEqual([...column.codes]);
    }
  });

  it('gives exactly the comparison and the trend of the answer objects', async () => {
    const db = t.app.db;
    const [nul, w2016, w2017] = await Promise.all(
      [p.waves.nulmeting, p.waves.w2016, p.waves.w2017].map((id) => objectWave(db, p.programmeId, id)),
    );
    const versions = await publishedDefinitions(db);
    const teams = await teamPairings(db, p.programmeId, p.waves.nulmeting, p.waves.w2017);
    const reference = asSent(compareWaves(nul!, w2017!, { versions, teams }));

    const res = await get(comparisonUrl());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const sent = ZChange.parse(res.json());
    expect(sent).toEqual(reference);
    expect(sent.teams.some((team) => !team.suppressed)).toBe(true);
    // The service without a runtime (the command line) computes in its own thread.
    expect(await compareStoredWaves(db, p.programmeId, p.waves.nulmeting, p.waves.w2017)).toEqual(reference);

    const stored = await storedTrend(db, p.programmeId, [p.waves.nulmeting, p.waves.w2016, p.waves.w2017], t.app);
    const trendTeams = stored.constructs[0]!.teams.map((team) => ({ team: team.team, perWave: team.teamsPerWave }));
    expect(stored).toEqual(asSent(trend([nul!, w2016!, w2017!], { versions, teams: trendTeams })));
  });

  it('gives exactly the full report of the answer objects, partial responses and single-choice items included', async () => {
    const db = t.app.db;
    const current = await waveForAnalysis(db, p.waves.w2017);
    const baseline = await waveForAnalysis(db, p.waves.nulmeting);
    expect(current.responses.some((r) => r.status === 'partial')).toBe(true);
    for (const includePartial of [false, true]) {
      const options = {
        threshold: 5,
        includePartial,
        baseline: { definition: baseline.definition, responses: baseline.responses },
      };
      const reference = asSent(analyse(current.definition, current.responses, options));
      const stored = await analyseStoredWave(db, p.waves.w2017, { baselineId: p.waves.nulmeting, includePartial });
      expect(asSent(stored)).toEqual(reference);
      expect(reference.choices.some((c) => c.overall.pooled.suppressed === false)).toBe(true);
      const res = await get(
        `/api/waves/${p.waves.w2017}/analysis?baseline=${p.waves.nulmeting}&includePartial=${includePartial}`,
      );
      expect(res.statusCode).toBe(200);
      expect(ZReport.parse(res.json())).toEqual(reference);
    }
  });

  it('follows a new complete response, a renamed team and a new continuation at once', async () => {
    const db = t.app.db;
    const before = ZChange.parse((await get(comparisonUrl())).json());
    const noord = (c: TChange) => c.teams.find((team) => team.team === 'Noord')!;
    const n = (c: TChange, team: string) => {
      const found = c.teams.find((x) => x.team === team);
      return found && !found.suppressed ? found.constructs.find((x) => !x.result.suppressed)?.result : undefined;
    };
    const nBefore = n(before, 'Noord') as { current: { n: number } };

    // A new complete response in 2017 raises the wave's data version.
    const def = getDefinition('wijkteam@2016')!;
    await insertResponses(db, p.waves.w2017, [
      {
        teamId: p.teams.get('Noord')!,
        status: 'complete',
        answers: makeAnswers(def, seeded(99), { 'bg.function': 'medewerker' }),
      },
    ]);
    const added = ZChange.parse((await get(comparisonUrl())).json());
    expect((n(added, 'Noord') as { current: { n: number } }).current.n).toBe(nBefore.current.n + 1);

    // A rename raises no data version; the comparison shows the new name all the same.
    await db.updateTable('team').set({ name: 'Noordoost' }).where('id', '=', p.teams.get('Noord')!).execute();
    const renamed = ZChange.parse((await get(comparisonUrl())).json());
    expect(renamed.teams.map((team) => team.team)).toContain('Noordoost');
    expect(renamed.teams.map((team) => team.team)).not.toContain('Noord');
    await db.updateTable('team').set({ name: 'Noord' }).where('id', '=', p.teams.get('Noord')!).execute();
    expect(noord(ZChange.parse((await get(comparisonUrl())).json()))).toEqual(noord(added));

    // Centrum no longer continuing West and Klein: it has no baseline team any more.
    await setTeamContinuation(db, p.programmeId, p.teams.get('Centrum')!, [], { userId: null, email: 'test' });
    const unlinked = ZChange.parse((await get(comparisonUrl())).json());
    expect(unlinked.teams.find((team) => team.team === 'Centrum')).toMatchObject({ suppressed: true, reason: 'no_baseline' });
    await setTeamContinuation(db, p.programmeId, p.teams.get('Centrum')!, [p.teams.get('West')!, p.teams.get('Klein')!], {
      userId: null,
      email: 'test',
    });
  });

  it('refuses a stored value off its scale with 409, naming the item', async () => {
    const db = t.app.db;
    const answer = await db
      .selectFrom('answer as a')
      .innerJoin('response as r', 'r.id', 'a.response_id')
      .select(['a.response_id', 'a.item_id', 'a.value_num'])
      .where('r.wave_id', '=', p.waves.w2017)
      .where('r.status', '=', 'complete')
      .where('a.item_id', '=', 'wns.citizen_question_central')
      .executeTakeFirst();
    const item = answer ? 'wns.citizen_question_central' : undefined;
    expect(item).toBeDefined();
    await db
      .updateTable('answer')
      .set({ value_num: 9 })
      .where('response_id', '=', answer!.response_id)
      .where('item_id', '=', answer!.item_id)
      .execute();
    const res = await get(comparisonUrl());
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('wns.citizen_question_central');
    await db
      .updateTable('answer')
      .set({ value_num: answer!.value_num })
      .where('response_id', '=', answer!.response_id)
      .where('item_id', '=', answer!.item_id)
      .execute();
    expect((await get(comparisonUrl())).statusCode).toBe(200);
  });

  it('keeps the codes in PostgreSQL for the data version they were made from, and drops them when it moves on', async () => {
    const db = t.app.db;
    const waveId = p.waves.w2017;
    const version = async () =>
      Number(
        (await db.selectFrom('wave_data_version').select('version').where('wave_id', '=', waveId).executeTakeFirstOrThrow())
          .version,
      );
    const stored = async () =>
      (
        await sql<{ kind: string; data_version: string; size: number }>`
          SELECT kind, data_version, octet_length(payload) AS size FROM wave_codes WHERE wave_id = ${waveId}`.execute(db)
      ).rows;
    // Without a runtime nothing is kept in memory: every figure below comes from PostgreSQL.
    const compare = () => compareStoredWaves(db, p.programmeId, p.waves.nulmeting, waveId);
    const first = await compare();
    expect((await stored()).map((r) => Number(r.data_version))).toContain(await version());

    // An answer changed behind the triggers' back (as no application path can) shows that
    // the stored codes are read, not the answers.
    const answer = await db
      .selectFrom('answer as a')
      .innerJoin('response as r', 'r.id', 'a.response_id')
      .select(['a.response_id', 'a.item_id', 'a.value_num'])
      .where('r.wave_id', '=', waveId)
      .where('r.status', '=', 'complete')
      .where('a.item_id', '=', 'wns.citizen_question_central')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await trx
        .updateTable('answer')
        .set({ value_num: 9 })
        .where('response_id', '=', answer.response_id)
        .where('item_id', '=', answer.item_id)
        .execute();
    });
    expect(await compare()).toEqual(first);

    // Any change the triggers see raises the version; the trigger drops the stored codes,
    // and the next comparison reads the answers again.
    await db
      .updateTable('answer')
      .set({ value_num: answer.value_num })
      .where('response_id', '=', answer.response_id)
      .where('item_id', '=', answer.item_id)
      .execute();
    expect(await stored()).toEqual([]);
    expect(await compare()).toEqual(first);
    expect((await stored()).map((r) => Number(r.data_version))).toEqual([await version()]);
  });

  it('makes the codes of closed waves ahead, leaves open waves alone, and makes them again after a change', async () => {
    const db = t.app.db;
    const rows = async (waveId: number) =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM wave_codes WHERE wave_id = ${waveId}`.execute(db)).rows[0]!.n);
    await sql`DELETE FROM wave_codes`.execute(db);
    // 2017 still in the field: it closes far in the future.
    await db.updateTable('wave').set({ closes_on: '2999-12-31', closed_on: null }).where('id', '=', p.waves.w2017).execute();
    const closed = [p.waves.nulmeting, p.waves.w2016];

    const first = await prepareClosedWaves(db, '2026-12-01');
    for (const id of closed) expect(await rows(id)).toBe(PREPARED_LOADS.length);
    expect(await rows(p.waves.w2017)).toBe(0);
    const total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM wave_codes`.execute(db)).rows[0]!.n);
    expect(first.made).toBe(total);
    expect(first.closed).toBeGreaterThanOrEqual(closed.length);

    // Made ahead is what a request reads: the stored codes equal a fresh load, and asking
    // for them stores nothing new. A second run finds nothing to do.
    const { definition } = await getPublishedVersionById(
      db,
      (
        await db
          .selectFrom('wave')
          .select('questionnaire_version_id')
          .where('id', '=', p.waves.nulmeting)
          .executeTakeFirstOrThrow()
      ).questionnaire_version_id,
    );
    expect(await storedCompactWave(db, p.waves.nulmeting, definition)).toEqual(
      await loadCompactWave(db, p.waves.nulmeting, definition),
    );
    expect(await rows(p.waves.nulmeting)).toBe(PREPARED_LOADS.length);
    expect((await prepareClosedWaves(db, '2026-12-01')).made).toBe(0);

    // A late complete response to a closed wave drops its codes (trigger); the next run makes them again.
    const team = await db
      .selectFrom('wave_team')
      .select('team_id')
      .where('wave_id', '=', p.waves.w2016)
      .executeTakeFirstOrThrow();
    await insertResponses(db, p.waves.w2016, [{ teamId: team.team_id, status: 'complete', answers: {} }]);
    expect(await rows(p.waves.w2016)).toBe(0);
    expect((await prepareClosedWaves(db, '2026-12-01')).made).toBe(PREPARED_LOADS.length);
    expect(await rows(p.waves.w2016)).toBe(PREPARED_LOADS.length);
  });
});
