/**
 * A report as Markdown, mirroring the tables of the published wave reports: the phase
 * profile per team, the baken profile, the competences now/target/gap, the significant
 * correlations and, when there is one, the comparison with the previous wave.
 *
 * Tables are found through the definition's construct groups: `levine`, `baken` and
 * `tc`/`tc_gap` when the version has them, then every other group in definition order.
 */
import type { TConstruct, TConstructGroup, TDefinition, TLanguage, TText } from '../survey-definitions/schema.ts';
import { allItems } from '../survey-definitions/index.ts';
import type { TConstructReport, TGapConstructReport, TMeanConstructReport, TReport, TScaledItemReport } from './report-schema.ts';

export interface TMarkdownOptions {
  /** Rows of the significant-correlations table (the strongest first); default 30. */
  maxCorrelations?: number;
}

const L = {
  responses: { nl: 'Responses', en: 'Responses' },
  threshold: { nl: 'Anonimiteitsdrempel', en: 'Anonymity threshold' },
  counts: { nl: 'Aantallen (getoonde teams)', en: 'Counts (teams shown)' },
  complete: { nl: 'volledig', en: 'complete' },
  partial: { nl: 'gedeeltelijk', en: 'partial' },
  analysed: { nl: 'geanalyseerd', en: 'analysed' },
  hiddenTeams: {
    nl: 'Niet getoond en in geen enkel totaal opgenomen',
    en: 'Not shown and left out of every overall figure',
  },
  none: { nl: 'geen', en: 'none' },
  meanOfTeams: { nl: 'Gemiddelde van teams', en: 'Mean of teams' },
  pooled: { nl: 'Alle respondenten', en: 'All respondents' },
  respondents: { nl: 'n (respondenten)', en: 'n (respondents)' },
  teamsWord: { nl: 'teams', en: 'teams' },
  levine: { nl: 'Indruk fasen groepsdynamica', en: 'Impression of the phases of group dynamics' },
  scoreNote: {
    nl: 'Scores op 0–1. *Gemiddelde van teams*: elk team telt één keer; *alle respondenten*: gepoold over de respondenten.',
    en: 'Scores on 0–1. *Mean of teams*: each team counts once; *all respondents*: pooled over respondents.',
  },
  competence: { nl: 'Competentie', en: 'Competence' },
  now: { nl: 'Ik beschik over', en: 'Current level' },
  target: { nl: 'Ik wil toewerken naar', en: 'Level aimed at' },
  gap: { nl: 'Verschilscore', en: 'Gap' },
  average: { nl: 'Gemiddeld', en: 'Average' },
  tcNote: {
    nl: 'Rapportcijfers (0–10), alle respondenten. De verschilscore is per respondent berekend (doel − nu) over wie beide vragen beantwoordde.',
    en: 'Report grades (0–10), all respondents. The gap is computed per respondent (target − now) over those who answered both.',
  },
  correlations: { nl: 'Significante samenhang (Kendalls tau-b)', en: 'Significant correlations (Kendall’s tau-b)' },
  correlationNote: {
    nl: (tests: number, shown: number, total: number) =>
      `Alle respondenten. ${tests} paren getoetst: bij p < 0,05 zijn er door toeval ongeveer ${Math.round(tests * 0.05)} 'significant'. ` +
      `${total} paren met p < 0,05; de ${shown} sterkste staan hieronder.`,
    en: (tests: number, shown: number, total: number) =>
      `All respondents. ${tests} pairs tested: at p < .05 about ${Math.round(tests * 0.05)} are 'significant' by chance. ` +
      `${total} pairs with p < .05; the ${shown} strongest are listed.`,
  },
  item: { nl: 'Item', en: 'Item' },
  waves: { nl: 'Vergelijking met de vorige meting', en: 'Comparison with the previous wave' },
  baseline: { nl: 'Vorige meting', en: 'Previous wave' },
  current: { nl: 'Deze meting', en: 'This wave' },
  difference: { nl: 'Verschil [95%-BI]', en: 'Difference [95% CI]' },
  test: { nl: 'Toets', en: 'Test' },
  effect: { nl: 'Effect', en: 'Effect' },
  pHolm: { nl: 'p (Holm)', en: 'p (Holm)' },
  waveNote: {
    nl: (family: number, baseline: string) =>
      `Onafhankelijke steekproeven (${baseline} tegen deze meting), scores op 0–1. Items: Mann–Whitney U met rang-biseriële correlatie r; ` +
      `constructen: Welch t met Hedges' g. p (Holm) corrigeert voor alle ${family} toetsen van deze vergelijking.`,
    en: (family: number, baseline: string) =>
      `Independent samples (${baseline} against this wave), scores on 0–1. Items: Mann–Whitney U with rank-biserial r; ` +
      `constructs: Welch t with Hedges' g. p (Holm) adjusts for all ${family} tests of this comparison.`,
  },
  reworded: {
    nl: '† Anders geformuleerd dan in de vorige meting: vergelijken met voorbehoud.',
    en: '† Worded differently in the previous wave: compare with caution.',
  },
  notCompared: { nl: 'Niet vergeleken (nieuw of gewijzigd)', en: 'Not compared (new or changed)' },
  otherGroups: { nl: 'Overige constructen', en: 'Other constructs' },
} as const;

function text(t: TText | { nl: string; en: string }, lang: TLanguage): string {
  return (lang === 'en' && t.en) || t.nl;
}

function num(x: number | null | undefined, digits: number, lang: TLanguage): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  // A value that rounds to zero prints as 0, not as "-0.00".
  const s = x.toFixed(digits).replace(/^-(?=0(\.0*)?$)/, '');
  return lang === 'nl' ? s.replace('.', ',') : s;
}

function pValue(p: number | null, lang: TLanguage): string {
  if (p === null) return '–';
  return p < 0.001 ? `< ${num(0.001, 3, lang)}` : num(p, 3, lang);
}

function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}

function shorten(s: string, max = 70): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

interface TContext {
  report: TReport;
  definition: TDefinition;
  lang: TLanguage;
  hidden: string;
  constructs: Map<string, TConstructReport>;
  items: Map<string, TScaledItemReport>;
  itemText: Map<string, string>;
  constructLabel: Map<string, string>;
}

/** A group of mean constructs with one column per team plus the two overall columns. */
function teamTable(ctx: TContext, group: TConstructGroup, title: string, heading = '##'): string {
  const { report, lang, hidden } = ctx;
  const teams = report.meta.teams;
  const header = ['', ...teams.map((t) => t.team), text(L.meanOfTeams, lang), text(L.pooled, lang)];
  const rows = group.constructs.flatMap((id) => {
    const c = ctx.constructs.get(id);
    if (!c || c.kind !== 'mean') return [];
    return [
      [
        ctx.constructLabel.get(id) ?? id,
        ...teams.map(({ team }) => {
          const cell = c.teams[team];
          return !cell || cell.suppressed ? hidden : num(cell.score01, 2, lang);
        }),
        c.overall.meanOfTeams.suppressed ? hidden : num(c.overall.meanOfTeams.mean01, 2, lang),
        c.overall.pooled.suppressed ? hidden : num(c.overall.pooled.score01, 2, lang),
      ],
    ];
  });
  if (rows.length === 0) return '';
  rows.push([
    text(L.respondents, lang),
    ...teams.map((t) => (t.suppressed ? hidden : String(t.analysed))),
    `${report.meta.teams.filter((t) => !t.suppressed).length} ${text(L.teamsWord, lang)}`,
    String(report.meta.counts.analysed),
  ]);
  return `${heading} ${title}\n\n${text(L.scoreNote, lang)}\n\n${table(header, rows)}\n`;
}

/** The competence table: now, target and gap per competence, all respondents. */
function competenceTable(ctx: TContext, gapGroup: TConstructGroup, summaryGroup: TConstructGroup | undefined): string {
  const { lang, hidden } = ctx;
  const gapConstructs = gapGroup.constructs
    .map((id) => ctx.constructs.get(id))
    .filter((c): c is TGapConstructReport => c?.kind === 'gap');
  if (gapConstructs.length === 0) return '';
  const itemMean = (itemId: string) => {
    const pooled = ctx.items.get(itemId)?.overall.pooled;
    return !pooled || pooled.suppressed ? hidden : num(pooled.mean, 1, lang);
  };
  const rows = gapConstructs.map((c) => {
    const pooled = c.overall.pooled;
    return [
      ctx.constructLabel.get(c.id) ?? c.id,
      itemMean(c.now),
      itemMean(c.target),
      pooled.suppressed ? hidden : num(pooled.mean, 2, lang),
      pooled.suppressed ? hidden : String(pooled.n),
    ];
  });
  // Summary row: the `tc` group's construct over all "now" items and the one over all
  // "target" items (recognised by their items, not their position), on the grade scale;
  // the mean gap only when every gap is shown.
  const summary = (summaryGroup?.constructs ?? [])
    .map((id) => ctx.constructs.get(id))
    .filter((c): c is TMeanConstructReport => c?.kind === 'mean');
  const over = (ids: Set<string>) => summary.find((c) => c.items.length > 0 && c.items.every((id) => ids.has(id)));
  const onScale = (c: TMeanConstructReport | undefined) => {
    if (!c) return '';
    if (c.overall.pooled.suppressed) return hidden;
    const scale = ctx.items.get(c.items[0]!)?.scale;
    return scale ? num(scale.min + c.overall.pooled.score01 * (scale.max - scale.min), 1, lang) : '';
  };
  const gaps = gapConstructs.map((c) => c.overall.pooled);
  rows.push([
    `**${text(L.average, lang)}**`,
    onScale(over(new Set(gapConstructs.map((c) => c.now)))),
    onScale(over(new Set(gapConstructs.map((c) => c.target)))),
    gaps.every((g) => !g.suppressed)
      ? num(gaps.reduce((sum, g) => sum + (g.suppressed ? 0 : g.mean), 0) / gaps.length, 2, lang)
      : hidden,
    '',
  ]);
  const header = [text(L.competence, lang), text(L.now, lang), text(L.target, lang), text(L.gap, lang), 'n'];
  return `## ${text(gapGroup.label, lang)}\n\n${text(L.tcNote, lang)}\n\n${table(header, rows)}\n`;
}

/** Gap constructs outside the competence table: one row each, all respondents. */
function gapList(ctx: TContext, group: TConstructGroup, heading: string): string {
  const rows = group.constructs
    .map((id) => ctx.constructs.get(id))
    .filter((c): c is TGapConstructReport => c?.kind === 'gap')
    .map((c) => [
      ctx.constructLabel.get(c.id) ?? c.id,
      c.overall.pooled.suppressed ? ctx.hidden : num(c.overall.pooled.mean, 2, ctx.lang),
      c.overall.pooled.suppressed ? ctx.hidden : String(c.overall.pooled.n),
    ]);
  return rows.length === 0
    ? ''
    : `${heading} ${text(group.label, ctx.lang)}\n\n${table(['', text(L.gap, ctx.lang), 'n'], rows)}\n`;
}

function correlations(ctx: TContext, max: number): string {
  const { report, lang } = ctx;
  const all = report.kendall.significant.overall;
  const shown = [...all].sort((a, b) => Math.abs(b.tauB) - Math.abs(a.tauB) || a.p - b.p).slice(0, max);
  const label = (id: string) => `${shorten(ctx.itemText.get(id) ?? id)} (${id})`;
  const rows = shown.map((s) => [label(s.a), label(s.b), num(s.tauB, 3, lang), pValue(s.p, lang), String(s.n)]);
  const note = L.correlationNote[lang === 'en' ? 'en' : 'nl'](report.kendall.testsRun, shown.length, all.length);
  const body = rows.length > 0 ? `\n\n${table([text(L.item, lang), text(L.item, lang), 'τb', 'p', 'n'], rows)}` : '';
  return `## ${text(L.correlations, lang)}\n\n${note}${body}\n`;
}

function waveTable(ctx: TContext): string {
  const wave = ctx.report.waveComparison;
  if (!wave) return '';
  const { lang, hidden } = ctx;
  const rows: string[][] = [];
  const ci = (c: [number, number] | null) => (c ? ` [${num(c[0], 2, lang)}; ${num(c[1], 2, lang)}]` : '');
  for (const item of wave.items) {
    const name = `${shorten(ctx.itemText.get(item.id) ?? item.id, 60)}${item.reworded ? ' †' : ''}`;
    const r = item.result;
    rows.push(
      r.suppressed
        ? [name, hidden, hidden, hidden, 'U', hidden, hidden, hidden]
        : [
            name,
            num(r.baseline.mean01, 2, lang),
            num(r.current.mean01, 2, lang),
            `${num(r.difference01, 2, lang)}${ci(r.ci95)}`,
            'U',
            pValue(r.p, lang),
            pValue(r.pHolm, lang),
            `r = ${num(r.rankBiserial, 2, lang)}`,
          ],
    );
  }
  for (const c of wave.constructs) {
    const name = `**${ctx.constructLabel.get(c.id) ?? c.id}**${c.reworded ? ' †' : ''}`;
    const r = c.result;
    rows.push(
      r.suppressed
        ? [name, hidden, hidden, hidden, 't', hidden, hidden, hidden]
        : [
            name,
            num(r.baseline.mean01, 2, lang),
            num(r.current.mean01, 2, lang),
            `${num(r.difference01, 2, lang)}${ci(r.ci95)}`,
            't',
            pValue(r.p, lang),
            pValue(r.pHolm, lang),
            `g = ${num(r.hedgesG, 2, lang)}`,
          ],
    );
  }
  const header = [
    '',
    `${text(L.baseline, lang)} (${wave.baseline})`,
    text(L.current, lang),
    text(L.difference, lang),
    text(L.test, lang),
    'p',
    text(L.pHolm, lang),
    text(L.effect, lang),
  ];
  const note = L.waveNote[lang === 'en' ? 'en' : 'nl'](wave.familySize, wave.baseline);
  const footnotes = [text(L.reworded, lang), `${text(L.notCompared, lang)}: ${wave.notCompared.length}.`].join('\n\n');
  return `## ${text(L.waves, lang)}\n\n${note}\n\n${table(header, rows)}\n\n${footnotes}\n`;
}

export function reportToMarkdown(
  report: TReport,
  definition: TDefinition,
  lang: TLanguage = 'nl',
  options: TMarkdownOptions = {},
): string {
  const hidden = `n < ${report.meta.threshold}`;
  const ctx: TContext = {
    report,
    definition,
    lang,
    hidden,
    constructs: new Map(report.constructs.map((c) => [c.id, c])),
    items: new Map(report.items.map((i) => [i.id, i])),
    itemText: new Map(allItems(definition).map((i) => [i.id, text(i.text, lang)])),
    constructLabel: new Map(definition.constructs.map((c: TConstruct) => [c.id, text(c.label, lang)])),
  };
  const meta = report.meta;
  const hiddenTeams = meta.anonymity.suppressedTeams;
  const sections: string[] = [
    `# ${text(definition.title, lang)} (${meta.definition})`,
    [
      `- ${text(L.responses, lang)}: ${text(meta.responsesLabel, lang)}`,
      `- ${text(L.counts, lang)}: ${meta.counts.complete} ${text(L.complete, lang)}, ${meta.counts.partial} ${text(L.partial, lang)}, ${meta.counts.analysed} ${text(L.analysed, lang)}`,
      `- ${text(L.threshold, lang)}: ${meta.threshold}. ${text(L.hiddenTeams, lang)} (${hidden}): ${hiddenTeams.length > 0 ? hiddenTeams.join(', ') : text(L.none, lang)}.`,
    ].join('\n'),
  ];

  const groups = new Map(definition.constructGroups.map((g) => [g.id, g]));
  const used = new Set<string>();
  const take = (id: string) => {
    const g = groups.get(id);
    if (g) used.add(id);
    return g;
  };
  const levine = take('levine');
  if (levine) sections.push(teamTable(ctx, levine, text(L.levine, lang)));
  const baken = take('baken');
  if (baken) sections.push(teamTable(ctx, baken, text(baken.label, lang)));
  const tcGap = take('tc_gap');
  const tc = groups.get('tc');
  if (tcGap) {
    if (tc) used.add('tc');
    sections.push(competenceTable(ctx, tcGap, tc));
  } else if (tc) {
    used.add('tc');
    sections.push(teamTable(ctx, tc, text(tc.label, lang)));
  }
  sections.push(correlations(ctx, options.maxCorrelations ?? 30));
  sections.push(waveTable(ctx));
  const rest = definition.constructGroups.filter((g) => !used.has(g.id));
  if (rest.length > 0) {
    sections.push(`## ${text(L.otherGroups, lang)}`);
    for (const group of rest) {
      const kinds = new Set(group.constructs.map((id) => ctx.constructs.get(id)?.kind));
      sections.push(
        kinds.has('gap') && !kinds.has('mean')
          ? gapList(ctx, group, '###')
          : teamTable(ctx, group, text(group.label, lang), '###'),
      );
    }
  }
  return `${sections
    .filter((s) => s !== '')
    .join('\n\n')
    .trimEnd()}\n`;
}
