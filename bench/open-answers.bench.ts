/**
 * The open-answer pages on a wave with many answers, through the whole app on a real
 * (embedded) PostgreSQL: the coding screen (view and save), the list view, the agreement
 * page with kappa after two coders coded everything, the theme results and the CSV export
 * with theme columns. Run with `npm run bench -- open-answers`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { saveCodes } from '../server/services/coding.ts';
import { publishAll } from '../server/services/definitions.ts';
import { openAnswerRows, openWave } from '../server/services/open-answers.ts';
import { addTheme, type TTheme } from '../server/services/themes.ts';
import { createApiToken, createUser } from '../server/services/users.ts';
import { createWave } from '../server/services/waves.ts';
import { prng } from './synthetic.ts';

const ANSWERS = Number(process.env.BENCH_OPEN_ANSWERS ?? 1000);
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
  const teams = Array.from({ length: 10 }, (_, i) => ({ name: `Team ${i + 1}`, members: 200 }));
  const { waveId } = await createWave(app.db, SECRET, {
    programme: 'Bench',
    label: 'Bench',
    definition: 'wijkteam@2016',
    teams,
    opensOn: '2016-02-01',
    closesOn: '2016-03-01',
  });
  const teamIds = (await app.db.selectFrom('team').select('id').orderBy('id').execute()).map((t) => t.id);
  const random = prng(7);
  const words = [
    'tijd',
    'ruimte',
    'overleg',
    'kaders',
    'kennis',
    'sociale kaart',
    'coaching',
    'werkplek',
    'huisarts',
    'samenwerking',
  ];
  const rows = Array.from({ length: ANSWERS }, (_, i) => ({ id: crypto.randomUUID(), team: teamIds[i % teamIds.length]! }));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await app.db
      .insertInto('response')
      .values(
        batch.map((r) => ({
          id: r.id,
          wave_id: waveId,
          team_id: r.team,
          status: 'complete' as const,
          started_on: '2016-02-03',
          updated_on: '2016-02-03',
          completed_on: '2016-02-03',
        })),
      )
      .execute();
    await app.db
      .insertInto('answer')
      .values(
        batch.map((r) => ({
          response_id: r.id,
          item_id: 'open.needs',
          value_num: null,
          value_text: `Meer ${words[Math.floor(random() * 10)]} en ${words[Math.floor(random() * 10)]}, want de werkdruk is hoog.`,
        })),
      )
      .execute();
  }
  const user = await createUser(app.db, {
    email: 'bench@example.nl',
    role: 'researcher',
    programmeIds: [(await app.db.selectFrom('wave').select('programme_id').executeTakeFirstOrThrow()).programme_id],
  });
  const other = await createUser(app.db, { email: 'bench2@example.nl', role: 'researcher', programmeIds: user.programmeIds });
  const headers = { authorization: `Bearer ${(await createApiToken(app.db, user.id, 'bench')).token}` };
  const actor = { email: user.email, userId: user.id };
  const themes: TTheme[] = [];
  for (const [code, label] of [
    ['tijd', 'Tijd en ruimte'],
    ['kaders', 'Duidelijke kaders'],
    ['kennis', 'Kennis'],
    ['samen', 'Samenwerking'],
    ['overig', 'Overig'],
  ]) {
    themes.push(await addTheme(app.db, waveId, { code: code!, label: label! }, actor));
  }
  const wave = await openWave(app.db, waveId);
  const refs = (await openAnswerRows(app.db, wave)).map((r) => r.ref);
  const pick = () => themes.filter(() => random() < 0.3).map((t) => t.id);
  await saveCodes(
    app.db,
    wave,
    user.id,
    refs.map((ref) => ({ ref, themeIds: pick(), none: true })),
  );
  await saveCodes(
    app.db,
    wave,
    other.id,
    refs.map((ref) => ({ ref, themeIds: pick(), none: true })),
  );

  // A CSRF cookie and token for the saves.
  const page = await app.inject({ url: `/werkruimte/metingen/${waveId}/open-antwoorden/coderen?nr=1`, headers });
  const cookie = [page.headers['set-cookie']]
    .flat()
    .map((c) => String(c).split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;

  async function timed(label: string, n: number, run: () => Promise<{ statusCode: number }>) {
    const durations: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await run();
      durations.push(performance.now() - t0);
      if (res.statusCode >= 400) throw new Error(`${label}: status ${res.statusCode}`);
    }
    durations.sort((a, b) => a - b);
    const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
    console.log(`  ${label.padEnd(46)} median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms`);
  }

  const root = `/werkruimte/metingen/${waveId}/open-antwoorden`;
  console.log(
    `open-answers.bench — ${ANSWERS} open answers, ${themes.length} themes, two coders; app.inject on an embedded PostgreSQL`,
  );
  await timed('coding screen, one answer (GET)', 30, () =>
    app.inject({ url: `${root}/coderen?nr=${1 + Math.floor(random() * ANSWERS)}`, headers }),
  );
  await timed('save one answer’s codes (POST, 303)', 30, () => {
    const ref = refs[Math.floor(random() * refs.length)]!;
    return app.inject({
      method: 'POST',
      url: `${root}/coderen`,
      headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', csrf],
        ['ref', ref],
        ['nr', '1'],
        [`thema_${ref}`, String(themes[0]!.id)],
      ]).toString(),
    });
  });
  await timed('list view, 20 answers (GET)', 20, () => app.inject({ url: `${root}/coderen?weergave=lijst&pagina=3`, headers }));
  await timed('reading list, 50 answers (GET)', 20, () => app.inject({ url: root, headers }));
  await timed('agreement: kappa per theme + disagreements', 10, () => app.inject({ url: `${root}/overeenstemming`, headers }));
  await timed('theme results per team', 10, () => app.inject({ url: `${root}/resultaten`, headers }));
  await timed('export.csv with theme columns', 5, () => app.inject({ url: `/api/waves/${waveId}/export.csv`, headers }));
} finally {
  await app.close();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
