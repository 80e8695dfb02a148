/**
 * The engine on data whose figures are known by hand: per-team phase scores, the two
 * overalls, anonymity (team and cell level, and the subtraction rule), options and
 * input checks, and the Kendall matrix against the statistics module.
 */
import { describe, expect, it } from 'vitest';
import {
  analyse,
  AnalysisInputError,
  ZReport,
  type TAnalysisResponse,
  type TReport,
  type TScaledItemReport,
} from '../../analysis/index.ts';
import { kendallTau } from '../../analysis/stats/kendall.ts';
import { prng } from '../../bench/synthetic.ts';
import { currentDefinition as def, responses } from './fixtures/definitions.ts';

/** Team A (6) and B (10) are shown; team C (3 complete, 4 partial) is not. */
function knownWave(): TAnalysisResponse[] {
  return [
    ...responses('Team A', 6, { 'c.role': 'medewerker', 'l.a': 4, 'l.b': 2, 'l.c': 0, 'g.now': 6, 'g.target': 8 }),
    ...responses(
      'Team A',
      1,
      { 'c.role': 'medewerker', 'l.a': 0, 'l.b': null, 'l.c': null, 'g.now': null, 'g.target': null },
      'partial',
    ),
    ...responses('Team B', 5, { 'c.role': 'medewerker', 'l.a': 0, 'l.b': 2, 'l.c': 4, 'g.now': 7, 'g.target': 8 }),
    ...responses('Team B', 4, { 'c.role': 'medewerker', 'l.a': 0, 'l.b': 2, 'l.c': 4, 'g.now': 7, 'g.target': 7 }),
    ...responses('Team B', 1, { 'c.role': 'teamleider', 'l.a': 0, 'l.b': 2, 'l.c': 4, 'g.now': 7, 'g.target': 7 }),
    ...responses('Team C', 3, { 'c.role': 'medewerker', 'l.a': 2, 'l.b': 2, 'l.c': 2, 'g.now': 1, 'g.target': 10 }),
    ...responses('Team C', 4, { 'c.role': 'medewerker', 'l.a': 3, 'l.b': 3, 'l.c': 3, 'g.now': 2, 'g.target': 9 }, 'partial'),
  ];
}

function item(report: TReport, id: string): TScaledItemReport {
  return report.items.find((i) => i.id === id)!;
}

function construct(report: TReport, id: string) {
  return report.constructs.find((c) => c.id === id)!;
}

function shown<T extends { suppressed: boolean }>(cell: T | undefined): Exclude<T, { suppressed: true }> {
  expect(cell?.suppressed).toBe(false);
  return cell as Exclude<T, { suppressed: true }>;
}

/** Every value stored under a team's name anywhere in the report. */
function cellsOf(report: unknown, team: string): unknown[] {
  const found: unknown[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === team) found.push(value);
        walk(value);
      }
    }
  };
  walk(report);
  return found;
}

describe('per-team phase table and the two overalls', () => {
  const report = analyse(def, knownWave());

  it('is a valid report', () => {
    expect(ZReport.safeParse(report).success).toBe(true);
  });

  it('gives each shown team its phase scores (mean of the item means on 0–1)', () => {
    const one = construct(report, 'phase.one');
    const two = construct(report, 'phase.two');
    expect(one.kind).toBe('mean');
    if (one.kind !== 'mean' || two.kind !== 'mean') return;
    expect(shown(one.teams['Team A']).score01).toBe(0.75); // (4/4 + 2/4) / 2
    expect(shown(one.teams['Team B']).score01).toBe(0.25); // (0 + 2/4) / 2
    expect(shown(two.teams['Team A']).score01).toBe(0);
    expect(shown(two.teams['Team B']).score01).toBe(1);
    expect(shown(one.teams['Team A']).n).toBe(6);
  });

  it('gives the mean of teams (each team once) and the pooled score, which differ', () => {
    const one = construct(report, 'phase.one');
    if (one.kind !== 'mean') throw new Error('mean construct expected');
    const ofTeams = shown(one.overall.meanOfTeams);
    const pooled = shown(one.overall.pooled);
    expect(ofTeams.mean01).toBe(0.5); // (0.75 + 0.25) / 2
    expect(ofTeams.teams).toBe(2);
    // l.a pooled: (6·1 + 10·0) / 16 = 0.375; l.b: 0.5 → (0.375 + 0.5) / 2.
    expect(pooled.score01).toBe(0.4375);
    expect(pooled.n).toBe(16);
  });

  it('gives item statistics: n, missing, mean, 0–1 mean, SD and every scale value', () => {
    const la = item(report, 'l.a');
    const pooled = shown(la.overall.pooled);
    expect(pooled).toMatchObject({ n: 16, missing: 0, mean: 1.5, mean01: 0.375, sd: 2 });
    expect(pooled.distribution.map((d) => d.value)).toEqual([0, 1, 2, 3, 4]);
    expect(pooled.distribution.map((d) => d.count)).toEqual([10, 0, 0, 0, 6]);
    expect(pooled.distribution[4]!.percent).toBe(37.5);
    expect(shown(la.overall.meanOfTeams)).toMatchObject({ mean: 2, mean01: 0.5, teams: 2 });
    expect(shown(la.teams['Team A'])).toMatchObject({ n: 6, mean: 4, mean01: 1, sd: 0 });
  });

  it('gives the gap per respondent in grade points', () => {
    const gap = construct(report, 'gap.g');
    if (gap.kind !== 'gap') throw new Error('gap construct expected');
    expect(shown(gap.teams['Team A'])).toMatchObject({ mean: 2, n: 6, sd: 0 });
    expect(shown(gap.teams['Team B']).mean).toBe(0.5);
    expect(shown(gap.teams['Team B']).sd).toBeCloseTo(Math.sqrt(2.5 / 9), 14);
    expect(shown(gap.overall.pooled).mean).toBe(17 / 16);
    expect(shown(gap.overall.meanOfTeams).mean).toBe(1.25);
  });

  it("gives Cronbach's alpha over complete cases", () => {
    const one = construct(report, 'phase.one');
    if (one.kind !== 'mean') throw new Error('mean construct expected');
    // l.b is constant: alpha = 2 · (1 − (4 + 0) / 4) = 0.
    expect(shown(one.reliability)).toMatchObject({ alpha: 0, n: 16, k: 2 });
    const two = construct(report, 'phase.two');
    expect(two.kind === 'mean' && two.reliability).toBe(undefined);
  });

  it('gives single-choice distributions', () => {
    const role = report.choices.find((c) => c.id === 'c.role')!;
    expect(shown(role.overall.pooled).distribution.map((d) => [d.value, d.count])).toEqual([
      ['medewerker', 15],
      ['teamleider', 1],
    ]);
  });

  it('reports the counts of shown teams only, complete responses by default', () => {
    expect(report.meta.responses).toBe('complete');
    expect(report.meta.counts).toEqual({ complete: 16, partial: 1, analysed: 16 });
    expect(report.meta.teams).toEqual([
      { team: 'Team A', suppressed: false, complete: 6, partial: 1, analysed: 6 },
      { team: 'Team B', suppressed: false, complete: 10, partial: 0, analysed: 10 },
      { team: 'Team C', suppressed: true },
    ]);
  });
});

describe('anonymity', () => {
  // Every per-team tau-b cell, so that the tests can look at each one.
  const report = analyse(def, knownWave(), { tauTeams: 'all' });

  it('shows no number at all for a team below the threshold', () => {
    const cells = cellsOf(report, 'Team C');
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) expect(cell).toEqual({ suppressed: true });
    expect(report.meta.teams.find((t) => t.team === 'Team C')).toEqual({ team: 'Team C', suppressed: true });
    expect(report.meta.anonymity.suppressedTeams).toEqual(['Team C']);
    expect(report.meta.anonymity.excludedFromOverall).toEqual(['Team C']);
  });

  it('computes every overall from the shown teams only, so nothing is left to subtract', () => {
    for (const it of report.items) {
      const pooled = shown(it.overall.pooled);
      const teams = ['Team A', 'Team B'].map((t) => shown(it.teams[t]));
      expect(it.overall.excludedTeams).toEqual(['Team C']);
      expect(pooled.n).toBe(teams.reduce((s, t) => s + t.n, 0));
      expect(pooled.mean * pooled.n).toBeCloseTo(
        teams.reduce((s, t) => s + t.mean * t.n, 0),
        10,
      );
      pooled.distribution.forEach((d, v) => expect(d.count).toBe(teams.reduce((s, t) => s + t.distribution[v]!.count, 0)));
    }
    // With team C included, l.a's pooled mean would be (24 + 6) / 19, not 24 / 16.
    expect(shown(item(report, 'l.a').overall.pooled).mean).toBe(1.5);
    const pairs = report.kendall.pairs;
    for (const pair of pairs) {
      if (pair.overall.suppressed) continue;
      const n = ['Team A', 'Team B'].reduce((s, t) => s + shown(pair.teams![t]).n, 0);
      expect(pair.overall.n).toBe(n);
    }
  });

  it('hides an item cell answered by fewer than the threshold, and keeps it out of the overall and the constructs', () => {
    const data = knownWave().map((r) =>
      r.team === 'Team B' && r.answers['c.role'] === 'medewerker' && r.answers['g.target'] === 7
        ? { ...r, answers: { ...r.answers, 'l.c': null } }
        : r,
    );
    // Team B: only 6 of 10 answer l.c now; with threshold 7 that cell is hidden.
    const strict = analyse(def, data, { threshold: 7 });
    expect(strict.meta.anonymity.suppressedTeams).toEqual(['Team A', 'Team C']);
    const lc = item(strict, 'l.c');
    expect(lc.teams['Team B']).toEqual({ suppressed: true });
    expect(lc.overall.pooled).toEqual({ suppressed: true });
    expect(lc.overall.excludedTeams).toEqual(['Team A', 'Team B', 'Team C']);
    expect(construct(strict, 'phase.two').teams['Team B']).toEqual({ suppressed: true });
    expect(shown(construct(strict, 'phase.one').teams['Team B'])).toBeTruthy();
  });

  it('hides a gap when a few respondents answered only one of its two questions', () => {
    const data = knownWave();
    const first = data.find((r) => r.team === 'Team B')!;
    first.answers = { ...first.answers, 'g.now': null };
    const report2 = analyse(def, data);
    const gap = construct(report2, 'gap.g');
    // One "target only" respondent: target mean, now mean and gap would give that answer away.
    expect(gap.teams['Team B']).toEqual({ suppressed: true });
    expect(gap.overall.excludedTeams).toEqual(['Team B', 'Team C']);
    if (gap.kind === 'gap') expect(shown(gap.overall.pooled).n).toBe(6);
  });

  it('refuses a threshold below 3 and accepts 3', () => {
    expect(() => analyse(def, knownWave(), { threshold: 2 })).toThrow(AnalysisInputError);
    expect(() => analyse(def, knownWave(), { threshold: 2 })).toThrow(/nooit lager dan 3/);
    const three = analyse(def, knownWave(), { threshold: 3 });
    expect(three.meta.anonymity.suppressedTeams).toEqual([]);
  });

  it('includes partial responses only on request, and still suppresses by complete responses', () => {
    const withPartial = analyse(def, knownWave(), { includePartial: true });
    expect(withPartial.meta.responses).toBe('complete_and_partial');
    expect(withPartial.meta.counts).toEqual({ complete: 16, partial: 1, analysed: 17 });
    // Team C has 7 responses but only 3 complete: still hidden.
    expect(withPartial.meta.anonymity.suppressedTeams).toEqual(['Team C']);
    const la = shown(item(withPartial, 'l.a').teams['Team A']);
    expect(la.n).toBe(7);
    expect(shown(item(withPartial, 'l.b').teams['Team A']).missing).toBe(1);
  });
});

describe('input checks', () => {
  it('rejects an answer outside the scale, naming the response and item', () => {
    const data = responses('Team A', 5, { 'l.a': 7 });
    expect(() => analyse(def, data)).toThrow(AnalysisInputError);
    expect(() => analyse(def, data)).toThrow(/item l\.a: 7 ligt niet op schaal agree5/);
  });
  it('rejects an unknown option of a single-choice item', () => {
    expect(() => analyse(def, responses('Team A', 5, { 'c.role': 'directeur' }))).toThrow(/geen antwoordoptie/);
  });
  it('rejects tau items that are not scaled items of the version', () => {
    expect(() => analyse(def, knownWave(), { tauItems: ['l.a', 'c.role'] })).toThrow(/tauItems/);
  });
});

describe('Kendall matrix', () => {
  const random = prng(7);
  const pick = (max: number) => Math.floor(random() * (max + 1));
  const data: TAnalysisResponse[] = [];
  for (const [team, size] of [
    ['Noord', 20],
    ['Zuid', 31],
    ['Klein', 4],
  ] as const) {
    for (let i = 0; i < size; i++) {
      const base = pick(4);
      data.push({
        id: `${team}${i}`,
        team,
        status: 'complete',
        answers: {
          'l.a': base,
          'l.b': Math.min(4, base + pick(1)),
          'l.c': random() < 0.1 ? null : pick(4),
          'g.now': 2 * base + pick(2),
          'g.target': pick(10),
        },
      });
    }
  }
  const report = analyse(def, data, { tauItems: ['l.a', 'l.b', 'l.c', 'g.now'], tauTeams: 'all' });
  const values = (team: string | undefined, id: string) =>
    data.filter((r) => (team ? r.team === team : r.team !== 'Klein')).map((r) => r.answers[id] as number | null);

  it('has every pair of the chosen items once', () => {
    expect(report.kendall.items).toEqual(['l.a', 'l.b', 'l.c', 'g.now']);
    expect(report.kendall.pairs.map((p) => `${p.a}~${p.b}`)).toEqual([
      'l.a~l.b',
      'l.a~l.c',
      'l.a~g.now',
      'l.b~l.c',
      'l.b~g.now',
      'l.c~g.now',
    ]);
    expect(report.kendall.testsRun).toBe(6);
  });

  it('gives per team and overall (shown teams) the same tau-b and p as the statistics module', () => {
    for (const pair of report.kendall.pairs) {
      for (const team of ['Noord', 'Zuid']) {
        const expected = kendallTau(values(team, pair.a), values(team, pair.b));
        const cell = shown(pair.teams![team]);
        expect(cell.n).toBe(expected.n);
        expect(cell.tauB).toBe(expected.tauB);
        expect(cell.p).toBe(expected.p);
      }
      expect(pair.teams!['Klein']).toEqual({ suppressed: true });
      const overall = kendallTau(values(undefined, pair.a), values(undefined, pair.b));
      expect(shown(pair.overall)).toMatchObject({ n: overall.n, tauB: overall.tauB, p: overall.p, method: 'asymptotic' });
    }
  });

  it('lists significant pairs with their level', () => {
    const significant = report.kendall.significant.overall;
    expect(significant.length).toBeGreaterThan(0);
    for (const s of significant) {
      expect(s.p).toBeLessThan(0.05);
      expect(s.level).toBe(s.p < 0.01 ? '0.01' : '0.05');
    }
    expect(significant.find((s) => s.a === 'l.a' && s.b === 'g.now')?.level).toBe('0.01');
    expect(Object.keys(report.kendall.significant.teams)).toEqual(['Noord', 'Zuid']);
  });
});
