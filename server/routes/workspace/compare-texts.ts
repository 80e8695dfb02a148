/** Every text of the comparison pages, Dutch first, English second. */
import type { TLanguage } from '../../../survey-definitions/index.ts';

const nl = {
  title: 'Vergelijken over de jaren',
  intro: (programme: string) =>
    `${programme}: verandering sinds de nulmeting, per construct en per item, voor alle teams en per team.`,
  formTitle: 'Welke metingen?',
  baseline: 'Nulmeting (vergelijken met)',
  baselineHint: 'Standaard de nulmeting van het programma.',
  later: 'Latere metingen',
  laterHint: 'Kies een of meer metingen na de nulmeting. Met drie of meer metingen samen ziet u ook de trend.',
  compare: 'Vergelijken',
  tooFewWaves: 'Dit programma heeft nog geen twee metingen om te vergelijken.',
  errBaseline: 'Kies een meting van dit programma als nulmeting.',
  errLater: 'Kies minstens één latere meting, anders dan de nulmeting.',
  errLaterUnknown: 'Kies alleen metingen van dit programma.',
  errSummary: 'Controleer de keuze',
  cannotCompare: 'Deze metingen zijn niet te vergelijken',
  heading: (current: string, baseline: string) => `${current} vergeleken met ${baseline}`,
  versions: 'Vragenlijstversies',
  threshold: 'Anonimiteitsdrempel (strengste van beide)',
  threshold_value: (n: number) => `${n} volledig ingevulde vragenlijsten per groep`,
  tests: 'Aantal toetsen (alle teams)',
  tests_value: (n: number) => `${n}; p-waarden zijn Holm-gecorrigeerd over deze ${n} toetsen`,
  readingRule: 'Hoe te lezen',
  overall: 'Alle teams',
  overallNote: 'Alle respondenten van de getoonde teams (teams onder de drempel tellen niet mee).',
  excluded: (teams: string) => `Niet meegeteld (onder de drempel): ${teams}.`,
  perTeam: 'Per team',
  teamVs: (teams: string) => `Vergeleken met ${teams} in de nulmeting.`,
  teamExcluded: (teams: string) => `Niet meegeteld (onder de drempel in de nulmeting): ${teams}.`,
  tooFew: 'Te weinig respondenten in een van beide metingen: geen cijfers.',
  noBaseline: 'Geen team in de nulmeting om mee te vergelijken.',
  constructs: 'Constructen',
  items: (n: number) => `Items (${n})`,
  familyCaption: (n: number) => `Holm-correctie over ${n} toetsen in deze groep.`,
  col: {
    name: 'Construct of item',
    baseline: 'Nulmeting (0–1)',
    current: 'Meting (0–1)',
    difference: 'Verschil [95%-BI]',
    test: 'Toets en effectgrootte',
    pHolm: 'p (Holm)',
    reading: 'Lezing',
  },
  mwu: 'Mann–Whitney U',
  welch: 'Welch t',
  suppressedCell: 'n te klein',
  reworded: '† anders geformuleerd dan in de nulmeting: vergelijken met voorbehoud.',
  lineage: 'Herkomst van de vragen',
  rewordedList: 'Anders geformuleerd',
  notComparable: 'Niet te vergelijken',
  sideCurrent: 'nu gevraagd',
  sideBaseline: 'toen gevraagd',
  none: 'geen',
  changeChart: 'Verandering per construct',
  trend: 'Trend over de metingen',
  trendConstruct: 'Construct in de grafiek',
  show: 'Tonen',
  trendTable: 'Gemiddelde score op 0–1 per meting (n), alle teams',
  trendTeams: 'Per team',
  notCompared: 'niet vergelijkbaar',
  continuations: 'Teams over de jaren',
  continuationsIntro:
    'Een team houdt zijn identiteit als het een andere naam krijgt. Zijn teams samengegaan of gesplitst, leg dan vast welke eerdere teams een team voortzet; de vergelijking per team volgt dat.',
  continuationsNone: 'Nog niets vastgelegd.',
  continues: (team: string, earlier: string) => `${team} zet ${earlier} voort.`,
  contTeam: 'Team',
  contEarlier: 'Zet deze eerdere teams voort',
  contEarlierHint: 'Niets aangevinkt: de vastlegging voor dit team vervalt.',
  save: 'Vastleggen',
  saved: 'De vastlegging is bewaard.',
  errTeam: 'Kies een team van dit programma.',
  errCsrf: 'Het formulier was verlopen. Probeer het nog een keer.',
  chartNotice: 'te weinig respondenten om resultaten te tonen',
  download: 'Download',
};

export type TCompareTexts = typeof nl;

const en: TCompareTexts = {
  title: 'Change over the years',
  intro: (programme) => `${programme}: change since the baseline, per construct and per item, for all teams and per team.`,
  formTitle: 'Which waves?',
  baseline: 'Baseline (compare with)',
  baselineHint: "By default the programme's baseline (nulmeting).",
  later: 'Later waves',
  laterHint: 'Choose one or more waves after the baseline. With three or more waves together you also see the trend.',
  compare: 'Compare',
  tooFewWaves: 'This programme does not have two waves to compare yet.',
  errBaseline: 'Choose a wave of this programme as the baseline.',
  errLater: 'Choose at least one later wave, other than the baseline.',
  errLaterUnknown: 'Choose waves of this programme only.',
  errSummary: 'Check your choice',
  cannotCompare: 'These waves cannot be compared',
  heading: (current, baseline) => `${current} compared with ${baseline}`,
  versions: 'Questionnaire versions',
  threshold: 'Anonymity threshold (the stricter of both)',
  threshold_value: (n) => `${n} complete responses per group`,
  tests: 'Number of tests (all teams)',
  tests_value: (n) => `${n}; p-values are Holm-adjusted over these ${n} tests`,
  readingRule: 'How to read',
  overall: 'All teams',
  overallNote: 'All respondents of the teams shown (teams below the threshold do not count).',
  excluded: (teams) => `Left out (below the threshold): ${teams}.`,
  perTeam: 'Per team',
  teamVs: (teams) => `Compared with ${teams} in the baseline.`,
  teamExcluded: (teams) => `Left out (below the threshold in the baseline): ${teams}.`,
  tooFew: 'Too few respondents in one of the two waves: no figures.',
  noBaseline: 'No team in the baseline to compare with.',
  constructs: 'Constructs',
  items: (n) => `Items (${n})`,
  familyCaption: (n) => `Holm adjustment over ${n} tests in this group.`,
  col: {
    name: 'Construct or item',
    baseline: 'Baseline (0–1)',
    current: 'Wave (0–1)',
    difference: 'Difference [95% CI]',
    test: 'Test and effect size',
    pHolm: 'p (Holm)',
    reading: 'Reading',
  },
  mwu: 'Mann–Whitney U',
  welch: 'Welch t',
  suppressedCell: 'n too small',
  reworded: '† worded differently from the baseline: compare with caution.',
  lineage: 'Lineage of the questions',
  rewordedList: 'Reworded',
  notComparable: 'Cannot be compared',
  sideCurrent: 'asked now',
  sideBaseline: 'asked then',
  none: 'none',
  changeChart: 'Change per construct',
  trend: 'Trend over the waves',
  trendConstruct: 'Construct in the chart',
  show: 'Show',
  trendTable: 'Mean score on 0–1 per wave (n), all teams',
  trendTeams: 'Per team',
  notCompared: 'not comparable',
  continuations: 'Teams over the years',
  continuationsIntro:
    'A team keeps its identity when it is renamed. When teams merged or split, record which earlier teams a team continues; the comparison per team follows it.',
  continuationsNone: 'Nothing recorded yet.',
  continues: (team, earlier) => `${team} continues ${earlier}.`,
  contTeam: 'Team',
  contEarlier: 'Continues these earlier teams',
  contEarlierHint: 'None ticked: the record for this team is removed.',
  save: 'Record',
  saved: 'The record has been saved.',
  errTeam: 'Choose a team of this programme.',
  errCsrf: 'The form had expired. Please try again.',
  chartNotice: 'too few respondents to show results',
  download: 'Download',
};

export function compareTexts(lang: TLanguage): TCompareTexts {
  return lang === 'en' ? en : nl;
}

// One formatter per language and precision: `toLocaleString` with options builds a new
// one per call, which a 50-team comparison page (tens of thousands of numbers) feels.
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: TLanguage, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}

/** 0,62 / 0.62 */
export function dec(x: number, lang: TLanguage, digits = 2): string {
  // A real minus sign, as in print (and for screen readers).
  const s = numberFormat(lang, digits).format(x);
  // "−0,00" says nothing a "0,00" does not.
  return /^-0[.,]0+$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/** +0,12 / −0,05 (a real minus sign). */
export function signed(x: number, lang: TLanguage, digits = 2): string {
  const s = dec(Math.abs(x), lang, digits);
  return Number(s.replace(',', '.')) === 0 ? s : `${x > 0 ? '+' : '−'}${s}`;
}

export function pValue(p: number, lang: TLanguage): string {
  return p < 0.001 ? `< ${dec(0.001, lang, 3)}` : dec(p, lang, 3);
}
