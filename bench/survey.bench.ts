/**
 * The respondents' pages under load, on a real (embedded) PostgreSQL: the time of a page
 * view and of a page save, one at a time and 20 at a time, through the whole app
 * (routing, CSRF, validation, transaction). Run with `npm run bench -- survey`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { publishAll } from '../server/services/definitions.ts';
import { createWave } from '../server/services/waves.ts';
import { today } from '../server/lib/dates.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-bench-'));
const pg = await startEmbeddedPostgres({ dataDir });
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' }),
  databaseUrl: pg.url,
});

try {
  await migrateToLatest(app.db);
  await publishAll(app.db);
  await app.ready();
  const { generalToken } = await createWave(app.db, SECRET, {
    programme: 'Bench',
    label: 'Bench',
    definition: 'wijkteam@2016',
    teams: [{ name: 'Team A', members: 20 }],
    opensOn: today(),
    closesOn: today(),
  });
  const teamId = (await app.db.selectFrom('team').select('id').executeTakeFirstOrThrow()).id;

  /** A fresh respondent: the first page, with its cookie, code and CSRF token. */
  async function respondent() {
    const res = await app.inject({ method: 'GET', url: `/v/${generalToken}/b/bg` });
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(res.body)![1]!;
    return { cookie, csrf: field('_csrf'), code: field('r') };
  }

  async function timed(label: string, n: number, parallel: number, run: () => Promise<{ statusCode: number }>) {
    const durations: number[] = [];
    const started = performance.now();
    for (let i = 0; i < n; i += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, n - i) }, async () => {
          const t0 = performance.now();
          const res = await run();
          durations.push(performance.now() - t0);
          // A benchmark of error pages would measure the wrong thing.
          if (res.statusCode >= 400) throw new Error(`${label}: status ${res.statusCode}`);
        }),
      );
    }
    const wall = performance.now() - started;
    durations.sort((a, b) => a - b);
    const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
    console.log(
      `  ${label.padEnd(44)} median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, ${((n / wall) * 1000).toFixed(0)} per second`,
    );
  }

  console.log('survey.bench — wijkteam@2016, app.inject on an embedded PostgreSQL');
  const people = await Promise.all(Array.from({ length: 40 }, respondent));
  let k = 0;
  const save = () => {
    const p = people[k++ % people.length]!;
    return app.inject({
      method: 'POST',
      url: `/v/${generalToken}/b/bg`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: p.cookie },
      payload: new URLSearchParams({
        _csrf: p.csrf,
        r: p.code,
        nav: 'next',
        'a.bg.team': String(teamId),
        'a.bg.function': 'medewerker',
        'a.bg.age': '41',
      }).toString(),
    });
  };
  const view = () => app.inject({ method: 'GET', url: `/v/${generalToken}/b/wns` });
  for (const parallel of [1, 20]) {
    await timed(`page view (block wns), ${parallel} at a time`, 400, parallel, view);
    await timed(`page save (block bg), ${parallel} at a time`, 400, parallel, save);
  }
} finally {
  await app.close();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
