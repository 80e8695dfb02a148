import { describe, expect, it } from 'vitest';
import { themeCounts } from '../../analysis/theme-counts.ts';

const themes = [
  { code: 'tijd', label: 'Tijd en ruimte' },
  { code: 'kennis', label: 'Kennis' },
];
const answers = (team: string | null, n: number, withTijd: number) =>
  Array.from({ length: n }, (_, i) => ({ team, themes: i < withTijd ? ['tijd'] : ['kennis'] }));

describe('theme counts with the anonymity rule', () => {
  it('counts per team and for the wave over the shown teams only', () => {
    const result = themeCounts({
      threshold: 5,
      themes,
      teams: [
        { name: 'Noord', completeResponses: 12 },
        { name: 'Oost', completeResponses: 8 },
        { name: 'Zuid', completeResponses: 2 },
      ],
      answers: [...answers('Noord', 10, 4), ...answers('Oost', 5, 5), ...answers('Zuid', 2, 2), ...answers(null, 3, 3)],
    });
    expect(result.teams[0]!.cell).toEqual({
      suppressed: false,
      n: 10,
      themes: [
        { code: 'tijd', label: 'Tijd en ruimte', count: 4, percent: 40 },
        { code: 'kennis', label: 'Kennis', count: 6, percent: 60 },
      ],
    });
    expect(result.teams[2]!.cell).toEqual({ suppressed: true });
    // Zuid's answers and those without a team are not in the wave figure: 10 + 5 = 15.
    expect(result.overall).toMatchObject({ suppressed: false, n: 15, excludedTeams: ['Zuid'] });
    if (!result.overall.suppressed) expect(result.overall.themes[0]!.count).toBe(9);
  });

  it('suppresses a team with enough responses but fewer coded answers than the threshold', () => {
    const result = themeCounts({
      threshold: 5,
      themes,
      teams: [{ name: 'Noord', completeResponses: 12 }],
      answers: answers('Noord', 4, 1),
    });
    expect(result.teams[0]!.cell).toEqual({ suppressed: true });
    expect(result.overall).toEqual({ suppressed: true, excludedTeams: ['Noord'] });
  });

  it('refuses a threshold below 3', () => {
    expect(() => themeCounts({ threshold: 2, themes, teams: [], answers: [] })).toThrow(RangeError);
  });
});
