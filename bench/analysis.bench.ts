/**
 * The full analysis of `wijkteam@2016` on 100,000 synthetic respondents in 50 teams,
 * Kendall tau-b matrix over every scored item included. Aim: under 3 s and under
 * 1 GB. Also: one tau-b pair at n = 100,000. Run with `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { analyse, reportToMarkdown } from '../analysis/index.ts';
import { kendallFromTable, kendallTau } from '../analysis/stats/kendall.ts';
import { getDefinition, scaledItems } from '../survey-definitions/index.ts';
import { prng, syntheticResponses } from './synthetic.ts';

const RESPONDENTS = 100_000;
const TEAMS = 50;
const AIM_MS = 3_000;
const AIM_MB = 1_024;

const MB = 1024 * 1024;
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Peak resident memory while a synchronous call runs: a worker thread samples the
 * process's RSS every 2 ms (the main thread is busy, so it cannot sample itself).
 */
async function startRssSampler(): Promise<{ stop: () => Promise<number> }> {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     const sample = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; };
     sample();
     parentPort.postMessage('ready');
     setInterval(sample, 2);`,
    { eval: true, workerData: shared.buffer },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    stop: async () => {
      await worker.terminate();
      return shared[0]!;
    },
  };
}

function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

async function main(): Promise<void> {
  const definition = getDefinition('wijkteam@2016');
  if (!definition) throw new Error('wijkteam@2016 ontbreekt in survey-definitions');
  const items = scaledItems(definition).length;
  console.log(
    `analysis.bench — ${definition.id}@${definition.version}: ${items} schaalvragen, ${(items * (items - 1)) / 2} tau-paren`,
  );

  let t0 = performance.now();
  const responses = syntheticResponses(definition, { respondents: RESPONDENTS, teams: TEAMS, seed: 2016 });
  line('synthetische data (niet meegeteld)', `${fmt(performance.now() - t0)} ms, ${fmt(RESPONDENTS)} responses, ${TEAMS} teams`);

  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const timings: number[] = [];
  const cpu: number[] = [];
  let peakRss = 0;
  let pairs = 0;
  for (let run = 0; run < 3; run++) {
    const sampler = await startRssSampler();
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const report = analyse(definition, responses);
    timings.push(performance.now() - t0);
    cpu.push(process.cpuUsage(c0).user / 1000);
    peakRss = Math.max(peakRss, await sampler.stop());
    pairs = report.kendall.pairs.length;
    if (run === 0) {
      t0 = performance.now();
      const jsonBytes = JSON.stringify(report).length;
      line('JSON.stringify van het rapport', `${fmt(performance.now() - t0)} ms, ${fmt(jsonBytes / MB, 1)} MB`);
      t0 = performance.now();
      const markdown = reportToMarkdown(report, definition);
      line('reportToMarkdown', `${fmt(performance.now() - t0)} ms, ${fmt(markdown.length / 1024)} kB`);
    }
  }
  const first = timings[0]!;
  const best = Math.min(...timings);
  const maxRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kB
  console.log('');
  line('volledig rapport: eerste run (koud)', `${fmt(first)} ms (cpu ${fmt(cpu[0]!)} ms)`);
  line('volledig rapport: snelste van 3', `${fmt(best)} ms`);
  line('tau-b-paren (per team en totaal)', fmt(pairs));
  line('RSS vóór de analyse (invoer in geheugen)', `${fmt(rssBefore / MB)} MB`);
  line('piek-RSS tijdens de analyse', `${fmt(peakRss / MB)} MB (+${fmt((peakRss - rssBefore) / MB)} MB)`);
  line('piek-RSS van het hele proces (maxRSS)', `${fmt(maxRssMb)} MB`);

  // One pair at n = 100,000, the way the engine does it (codes → table → tau-b) and
  // through the convenience function on plain arrays.
  const random = prng(1);
  const x = new Uint8Array(RESPONDENTS);
  const y = new Uint8Array(RESPONDENTS);
  for (let i = 0; i < RESPONDENTS; i++) {
    x[i] = Math.floor(random() * 5);
    y[i] = Math.min(4, Math.max(0, x[i]! + Math.floor(random() * 3) - 1));
  }
  const reps = 200;
  t0 = performance.now();
  let tau = 0;
  for (let rep = 0; rep < reps; rep++) {
    const table = new Float64Array(25);
    for (let i = 0; i < RESPONDENTS; i++) table[x[i]! * 5 + y[i]!]! += 1;
    tau = kendallFromTable(table, 5, 5).tauB;
  }
  const tablePair = (performance.now() - t0) / reps;
  const xs = Array.from(x);
  const ys = Array.from(y);
  t0 = performance.now();
  const convenience = kendallTau(xs, ys);
  const convenienceMs = performance.now() - t0;
  console.log('');
  line('één tau-b-paar, n = 100.000 (tabel)', `${fmt(tablePair, 2)} ms (tau-b ${fmt(tau, 4)})`);
  line('één tau-b-paar, n = 100.000 (kendallTau op arrays)', `${fmt(convenienceMs, 1)} ms (p ${convenience.p.toExponential(2)})`);

  console.log('');
  const timeOk = first < AIM_MS;
  const memoryOk = maxRssMb < AIM_MB;
  line(`doel tijd < ${fmt(AIM_MS)} ms`, timeOk ? `gehaald (${fmt(first)} ms)` : `NIET gehaald (${fmt(first)} ms)`);
  line(`doel geheugen < ${fmt(AIM_MB)} MB`, memoryOk ? `gehaald (${fmt(maxRssMb)} MB)` : `NIET gehaald (${fmt(maxRssMb)} MB)`);
}

await main();
