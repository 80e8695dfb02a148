/**
 * All charts of a wave as one ZIP: a folder per team (plain-ASCII names), PNG (stored:
 * already compressed) and SVG (deflated) of every chart, and a text file with each
 * chart's title and alt text. A team below the threshold gets a folder with only a
 * notice: no chart, no number, no file name with a figure in it.
 *
 * Streamed, folder by folder, and rendered off the event loop: the caller's thread only
 * builds each folder's chart configurations (plain data, a few ms a team) and writes the
 * archive's headers; `render` turns a folder into finished entries — rendered,
 * compressed, CRC'd — in a worker thread (the HTTP route) or in this thread (the CLI).
 * One folder is rendered ahead while the previous one is sent, so memory stays at about
 * two folders whatever the wave's size. See README.md for why this design.
 */
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';
import { teamCharts, waveCharts } from '../charts/index.ts';
import { nextTurn, renderPngAndSvg } from '../charts/render.ts';
import { encodePngAsync, outputChunk } from '../charts/png.ts';
import { slug } from '../charts/text.ts';
import type { TChart, TChartResult } from '../charts/types.ts';
import type { TReportInput } from './types.ts';
import { zipStream, type TZipEntry } from '../formats/zip-stream.ts';

/** A finished file of the archive: compressed and CRC'd in the worker. */
export type TPackedEntry = Extract<TZipEntry, { packed: unknown }>;

const deflateRawAsync = promisify(deflateRaw);

export interface TZipProgress {
  /** Folders (one per team, then the wave's) written so far, of `total`. */
  done: number;
  total: number;
  /** Files written so far. */
  files: number;
}

/** One folder as it goes to a worker: its name and its charts (plain data). */
export interface TZipFolder {
  name: string;
  charts: TChartResult[];
}

/** Turns a folder into its finished entries: `zipFolderEntries`, here or in a worker. */
export type TFolderRenderer = (folder: TZipFolder) => Promise<TPackedEntry[]>;

interface TPlannedFolder {
  name: string;
  team: string | null;
}

/**
 * Folder names: the wave's reserved first, then every team in the report's order; clashes
 * get a number. Written teams first, the wave's folder (the largest: every construct for
 * all teams) last, so the first bytes — and the progress in the page — come within a
 * team's rendering time rather than after the wave's.
 */
function plan(input: TReportInput): TPlannedFolder[] {
  const used = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}-${i}`;
    used.add(candidate);
    return candidate;
  };
  const wave = { name: unique(input.lang === 'en' ? 'all-teams' : 'alle-teams'), team: null };
  return [...input.report.meta.teams.map((m) => ({ name: unique(slug(m.team)), team: m.team })), wave];
}

function folderOf(input: TReportInput, planned: TPlannedFolder): TZipFolder {
  return { name: planned.name, charts: planned.team === null ? waveCharts(input) : teamCharts(input, planned.team) };
}

async function entry(name: string, data: Uint8Array, compress: boolean): Promise<TPackedEntry> {
  // On libuv's thread pool: this thread draws the next chart meanwhile.
  const packed = compress ? await deflateRawAsync(data, { level: 6, chunkSize: outputChunk(data.length) }) : data;
  return {
    name,
    packed: {
      method: compress ? 8 : 0,
      crc: crc32(data) >>> 0,
      size: data.length,
      // A view over a buffer of its own, so a worker thread transfers it (see workers/README.md).
      data: packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength ? packed : new Uint8Array(packed),
    },
  };
}

/**
 * The worker's part: every file of one folder, finished. PNGs are stored (already
 * deflated), SVGs and texts deflated. One event-loop turn after every chart lets the
 * canvas free its native memory (charts/render.ts).
 */
export async function zipFolderEntries(folder: TZipFolder): Promise<TPackedEntry[]> {
  const shown = folder.charts.filter((c): c is TChart => c.status === 'shown');
  const notices = folder.charts.filter((c) => c.status === 'suppressed');
  const files: Promise<TPackedEntry[]>[] = [];
  for (const [i, c] of shown.entries()) {
    // One chart.js layout for both files. The compression runs on libuv's thread pool
    // (another core) while the next chart is drawn here; at most two charts' rows (16 MB
    // each at 2×) wait for it at a time.
    const drawn = renderPngAndSvg(c);
    const pair = Promise.all([
      encodePngAsync(drawn.pixels, drawn.width, drawn.height).then((png) => entry(`${folder.name}/${c.id}.png`, png, false)),
      entry(`${folder.name}/${c.id}.svg`, Buffer.from(drawn.svg, 'utf8'), true),
    ]);
    pair.catch(() => {}); // awaited below; until then a failure is not unhandled
    files.push(pair);
    if (i >= 2) await files[i - 2];
    await nextTurn();
  }
  const out = (await Promise.all(files)).flat();
  const lines = [
    ...shown.map((c) => `${c.id}\n${c.title}\n${c.alt}\n`),
    ...notices.map((c) => `${c.title}: ${c.status === 'suppressed' ? c.notice : ''}\n`),
  ];
  const name = shown.length > 0 ? 'beschrijvingen.txt' : 'te-weinig-respondenten.txt';
  out.push(await entry(`${folder.name}/${name}`, Buffer.from(lines.join('\n'), 'utf8'), true));
  return out;
}

export interface TZipOptions {
  render?: TFolderRenderer;
  /** Folders rendered ahead of the one being sent (default 1; the pool's thread count to use every thread). */
  ahead?: number;
  onProgress?: (p: TZipProgress) => void;
}

const inThisThread: TFolderRenderer = (folder) => zipFolderEntries(folder);

/**
 * The ZIP as a stream. Resolves once the first folder is rendered, so that a failure to
 * start (a full worker queue: 503) still reaches the caller before any byte is sent.
 */
export async function chartsZipStream(input: TReportInput, options: TZipOptions = {}): Promise<Readable> {
  const render = options.render ?? inThisThread;
  const folders = plan(input);
  const start = (i: number) => {
    const promise = render(folderOf(input, folders[i]!));
    // Awaited later; until then a failure must not count as an unhandled rejection.
    promise.catch(() => {});
    return promise;
  };
  const ahead = Math.max(1, options.ahead ?? 1);
  const first = await start(0);
  // Folders under way, in order: `ahead` of them are rendered while the one before is sent.
  const pending: Promise<TPackedEntry[]>[] = [Promise.resolve(first)];
  let started = 1;
  const fill = () => {
    while (started < folders.length && pending.length < ahead) pending.push(start(started++));
  };

  async function* entries(): AsyncGenerator<TPackedEntry> {
    let files = 0;
    fill();
    for (let i = 0; pending.length > 0; i++) {
      const folder = await pending.shift()!;
      fill();
      yield* folder;
      // The archive asks for the next entry once this folder's bytes are out.
      files += folder.length;
      options.onProgress?.({ done: i + 1, total: folders.length, files });
    }
  }
  return Readable.from(zipStream(entries()), { objectMode: false });
}

/** The whole ZIP in memory (the CLI writes it to a file). */
export async function chartsZip(input: TReportInput, options: TZipOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await chartsZipStream(input, options)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
