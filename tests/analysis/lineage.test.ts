/**
 * Lineage resolved between the two versions actually compared: the same version on
 * both sides compares every scored item; three versions apart, lineage is followed
 * through the middle one (same + reworded = reworded, new or dropped anywhere = not
 * comparable, with the version that did it).
 */
import { describe, expect, it } from 'vitest';
import {
  analyse,
  AnalysisInputError,
  resolveLineage,
  versionPath,
  ZReport,
  type TAnalysisResponse,
} from '../../analysis/index.ts';
import { prng } from '../../bench/synthetic.ts';
import { definitions, scaledItems, validateLineage } from '../../survey-definitions/index.ts';
import { baselineDefinition, currentDefinition, thirdDefinition } from './fixtures/definitions.ts';

const random = prng(42);
const pick = (max: number) => Math.floor(random() * (max + 1));

/**
 * Responses answering every scored item of the version (a tenth skip each item; the two
 * competence grades are skipped together, as a lone one would rightly hide the gap).
 */
function wave(def: typeof baselineDefinition, teams: Record<string, number>): TAnalysisResponse[] {
  return Object.entries(teams).flatMap(([team, size]) =>
    Array.from({ length: size }, (_, i) => {
      const answers: Record<string, number | null> = {};
      const skipGrades = random() < 0.1;
      for (const item of scaledItems(def)) {
        const skip = item.scale === 'grade10' ? skipGrades : random() < 0.1;
        answers[item.id] = skip ? null : pick(item.scale === 'grade10' ? 10 : 4);
      }
      return { id: `${def.version}-${team}-${i}`, team, status: 'complete' as const, answers };
    }),
  );
}

describe('lineage between the versions compared', () => {
  it('uses fixture versions that pass the lineage checks', () => {
    expect(() => validateLineage(currentDefinition, baselineDefinition)).not.toThrow();
    expect(() => validateLineage(thirdDefinition, currentDefinition)).not.toThrow();
  });

  it('links every scored item to itself when both waves use the same version', () => {
    const lineage = resolveLineage(currentDefinition, currentDefinition);
    expect(lineage.path).toEqual(['test@1']);
    expect([...lineage.items.values()].map((l) => [l.id, l.baselineId, l.lineage])).toEqual(
      scaledItems(currentDefinition).map((i) => [i.id, i.id, 'same']),
    );
    expect(lineage.notComparable).toEqual([]);
  });

  it('compares every scored item and construct of two waves of the same version', () => {
    const report = analyse(currentDefinition, wave(currentDefinition, { X: 30, Y: 25 }), {
      baseline: { definition: currentDefinition, responses: wave(currentDefinition, { X: 28, Y: 20 }) },
    });
    expect(ZReport.safeParse(report).success).toBe(true);
    const comparison = report.waveComparison!;
    expect(comparison.items.map((i) => i.id)).toEqual(scaledItems(currentDefinition).map((i) => i.id));
    expect(comparison.items.every((i) => i.lineage === 'same' && !i.result.suppressed)).toBe(true);
    expect(comparison.constructs.every((c) => !c.result.suppressed)).toBe(true);
    expect(comparison.constructs.map((c) => c.id)).toEqual(currentDefinition.constructs.map((c) => c.id));
    expect(comparison.notCompared).toEqual([]);
    expect(comparison.familySize).toBe(scaledItems(currentDefinition).length + currentDefinition.constructs.length);
  });

  it('does the same for the real questionnaire: wijkteam@2016 against itself compares all 132 scored items', () => {
    const def = definitions.find((d) => d.version === '2016')!;
    const lineage = resolveLineage(def, def);
    expect(lineage.items.size).toBe(scaledItems(def).length);
    expect(lineage.items.size).toBe(132);
    expect(lineage.notComparable).toEqual([]);
  });

  it('follows lineage through the middle version', () => {
    expect(versionPath(baselineDefinition, thirdDefinition, [currentDefinition]).map((d) => d.version)).toEqual(['0', '1', '2']);
    const lineage = resolveLineage(baselineDefinition, thirdDefinition, [currentDefinition]);
    expect(lineage.path).toEqual(['test@0', 'test@1', 'test@2']);
    expect([...lineage.items.values()].map((l) => [l.id, l.baselineId, l.lineage, l.notes.map((n) => n.version)])).toEqual([
      ['l.b', 'l.b_old', 'reworded', ['test@1']],
      ['g.now', 'g.now', 'same', []],
      ['g.target', 'g.target', 'reworded', ['test@2']],
    ]);
    expect(lineage.items.get('g.target')!.notes[0]!.note?.nl).toBe('Vraag naar het doel anders gesteld.');
    expect(lineage.notComparable.map((n) => [n.id, n.side, n.reason.nl])).toEqual([
      ['l.c', 'current', 'Nieuw in test@1.'],
      ['l.d', 'current', 'Nieuw in test@2.'],
      ['l.a', 'baseline', 'Niet meer gevraagd vanaf test@2.'],
    ]);
  });

  it('compares through the middle version in a report, constructs included', () => {
    const report = analyse(thirdDefinition, wave(thirdDefinition, { X: 30 }), {
      baseline: { definition: baselineDefinition, responses: wave(baselineDefinition, { X: 30 }) },
      versions: [currentDefinition],
    });
    const comparison = report.waveComparison!;
    expect(ZReport.safeParse(report).success).toBe(true);
    expect(comparison.path).toEqual(['test@0', 'test@1', 'test@2']);
    expect(comparison.items.map((i) => [i.id, i.reworded])).toEqual([
      ['l.b', true],
      ['g.now', false],
      ['g.target', true],
    ]);
    // phase.one is l.b alone now (it was l.a + l.b_old); gap.g continues, reworded.
    expect(comparison.constructs.map((c) => [c.id, c.reworded])).toEqual([['gap.g', true]]);
    expect(comparison.notCompared.map((n) => n.id)).toEqual(['l.c', 'l.d', 'l.a', 'phase.one', 'phase.two']);
  });

  it('refuses a baseline that is not an earlier version, and names a missing middle version', () => {
    expect(() => resolveLineage(thirdDefinition, baselineDefinition)).toThrow(AnalysisInputError);
    expect(() => resolveLineage(thirdDefinition, baselineDefinition)).toThrow(/geen eerdere versie/);
    expect(() => resolveLineage(baselineDefinition, thirdDefinition, [])).toThrow(/test@1.*niet bekend/);
  });

  it('follows the registered versions by default: wijkteam@2015 to wijkteam@2016', () => {
    const [v2015, v2016] = definitions;
    const lineage = resolveLineage(v2015!, v2016!);
    expect(lineage.path).toEqual(['wijkteam@2015', 'wijkteam@2016']);
    const reworded = [...lineage.items.values()].filter((l) => l.lineage === 'reworded');
    expect(reworded.length).toBeGreaterThan(0);
    expect(lineage.items.size + lineage.notComparable.filter((n) => n.side === 'current').length).toBe(
      scaledItems(v2016!).length,
    );
  });
});
