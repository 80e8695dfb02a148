/**
 * Run by render.test.ts in a mount namespace where the system font folders are empty:
 * prints which font families Skia sees before the renderer registers its own, and
 * whether a chart's title produced ink.
 */
import { GlobalFonts, loadImage, createCanvas } from '@napi-rs/canvas';
import { teamCharts } from '../../../server/charts/index.ts';
import { renderPng } from '../../../server/charts/render.ts';
import { chartFixture } from '../../helpers/charts.ts';

const before = GlobalFonts.families.map((f) => f.family);
const { definition, report, shownTeam } = chartFixture();
const chart = teamCharts({ report, definition, lang: 'nl' }, shownTeam).find((c) => c.status === 'shown')!;
if (chart.status !== 'shown') throw new Error('no chart');

async function titleInk(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  // The title band: the top 40 CSS pixels at 2×.
  const { data } = ctx.getImageData(0, 0, image.width, 80);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
  return dark;
}

const withTitle = await titleInk(renderPng(chart));
const blank = structuredClone(chart);
(blank.config.options!.plugins!.title as { text: string }).text = '';
const withoutTitle = await titleInk(renderPng(blank));
console.log(JSON.stringify({ before, withTitle, withoutTitle }));
