/**
 * Comparing waves of 50,000 complete respondents each (50 teams) on the user's path:
 * `app.inject` from the request to the last byte, on a real (embedded) PostgreSQL.
 *
 * Three waves: the nulmeting on wijkteam@2015, then 2016 and 2017 on wijkteam@2016
 * (lineage followed across versions), 6.6 M answers each, generated inside PostgreSQL.
 * Measured cold (the waves' data versions raised first: nothing kept anywhere), warm (kept
 * in this process's memory) and in a new instance (another app on the same database: its
 * memory empty, the waves' codes kept in PostgreSQL):
 * - `GET /api/programmes/:id/comparison` (2015 → 2017: every item and construct overall
 *   and for each of the 50 teams, Holm per group, readings);
 * - `GET /api/waves/:id/analysis?baseline=` (the full report of 2017 with the comparison);
 * - `GET /api/programmes/:id/trend` over the three waves;
 * - the compare page with the nulmeting and both later waves (two comparisons + trend).
 * Each line gives wall time, this process's CPU time (Postgres is another process),
 * the longest event-loop stall during the request (the loop that serves respondents),
 * the size of the answer and the load average.
 *
 * `npm run bench -- comparison`. Generating the data takes minutes; `BENCH_DATA_DIR=/dir`
 * keeps the database between runs, `BENCH_RESPONDENTS` sets the size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { prepareClosedWaves } from '../server/services/closed-wave-codes.ts';
import { loadCompactWave } from '../server/services/compact-waves.ts';
import { publishAll } from '../server/services/definitions.ts';
import { createApiToken, createUser } from '../server/services/users.ts';
import { createWave } from '../server/services/waves.ts';
import { getDefinition, scaledItems, scaleOf } from '../survey-definitions/index.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 50_000);
const TEAMS = 50;
const WAVES = [
  { label: '2015 nulmeting', definition: 'wijkteam@2015', year: 2015, lift: 0 },
  { label: '2016', definition: 'wijkteam@2016', year: 2016, lift: 0.3 },
  { label: '2017', definition: 'wijkteam@2016', year: 2017, lift: 0.45 },
] as const;
// BENCH_DATA_DIR keeps the generated database between runs (generating takes minutes).
const keep = process.env.BENCH_DATA_DIR;
const dataDir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-bench-'));
const pg = await startEmbeddedPostgres({ dataDir });
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'error', SESSION_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' }),
  databaseUrl: pg.url,
});

async function generate(): Promise<number[]> {
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ name: `Team ${String(i + 1).padStart(2, '0')}`, members: 1000 }));
  const waves: number[] = [];
  for (const { label, definition, year, lift } of WAVES) {
    const started = performance.now();
    const { waveId } = await createWave(app.db, SECRET, {
      programme: 'Bench',
      label,
      definition,
      teams,
      opensOn: `${year}-02-01`,
      closesOn: `${year}-03-01`,
      baseline: year === 2015,
    });
    waves.push(waveId);
    const def = getDefinition(definition)!;
    const items = scaledItems(def).map((item) => {
      const scale = scaleOf(def, item);
      return sql`(${item.id}::text, ${scale.min}::int, ${scale.max}::int)`;
    });
    // Respondents spread evenly over the teams; each answers ~95% of the scored items,
    // with a team effect so that teams differ, and a lift in later waves. Generating
    // millions of rows takes longer than the app's statement timeout allows; the
    // foreign-key triggers are skipped (the rows are made from existing ids).
    await app.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL statement_timeout = 0`.execute(trx);
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`
      INSERT INTO response (wave_id, team_id, status, started_on, updated_on, completed_on)
      SELECT ${waveId}, wt.team_id, 'complete', ${`${year}-02-03`}, ${`${year}-02-03`}, ${`${year}-02-03`}
      FROM generate_series(1, ${RESPONDENTS}) g
      JOIN (SELECT team_id, row_number() OVER (ORDER BY team_id) - 1 AS k FROM wave_team WHERE wave_id = ${waveId}) wt
        ON wt.k = g % ${TEAMS}`.execute(trx);
      await sql`
      INSERT INTO answer (response_id, item_id, value_num)
      SELECT r.id, i.item_id,
             least(i.max, greatest(i.min, i.min + floor(random() * (i.max - i.min + 1) + ${lift}::float8 * (i.max - i.min) * random()
               + (r.team_id % 5 - 2) * 0.1 * (i.max - i.min) * random())))
      FROM response r CROSS JOIN (VALUES ${sql.join(items)}) AS i(item_id, min, max)
      WHERE r.wave_id = ${waveId} AND random() > 0.05`.execute(trx);
      // The triggers were off: raise the data version as they would have.
      await sql`SELECT bump_wave_data_version(${waveId}::int)`.execute(trx);
    });
    console.log(
      `  data: ${label} (${definition}), ${RESPONDENTS} respondents, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await app.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await sql`VACUUM ANALYZE`.execute(trx);
  });
  return waves;
}

/** Forget every cached result: what a request sees after the waves' data changed. */
async function invalidate(waves: readonly number[]): Promise<void> {
  for (const id of waves) await sql`SELECT bump_wave_data_version(${id}::int)`.execute(app.db);
}

try {
  await migrateToLatest(app.db);
  await publishAll(app.db);
  await app.ready();
  const existing = (await app.db.selectFrom('wave').select('id').orderBy('id').execute()).map((w) => w.id);
  const waves = existing.length === WAVES.length ? existing : await generate();
  if (existing.length === WAVES.length) console.log(`  data: reused from ${dataDir}`);
  if (!process.env.BENCH_GENERATE_ONLY) await measure(waves);
} finally {
  await app.close();
  await pg.stop();
  if (!keep) await rm(dataDir, { recursive: true, force: true });
}

async function measure(waves: readonly number[]): Promise<void> {
  const programmeId = (await app.db.selectFrom('programme').select('id').executeTakeFirstOrThrow()).id;
  const user = await createUser(app.db, {
    email: `bench-${Date.now()}@example.nl`,
    role: 'manager',
    programmeIds: [programmeId],
  });
  const { token } = await createApiToken(app.db, user.id, 'bench');
  const headers = { authorization: `Bearer ${token}` };
  const [w2015, w2016, w2017] = waves as [number, number, number];

  console.log(
    `comparison.bench — ${WAVES.length} waves of ${RESPONDENTS} respondents, ${TEAMS} teams, app.inject on an embedded PostgreSQL, ${os.cpus().length} cores`,
  );
  const cases = [
    ['GET /api/programmes/:id/comparison', `/api/programmes/${programmeId}/comparison?baseline=${w2015}&wave=${w2017}`],
    ['GET /api/waves/:id/analysis?baseline=', `/api/waves/${w2017}/analysis?baseline=${w2015}`],
    ['GET /api/programmes/:id/trend (3 waves)', `/api/programmes/${programmeId}/trend?waves=${waves.join(',')}`],
    [
      'compare page (2 comparisons + trend)',
      `/werkruimte/programmas/${programmeId}/vergelijken?nulmeting=${w2015}&meting=${w2016}&meting=${w2017}`,
    ],
  ] as const;
  const only = process.env.BENCH_CASES?.split(',');
  const config = loadConfig({ LOG_LEVEL: 'error', SESSION_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' });
  for (const [label, url] of cases) {
    if (only && !only.some((o) => label.includes(o))) continue;
    for (const state of ['cold', 'warm', 'warm', 'new instance'] as const) {
      if (state === 'cold') await invalidate(waves);
      // Another app on the same database, as after a restart or behind a load balancer:
      // nothing in its memory, the codes of unchanged waves in PostgreSQL (wave_codes).
      const target = state === 'new instance' ? await buildApp({ config, databaseUrl: pg.url }) : app;
      await target.ready();
      // Its worker threads up (they compile the engine once when the app starts).
      if (target !== app)
        await Promise.all(Array.from({ length: os.cpus().length }, () => target.runInWorker('probe', { ms: 0 })));
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      const load = os.loadavg()[0]!;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await target.inject({ method: 'GET', url, headers });
      const wall = performance.now() - t0;
      const c1 = process.cpuUsage(c0);
      stalls.disable();
      if (target !== app) await target.close();
      if (res.statusCode !== 200) throw new Error(`${label}: status ${res.statusCode} ${res.body.slice(0, 300)}`);
      // CPU of this process: the app's main thread and its worker threads together;
      // Postgres runs in its own processes.
      console.log(
        `  ${label.padEnd(42)} ${state.padEnd(12)} ${(wall / 1000).toFixed(2).padStart(6)} s wall, app CPU ${((c1.user + c1.system) / 1e6).toFixed(2)} s, ` +
          `longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms, ${(res.rawPayload.length / 1e6).toFixed(1)} MB, load ${load.toFixed(1)}`,
      );
    }
  }
  // What the server does in the background for closed waves (services/closed-wave-codes.ts):
  // after it, a first comparison of closed waves is the 'new instance' case above.
  await invalidate(waves);
  const tp = performance.now();
  const prepared = await prepareClosedWaves(app.db, '2099-01-01');
  console.log(
    `  closed waves' codes made ahead in the background: ${prepared.made} sets for ${prepared.closed} closed waves in ${((performance.now() - tp) / 1000).toFixed(2)} s wall, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  // The part PostgreSQL does, apart: one wave's answers packed into codes.
  const definition = getDefinition(WAVES[2].definition)!;
  const t0 = performance.now();
  const compact = await loadCompactWave(app.db, w2017, definition);
  console.log(
    `  its part in PostgreSQL: one wave's ${compact.team.length} respondents read as codes in ${((performance.now() - t0) / 1000).toFixed(2)} s wall, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
