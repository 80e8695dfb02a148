/**
 * Renders a chart configuration on the server: chart.js 4 on @napi-rs/canvas, PNG (at 2×
 * for print by default) and SVG from the same configuration. Pure functions of
 * serialisable input (a TChart), so they can run in a worker thread.
 *
 * The font comes from the @fontsource/inter npm package, registered explicitly: a
 * machine without system fonts would otherwise draw every chart without any text. The
 * SVG embeds the same font, so a reader needs none installed either.
 *
 * Speed (bench/charts.bench.ts): the pixels are drawn on one reused canvas per thread
 * (`surfaceFor`: a fresh 16 MB surface per chart was ~5 ms of page faults at 2×), and
 * `renderPngAndSvg` lays a chart out once for both files (record.ts), ~20% less work
 * than `renderPng` + `renderSvg`. PNG bytes are identical either way (tested).
 *
 * Memory: native buffers of @napi-rs/canvas (the SVG writer's output, pattern tiles, a
 * canvas of a size never seen before) are freed in finalisers, and Node runs those only
 * on a later turn of the event loop, not during the garbage collection that drops the
 * JavaScript object. A synchronous loop over many charts grew by ~16 MB per PNG at 2× and
 * ~2 MB per SVG (8 GB over 400 pairs) before the surface was reused; yielding one turn
 * between charts keeps it flat. So: render one chart per call, and in any loop over
 * charts `await nextTurn()` after each one (`renderMany` does).
 * tests/server/charts/memory.test.ts guards this.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setImmediate as immediate } from 'node:timers/promises';
import { createCanvas, GlobalFonts, SvgExportFlag, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import '../../web/static/chart-plugins.js';
import { encodePng, type TPngChannels } from './png.ts';
import { play, record, type TRecording } from './record.ts';
import type { TChart } from './types.ts';

const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'Inter';

interface TSharedPlugins {
  background: Plugin;
  patterns: Plugin & { createTile: ((w: number, h: number) => unknown) | null };
  valueLabels: Plugin;
}
const shared = (globalThis as unknown as { WijkmeterChartPlugins: TSharedPlugins }).WijkmeterChartPlugins;

/** The .woff files of the font (pdfkit embeds these; the .woff2 trips its subsetter). */
export function fontFile(weight: 400 | 700, format: 'woff' | 'woff2' = 'woff'): string {
  return require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.${format}`);
}

let ready = false;
function setUp(): void {
  if (ready) return;
  for (const weight of [400, 700] as const) GlobalFonts.registerFromPath(fontFile(weight, 'woff2'), FONT_FAMILY);
  if (!GlobalFonts.has(FONT_FAMILY)) throw new Error(`font ${FONT_FAMILY} could not be registered`);
  shared.patterns.createTile = (w, h) => createCanvas(w, h);
  Chart.register(...registerables, shared.background, shared.patterns, shared.valueLabels);
  Chart.defaults.font.family = FONT_FAMILY;
  ready = true;
}

function draw(chart: TChart, canvas: { getContext(kind: '2d'): unknown }, pixelRatio: number): Chart {
  // chart.js writes into the configuration it is given; a copy keeps the chart reusable.
  const config = structuredClone(chart.config) as ChartConfiguration;
  config.options = { ...config.options, devicePixelRatio: pixelRatio, responsive: false, animation: false };
  return new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, config);
}

/**
 * The canvas charts are drawn on for their pixels: one per thread, as large as the
 * largest chart so far, reused. A new canvas per chart cost ~5 ms more at 2× on our
 * machines (its 16 MB surface is fresh memory, touched page by page, and freed only on a
 * later turn of the event loop), and its pixels kept the collector busy.
 */
let surface: { canvas: Canvas; ctx: SKRSContext2D } | undefined;

function surfaceFor(width: number, height: number): { canvas: Canvas; ctx: SKRSContext2D } {
  if (!surface || surface.canvas.width < width || surface.canvas.height < height) {
    const canvas = createCanvas(Math.max(width, surface?.canvas.width ?? 0), Math.max(height, surface?.canvas.height ?? 0));
    surface = { canvas, ctx: canvas.getContext('2d') };
  }
  return surface;
}

/**
 * Draws `chart` at `scale` × its size on the thread's surface and returns its pixels:
 * RGBA, row by row, `width` × `height`; with `recorded`, also the recording of the
 * drawing (record.ts) to play into the SVG. chart.js sees a stand-in for the canvas: it
 * reads the chart's size from it and then sets the device size, which on the real canvas
 * would allocate a new surface (not needed: the surface is at least that large, and only
 * the chart's own rectangle is read back).
 */
function drawPixels(
  chart: TChart,
  scale: number,
  recorded = false,
): { pixels: Uint8Array; width: number; height: number; recording?: TRecording } {
  const width = Math.floor(chart.width * scale);
  const height = Math.floor(chart.height * scale);
  const { ctx } = surfaceFor(width, height);
  // The size chart.js reads, then sets to the device size (checked after drawing).
  const seen = { width: chart.width, height: chart.height };
  const standIn = Object.assign(seen, { getContext: () => drawn });
  // chart.js reads `ctx.canvas`: on the surface's context it is the stand-in.
  Object.defineProperty(ctx, 'canvas', { value: standIn, configurable: true });
  const recorder = recorded ? record(ctx, standIn) : undefined;
  const drawn = recorder ? recorder.context : ctx;
  let instance: Chart | undefined;
  // Each chart starts from the state the surface was made with (chart.js's own saves and
  // restores are balanced): transform, clip, styles. A chart that fails mid-way may not
  // have balanced them, so the surface goes with it.
  ctx.save();
  let failed = true;
  try {
    instance = draw(chart, standIn, scale);
    // Before destroy(): chart.js clears the canvas there, which is no part of the picture.
    const recording = recorder?.stop();
    if (seen.width !== width || seen.height !== height)
      throw new Error(`chart ${chart.id}: drawn at ${seen.width}×${seen.height}, expected ${width}×${height}`);
    const pixels = ctx.getImageData(0, 0, width, height).data as unknown as Uint8Array;
    failed = false;
    return { pixels, width, height, ...(recording && { recording }) };
  } finally {
    instance?.destroy();
    ctx.restore();
    if (failed) surface = undefined;
  }
}

/**
 * PNG of the chart, `scale` × its CSS size (2 for print). `channels`: 'rgb' for pdfkit,
 * which handles an alpha channel slowly (see png.ts); 'rgba' is faster to encode.
 */
export function renderPng(chart: TChart, scale = 2, channels: TPngChannels = 'rgba'): Buffer {
  setUp();
  const { pixels, width, height } = drawPixels(chart, scale);
  return encodePng(pixels, width, height, channels);
}

let fontFace: string | undefined;
/** Inter (both weights) as an embedded @font-face, so the SVG's text needs no installed font. */
function embeddedFont(): string {
  fontFace ??= ([400, 700] as const)
    .map(
      (w) =>
        `@font-face{font-family:${FONT_FAMILY};font-weight:${w};src:url(data:font/woff2;base64,${readFileSync(fontFile(w, 'woff2')).toString('base64')}) format("woff2")}`,
    )
    .join('');
  return `<style>${fontFace}</style>`;
}

/**
 * Standalone SVG of the chart with a viewBox, a <title> and <desc> (alt text). Text stays
 * text (small files, searchable, selectable) in Inter, embedded in the file; with
 * `textAsPaths` every glyph becomes an outline instead (about ten times larger and slower).
 */
export function renderSvg(chart: TChart, options: { textAsPaths?: boolean } = {}): string {
  setUp();
  const canvas = svgCanvas(chart, options);
  const ctx = canvas.getContext('2d');
  const fillText = ctx.fillText.bind(ctx);
  ctx.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
    withoutContextualAlternates(ctx);
    if (maxWidth === undefined) fillText(text, x, y);
    else fillText(text, x, y, maxWidth);
  };
  const instance = draw(chart, { getContext: () => ctx }, 1);
  try {
    return svgDocument(chart, canvas.getContent().toString('utf8'), options);
  } finally {
    instance.destroy();
  }
}

function svgCanvas(chart: TChart, options: { textAsPaths?: boolean }) {
  const flags = options.textAsPaths ? SvgExportFlag.ConvertTextToPaths : SvgExportFlag.NoPrettyXML;
  return createCanvas(chart.width, chart.height, flags);
}

/**
 * Skia's SVG writer drops characters that Inter's contextual alternates reshape, e.g.
 * "(0–1)" after a word: without "calt" every character arrives in the <text>. chart.js
 * sets `font` before each text, which resets the features: so this goes before every
 * fillText.
 */
function withoutContextualAlternates(ctx: SKRSContext2D): void {
  ctx.fontFeatureSettings = '"calt" 0';
}

function svgDocument(chart: TChart, svg: string, options: { textAsPaths?: boolean }): string {
  const head = `<title>${escapeXml(chart.title)}</title><desc>${escapeXml(chart.alt)}</desc>${options.textAsPaths ? '' : embeddedFont()}`;
  return svg.replace(
    /<svg([^>]*?)width="(\d+)" height="(\d+)"([^>]*)>/,
    (_m, a: string, w: string, h: string, b: string) =>
      `<svg${a}width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(chart.title)}"${b}>${head}`,
  );
}

/** A chart's pixels (RGBA, `scale` × its size) and its SVG, drawn by chart.js once. */
export interface TPngAndSvg {
  pixels: Uint8Array;
  width: number;
  height: number;
  svg: string;
}

/**
 * The PNG's pixels and the SVG of one chart from a single chart.js layout: chart.js draws
 * into the PNG's canvas through a recorder (record.ts), and the recording is played into
 * the SVG's canvas at 1×. About 20% less work than renderPng + renderSvg.
 */
export function renderPngAndSvg(chart: TChart, scale = 2): TPngAndSvg {
  setUp();
  const { pixels, width, height, recording } = drawPixels(chart, scale, true);
  const svg = svgCanvas(chart, {});
  const ctx = svg.getContext('2d');
  play(recording!, ctx, { scale: 1 / scale, beforeText: () => withoutContextualAlternates(ctx) });
  return { pixels, width, height, svg: svgDocument(chart, svg.getContent().toString('utf8'), {}) };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One turn of the event loop: lets the canvas's native finalisers free the last chart. */
export function nextTurn(): Promise<void> {
  return immediate();
}

export type TImageFormat = 'png' | 'svg';

/**
 * A chart as the bytes of a file: PNG (2×) or SVG (UTF-8). A Uint8Array that owns its
 * whole buffer, so a worker thread transfers it instead of copying it.
 */
export function chartFile(chart: TChart, format: TImageFormat): Uint8Array {
  return owned(format === 'png' ? renderPng(chart) : Buffer.from(renderSvg(chart), 'utf8'));
}

/**
 * Every chart in `formats`, one turn of the event loop after each (see the top of this
 * file). Both formats come from one chart.js layout (renderPngAndSvg).
 */
export async function renderMany(
  charts: readonly TChart[],
  formats: readonly TImageFormat[],
  each: (chart: TChart, format: TImageFormat, bytes: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const both = formats.includes('png') && formats.includes('svg');
  for (const chart of charts) {
    if (both) {
      const drawn = renderPngAndSvg(chart);
      const files = {
        png: owned(encodePng(drawn.pixels, drawn.width, drawn.height)),
        svg: owned(Buffer.from(drawn.svg, 'utf8')),
      };
      for (const format of formats) await each(chart, format, files[format]);
    } else for (const format of formats) await each(chart, format, chartFile(chart, format));
    await nextTurn();
  }
}

/** The bytes as a view over a buffer of their own (Node pools small Buffers in one slab). */
export function owned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer)
    return new Uint8Array(bytes.buffer);
  return new Uint8Array(bytes);
}
