/**
 * Texts and number formats of the charts, in Dutch first and English second. Numbers
 * are formatted here only for printing: every value comes from the analysis report.
 */
import type { TLanguage } from '../../survey-definitions/index.ts';

type TBilingual = { nl: string; en?: string | undefined };

export function tr(t: TBilingual, lang: TLanguage): string {
  return (lang === 'en' && t.en) || t.nl;
}

export const T = {
  suppressed: {
    nl: 'te weinig respondenten om resultaten te tonen',
    en: 'too few respondents to show results',
  },
  now: { nl: 'Nu', en: 'Now' },
  importance: { nl: 'Belang', en: 'Importance' },
  meanOfTeams: { nl: 'Gemiddelde van teams', en: 'Mean of teams' },
  pooled: { nl: 'Alle respondenten', en: 'All respondents' },
  allTeams: { nl: 'Alle teams', en: 'All teams' },
  score01: { nl: 'Score (0–1)', en: 'Score (0–1)' },
  grade: { nl: 'Rapportcijfer (0–10)', en: 'Report grade (0–10)' },
  percent: { nl: 'Percentage', en: 'Percentage' },
  gap: { nl: 'Verschilscore', en: 'Gap' },
  team: { nl: 'Team', en: 'Team' },
  statement: { nl: 'Stelling', en: 'Statement' },
  scoreNote: {
    nl: 'Scores op 0–1 (0 = laagste, 1 = hoogste antwoord). Gemiddelde van teams: elk team telt één keer.',
    en: 'Scores on 0–1 (0 = lowest, 1 = highest answer). Mean of teams: each team counts once.',
  },
  hiddenInChart: {
    nl: 'Een leeg vak: te weinig respondenten om resultaten te tonen.',
    en: 'A blank cell: too few respondents to show results.',
  },
} as const;

export function t(key: keyof typeof T, lang: TLanguage): string {
  return tr(T[key], lang);
}

/** A number as printed: decimal comma in Dutch, no "-0". */
export function num(x: number, digits: number, lang: TLanguage): string {
  const s = x.toFixed(digits).replace(/^-(?=0(\.0*)?$)/, '');
  return lang === 'nl' ? s.replace('.', ',') : s;
}

export function signed(x: number, digits: number, lang: TLanguage): string {
  const s = num(x, digits, lang);
  return x > 0 && !/^0([.,]0*)?$/.test(s) ? `+${s}` : s;
}

/** A long label as lines of at most `width` characters (chart.js draws arrays as lines). */
export function wrap(label: string, width = 38, maxLines = 3): string[] {
  const words = label.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[.,;:]?$/, '')}…`;
    return kept;
  }
  return lines;
}

/** A plain-ASCII file or folder name: accents dropped, everything else a hyphen. */
export function slug(s: string): string {
  const ascii = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60).replace(/-+$/, '') || 'x';
}
