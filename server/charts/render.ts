/**
 * Renders a chart configuration on the server: chart.js 4 on @napi-rs/canvas, PNG (at 2×
 * for print by default) and SVG from the same configuration. Pure functions of
 * serialisable input (a TChart), so they can run in a worker thread.
 *
 * The font comes from the @fontsource/inter npm package, registered explicitly: a
 * machine without system fonts would otherwise draw every chart without any text. The
 * SVG embeds the same font, so a reader needs none installed either.
 *
 * Memory: the pixels a PNG is encoded from (`canvas.data()`) and the SVG writer's output
 * live in native memory that @napi-rs/canvas frees in a finaliser, and Node runs those
 * finalisers only on a later turn of the event loop, not during the garbage collection
 * that drops the JavaScript object. A synchronous loop over many charts therefore grows
 * by ~16 MB per PNG at 2× and ~2 MB per SVG (8 GB over 400 pairs), however often the
 * collector runs; yielding one turn between charts keeps it flat (~220 MB). So: render
 * one chart per call, and in any loop over charts `await nextTurn()` after each one
 * (`renderMany` does). tests/server/charts/memory.test.ts guards this.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setImmediate as immediate } from 'node:timers/promises';
import { createCanvas, GlobalFonts, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import '../../web/static/chart-plugins.js';
import { encodePng, encodePngAsync, type TPngChannels } from './png.ts';
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
 * PNG of the chart, `scale` × its CSS size (2 for print). `channels`: 'rgb' for pdfkit,
 * which handles an alpha channel slowly (see png.ts); 'rgba' is faster to encode.
 */
export function renderPng(chart: TChart, scale = 2, channels: TPngChannels = 'rgba'): Buffer {
  setUp();
  const canvas = createCanvas(chart.width, chart.height);
  const instance = draw(chart, canvas, scale);
  try {
    return encodePng(canvas.data(), canvas.width, canvas.height, channels);
  } finally {
    instance.destroy();
  }
}

/** PNG (RGBA, 2×) whose compression runs off this thread (see encodePngAsync). */
export async function renderPngAsync(chart: TChart, scale = 2): Promise<Uint8Array> {
  setUp();
  const canvas = createCanvas(chart.width, chart.height);
  const instance = draw(chart, canvas, scale);
  let pixels: Uint8Array;
  try {
    pixels = canvas.data();
  } finally {
    instance.destroy();
  }
  return owned(await encodePngAsync(pixels, canvas.width, canvas.height));
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
  const flags = options.textAsPaths ? SvgExportFlag.ConvertTextToPaths : SvgExportFlag.NoPrettyXML;
  const canvas = createCanvas(chart.width, chart.height, flags);
  // Skia's SVG writer drops characters that Inter's contextual alternates reshape, e.g.
  // "(0–1)" after a word: without "calt" every character arrives in the <text>.
  // chart.js sets `font` before each text, which resets the features: set them per call.
  const ctx = canvas.getContext('2d');
  const fillText = ctx.fillText.bind(ctx);
  ctx.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
    ctx.fontFeatureSettings = '"calt" 0';
    if (maxWidth === undefined) fillText(text, x, y);
    else fillText(text, x, y, maxWidth);
  };
  const instance = draw(chart, { getContext: () => ctx }, 1);
  try {
    const svg = canvas.getContent().toString('utf8');
    const head = `<title>${escapeXml(chart.title)}</title><desc>${escapeXml(chart.alt)}</desc>${options.textAsPaths ? '' : embeddedFont()}`;
    return svg.replace(
      /<svg([^>]*?)width="(\d+)" height="(\d+)"([^>]*)>/,
      (_m, a: string, w: string, h: string, b: string) =>
        `<svg${a}width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(chart.title)}"${b}>${head}`,
    );
  } finally {
    instance.destroy();
  }
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

/** Every chart in `formats`, one turn of the event loop after each (see the top of this file). */
export async function renderMany(
  charts: readonly TChart[],
  formats: readonly TImageFormat[],
  each: (chart: TChart, format: TImageFormat, bytes: Uint8Array) => void | Promise<void>,
): Promise<void> {
  for (const chart of charts)
    for (const format of formats) {
      await each(chart, format, chartFile(chart, format));
      await nextTurn();
    }
}

/** The bytes as a view over a buffer of their own (Node pools small Buffers in one slab). */
export function owned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer)
    return new Uint8Array(bytes.buffer);
  return new Uint8Array(bytes);
}
