/**
 * All charts of a wave as one ZIP: a folder per team (plain-ASCII names), PNG (stored:
 * already compressed) and SVG (deflated) of every chart, and a text file with each
 * chart's title and alt text. A team below the threshold gets a folder with only a
 * notice: no chart, no number, no file name with a figure in it. Streamed: charts are
 * rendered one by one and the archive's bytes go out as they are made.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { teamCharts, waveCharts } from '../charts/index.ts';
import { renderPng, renderSvg } from '../charts/render.ts';
import { slug } from '../charts/text.ts';
import type { TChartResult } from '../charts/types.ts';
import type { TReportInput } from './types.ts';

export interface TZipProgress {
  done: number;
  total: number;
}

interface TFolder {
  name: string;
  charts: TChartResult[];
}

/** Folder names: the wave first, then every team in the report's order; clashes get a number. */
function folders(input: TReportInput): TFolder[] {
  const used = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}-${i}`;
    used.add(candidate);
    return candidate;
  };
  return [
    { name: unique(input.lang === 'en' ? 'all-teams' : 'alle-teams'), charts: waveCharts(input) },
    ...input.report.meta.teams.map((m) => ({ name: unique(slug(m.team)), charts: teamCharts(input, m.team) })),
  ];
}

/** The ZIP's entries as they will be written: for tests and progress. */
export function zipEntryNames(input: TReportInput): string[] {
  return folders(input).flatMap((f) => entriesOf(f).map((e) => e.name));
}

interface TEntry {
  name: string;
  kind: 'png' | 'svg' | 'text';
  chart?: TChartResult;
  text?: string;
}

function entriesOf(folder: TFolder): TEntry[] {
  const shown = folder.charts.filter((c) => c.status === 'shown');
  const notices = folder.charts.filter((c) => c.status === 'suppressed');
  const out: TEntry[] = shown.flatMap((c) => [
    { name: `${folder.name}/${c.id}.png`, kind: 'png' as const, chart: c },
    { name: `${folder.name}/${c.id}.svg`, kind: 'svg' as const, chart: c },
  ]);
  const lines = [
    ...shown.map((c) => `${c.id}\n${c.title}\n${c.status === 'shown' ? c.alt : ''}\n`),
    ...notices.map((c) => `${c.title}: ${c.status === 'suppressed' ? c.notice : ''}\n`),
  ];
  const name = shown.length > 0 ? 'beschrijvingen.txt' : 'te-weinig-respondenten.txt';
  out.push({ name: `${folder.name}/${name}`, kind: 'text', text: lines.join('\n') });
  return out;
}

/**
 * The ZIP as a stream. `onProgress` is called after every entry; rendering yields to the
 * event loop between charts so other requests are served meanwhile.
 */
export function chartsZipStream(input: TReportInput, onProgress?: (p: TZipProgress) => void): Readable {
  const entries = folders(input).flatMap(entriesOf);
  const output = new Readable({ read() {} });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      output.destroy(error);
      return;
    }
    output.push(Buffer.from(chunk));
    if (final) output.push(null);
  });
  const mtime = new Date('2020-01-01T00:00:00Z');
  (async () => {
    let done = 0;
    for (const entry of entries) {
      const data =
        entry.kind === 'png'
          ? renderPng(entry.chart as Extract<TChartResult, { status: 'shown' }>)
          : Buffer.from(
              entry.kind === 'svg' ? renderSvg(entry.chart as Extract<TChartResult, { status: 'shown' }>) : entry.text!,
              'utf8',
            );
      // Stored PNG, deflated text; os 3 (Unix) so unzip reads the names as they are.
      const file = entry.kind === 'png' ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
      Object.assign(file, { os: 3, mtime, attrs: 0o644 << 16 });
      zip.add(file);
      file.push(data, true);
      onProgress?.({ done: ++done, total: entries.length });
      await yieldToLoop();
    }
    zip.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

export async function chartsZip(input: TReportInput, onProgress?: (p: TZipProgress) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of chartsZipStream(input, onProgress)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
