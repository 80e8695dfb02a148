/**
 * A report to draw charts from: synthetic wijkteam@2016 responses in six teams, the
 * first cut down below the threshold, analysed by the real engine. With it what the
 * change, trend and theme kinds are fed: the same teams in two earlier waves (compared
 * and trended by the real engine) and theme counts over coded answers of the shown teams.
 */
import { analyse, compareWaves, trend, type TAnalysisResponse, type TReport } from '../../analysis/index.ts';
import { themeCounts } from '../../analysis/theme-counts.ts';
import { prng, syntheticResponses } from '../../bench/synthetic.ts';
import type { TChartInput } from '../../server/charts/types.ts';
import { getDefinition, type TDefinition } from '../../survey-definitions/index.ts';

export interface TChartFixture {
  definition: TDefinition;
  report: TReport;
  shownTeam: string;
  hiddenTeam: string;
  /** The inputs of the change, trend and theme kinds. */
  extras: Required<Pick<TChartInput, 'change' | 'trend' | 'themes'>>;
}

export const FIXTURE_THEMES = [
  { code: 'tijd', label: 'Tijd en ruimte' },
  { code: 'kaders', label: 'Duidelijke kaders' },
  { code: 'kaart', label: 'Kennis van de sociale kaart' },
  { code: 'samen', label: 'Samenwerking met de huisarts' },
];

export function chartFixture(key = 'wijkteam@2016', seed = 3): TChartFixture {
  const definition = getDefinition(key)!;
  const responses = syntheticResponses(definition, { respondents: 120, teams: 6, seed, partialShare: 0 });
  const hiddenTeam = responses[0]!.team;
  const kept = responses.filter(
    (r, i, all) => r.team !== hiddenTeam || all.slice(0, i).filter((x) => x.team === hiddenTeam).length < 3,
  );
  const report = analyse(definition, kept, { threshold: 5 });
  const shownTeam = report.meta.teams.find((t) => !t.suppressed)!.team;
  const wave = (k: string, label: string, list: readonly TAnalysisResponse[]) => ({
    key: k,
    label,
    definition,
    threshold: 5,
    responses: list.filter((r) => r.status === 'complete').map((r) => ({ ...r, id: `${k}-${r.id}` })),
  });
  const earlier = (s: number) => syntheticResponses(definition, { respondents: 110, teams: 6, seed: s, partialShare: 0 });
  const w1 = wave('1', 'Nulmeting 2015', earlier(seed + 100));
  const w2 = wave('2', '2016', earlier(seed + 200));
  const w3 = wave('3', '2017', kept);
  const random = prng(seed);
  const themes = themeCounts({
    threshold: 5,
    themes: FIXTURE_THEMES,
    teams: report.meta.teams.map((m) => ({ name: m.team, completeResponses: m.suppressed ? 0 : m.complete })),
    answers: kept.map((r) => ({ team: r.team, themes: FIXTURE_THEMES.filter(() => random() < 0.4).map((t) => t.code) })),
  });
  return {
    definition,
    report,
    shownTeam,
    hiddenTeam,
    extras: { change: compareWaves(w1, w3), trend: trend([w1, w2, w3]), themes },
  };
}
