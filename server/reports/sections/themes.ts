/**
 * The PDF section on the open answers: how often each theme was coded (final codes), as
 * count and percentage, for the team (team PDF) or for all teams with a row per team
 * (wave PDF). Figures from analysis/theme-counts.ts through `loadWaveReport`, with its
 * anonymity rule: a suppressed team or cell shows the notice or "–", never a number.
 * Theme counts are aggregates; the answers themselves are never in a report.
 */
import { themeChart } from '../../charts/kinds/themes.ts';
import { isTeamShown } from '../../charts/lookup.ts';
import { nextTurn } from '../../charts/render.ts';
import { num, t, tr } from '../../charts/text.ts';
import { allItems } from '../../../survey-definitions/index.ts';
import { chart, heading, paragraph, table, type TDoc } from '../pdf-layout.ts';
import type { TReportInput } from '../types.ts';

export async function themeSection(doc: TDoc, input: TReportInput, team?: string): Promise<void> {
  const { themes, lang } = input;
  if (!themes) return;
  const en = lang === 'en';
  doc.addPage();
  heading(doc, en ? 'Themes in the open answers' : 'Thema’s in de open antwoorden', 2);
  const questions = allItems(input.definition)
    .filter((i) => i.kind === 'text')
    .map((i) => `“${tr(i.text, lang)}”`);
  paragraph(
    doc,
    en
      ? `The researchers coded the answers to the open question${questions.length > 1 ? 's' : ''} ${questions.join(', ')} into themes (the final codes, after double coding). For each theme: how many respondents mentioned it, and which share of the coded answers that is. One answer can carry several themes. The answers themselves are not in this report.`
      : `De onderzoekers hebben de antwoorden op de open vra${questions.length > 1 ? 'gen' : 'ag'} ${questions.join(', ')} gecodeerd in thema’s (de vastgestelde codes, na dubbel coderen). Per thema: hoeveel respondenten het noemden, en welk deel van de gecodeerde antwoorden dat is. Eén antwoord kan meer thema’s hebben. De antwoorden zelf staan niet in dit rapport.`,
  );
  if (team !== undefined && !isTeamShown(input.report, team)) {
    // Below the response threshold: the team's notice, not the coded-answers one.
    paragraph(doc, t('suppressed', lang));
    return;
  }
  chart(doc, themeChart(themes, lang, team));
  await nextTurn();
  if (team !== undefined) return;
  const labels = themes.overall.suppressed
    ? (themes.teams.find((x) => !x.cell.suppressed)?.cell as { themes?: { label: string }[] } | undefined)?.themes
    : themes.overall.themes;
  if (!labels || labels.length === 0) return;
  const dash = '–';
  table(doc, {
    caption: en
      ? 'Themes per team (% of the team’s coded answers)'
      : 'Thema’s per team (% van de gecodeerde antwoorden van het team)',
    columns: [en ? 'Team' : 'Team', 'N', ...labels.map((l) => l.label)],
    rows: themes.teams.map((x) =>
      x.cell.suppressed
        ? [x.name, dash, ...labels.map(() => dash)]
        : [x.name, String(x.cell.n), ...x.cell.themes.map((f) => `${num(f.percent, 0, lang)}%`)],
    ),
    note: en
      ? `N: respondents with coded answers. –: too few respondents or coded answers to show results (fewer than ${themes.threshold}).`
      : `N: respondenten met gecodeerde antwoorden. –: te weinig respondenten of gecodeerde antwoorden om resultaten te tonen (minder dan ${themes.threshold}).`,
  });
}
