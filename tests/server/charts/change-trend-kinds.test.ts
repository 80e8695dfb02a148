/**
 * The change and trend chart configurations: plain data (survives JSON unchanged, so no
 * callbacks), every plotted number from the comparison, a line at 0, notices and gaps —
 * never a number — for groups below the threshold.
 */
import { describe, expect, it } from 'vitest';
import { compareWaves, trend, type TAnalysisResponse, type TComparedWave } from '../../../analysis/index.ts';
import { prng } from '../../../bench/synthetic.ts';
import { changeChart } from '../../../server/charts/kinds/change.ts';
import { trendChart } from '../../../server/charts/kinds/trend.ts';
import { signed } from '../../../server/charts/text.ts';
import { currentDefinition } from '../../analysis/fixtures/definitions.ts';

const random = prng(7);
const pick = (max: number) => Math.floor(random() * (max + 1));
const wave = (key: string, teams: Record<string, number>, lift: number): TComparedWave => ({
  key,
  label: `Meting ${key}`,
  definition: currentDefinition,
  threshold: 5,
  responses: Object.entries(teams).flatMap(([team, n]) =>
    Array.from({ length: n }, (_, i): TAnalysisResponse => ({
      id: `${key}-${team}-${i}`,
      team,
      status: 'complete',
      answers: {
        'l.a': Math.min(4, pick(2) + lift),
        'l.b': pick(4),
        'l.c': pick(4),
        'g.now': 3 + pick(3),
        'g.target': 7 + pick(3),
      },
    })),
  ),
});
const w1 = wave('1', { A: 20, B: 8, C: 2 }, 0);
const w2 = wave('2', { A: 22, B: 3, C: 9 }, 2);
const w3 = wave('3', { A: 25, B: 9, C: 9 }, 2);
const change = compareWaves(w1, w2);

describe('change chart', () => {
  it('is plain data with an interval, a difference and a zero line per construct', () => {
    const chart = changeChart(change, currentDefinition, 'nl');
    if (chart.status !== 'shown') throw new Error('shown');
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    const [interval, difference, zero] = chart.config.data.datasets;
    const phase = change.overall.constructs.find((c) => c.id === 'phase.one')!.result;
    if (phase.suppressed) throw new Error('shown');
    const at = (chart.config.data.labels as (string | string[])[]).findIndex((l) => [l].flat().join(' ').startsWith('Fase een'));
    expect(interval!.data[at]).toEqual(phase.ci95);
    expect(difference!.data[at]).toBe(phase.difference01);
    expect(zero!.data.every((v) => v === 0)).toBe(true);
    expect(chart.table.rows[at]!.slice(1, 4)).toEqual([phase.difference01, ...phase.ci95!].map((x) => signed(x, 2, 'nl')));
    expect(chart.table.rows[at]![4]).toBe('hoger');
    expect(chart.title).toMatch(/\(N=\d+ en \d+\)$/);
    expect(chart.alt).toMatch(/hoger/);
  });

  it('gives a team below the threshold a notice and no numbers', () => {
    for (const team of ['B', 'C']) {
      const chart = changeChart(change, currentDefinition, 'en', team);
      expect(chart).toEqual({
        id: `verandering-${team.toLowerCase()}`,
        kind: 'change',
        title: expect.any(String),
        status: 'suppressed',
        notice: 'too few respondents to show results',
      });
    }
    expect(changeChart(change, currentDefinition, 'nl', 'A').status).toBe('shown');
  });
});

describe('trend chart', () => {
  const series = trend([w1, w2, w3]);
  it('draws the overall and each team, with a gap where a point is suppressed', () => {
    const chart = trendChart(series, 'phase.one', 'nl');
    if (chart.status !== 'shown') throw new Error('shown');
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    expect(chart.config.data.labels).toEqual(['Meting 1', 'Meting 2', 'Meting 3']);
    const byName = new Map(chart.config.data.datasets.map((d) => [d.label, d.data]));
    const overall = series.constructs.find((c) => c.id === 'phase.one')!.overall;
    expect(byName.get('Alle teams')).toEqual(overall.map((p) => (p.suppressed ? null : p.mean01)));
    // B had 3 respondents in wave 2, C had 2 in wave 1.
    expect(byName.get('B')![1]).toBeNull();
    expect(byName.get('C')![0]).toBeNull();
    expect(chart.table.rows.find((r) => r[0] === 'C')![1]).toBe('– (n te klein)');
  });
});
