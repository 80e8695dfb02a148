/**
 * Data in and out at the size of a national programme: 100,000 responses of
 * `wijkteam@2016` (140 columns) in 50 teams. Measures, on the user's path:
 *   - reading and checking the CSV (parse + check: `checkImport`, what the worker-pool
 *     task `importCheck` runs; no database);
 *   - the import into an embedded PostgreSQL (`importResponses`: check, then COPY in one
 *     transaction), with the check and the writing timed apart;
 *   - every export format from the database through `npm run export` (a child process
 *     per format: wall and CPU time, peak resident memory);
 *   - `npm run analyse -- --input <csv> --output <json>` end to end, as a child process
 *     (time and peak memory), and the report's size;
 *   - for scale, SciPy's `kendalltau` on the same data (overall tau-b matrix only), when
 *     python3 with scipy is on the machine (BENCH_SKIP_SCIPY=1 to leave it out).
 * Run with `npm run bench -- interchange` (BENCH_ROWS=… for another size).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { kyselyOn } from '../server/db/kysely.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { pgTypes } from '../server/db/pg-types.ts';
import { responsesCsv, type TResponseRecord } from '../server/formats/responses-csv.ts';
import { checkImport } from '../server/formats/import-rows.ts';
import { publishAll } from '../server/services/definitions.ts';
import { EXPORT_FORMATS } from '../server/services/export.ts';
import { importResponses } from '../server/services/import.ts';
import { createWave } from '../server/services/waves.ts';
import { getDefinition, scaledItems } from '../survey-definitions/index.ts';
import { prng, syntheticResponses } from './synthetic.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TEAMS = 50;
const MB = 1024 * 1024;
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
const root = path.resolve(import.meta.dirname, '..');

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0, cpuMs: (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000 };
}

const def = getDefinition('wijkteam@2016')!;
const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-interchange-bench-'));
console.log(
  `interchange.bench — ${def.id}@${def.version}, ${fmt(ROWS)} responses, ${TEAMS} teams (machine load ${os
    .loadavg()
    .map((l) => fmt(l, 1))
    .join(' / ')})`,
);

// The data: synthetic answers, and an open answer for a third of the respondents.
const random = prng(7);
const records: TResponseRecord[] = syntheticResponses(def, { respondents: ROWS, teams: TEAMS, seed: 2016 }).map((r, i) => ({
  id: '',
  team: r.team,
  status: r.status,
  answers: {
    ...r.answers,
    'open.needs':
      r.status === 'complete' && random() < 0.33 ? `Meer tijd voor overleg met cliënten en ketenpartners (${i}).` : null,
  },
}));
const csv = responsesCsv(def, records);
const csvFile = path.join(dir, 'responses.csv');
await writeFile(csvFile, csv);
line('CSV-bestand (niet meegeteld)', `${fmt(csv.length / MB, 1)} MB`);
const bytes = await readFile(csvFile);

const teamNames = [...new Set(records.map((r) => r.team!))].sort();
const parsed = await timed(() => checkImport({ definition: def, input: bytes, teams: teamNames, rows: true }));
if (parsed.value.errors.length > 0) throw new Error(`bench data does not parse: ${JSON.stringify(parsed.value.errors[0])}`);
line('inlezen + controleren (parse + check, zonder database)', `${fmt(parsed.ms)} ms (cpu ${fmt(parsed.cpuMs)} ms)`);

// BENCH_SKIP_DB=1: only the file side (parse, analyse, SciPy), for a quick look.
if (!process.env.BENCH_SKIP_DB) await databaseSide();

async function databaseSide(): Promise<void> {
  const data = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-interchange-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir: data });
  const pool = new pg.Pool({ connectionString: embedded.url, max: 4, types: pgTypes });
  const db = kyselyOn(pool);
  try {
    await migrateToLatest(db);
    await publishAll(db);
    const teams = [...new Set(records.map((r) => r.team!))].sort().map((name) => ({ name, members: (2 * ROWS) / TEAMS }));
    const { waveId } = await createWave(db, 'bench-secret-bench-secret-bench-secret-0123', {
      programme: 'Bench',
      label: 'Bench',
      definition: 'wijkteam@2016',
      teams,
      opensOn: '2016-02-01',
      closesOn: '2016-03-01',
    });
    let checkMs = 0;
    const imported = await timed(() =>
      importResponses(db, waveId, bytes, {
        actor: 'bench',
        check: (input) => {
          const t0 = performance.now();
          const result = checkImport(input);
          checkMs = performance.now() - t0;
          return result;
        },
      }),
    );
    line('import: inlezen + controleren', `${fmt(checkMs)} ms`);
    line(
      'import: in PostgreSQL (COPY, 1 transactie)',
      `${fmt(imported.ms - checkMs)} ms (${fmt(imported.value.answers)} antwoorden)`,
    );
    line('import: totaal', `${fmt(imported.ms)} ms (cpu node ${fmt(imported.cpuMs)} ms)`);

    // Each export as a researcher runs it: npm run export, a process of its own, to a file.
    for (const format of EXPORT_FORMATS) {
      const output = path.join(dir, `export.${format}`);
      const started = performance.now();
      const run = spawnSync(
        '/usr/bin/time',
        [
          '-f',
          '%M %U %S',
          process.execPath,
          '--import',
          'tsx',
          'server/cli/export.ts',
          '--wave',
          String(waveId),
          '--format',
          format,
          '--output',
          output,
        ],
        { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: embedded.url } },
      );
      const ms = performance.now() - started;
      if (run.status !== 0) throw new Error(`export ${format} failed: ${run.stderr}`);
      const [peakKb, userS, systemS] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
      line(
        `npm run export -- --format ${format}`,
        `${fmt(ms)} ms (cpu ${fmt((userS + systemS) * 1000)} ms), ${fmt((await stat(output)).size / MB, 1)} MB, piek ${fmt(peakKb / 1024)} MB`,
      );
    }
  } finally {
    await pool.end();
    await embedded.stop();
    await rm(data, { recursive: true, force: true });
  }
}

// npm run analyse end to end, as a researcher runs it; GNU time gives the peak memory.
const out = path.join(dir, 'report.json');
const t0 = performance.now();
const run = spawnSync(
  '/usr/bin/time',
  ['-f', '%M %U %S', process.execPath, '--import', 'tsx', 'server/cli/analyse.ts', '--input', csvFile, '--output', out],
  {
    cwd: root,
    encoding: 'utf8',
  },
);
const analyseMs = performance.now() - t0;
if (run.status !== 0) throw new Error(`analyse failed: ${run.stderr}`);
const [peakKb, userS, systemS] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
line(
  'npm run analyse op de CSV (proces, van bestand tot rapport)',
  `${fmt(analyseMs)} ms (cpu ${fmt((userS + systemS) * 1000)} ms), piek ${fmt(peakKb / 1024)} MB`,
);
line('rapport (JSON, standaard: geen tau-b per team)', `${fmt((await stat(out)).size / MB, 1)} MB`);

// SciPy, for scale: kendalltau on the pooled data for a sample of pairs, extrapolated to
// the whole matrix (SciPy has no contingency-table shortcut: each pair sorts 100,000 rows).
const items = scaledItems(def).map((i) => i.id);
const pairs = (items.length * (items.length - 1)) / 2;
const script = `
import csv, sys, time, random
from scipy.stats import kendalltau
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
rows = [r for r in rows if r['status'] == 'complete']
items = sys.argv[2].split(',')
cols = {i: [float(r[i]) if r[i] != '' else float('nan') for r in rows] for i in items}
pairs = [(a, b) for k, a in enumerate(items) for b in items[k + 1:]]
random.seed(1)
sample = random.sample(pairs, 100)
t = time.process_time()
for a, b in sample: kendalltau(cols[a], cols[b], nan_policy='omit')
print((time.process_time() - t) / len(sample) * 1000)
`;
if (process.env.BENCH_SKIP_SCIPY) line('SciPy', 'overgeslagen (BENCH_SKIP_SCIPY)');
else
  try {
    const perPair = Number(execFileSync('python3', ['-c', script, csvFile, items.join(',')], { encoding: 'utf8' }).trim());
    line('SciPy kendalltau, 1 paar (cpu, gemiddelde van 100)', `${fmt(perPair, 1)} ms`);
    line(`SciPy, hele matrix (${fmt(pairs)} paren, alleen totaal, geschat, cpu)`, `${fmt((perPair * pairs) / 1000, 1)} s`);
  } catch (error) {
    line('SciPy', `niet gemeten: ${(error as Error).message.split('\n')[0]}`);
  }
await rm(dir, { recursive: true, force: true });
