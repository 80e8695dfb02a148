/**
 * For the wave: all teams side by side, one chart per construct (phases, self-efficacy,
 * beacons, competence level, importance, and each competence gap), with the mean of
 * teams as a dashed line. A suppressed team has no bar; the subtitle names it with the
 * notice, and its name carries no number.
 */
import type { TConstructReport } from '../../../analysis/index.ts';
import { barChart } from '../bars.ts';
import { constructLabel, lookup } from '../lookup.ts';
import { num, slug, t, tr } from '../text.ts';
import type { TChartInput, TChartResult, TWaveChartKind } from '../types.ts';

function values(c: TConstructReport, team: string): number | null {
  const cell = c.teams[team];
  if (!cell || cell.suppressed) return null;
  return 'score01' in cell ? cell.score01 : cell.mean;
}

function reference(c: TConstructReport): number | null {
  const m = c.overall.meanOfTeams;
  if (m.suppressed) return null;
  return c.kind === 'mean' ? (m as { mean01: number }).mean01 : (m as { mean: number }).mean;
}

export const waveConstructs: TWaveChartKind = {
  kind: 'wave-constructs',
  scope: 'wave',
  build(input: TChartInput): TChartResult[] {
    const { report, lang, definition } = input;
    const { constructs } = lookup(input);
    const shown = report.meta.teams.filter((m) => !m.suppressed).map((m) => m.team);
    const hidden = report.meta.anonymity.suppressedTeams;
    const hiddenNote =
      hidden.length > 0
        ? `${lang === 'en' ? 'Not shown' : 'Niet getoond'} (${t('suppressed', lang)}): ${hidden.join(', ')}`
        : undefined;
    return definition.constructGroups.flatMap((group) =>
      group.constructs.flatMap((id) => {
        const c = constructs.get(id);
        if (!c) return [];
        const gap = c.kind === 'gap';
        const ref = reference(c);
        const label = constructLabel(input, id);
        const title = `${label} — ${t('allTeams', lang).toLowerCase()}`;
        const categories = shown.map(
          (team) =>
            ({ label: team, values: [values(c, team)], reference: ref }) as {
              label: string;
              values: (number | null)[];
              reference: number | null;
            },
        );
        const nCells = shown.map((team) => {
          const cell = c.teams[team];
          return cell && !cell.suppressed ? String(cell.n) : '–';
        });
        const chart = barChart(input, {
          id: `construct-${slug(id)}`,
          kind: 'wave-constructs',
          title,
          subtitle: [tr(group.label, lang), hiddenNote].filter(Boolean).join(' · '),
          series: [label],
          referenceLabel: ref === null ? undefined : `${t('meanOfTeams', lang)} (${num(ref, 2, lang)})`,
          categories,
          horizontal: shown.length > 8,
          min: gap ? Math.floor(Math.min(0, ...categories.map((x) => x.values[0] ?? 0)) * 2 - 0.5) / 2 : 0,
          max: gap ? Math.max(2, ...categories.map((x) => Math.ceil(x.values[0] ?? 0))) : 1,
          step: gap ? 0.5 : 0.2,
          axisTitle: gap ? `${t('gap', lang)} (${lang === 'en' ? 'grade points' : 'cijferpunten'})` : t('score01', lang),
          decimals: 2,
          caption: title,
          firstColumn: t('team', lang),
          note: gap ? tr(group.description ?? { nl: '' }, lang) : t('scoreNote', lang),
          extraColumns: [{ header: 'n', cells: nCells }],
          alt: `${title}. ${categories.map((x) => `${x.label}: ${x.values[0] == null ? '–' : num(x.values[0], 2, lang)}`).join('; ')}.`,
        });
        if (chart.status === 'shown') {
          // The mean of teams as a dashed line across the teams rather than a marker per team.
          const ds = chart.config.data.datasets.at(-1) as Record<string, unknown> | undefined;
          if (ds && ref !== null)
            Object.assign(ds, { showLine: true, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointStyle: 'line' });
        }
        return [chart];
      }),
    );
  },
};
