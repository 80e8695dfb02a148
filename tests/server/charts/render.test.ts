/**
 * Every chart kind rendered for real: PNG decodes at twice the chart's size, the SVG is
 * parsed (by Skia's own SVG reader) at its size and carries the Dutch title; text is
 * drawn even where the machine has no fonts at all; configurations are plain data.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartKinds, teamCharts, waveCharts, type TChart } from '../../../server/charts/index.ts';
import { renderPng, renderPngAndSvg, renderSvg } from '../../../server/charts/render.ts';
import { encodePng } from '../../../server/charts/png.ts';
import { chartFixture } from '../../helpers/charts.ts';

const fixture = chartFixture();
const nl = { report: fixture.report, definition: fixture.definition, lang: 'nl' as const, ...fixture.extras };
const team = teamCharts(nl, fixture.shownTeam);
const wave = waveCharts(nl);
const shown = [...team, ...wave].filter((c): c is TChart => c.status === 'shown');

/** One chart of every kind (the first one the kind makes). */
const perKind = chartKinds.map((k) => shown.find((c) => c.kind === k.kind)!);

describe('chart kinds', () => {
  it('every kind makes at least one chart for a shown team or the wave', () => {
    expect(perKind.map((c) => c?.kind)).toEqual(chartKinds.map((k) => k.kind));
  });

  it('ids are plain ASCII and unique per scope', () => {
    for (const list of [team, wave]) {
      const ids = list.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('configurations are plain data: a JSON round trip changes nothing', () => {
    for (const chart of shown) expect(JSON.parse(JSON.stringify(chart.config))).toEqual(chart.config);
  });

  it('a team below the threshold gets one notice and no figure', () => {
    const charts = teamCharts(nl, fixture.hiddenTeam);
    expect(charts).toEqual([
      {
        id: 'te-weinig-respondenten',
        kind: 'team',
        title: fixture.hiddenTeam,
        status: 'suppressed',
        notice: 'te weinig respondenten om resultaten te tonen',
      },
    ]);
  });

  it('titles and labels come from the definition, in English as the second locale', () => {
    const en = teamCharts({ ...nl, lang: 'en' }, fixture.shownTeam).filter((c): c is TChart => c.status === 'shown');
    const levine = en.find((c) => c.kind === 'levine')!;
    expect(levine.title).toMatch(/^Impression of group dynamics /);
    expect(levine.config.data.labels).toContainEqual(['Parallel phase']);
    const nlLevine = shown.find((c) => c.kind === 'levine')!;
    expect(nlLevine.config.data.labels).toContainEqual(['Parallelfase']);
    expect(nlLevine.title).toMatch(new RegExp(`^Indruk groepsdynamica ${fixture.shownTeam} \\(N=\\d+\\)$`));
  });

  it('the group-dynamics chart shows the report’s figures for the team', () => {
    const chart = shown.find((c) => c.kind === 'levine')!;
    const phases = fixture.definition.constructGroups.find((g) => g.id === 'levine')!.constructs;
    const expected = phases.map((id) => {
      const cell = fixture.report.constructs.find((c) => c.id === id)!.teams[fixture.shownTeam]!;
      return cell.suppressed ? null : (cell as { score01: number }).score01;
    });
    expect(chart.config.data.datasets[0]!.data).toEqual(expected);
  });
});

describe('rendering', () => {
  it.each(perKind.map((c) => [c.kind, c] as const))('%s renders to PNG (2×) and SVG', async (_kind, chart) => {
    const png = renderPng(chart);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([chart.width * 2, chart.height * 2]);

    await expectStandaloneSvg(chart, renderSvg(chart));
  });

  it.each(perKind.map((c) => [c.kind, c] as const))(
    '%s: one layout for both files (the ZIP) gives the same PNG and an SVG with the same texts, in the chart’s own size',
    async (_kind, chart) => {
      const pair = renderPngAndSvg(chart);
      // The PNG of the pair is byte for byte the PNG drawn on its own.
      expect(Buffer.compare(encodePng(pair.pixels, pair.width, pair.height), renderPng(chart))).toBe(0);
      await expectStandaloneSvg(chart, pair.svg);
      // Played back from the 2× drawing at 1×: the same texts, in the same order, as
      // chart.js drawing the SVG itself, and every one inside the chart (not at 2×).
      expect(svgTexts(pair.svg)).toEqual(svgTexts(renderSvg(chart)));
      const positions = [...pair.svg.matchAll(/<text transform="translate\(([\d.-]+) ([\d.-]+)\)"/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(positions.length).toBeGreaterThan(3);
      for (const [x, y] of positions) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(chart.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(chart.height);
      }
    },
  );

  it('can draw the SVG text as outlines instead', () => {
    const svg = renderSvg(perKind[0]!, { textAsPaths: true });
    expect(svg).not.toContain('<text');
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(50);
  });

  it('draws text on a machine without any system font', () => {
    const child = path.resolve(import.meta.dirname, 'no-system-fonts.child.ts');
    // A private mount namespace with empty font folders: the renderer only has the font
    // it brings from npm.
    const script = `for d in /usr/share/fonts /usr/local/share/fonts; do [ -d $d ] && mount -t tmpfs none $d; done; exec "${process.execPath}" --import tsx "${child}"`;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script], {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '../../..'),
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { before: string[]; withTitle: number; withoutTitle: number };
    expect(result.before).toEqual([]);
    expect(result.withTitle - result.withoutTitle).toBeGreaterThan(500);
  });
});

/** Every text of an SVG, in order, unescaped (Skia writes a run as one or more <text>s). */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

/** A standalone SVG of `chart`: title, viewBox, its size when parsed, text as text in the embedded Inter. */
async function expectStandaloneSvg(chart: TChart, svg: string): Promise<void> {
  expect(svg).toContain(`<title>${chart.title.replace(/&/g, '&amp;')}</title>`);
  expect(svg).toContain(`viewBox="0 0 ${chart.width} ${chart.height}"`);
  const parsed = await loadImage(Buffer.from(svg));
  expect([parsed.width, parsed.height]).toEqual([chart.width, chart.height]);
  // Text stays text, in the Inter font embedded in the file (no installed font needed).
  expect(svg).toMatch(/<text[^>]*font-family="Inter"/);
  expect(svg).toContain('@font-face{font-family:Inter;font-weight:400;src:url(data:font/woff2;base64,');
  expect(svgTexts(svg).join(' ').replace(/\s+/g, ' ')).toContain(chart.title);
}
