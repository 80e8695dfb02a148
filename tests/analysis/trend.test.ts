/**
 * Trend over three waves of three versions: constructs of the latest version, points
 * only where lineage links the construct, per team following a merger, suppressed
 * points without figures.
 */
import { describe, expect, it } from 'vitest';
import { trend, ZTrend, type TAnalysisResponse, type TComparedWave } from '../../analysis/index.ts';
import { moments } from '../../analysis/stats/descriptive.ts';
import { studentTQuantile } from '../../analysis/stats/distributions.ts';
import { prng } from '../../bench/synthetic.ts';
import { baselineDefinition, currentDefinition, thirdDefinition } from './fixtures/definitions.ts';

const random = prng(2018);
const pick = (max: number) => Math.floor(random() * (max + 1));

function responses(prefix: string, teams: Record<string, number>, b: string, lift: number): TAnalysisResponse[] {
  return Object.entries(teams).flatMap(([team, size]) =>
    Array.from({ length: size }, (_, i) => ({
      id: `${prefix}-${team}-${i}`,
      team,
      status: 'complete' as const,
      answers: {
        'l.a': pick(4),
        [b]: pick(4),
        'l.c': pick(4),
        'l.d': pick(4),
        ...(i % 6 === 0 ? {} : { 'g.now': 3 + pick(3) + lift, 'g.target': 8 + pick(2) }),
      },
    })),
  );
}

const waves: TComparedWave[] = [
  {
    key: '1',
    label: '2015',
    definition: baselineDefinition,
    threshold: 5,
    responses: responses('a', { A: 12, B: 8, C: 3 }, 'l.b_old', 0),
  },
  {
    key: '2',
    label: '2016',
    definition: currentDefinition,
    threshold: 5,
    responses: responses('b', { A: 10, B: 9, C: 6 }, 'l.b', 1),
  },
  { key: '3', label: '2017', definition: thirdDefinition, threshold: 5, responses: responses('c', { AB: 20, C: 7 }, 'l.b', 2) },
].map((w) => ({
  ...w,
  responses:
    w.definition === thirdDefinition
      ? w.responses.map(({ answers, ...r }) => ({ ...r, answers: { ...answers, 'l.a': null } }))
      : w.responses,
}));

const result = trend(waves, {
  versions: [currentDefinition],
  teams: [
    { team: 'AB', perWave: [['A', 'B'], ['A', 'B'], ['AB']] },
    { team: 'C', perWave: [['C'], ['C'], ['C']] },
  ],
});

/** gap.g per respondent on 0–1: target/10 − now/10. */
function gaps(data: TAnalysisResponse[], teams: string[]): number[] {
  return data
    .filter((r) => teams.includes(r.team) && typeof r.answers['g.now'] === 'number')
    .map((r) => (r.answers['g.target'] as number) / 10 - (r.answers['g.now'] as number) / 10);
}

describe('trend over three waves', () => {
  it('is a valid trend, oldest wave first', () => {
    expect(ZTrend.safeParse(result).success).toBe(true);
    expect(result.waves.map((w) => w.definition)).toEqual(['test@0', 'test@1', 'test@2']);
    expect(result.constructs.map((c) => c.id)).toEqual(['phase.one', 'phase.two', 'gap.g']);
  });

  it('follows lineage through the middle version: gap.g continues, phase.one and phase.two do not', () => {
    const byId = new Map(result.constructs.map((c) => [c.id, c]));
    expect(byId.get('gap.g')!.lineage.map((l) => [l.comparable, l.reworded])).toEqual([
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(byId.get('phase.one')!.lineage.map((l) => l.comparable)).toEqual([false, false, true]);
    expect(byId.get('phase.one')!.overall.slice(0, 2)).toEqual([
      { suppressed: true, reason: 'not_comparable' },
      { suppressed: true, reason: 'not_comparable' },
    ]);
    expect(byId.get('phase.two')!.lineage[0]!.reason?.nl).toMatch(/bestaat niet/);
  });

  it('gives the overall mean per-respondent score with its t interval in every wave', () => {
    const gap = result.constructs.find((c) => c.id === 'gap.g')!;
    waves.forEach((w, i) => {
      const shown = i === 0 ? ['A', 'B'] : i === 1 ? ['A', 'B', 'C'] : ['AB', 'C'];
      const sample = gaps(w.responses as TAnalysisResponse[], shown);
      const m = moments(sample);
      const half = studentTQuantile(0.975, m.n - 1) * Math.sqrt(m.variance / m.n);
      const p = gap.overall[i]!;
      if (p.suppressed) throw new Error(`wave ${i} should be shown`);
      expect(p.n).toBe(sample.length);
      expect(p.mean01).toBeCloseTo(m.mean, 14);
      expect(p.ci95![0]).toBeCloseTo(m.mean - half, 12);
    });
    // The lift narrows the gap wave after wave.
    const means = gap.overall.map((p) => (p.suppressed ? Number.NaN : p.mean01));
    expect(means[0]).toBeGreaterThan(means[1]!);
    expect(means[1]).toBeGreaterThan(means[2]!);
  });

  it('follows a merged team back to its predecessors and shows no figures for a small team', () => {
    const gap = result.constructs.find((c) => c.id === 'gap.g')!;
    const ab = gap.teams.find((t) => t.team === 'AB')!;
    expect(ab.teamsPerWave).toEqual([['A', 'B'], ['A', 'B'], ['AB']]);
    const first = ab.points[0]!;
    if (first.suppressed) throw new Error('shown');
    expect(first.n).toBe(gaps(waves[0]!.responses as TAnalysisResponse[], ['A', 'B']).length);
    const c = gap.teams.find((t) => t.team === 'C')!;
    // C had 3 respondents in the first wave.
    expect(c.points[0]).toEqual({ suppressed: true, reason: 'too_few' });
    expect(c.points[1]!.suppressed).toBe(false);
  });
});
