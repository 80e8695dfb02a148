/**
 * Run by memory.test.ts in a process of its own (so the test runner's heap is not in the
 * figures): renders hundreds of PNG + SVG pairs, first in this thread through the batch
 * paths (renderMany, the ZIP's zipFolderEntries), then through the worker pool as the
 * HTTP routes do, and prints resident memory along the way as JSON.
 */
import { teamCharts, type TChart } from '../../../server/charts/index.ts';
import { renderMany } from '../../../server/charts/render.ts';
import { zipFolderEntries } from '../../../server/reports/zip.ts';
import { WorkerPool } from '../../../server/workers/pool.ts';
import { chartFixture } from '../../helpers/charts.ts';

const MB = 1024 * 1024;
const { definition, report, shownTeam } = chartFixture();
const folder = { name: 'team', charts: teamCharts({ report, definition, lang: 'nl' }, shownTeam) };
const charts = folder.charts.filter((c): c is TChart => c.status === 'shown');
const pairs = Number(process.argv[2] ?? 200);
const tasks = Number(process.argv[3] ?? 10);

const rss = () => Math.round(process.memoryUsage.rss() / MB);
const samples: Record<string, number> = {};

// In this thread: renderMany over `pairs` pairs, then the ZIP's folder task.
const list = Array.from({ length: pairs }, (_, i) => charts[i % charts.length]!);
let done = 0;
await renderMany(list, ['png', 'svg'], (_c, format) => {
  if (format !== 'svg') return;
  done++;
  if (done === Math.round(pairs / 4)) samples.threadWarm = rss();
});
samples.threadEnd = rss();
await zipFolderEntries(folder);
await zipFolderEntries(folder);
samples.threadZip = rss();

// In a worker thread, as the routes do: one folder (charts.length pairs) per task.
const pool = new WorkerPool({ threads: 1, queue: 4, taskTimeoutMs: 300_000 });
for (let i = 0; i < tasks; i++) {
  const entries = await pool.run('zipFolder', folder);
  if (entries.length !== charts.length * 2 + 1) throw new Error(`folder task gave ${entries.length} entries`);
  if (i === Math.round(tasks / 4)) samples.poolWarm = rss();
}
samples.poolEnd = rss();
await pool.close();

console.log(
  JSON.stringify({
    chartsPerFolder: charts.length,
    pairsInThread: pairs + 2 * charts.length,
    pairsInPool: tasks * charts.length,
    samples,
    maxRss: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
