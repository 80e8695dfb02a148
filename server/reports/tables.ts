/**
 * The tables of the results pages and the PDFs, read from the analysis report: the
 * response overview, the construct tables (the Levine phases with both overalls as in
 * the published table), competences now / target / gap, reliability, and the
 * significant Kendall tau-b pairs. Numbers are formatted here; none is computed, except
 * the response rate (complete responses / team members), which the engine cannot know.
 */
import type { TConstructReport, TGapConstructReport, TMeanConstructReport } from '../../analysis/index.ts';
import type { TConstructGroup } from '../../survey-definitions/index.ts';
import { constructLabel, itemText, lookup } from '../charts/lookup.ts';
import { num, t, tr } from '../charts/text.ts';
import type { TChartTable } from '../charts/types.ts';
import type { TReportInput } from './types.ts';

const DASH = '–';

function word(input: TReportInput, nl: string, en: string): string {
  return input.lang === 'en' ? en : nl;
}

export interface TOverviewRow {
  team: string;
  shown: boolean;
  members: number | undefined;
  complete?: number;
  partial?: number;
  analysed?: number;
  /** Complete responses as a share of the team's members (0–1). */
  rate?: number;
}

export function responseOverview(input: TReportInput): TOverviewRow[] {
  return input.report.meta.teams.map((m) => {
    const members = input.wave.members[m.team];
    if (m.suppressed) return { team: m.team, shown: false, members };
    return {
      team: m.team,
      shown: true,
      members,
      complete: m.complete,
      partial: m.partial,
      analysed: m.analysed,
      ...(members ? { rate: m.complete / members } : {}),
    };
  });
}

export function percent(x: number, input: TReportInput): string {
  return `${num(x * 100, 0, input.lang)}%`;
}

export function overviewTable(input: TReportInput): TChartTable {
  const rows = responseOverview(input).map((r) =>
    r.shown
      ? [
          r.team,
          String(r.members ?? DASH),
          String(r.complete),
          String(r.partial),
          r.rate === undefined ? DASH : percent(r.rate, input),
        ]
      : [r.team, String(r.members ?? DASH), t('suppressed', input.lang), '', ''],
  );
  const c = input.report.meta.counts;
  rows.push([word(input, 'Getoonde teams samen', 'Teams shown together'), '', String(c.complete), String(c.partial), '']);
  return {
    caption: word(input, 'Respons per team', 'Response per team'),
    columns: [
      t('team', input.lang),
      word(input, 'Leden', 'Members'),
      word(input, 'Volledig', 'Complete'),
      word(input, 'Gedeeltelijk', 'Partial'),
      word(input, 'Respons', 'Response rate'),
    ],
    rows,
    note: word(
      input,
      `Alleen volledige responses worden geanalyseerd. Respons: volledige responses gedeeld door het aantal teamleden. Anonimiteitsdrempel: ${input.report.meta.threshold}.`,
      `Only complete responses are analysed. Response rate: complete responses divided by the number of team members. Anonymity threshold: ${input.report.meta.threshold}.`,
    ),
  };
}

function meanConstructs(input: TReportInput, group: TConstructGroup): TMeanConstructReport[] {
  const { constructs } = lookup(input);
  return group.constructs.map((id) => constructs.get(id)).filter((c): c is TMeanConstructReport => c?.kind === 'mean');
}

function score(c: TMeanConstructReport, team: string, input: TReportInput): string {
  const cell = c.teams[team];
  return !cell || cell.suppressed ? DASH : num(cell.score01, 2, input.lang);
}

/** Constructs as rows, every team as a column, then both overalls (the published layout). */
export function waveConstructTable(input: TReportInput, group: TConstructGroup): TChartTable | undefined {
  const list = meanConstructs(input, group);
  if (list.length === 0) return undefined;
  const teams = input.report.meta.teams;
  const rows = list.map((c) => [
    constructLabel(input, c.id),
    ...teams.map((m) => (m.suppressed ? DASH : score(c, m.team, input))),
    c.overall.meanOfTeams.suppressed ? DASH : num(c.overall.meanOfTeams.mean01, 2, input.lang),
    c.overall.pooled.suppressed ? DASH : num(c.overall.pooled.score01, 2, input.lang),
  ]);
  rows.push([
    word(input, 'n (respondenten)', 'n (respondents)'),
    ...teams.map((m) => (m.suppressed ? DASH : String(m.analysed))),
    `${teams.filter((m) => !m.suppressed).length} teams`,
    String(input.report.meta.counts.analysed),
  ]);
  return {
    caption: tr(group.label, input.lang),
    columns: ['', ...teams.map((m) => m.team), t('meanOfTeams', input.lang), t('pooled', input.lang)],
    rows,
    note: [
      tr(group.description ?? { nl: '' }, input.lang),
      t('scoreNote', input.lang),
      `${DASH}: ${t('suppressed', input.lang)}.`,
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** One team's constructs next to the mean of all teams and all respondents. */
export function teamConstructTable(input: TReportInput, group: TConstructGroup, team: string): TChartTable | undefined {
  const list = meanConstructs(input, group);
  if (list.length === 0) return undefined;
  const rows = list.map((c) => {
    const cell = c.teams[team];
    return [
      constructLabel(input, c.id),
      !cell || cell.suppressed ? DASH : num(cell.score01, 2, input.lang),
      c.overall.meanOfTeams.suppressed ? DASH : num(c.overall.meanOfTeams.mean01, 2, input.lang),
      c.overall.pooled.suppressed ? DASH : num(c.overall.pooled.score01, 2, input.lang),
    ];
  });
  return {
    caption: `${tr(group.label, input.lang)}: ${team} ${word(input, 'naast alle teams', 'next to all teams')}`,
    columns: ['', team, t('meanOfTeams', input.lang), t('pooled', input.lang)],
    rows,
    note: t('scoreNote', input.lang),
  };
}

/** Competences: mean grade now and aimed at, the gap per respondent; for a team or for all respondents. */
export function competenceTable(input: TReportInput, team: string | undefined): TChartTable | undefined {
  const { groups, constructs, items } = lookup(input);
  const group = groups.get('tc_gap');
  if (!group) return undefined;
  const gaps = group.constructs.map((id) => constructs.get(id)).filter((c): c is TGapConstructReport => c?.kind === 'gap');
  const itemMean = (id: string) => {
    const report = items.get(id);
    const cell = team === undefined ? report?.overall.pooled : report?.teams[team];
    return !cell || cell.suppressed ? DASH : num(cell.mean, 1, input.lang);
  };
  const rows = gaps.map((c) => {
    const cell = team === undefined ? c.overall.pooled : c.teams[team];
    return [
      constructLabel(input, c.id),
      itemMean(c.now),
      itemMean(c.target),
      !cell || cell.suppressed ? DASH : num(cell.mean, 2, input.lang),
      !cell || cell.suppressed ? DASH : String(cell.n),
    ];
  });
  return {
    caption: `${tr(group.label, input.lang)}${team ? `: ${team}` : ` (${t('pooled', input.lang).toLowerCase()})`}`,
    columns: [
      word(input, 'Competentie', 'Competence'),
      word(input, 'Ik beschik over', 'Current level'),
      word(input, 'Ik wil toewerken naar', 'Level aimed at'),
      t('gap', input.lang),
      'n',
    ],
    rows,
    note: tr(group.description ?? { nl: '' }, input.lang),
  };
}

/** Cronbach's alpha of every construct that has one (all respondents of the shown teams). */
export function reliabilityTable(input: TReportInput): TChartTable {
  const rows = input.report.constructs
    .filter((c): c is TMeanConstructReport => c.kind === 'mean' && c.reliability !== undefined)
    .map((c) => {
      const r = c.reliability!;
      if (r.suppressed) return [constructLabel(input, c.id), DASH, DASH, DASH];
      return [constructLabel(input, c.id), r.alpha === null ? DASH : num(r.alpha, 2, input.lang), String(r.k), String(r.n)];
    });
  return {
    caption: word(input, "Betrouwbaarheid (Cronbach's alpha)", "Reliability (Cronbach's alpha)"),
    columns: [word(input, 'Construct', 'Construct'), 'α', word(input, 'items', 'items'), 'n'],
    rows,
    note: word(
      input,
      'Over alle respondenten van de getoonde teams die alle items beantwoordden.',
      'Over all respondents of the teams shown who answered every item.',
    ),
  };
}

/** The significant tau-b pairs, strongest first (for a team: its own list). */
export function correlationTable(input: TReportInput, team: string | undefined, max = 30): TChartTable {
  const k = input.report.kendall;
  const all = team === undefined ? k.significant.overall : (k.significant.teams[team] ?? []);
  const shown = [...all].sort((a, b) => Math.abs(b.tauB) - Math.abs(a.tauB) || a.p - b.p).slice(0, max);
  const p = (x: number) => (x < 0.001 ? `< ${num(0.001, 3, input.lang)}` : num(x, 3, input.lang));
  return {
    caption: word(input, 'Significante samenhang (Kendalls tau-b)', 'Significant correlations (Kendall’s tau-b)'),
    columns: [word(input, 'Stelling', 'Statement'), word(input, 'Stelling', 'Statement'), 'τb', 'p', 'n'],
    rows: shown.map((s) => [itemText(input, s.a), itemText(input, s.b), num(s.tauB, 3, input.lang), p(s.p), String(s.n)]),
    note: word(
      input,
      `${k.testsRun} paren getoetst: bij p < 0,05 zijn er door toeval ongeveer ${Math.round(k.testsRun * 0.05)} 'significant'. ${all.length} paren met p < 0,05; de ${shown.length} sterkste staan hier.`,
      `${k.testsRun} pairs tested: at p < .05 about ${Math.round(k.testsRun * 0.05)} are 'significant' by chance. ${all.length} pairs with p < .05; the ${shown.length} strongest are listed.`,
    ),
  };
}

export function isMeanGroup(input: TReportInput, group: TConstructGroup): boolean {
  return group.constructs.some((id) => (lookup(input).constructs.get(id) as TConstructReport | undefined)?.kind === 'mean');
}
