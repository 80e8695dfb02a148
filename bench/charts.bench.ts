/**
 * Charts and reports on the user's path: one chart (PNG at 2× and SVG), the ZIP of all
 * charts of a wave of 50 teams (streamed, as GET /api/waves/:id/charts.zip sends it),
 * the PDF of one team and of the wave, and resident memory over hundreds of charts.
 * Aims (issue 10): one chart ≤ 100 ms; ZIP and team PDF well under a minute; memory flat.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyse } from '../analysis/index.ts';
import { getDefinition } from '../survey-definitions/index.ts';
import { teamCharts, type TChart } from '../server/charts/index.ts';
import { renderPng, renderSvg } from '../server/charts/render.ts';
import { teamPdf } from '../server/reports/pdf.ts';
import type { TReportInput } from '../server/reports/types.ts';
import { chartsZipStream } from '../server/reports/zip.ts';
import { syntheticResponses } from './synthetic.ts';

const MB = 1024 * 1024;
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(50)} ${value}`);
/** CPU time of this process since `start`: what a chart costs when the machine is shared. */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const definition = getDefinition('wijkteam@2016')!;
const responses = syntheticResponses(definition, { respondents: 50 * 20, teams: 50, seed: 7, partialShare: 0.1 });
const report = analyse(definition, responses, { threshold: 5 });
const members = Object.fromEntries(report.meta.teams.map((m) => [m.team, 25]));
const input: TReportInput = { report, definition, lang: 'nl', wave: { id: 1, label: 'Bench 2016', programme: 'Bench', members } };
const team = report.meta.teams.find((m) => !m.suppressed)!.team;
const charts = teamCharts(input, team).filter((c): c is TChart => c.status === 'shown');

console.log(`charts.bench.ts — wijkteam@2016, ${report.meta.teams.length} teams, ${responses.length} respondents`);

// One chart: the group-dynamics profile, and the largest one (a distribution of 22 statements).
const largest = [...charts].sort((a, b) => b.height - a.height)[0]!;
for (const chart of [charts[0]!, largest]) {
  renderPng(chart);
  const png: number[] = [];
  const svg: number[] = [];
  const cpu = { png: [] as number[], svg: [] as number[] };
  for (let i = 0; i < 15; i++) {
    let t = performance.now();
    let c = process.cpuUsage();
    renderPng(chart);
    png.push(performance.now() - t);
    cpu.png.push(cpuMs(c));
    t = performance.now();
    c = process.cpuUsage();
    renderSvg(chart);
    svg.push(performance.now() - t);
    cpu.svg.push(cpuMs(c));
  }
  line(
    `one chart "${chart.id}" (${chart.width * 2}×${chart.height * 2}) PNG, median`,
    `${fmt(median(png))} ms wall, ${fmt(median(cpu.png))} ms CPU`,
  );
  line(`one chart "${chart.id}" SVG, median`, `${fmt(median(svg))} ms wall, ${fmt(median(cpu.svg))} ms CPU`);
}

// Memory over hundreds of charts.
const rss0 = process.memoryUsage.rss();
let rssMid = 0;
const N = 400;
for (let i = 0; i < N; i++) {
  const c = charts[i % charts.length]!;
  renderPng(c);
  renderSvg(c);
  if (i === N / 2) rssMid = process.memoryUsage.rss();
}
const rss1 = process.memoryUsage.rss();
line(`RSS before / after ${N / 2} / after ${N} chart pairs`, `${fmt(rss0 / MB)} / ${fmt(rssMid / MB)} / ${fmt(rss1 / MB)} MB`);

// Team PDF.
let t = performance.now();
let c0 = process.cpuUsage();
const pdf = await teamPdf(input, team);
line(
  'PDF of one team',
  `${fmt((performance.now() - t) / 1000, 1)} s wall, ${fmt(cpuMs(c0) / 1000, 1)} s CPU, ${fmt(pdf.length / MB, 1)} MB`,
);

// ZIP of the wave: bytes as they would go out over HTTP. BENCH_ZIP_TEAMS=n limits the
// wave to its first n teams (for a quick run on a crowded machine).
const zipTeams = Number(process.env.BENCH_ZIP_TEAMS ?? report.meta.teams.length);
if (zipTeams < report.meta.teams.length) {
  const keep = new Set(report.meta.teams.slice(0, zipTeams).map((m) => m.team));
  input.report = { ...report, meta: { ...report.meta, teams: report.meta.teams.filter((m) => keep.has(m.team)) } };
}
t = performance.now();
c0 = process.cpuUsage();
let bytes = 0;
let entries = 0;
for await (const chunk of chartsZipStream(input, (p) => (entries = p.total))) bytes += (chunk as Buffer).length;
line(
  `ZIP of all charts, ${input.report.meta.teams.length} teams (${entries} files)`,
  `${fmt((performance.now() - t) / 1000, 1)} s wall, ${fmt(cpuMs(c0) / 1000, 1)} s CPU, ${fmt(bytes / MB)} MB`,
);
console.log(
  `  load average ${os
    .loadavg()
    .map((x) => fmt(x, 1))
    .join(' / ')} on ${os.cpus().length} cores`,
);
line('peak RSS (maxRSS)', `${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
