/**
 * The PDFs: one per team for its feedback session, and one for the whole wave. A4,
 * Inter embedded, tagged. Cover (team, wave, N, response rate), what the measures mean
 * in plain Dutch, each chart with its table, the team next to the mean of all teams.
 * Every figure comes from the analysis report (through the charts and tables); a team
 * below the threshold gets a PDF with the notice and no figure.
 */
import { teamCharts, waveCharts } from '../charts/index.ts';
import { nextTurn } from '../charts/render.ts';
import { tr } from '../charts/text.ts';
import { chart, footers, heading, newDocument, paragraph, table, toBuffer, type TDoc } from './pdf-layout.ts';
import {
  competenceTable,
  correlationTable,
  isMeanGroup,
  overviewTable,
  percent,
  reliabilityTable,
  responseOverview,
  teamConstructTable,
  waveConstructTable,
} from './tables.ts';
import type { TReportInput } from './types.ts';

function waveLine(input: TReportInput): string {
  return [input.wave.programme, input.wave.label, input.report.meta.definition].filter(Boolean).join(' · ');
}

/** What the figures mean, in a few plain sentences. */
function explanation(doc: TDoc, input: TReportInput): void {
  const threshold = input.report.meta.threshold;
  const en = input.lang === 'en';
  heading(doc, en ? 'How to read this report' : 'Zo leest u dit rapport', 2);
  const levine = input.definition.constructGroups.find((g) => g.id === 'levine');
  if (levine) {
    const phases = levine.constructs.map((id) =>
      tr(input.definition.constructs.find((c) => c.id === id)?.label ?? { nl: id }, input.lang).toLowerCase(),
    );
    paragraph(
      doc,
      en
        ? `Group dynamics follows the phases a team goes through as it grows into a group (Levine): ${phases.join(', ')}. For each statement people said how it is now and how important they find it. A team is not "behind" in one phase: the profile shows where it stands and where it wants to go.`
        : `Groepsdynamica volgt de fasen die een team doorloopt als het een groep wordt (Levine): ${phases.join(', ')}. Bij elke stelling gaven de teamleden aan hoe het nu is en hoe belangrijk zij dat vinden. Het profiel laat zien waar het team staat en waar het naartoe wil; het is geen rapportcijfer.`,
    );
  }
  paragraph(
    doc,
    en
      ? 'Most scores are shown on a scale from 0 to 1: 0 means everyone gave the lowest answer, 1 everyone the highest, 0.5 the middle. Competences are report grades from 0 to 10. "Mean of teams" counts every team once, whatever its size; "all respondents" counts every person once.'
      : 'De meeste scores staan op een schaal van 0 tot 1: 0 betekent dat iedereen het laagste antwoord gaf, 1 dat iedereen het hoogste gaf, 0,5 is het midden. Competenties zijn rapportcijfers van 0 tot 10. "Gemiddelde van teams" telt elk team één keer, hoe groot het ook is; "alle respondenten" telt elke persoon één keer.',
  );
  paragraph(
    doc,
    en
      ? `Answers are anonymous. No figure is shown for a group with fewer than ${threshold} complete responses: there the report says "too few respondents to show results". Such a team is also left out of every overall figure, so nothing can be worked out by subtraction.`
      : `De antwoorden zijn anoniem. Voor een groep met minder dan ${threshold} volledige responses staat er geen cijfer, maar "te weinig respondenten om resultaten te tonen". Zo'n team telt ook in geen enkel totaal mee, zodat niets door aftrekken te achterhalen is.`,
  );
}

export async function teamPdf(input: TReportInput, team: string): Promise<Buffer> {
  const en = input.lang === 'en';
  const title = `${tr(input.definition.title, input.lang)} — ${team}`;
  const doc = newDocument(title, input.lang);
  heading(doc, title, 1);
  paragraph(doc, waveLine(input), { muted: true });
  const row = responseOverview(input).find((r) => r.team === team);
  if (!row?.shown) {
    paragraph(doc, en ? 'too few respondents to show results' : 'te weinig respondenten om resultaten te tonen');
    explanation(doc, input);
    footers(doc, title, input.lang);
    return toBuffer(doc);
  }
  paragraph(doc, `${en ? 'Complete responses (N)' : 'Volledige responses (N)'}: ${row.analysed}`);
  if (row.members)
    paragraph(
      doc,
      `${en ? 'Response rate' : 'Respons'}: ${percent(row.rate!, input)} (${row.complete} ${en ? 'of' : 'van'} ${row.members})`,
    );
  paragraph(doc, `${en ? 'Anonymity threshold' : 'Anonimiteitsdrempel'}: ${input.report.meta.threshold}`);
  explanation(doc, input);

  doc.addPage();
  heading(doc, en ? `${team} next to all teams` : `${team} naast alle teams`, 2);
  for (const group of input.definition.constructGroups) {
    if (!isMeanGroup(input, group)) continue;
    const t = teamConstructTable(input, group, team);
    if (t) table(doc, t);
  }
  const competences = competenceTable(input, team);
  if (competences) table(doc, competences);

  doc.addPage();
  heading(doc, en ? 'Charts' : 'Grafieken', 2);
  // One event-loop turn per chart lets the canvas free its native memory (charts/render.ts).
  for (const c of teamCharts(input, team)) {
    chart(doc, c);
    await nextTurn();
  }
  footers(doc, title, input.lang);
  return toBuffer(doc);
}

export async function wavePdf(input: TReportInput): Promise<Buffer> {
  const en = input.lang === 'en';
  const title = `${tr(input.definition.title, input.lang)} — ${en ? 'all teams' : 'alle teams'}`;
  const doc = newDocument(title, input.lang);
  heading(doc, title, 1);
  paragraph(doc, waveLine(input), { muted: true });
  const c = input.report.meta.counts;
  paragraph(doc, `${en ? 'Complete responses (teams shown)' : 'Volledige responses (getoonde teams)'}: ${c.complete}`);
  table(doc, overviewTable(input));
  explanation(doc, input);

  doc.addPage();
  heading(doc, en ? 'Results per team' : 'Resultaten per team', 2);
  for (const group of input.definition.constructGroups) {
    if (!isMeanGroup(input, group)) continue;
    const t = waveConstructTable(input, group);
    // Teams as rows: the published layout (teams as columns) does not fit A4 beyond a few teams.
    if (t) table(doc, transpose(t));
  }
  const competences = competenceTable(input, undefined);
  if (competences) table(doc, competences);
  table(doc, reliabilityTable(input));
  table(doc, correlationTable(input, undefined, 20));

  doc.addPage();
  heading(doc, en ? 'Charts' : 'Grafieken', 2);
  for (const chartResult of waveCharts(input)) {
    chart(doc, chartResult);
    await nextTurn();
  }
  footers(doc, title, input.lang);
  return toBuffer(doc);
}

function transpose(t: ReturnType<typeof waveConstructTable> & object) {
  const columns = [t.columns[0] || '', ...t.rows.map((r) => r[0]!)];
  const rows = t.columns.slice(1).map((header, i) => [header, ...t.rows.map((r) => r[i + 1] ?? '')]);
  return { ...t, columns: [columns[0] === '' ? 'Team' : columns[0]!, ...columns.slice(1)], rows };
}
