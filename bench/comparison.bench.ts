/**
 * Comparing two waves of 50,000 complete respondents each (50 teams) through the API,
 * on a real (embedded) PostgreSQL: `GET /api/programmes/:id/comparison` — load both
 * waves' answers, follow lineage wijkteam@2015 → wijkteam@2016, test every item and
 * construct overall and per team — and the trend over both waves. The data are
 * generated inside PostgreSQL (6.6 M answers a wave). Run with `npm run bench -- comparison`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { publishAll } from '../server/services/definitions.ts';
import { createApiToken, createUser } from '../server/services/users.ts';
import { createWave } from '../server/services/waves.ts';
import { getDefinition, scaledItems, scaleOf } from '../survey-definitions/index.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 50_000);
const TEAMS = 50;
// BENCH_DATA_DIR keeps the generated database between runs (generating takes minutes).
const keep = process.env.BENCH_DATA_DIR;
const dataDir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-bench-'));
const pg = await startEmbeddedPostgres({ dataDir });
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'error', SESSION_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' }),
  databaseUrl: pg.url,
});

try {
  await migrateToLatest(app.db);
  await publishAll(app.db);
  await app.ready();
  const reuse = (await app.db.selectFrom('wave').select('id').orderBy('id').execute()).map((w) => w.id);
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ name: `Team ${String(i + 1).padStart(2, '0')}`, members: 1000 }));
  const waves: number[] = reuse.length === 2 ? reuse : [];
  if (waves.length === 2) console.log(`  data: reused from ${dataDir}`);
  else
    for (const [label, definition, lift] of [
      ['2015 nulmeting', 'wijkteam@2015', 0],
      ['2016', 'wijkteam@2016', 0.3],
    ] as const) {
      const started = performance.now();
      const { waveId } = await createWave(app.db, SECRET, {
        programme: 'Bench',
        label,
        definition,
        teams,
        opensOn: label.startsWith('2015') ? '2015-02-01' : '2016-02-01',
        closesOn: label.startsWith('2015') ? '2015-03-01' : '2016-03-01',
        baseline: label.startsWith('2015'),
      });
      waves.push(waveId);
      const def = getDefinition(definition)!;
      const items = scaledItems(def).map((item) => {
        const scale = scaleOf(def, item);
        return sql`(${item.id}::text, ${scale.min}::int, ${scale.max}::int)`;
      });
      // Respondents spread evenly over the teams; each answers ~95% of the scored items,
      // with a team effect so that teams differ, and a lift in the later wave.
      // Generating millions of rows takes longer than the app's statement timeout allows;
      // the foreign-key triggers are skipped (the rows are made from existing ids).
      await app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL statement_timeout = 0`.execute(trx);
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await sql`
      INSERT INTO response (wave_id, team_id, status, started_on, updated_on, completed_on)
      SELECT ${waveId}, wt.team_id, 'complete', '2016-02-03', '2016-02-03', '2016-02-03'
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
      });
      console.log(
        `  data: ${label} (${definition}), ${RESPONDENTS} respondents, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  await app.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await sql`ANALYZE`.execute(trx);
  });
  const programmeId = (await app.db.selectFrom('programme').select('id').executeTakeFirstOrThrow()).id;
  const user = await createUser(app.db, {
    email: `bench-${Date.now()}@example.nl`,
    role: 'manager',
    programmeIds: [programmeId],
  });
  const { token } = await createApiToken(app.db, user.id, 'bench');
  const headers = { authorization: `Bearer ${token}` };

  console.log(`comparison.bench — two waves of ${RESPONDENTS} respondents, ${TEAMS} teams, app.inject on an embedded PostgreSQL`);
  for (const [label, url] of [
    ['GET /api/programmes/:id/comparison', `/api/programmes/${programmeId}/comparison?baseline=${waves[0]}&wave=${waves[1]}`],
    ['GET /api/programmes/:id/trend (2 waves)', `/api/programmes/${programmeId}/trend?waves=${waves.join(',')}`],
  ] as const) {
    const times: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await app.inject({ method: 'GET', url, headers });
      times.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      // CPU time of this process (the app; Postgres runs in its own): on a machine
      // shared with other work, wall time says more about the neighbours than about us.
      cpu.push((c1.user + c1.system) / 1000);
      if (res.statusCode !== 200) throw new Error(`${label}: status ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.body.length;
    }
    console.log(
      `  ${label.padEnd(44)} first ${(times[0]! / 1000).toFixed(2)} s, fastest ${(Math.min(...times) / 1000).toFixed(2)} s wall; app CPU ${(Math.min(...cpu) / 1000).toFixed(2)} s; ${(bytes / 1e6).toFixed(1)} MB JSON; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await app.close();
  await pg.stop();
  if (!keep) await rm(dataDir, { recursive: true, force: true });
}
