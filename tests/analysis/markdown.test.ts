/**
 * The Markdown rendering of a report: the published tables, found through the
 * definition's construct groups, with hidden teams shown as "n < threshold".
 */
import { describe, expect, it } from 'vitest';
import { analyse, reportToMarkdown } from '../../analysis/index.ts';
import { baselineDefinition, currentDefinition, responses } from './fixtures/definitions.ts';

const data = [
  ...responses('Team A', 6, { 'l.a': 4, 'l.b': 2, 'l.c': 0, 'g.now': 6, 'g.target': 8 }),
  ...responses('Team A', 3, { 'l.a': 3, 'l.b': 2, 'l.c': 1, 'g.now': 6, 'g.target': 8 }),
  ...responses('Team B', 10, { 'l.a': 0, 'l.b': 2, 'l.c': 4, 'g.now': 7, 'g.target': 7 }),
  ...responses('Team B', 2, { 'l.a': 1, 'l.b': 3, 'l.c': 3, 'g.now': 8, 'g.target': 9 }),
  ...responses('Team C', 3, { 'l.a': 2, 'l.b': 2, 'l.c': 2, 'g.now': 1, 'g.target': 10 }),
];
const baseline = [
  ...responses('Team A', 8, { 'l.a': 2, 'l.b_old': 1, 'g.now': 5, 'g.target': 8 }),
  ...responses('Team B', 8, { 'l.a': 1, 'l.b_old': 3, 'g.now': 6, 'g.target': 7 }),
];
const report = analyse(currentDefinition, data, { baseline: { definition: baselineDefinition, responses: baseline } });

/** The table that follows a heading, as rows of trimmed cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l === heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (line.startsWith('|') && !line.startsWith('| ---') && !line.startsWith('|---')) {
      rows.push(
        line
          .slice(1, -1)
          .split(' | ')
          .map((c) => c.trim()),
      );
    }
  }
  return rows;
}

describe('reportToMarkdown', () => {
  const nl = reportToMarkdown(report, currentDefinition);

  it('renders the phase table with teams as columns, both overalls, and the hidden team as n < 5', () => {
    const rows = tableAfter(nl, '## Indruk fasen groepsdynamica');
    expect(rows[0]).toEqual(['', 'Team A', 'Team B', 'Team C', 'Gemiddelde van teams', 'Alle respondenten']);
    const phaseOne = rows.find((r) => r[0] === 'Fase een')!;
    // Team A: l.a (6·4 + 3·3)/9/4 = 0.917, l.b 0.5 → 0.71; Team B: l.a (2/12)/4 = 0.042, l.b (10·2 + 2·3)/12/4 = 0.542 → 0.29.
    // All respondents: l.a 35/21/4 = 0.417, l.b 44/21/4 = 0.524 → 0.47; mean of teams (0.708 + 0.292)/2 = 0.50.
    expect(phaseOne).toEqual(['Fase een', '0,71', '0,29', 'n < 5', '0,50', '0,47']);
    expect(rows.at(-1)).toEqual(['n (respondenten)', '9', '12', 'n < 5', '2 teams', '21']);
  });

  it('renders the competence table with now, target and the per-respondent gap', () => {
    const rows = tableAfter(nl, '## Verschilscores');
    expect(rows[0]).toEqual(['Competentie', 'Ik beschik over', 'Ik wil toewerken naar', 'Verschilscore', 'n']);
    // now (9·6 + 10·7 + 2·8)/21 = 6.67, target (9·8 + 10·7 + 2·9)/21 = 7.62, gap (9·2 + 0 + 2·1)/21 = 0.95.
    expect(rows[1]).toEqual(['Competentie G', '6,7', '7,6', '0,95', '21']);
    // No `tc` group in this version: the summary row has only the mean gap.
    expect(rows[2]).toEqual(['**Gemiddeld**', '', '', '0,95', '']);
  });

  it('lists the significant correlations with the number of tests', () => {
    expect(nl).toContain('## Significante samenhang (Kendalls tau-b)');
    expect(nl).toMatch(/10 paren getoetst/);
  });

  it('renders the wave comparison with the reworded item marked and the family size', () => {
    const rows = tableAfter(nl, '## Vergelijking met de vorige meting');
    expect(rows.some((r) => r[0] === 'Stelling l.b †')).toBe(true);
    expect(rows.some((r) => r[0] === 'Stelling l.a')).toBe(true);
    expect(nl).toMatch(/alle 6 toetsen/);
  });

  it('speaks English on request', () => {
    const en = reportToMarkdown(report, currentDefinition, 'en');
    expect(en).toContain('## Impression of the phases of group dynamics');
    expect(en).toContain('| Fase een | 0.71 | 0.29 | n < 5 | 0.50 | 0.47 |');
    expect(en).toContain('Mean of teams');
  });
});
