/**
 * Respondents' page latency while 20 analyses of a 1,100-response wave run (issue 14):
 * before (the analysis on the event loop, as the route did), and after (in the worker
 * pool; uncached, and from the per-wave cache). `npm run bench -- workers`.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../analysis/index.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { today } from '../server/lib/dates.ts';
import { publishAll } from '../server/services/definitions.ts';
import { waveForAnalysis } from '../server/services/wave-data.ts';
import { createApiToken, createUser } from '../server/services/users.ts';
import { createWave } from '../server/services/waves.ts';
import { getDefinition } from '../survey-definitions/index.ts';
import { syntheticResponses } from './synthetic.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-bench-'));
await chmod(dataDir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir });
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: SECRET }), databaseUrl: pg.url });

try {
  await migrateToLatest(app.db);
  await publishAll(app.db);
  await app.ready();
  const def = getDefinition('wijkteam@2016')!;
  const generated = syntheticResponses(def, { respondents: 1100, teams: 10, seed: 7 });
  const teamNames = [...new Set(generated.map((r) => r.team))];
  const { waveId, generalToken } = await createWave(app.db, SECRET, {
    programme: 'Bench',
    label: 'Bench workers',
    definition: 'wijkteam@2016',
    teams: teamNames.map((name) => ({ name, members: 200 })),
    opensOn: today(),
    closesOn: today(),
  });
  const teams = new Map((await app.db.selectFrom('team').select(['id', 'name']).execute()).map((t) => [t.name, t.id]));
  for (const r of generated) {
    const row = await app.db
      .insertInto('response')
      .values({
        wave_id: waveId,
        team_id: teams.get(r.team)!,
        status: r.status,
        started_on: today(),
        updated_on: today(),
        completed_on: r.status === 'complete' ? today() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = Object.entries(r.answers)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([item_id, v]) => ({
        response_id: row.id,
        item_id,
        value_num: typeof v === 'number' ? v : null,
        value_text: typeof v === 'string' ? v : null,
      }));
    if (answers.length > 0) await app.db.insertInto('answer').values(answers).execute();
  }
  const user = await createUser(app.db, { email: 'bench@example.nl', role: 'admin', programmeIds: [] });
  const { token } = await createApiToken(app.db, user.id, 'bench');
  const auth = { authorization: `Bearer ${token}` };
  const data = await waveForAnalysis(app.db, waveId);

  const view = () => app.inject({ method: 'GET', url: `/v/${generalToken}/b/wns` });
  /** Page views, 2 at a time, for as long as `background` runs (at least 40). */
  async function latencies(background: () => Promise<unknown>): Promise<string> {
    const durations: number[] = [];
    let done = false;
    const running = background().then(() => (done = true));
    while (!done || durations.length < 40) {
      await Promise.all(
        [0, 1].map(async () => {
          const t0 = performance.now();
          const res = await view();
          if (res.statusCode !== 200) throw new Error(`page view: ${res.statusCode}`);
          durations.push(performance.now() - t0);
        }),
      );
    }
    await running;
    durations.sort((a, b) => a - b);
    const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!.toFixed(0);
    return `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms (${durations.length} views)`;
  }
  const twenty = <T>(work: () => Promise<T>) => Promise.all(Array.from({ length: 20 }, work));
  const yieldThen = <T>(work: () => T) => new Promise<T>((resolve) => setImmediate(() => resolve(work())));

  console.log(
    `workers.bench — page view latency while 20 analyses of a ${generated.length}-response wave run (${app.workerPool.stats().threads} worker thread(s))`,
  );
  console.log(`  nothing else running                        ${await latencies(async () => undefined)}`);
  const t0 = performance.now();
  analyse(data.definition, data.responses, { threshold: data.threshold });
  console.log(`  (one analysis on the event loop: ${(performance.now() - t0).toFixed(0)} ms)`);
  console.log(
    `  before: 20 analyses on the event loop       ${await latencies(() => twenty(() => yieldThen(() => analyse(data.definition, data.responses, { threshold: data.threshold }))))}`,
  );
  const api = (query: string) => async () => {
    const res = await app.inject({ method: 'GET', url: `/api/waves/${waveId}/analysis${query}`, headers: auth });
    if (res.statusCode !== 200) throw new Error(`analysis: ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  console.log(`  after: 20 via the route, uncached (pool)    ${await latencies(() => twenty(api('?includePartial=true')))}`);
  console.log(`  after: 20 via the route, per-wave cache     ${await latencies(() => twenty(api('')))}`);
} finally {
  await app.close();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
