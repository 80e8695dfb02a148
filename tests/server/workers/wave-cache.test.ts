/**
 * The per-wave data version (triggers in PostgreSQL) and the cache built on it: a result
 * is computed again exactly when what it reads changed — also when the change came
 * through another connection, as it would from another app instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublishedVersion } from '../../../server/services/definitions.ts';
import { WaveResultCache, waveDataVersions } from '../../../server/workers/wave-cache.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createTestWave, insertResponses, makeAnswers, seeded } from '../../helpers/research-data.ts';

describe('wave data version and result cache', () => {
  let t: TestApp;
  let waveId: number;
  let teamId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    const wave = await createTestWave(t.app.db, { label: 'Cache 2016', teams: [{ name: 'Noord' }] });
    waveId = wave.waveId;
    teamId = wave.teams.get('Noord')!;
  });
  afterAll(() => t.close());

  it('rises on complete responses and their answers, not on partial saves', async () => {
    const def = (await getPublishedVersion(t.app.db, 'wijkteam@2016')).definition;
    const random = seeded(3);
    const v0 = await waveDataVersions(t.app.db, [waveId]);
    await insertResponses(t.app.db, waveId, [{ teamId, status: 'partial', answers: makeAnswers(def, random) }]);
    expect(await waveDataVersions(t.app.db, [waveId])).toBe(v0);
    const [id] = await insertResponses(t.app.db, waveId, [{ teamId, status: 'complete', answers: makeAnswers(def, random) }]);
    const v1 = await waveDataVersions(t.app.db, [waveId]);
    expect(v1).not.toBe(v0);
    await t.app.db
      .updateTable('answer')
      .set({ value_text: 'gewijzigd' })
      .where('response_id', '=', id!)
      .where('value_text', 'is not', null)
      .execute();
    const v2 = await waveDataVersions(t.app.db, [waveId]);
    expect(v2).not.toBe(v1);
    await t.app.db.deleteFrom('response').where('id', '=', id!).execute();
    expect(await waveDataVersions(t.app.db, [waveId])).not.toBe(v2);
  });

  it('serves a cached result until the version changes, and computes once for parallel asks', async () => {
    const cache = new WaveResultCache();
    let computed = 0;
    const compute = async () => ++computed;
    const first = await Promise.all([1, 2, 3].map(() => cache.get(t.app.db, 'k', [waveId], compute)));
    expect(first).toEqual([1, 1, 1]);
    expect(await cache.get(t.app.db, 'k', [waveId], compute)).toBe(1);
    await t.app.db.updateTable('wave').set({ label: 'Cache 2016 (bijgewerkt)' }).where('id', '=', waveId).execute();
    expect(await cache.get(t.app.db, 'k', [waveId], compute)).toBe(2);
  });

  it('deleting a wave with complete responses still works (no counter for a wave being removed)', async () => {
    const def = (await getPublishedVersion(t.app.db, 'wijkteam@2016')).definition;
    const other = await createTestWave(t.app.db, { label: 'Weg 2016', teams: [{ name: 'Zuid' }] });
    await insertResponses(t.app.db, other.waveId, [
      { teamId: other.teams.get('Zuid')!, status: 'complete', answers: makeAnswers(def, seeded(4)) },
    ]);
    await t.app.db.deleteFrom('team_link').where('wave_id', '=', other.waveId).execute();
    await t.app.db.deleteFrom('wave').where('id', '=', other.waveId).execute();
    expect(await waveDataVersions(t.app.db, [other.waveId])).toBe(`${other.waveId}:0`);
  });
});
