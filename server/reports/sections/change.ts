/**
 * The PDF section on change over the years: the change since the wave's baseline wave
 * (the overall in the wave PDF, the team in its own PDF) and, in the wave PDF, the trend
 * over the programme's waves. Charts and tables come from the change and trend kinds
 * (server/charts/kinds/), which get their figures from the comparison service through
 * `loadWaveReport`; nothing is computed here. Absent when the wave has no baseline wave
 * (change) or fewer than three waves (trend).
 */
import { changeOverall, changeTeam } from '../../charts/kinds/change.ts';
import { trendKind } from '../../charts/kinds/trend.ts';
import { nextTurn } from '../../charts/render.ts';
import { num } from '../../charts/text.ts';
import { chart, heading, paragraph, type TDoc } from '../pdf-layout.ts';
import type { TReportInput } from '../types.ts';

export async function changeSection(doc: TDoc, input: TReportInput, team?: string): Promise<void> {
  const { change, trend, lang } = input;
  const en = lang === 'en';
  if (change) {
    doc.addPage();
    heading(doc, en ? `Change since ${change.baseline.label}` : `Verandering sinds ${change.baseline.label}`, 2);
    paragraph(
      doc,
      en
        ? `${change.current.label} next to ${change.baseline.label}${team ? ` for ${team}` : ' for all teams together'}: per construct the difference of the mean score on 0–1 (the diamond) with its 95% confidence interval (the bar). Where the bar crosses the line at 0, the data are also consistent with no change. A group counts only when it has at least ${change.threshold} complete responses in both waves.`
        : `${change.current.label} naast ${change.baseline.label}${team ? ` voor ${team}` : ' voor alle teams samen'}: per construct het verschil van de gemiddelde score op 0–1 (de ruit) met het 95%-betrouwbaarheidsinterval (de balk). Waar de balk de lijn bij 0 kruist, past ook “geen verandering” bij de gegevens. Een groep telt alleen mee met minstens ${change.threshold} volledige responses in beide metingen.`,
    );
    // The rule in words (the engine's own text uses "≥", which the embedded font subset lacks).
    const rule = change.readingRule;
    const n = (x: number) => num(x, 2, lang).replace(/0+$/, '').replace(/[.,]$/, '');
    paragraph(
      doc,
      en
        ? `“Higher” or “lower” appears only when the 95% confidence interval excludes 0, the effect is not negligible (Hedges’ g at least ${n(rule.minHedgesG)} for a construct) and the Holm-adjusted p is below ${n(rule.alpha)}. Otherwise: “no demonstrable difference”.`
        : `“Hoger” of “lager” staat er alleen als het 95%-betrouwbaarheidsinterval 0 niet bevat, het effect niet verwaarloosbaar is (Hedges’ g minstens ${n(rule.minHedgesG)} bij een construct) én de Holm-gecorrigeerde p kleiner is dan ${n(rule.alpha)}. Anders: “geen aantoonbaar verschil”.`,
      { muted: true, size: 9.5 },
    );
    const charts = team === undefined ? changeOverall.build(input) : changeTeam.build({ ...input, team });
    for (const c of charts) {
      chart(doc, c);
      await nextTurn();
    }
  }
  if (team === undefined && trend) {
    const charts = trendKind.build(input);
    if (charts.length === 0) return;
    doc.addPage();
    heading(doc, en ? 'Trend over the waves' : 'Trend over de metingen', 2);
    paragraph(
      doc,
      en
        ? `The mean score per construct in ${trend.waves.length} waves (${trend.waves.map((w) => w.label).join(', ')}), for all teams together and per team. A point is missing where a group had fewer than ${trend.threshold} complete responses or the construct was not asked in a comparable way.`
        : `De gemiddelde score per construct in ${trend.waves.length} metingen (${trend.waves.map((w) => w.label).join(', ')}), voor alle teams samen en per team. Een punt ontbreekt waar een groep minder dan ${trend.threshold} volledige responses had of het construct niet vergelijkbaar gevraagd is.`,
    );
    // One event-loop turn per chart: the canvas frees its native memory (charts/render.ts).
    for (const c of charts) {
      chart(doc, c);
      await nextTurn();
    }
  }
}
