/**
 * Charts and reports, in the engine and on the user's path.
 *
 * 1. The engine, in this thread: one chart of every kind — PNG at 2×, SVG, and both
 *    from one chart.js layout as the ZIP makes them — and resident memory over 400
 *    PNG + SVG pairs. The change, trend and theme kinds get what a later wave has: two
 *    earlier waves of the same teams, and theme counts of coded answers.
 * 2. Through HTTP (the real app on 127.0.0.1 and an embedded PostgreSQL, a wave of 50
 *    teams): one chart image, the PDF of one team and the ZIP of all charts, each from
 *    request to last byte — answers read, analysis, rendering in the worker pool — while
 *    a "respondent" asks /healthz every 200 ms, to show that the event loop stays free.
 * Aims (issue 10): one chart ≤ 100 ms; ZIP and team PDF well under a minute; memory flat.
 * `BENCH_ZIP_TEAMS=n` for a smaller wave; `BENCH_SKIP_HTTP=1` for part 1 only;
 * `WORKER_THREADS=n` for the app's pool (default: cores − 1).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { analyse, compareWaves, trend } from '../analysis/index.ts';
import { themeCounts } from '../analysis/theme-counts.ts';
import { getDefinition } from '../survey-definitions/index.ts';
import { chartKinds, teamCharts, waveCharts, type TChart } from '../server/charts/index.ts';
import { encodePng } from '../server/charts/png.ts';
import { renderMany, renderPng, renderPngAndSvg, renderSvg, nextTurn } from '../server/charts/render.ts';
import { prng, syntheticResponses } from './synthetic.ts';

const MB = 1024 * 1024;
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);
const cpuMs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  os
    .loadavg()
    .map((x) => fmt(x, 1))
    .join(' / ');

const TEAMS = Number(process.env.BENCH_ZIP_TEAMS ?? 50);
const PER_TEAM = 20;
const definition = getDefinition('wijkteam@2016')!;
const responses = syntheticResponses(definition, { respondents: TEAMS * PER_TEAM, teams: TEAMS, seed: 7, partialShare: 0 });
const report = analyse(definition, responses, { threshold: 5 });
const input = { report, definition, lang: 'nl' as const };
const team = report.meta.teams.find((m) => !m.suppressed)!.team;
const shown = [...teamCharts(input, team), ...waveCharts(input)].filter((c): c is TChart => c.status === 'shown');

/** What a later wave adds: change against the nulmeting, a trend over three waves, themes. */
function laterWave() {
  const wave = (key: string, label: string, seed: number) => ({
    key,
    label,
    definition,
    threshold: 5,
    responses: syntheticResponses(definition, { respondents: TEAMS * PER_TEAM, teams: TEAMS, seed, partialShare: 0 }).map(
      (r) => ({ ...r, id: `${key}-${r.id}` }),
    ),
  });
  const w1 = wave('1', 'Nulmeting', 101);
  const w2 = wave('2', 'Tweede meting', 202);
  const w3 = { ...wave('3', 'Derde meting', 7), responses: responses.map((r) => ({ ...r, id: `3-${r.id}` })) };
  const themes = [
    { code: 'tijd', label: 'Tijd en ruimte' },
    { code: 'kaders', label: 'Duidelijke kaders' },
    { code: 'kaart', label: 'Kennis van de sociale kaart' },
  ];
  const random = prng(7);
  const counts = themeCounts({
    threshold: 5,
    themes,
    teams: report.meta.teams.map((m) => ({ name: m.team, completeResponses: m.suppressed ? 0 : m.complete })),
    answers: responses.map((r) => ({ team: r.team, themes: themes.filter(() => random() < 0.4).map((t) => t.code) })),
  });
  return { ...input, change: compareWaves(w1, w3), trend: trend([w1, w2, w3]), themes: counts };
}
const later = laterWave();

console.log(`charts.bench.ts — wijkteam@2016, ${TEAMS} teams, ${responses.length} respondents; load average ${load()}`);

// 1a. One chart of every kind, the largest of each kind (most bars, most labels).
let slowest = { kind: '', ms: 0, chart: shown[0]! };
let slowestPair = { kind: '', ms: 0 };
const laterTeam = teamCharts(later, team).filter((c): c is TChart => c.status === 'shown');
const laterWaveCharts = waveCharts(later).filter((c): c is TChart => c.status === 'shown');
for (const { kind, scope } of chartKinds) {
  const chart = (scope === 'team' ? laterTeam : laterWaveCharts)
    .filter((c) => c.kind === kind)
    .sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!chart) throw new Error(`no ${scope} chart of kind ${kind} to measure`);
  renderPng(chart);
  renderSvg(chart);
  await nextTurn();
  const t = {
    png: [] as number[],
    svg: [] as number[],
    pngCpu: [] as number[],
    svgCpu: [] as number[],
    pair: [] as number[],
    pairCpu: [] as number[],
  };
  for (let i = 0; i < 9; i++) {
    let w = performance.now();
    let c = process.cpuUsage();
    renderPng(chart);
    t.png.push(performance.now() - w);
    t.pngCpu.push(cpuMs(c));
    await nextTurn();
    w = performance.now();
    c = process.cpuUsage();
    renderSvg(chart);
    t.svg.push(performance.now() - w);
    t.svgCpu.push(cpuMs(c));
    await nextTurn();
    w = performance.now();
    c = process.cpuUsage();
    const drawn = renderPngAndSvg(chart);
    encodePng(drawn.pixels, drawn.width, drawn.height);
    t.pair.push(performance.now() - w);
    t.pairCpu.push(cpuMs(c));
    await nextTurn();
  }
  line(
    `${kind} (${scope}) "${chart.id}" ${chart.width * 2}×${chart.height * 2}, median`,
    `PNG ${fmt(median(t.png))} ms wall / ${fmt(median(t.pngCpu))} ms CPU, SVG ${fmt(median(t.svg))} / ${fmt(median(t.svgCpu))} ms; ` +
      `both in one layout ${fmt(median(t.pair))} / ${fmt(median(t.pairCpu))} ms`,
  );
  if (median(t.pngCpu) > slowest.ms && shown.some((s) => s.id === chart.id)) slowest = { kind, ms: median(t.pngCpu), chart };
  if (median(t.pairCpu) > slowestPair.ms) slowestPair = { kind, ms: median(t.pairCpu) };
}
line(
  'slowest kind (PNG, CPU; both files in one layout, CPU)',
  `${slowest.kind}: ${fmt(slowest.ms)} ms; ${slowestPair.kind}: ${fmt(slowestPair.ms)} ms`,
);

// 1b. Resident memory over 400 PNG + SVG pairs, as the ZIP and the PDF render them.
const N = 400;
const rss0 = process.memoryUsage.rss();
let rssMid = 0;
let pairs = 0;
const t0 = performance.now();
await renderMany(
  Array.from({ length: N }, (_, i) => shown[i % shown.length]!),
  ['png', 'svg'],
  (_c, format) => {
    if (format === 'svg' && ++pairs === N / 2) rssMid = process.memoryUsage.rss();
  },
);
line(
  `RSS before / after ${N / 2} / after ${N} PNG+SVG pairs`,
  `${fmt(rss0 / MB)} / ${fmt(rssMid / MB)} / ${fmt(process.memoryUsage.rss() / MB)} MB (${fmt((performance.now() - t0) / N)} ms a pair)`,
);

if (!process.env.BENCH_SKIP_HTTP) await overHttp();
line('peak RSS of this process (maxRSS, worker threads included)', `${fmt(process.resourceUsage().maxRSS / 1024)} MB`);

/** 2. The downloads as a researcher gets them. */
async function overHttp(): Promise<void> {
  const { buildApp } = await import('../server/app.ts');
  const { loadConfig } = await import('../server/config.ts');
  const { startEmbeddedPostgres } = await import('../server/db/embedded.ts');
  const { migrateToLatest } = await import('../server/db/migrate.ts');
  const { publishAll } = await import('../server/services/definitions.ts');
  const { createApiToken, createUser } = await import('../server/services/users.ts');
  const { createWave } = await import('../server/services/waves.ts');

  const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-bench-charts-'));
  const pg = await startEmbeddedPostgres({ dataDir });
  const app = await buildApp({
    config: loadConfig({
      LOG_LEVEL: 'error',
      SESSION_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...(process.env.WORKER_THREADS && { WORKER_THREADS: process.env.WORKER_THREADS }),
    }),
    databaseUrl: pg.url,
  });
  try {
    await migrateToLatest(app.db);
    await publishAll(app.db);
    const teamNames = [...new Set(responses.map((r) => r.team))].sort();
    const { waveId } = await createWave(app.db, SECRET, {
      programme: 'Bench',
      label: 'Bench 2016',
      definition: 'wijkteam@2016',
      teams: teamNames.map((name) => ({ name, members: 25 })),
      opensOn: '2016-02-01',
      closesOn: '2016-03-01',
    });
    const teamIds = new Map(
      (
        await app.db
          .selectFrom('wave_team')
          .innerJoin('team', 'team.id', 'wave_team.team_id')
          .select(['team.id', 'team.name'])
          .where('wave_team.wave_id', '=', waveId)
          .execute()
      ).map((t) => [t.name, t.id]),
    );
    const rows = await app.db
      .insertInto('response')
      .values(
        responses.map((r) => ({
          wave_id: waveId,
          team_id: teamIds.get(r.team)!,
          status: 'complete' as const,
          started_on: '2016-02-03',
          updated_on: '2016-02-03',
          completed_on: '2016-02-03',
        })),
      )
      .returning('id')
      .execute();
    const answers = responses.flatMap((r, i) =>
      Object.entries(r.answers)
        .filter(([, v]) => v !== null)
        .map(([item_id, v]) => ({
          response_id: rows[i]!.id,
          item_id,
          value_num: typeof v === 'number' ? v : null,
          value_text: typeof v === 'string' ? v : null,
        })),
    );
    for (let i = 0; i < answers.length; i += 5000)
      await app.db
        .insertInto('answer')
        .values(answers.slice(i, i + 5000))
        .execute();
    const programmeId = (await app.db.selectFrom('programme').select('id').executeTakeFirstOrThrow()).id;
    const user = await createUser(app.db, { email: 'bench@example.nl', role: 'researcher', programmeIds: [programmeId] });
    const { token } = await createApiToken(app.db, user.id, 'bench');
    const headers = { authorization: `Bearer ${token}` };
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(
      `  over HTTP: ${address}, ${app.workerPool.stats().threads} worker thread(s), ${answers.length} answers; load average ${load()}`,
    );

    /** One GET from request to last byte, with a respondent's /healthz every 200 ms meanwhile. */
    const get = async (label: string, url: string) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const health: number[] = [];
      let probing = true;
      const probe = (async () => {
        while (probing) {
          const h0 = performance.now();
          const h = await fetch(`${address}/healthz`);
          await h.arrayBuffer();
          health.push(performance.now() - h0);
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const res = await fetch(`${address}${url}`, { headers });
      let first = 0;
      let bytes = 0;
      for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) {
        first ||= performance.now() - w0;
        bytes += (chunk as Uint8Array).length;
      }
      const wall = performance.now() - w0;
      const cpu = cpuMs(c0);
      probing = false;
      await probe;
      delay.disable();
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
      health.sort((a, b) => a - b);
      line(
        label,
        `${fmt(wall / 1000, 2)} s to last byte (first byte ${fmt(first / 1000, 2)} s), ${fmt(bytes / MB, 1)} MB; ` +
          `CPU ${fmt(cpu / 1000, 1)} s (process: worker threads, libuv, this client); ` +
          `event-loop delay max ${fmt(delay.max / 1e6)} ms; /healthz ${health.length}× median ${fmt(median(health))} ms, max ${fmt(health.at(-1) ?? 0)} ms; load ${load()}`,
      );
    };

    const teamId = teamIds.get(team)!;
    await get('GET team report.pdf (first: analysis + render)', `/api/waves/${waveId}/teams/${teamId}/report.pdf`);
    await get('GET team report.pdf (analysis cached)', `/api/waves/${waveId}/teams/${teamId}/report.pdf`);
    const scope = waveCharts(input).some((c) => c.id === slowest.chart.id) ? '' : `teams/${teamId}/`;
    await get(`GET one chart .png (${slowest.chart.id})`, `/api/waves/${waveId}/${scope}charts/${slowest.chart.id}.png`);
    await get(`GET charts.zip, ${TEAMS} teams`, `/api/waves/${waveId}/charts.zip`);
  } finally {
    await app.close();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
