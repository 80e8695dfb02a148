/**
 * The chart engine's public face: which kinds exist, and the charts of a team or of the
 * whole wave. Each kind is one file in kinds/; to add one, see README.md.
 */
import { isTeamShown, notice } from './lookup.ts';
import { tr } from './text.ts';
import type { TChartInput, TChartKind, TChartResult, TTeamChartKind, TWaveChartKind } from './types.ts';
import { beacons } from './kinds/beacons.ts';
import { changeOverall, changeTeam } from './kinds/change.ts';
import { collaboration } from './kinds/collaboration.ts';
import { competences } from './kinds/competences.ts';
import { distribution, waveDistribution } from './kinds/distribution.ts';
import { levine } from './kinds/levine.ts';
import { selfEfficacy } from './kinds/self-efficacy.ts';
import { themesOverall, themesTeam } from './kinds/themes.ts';
import { trendKind } from './kinds/trend.ts';
import { waveConstructs } from './kinds/wave-constructs.ts';

export type * from './types.ts';

/** In the order a team's report shows them. */
export const chartKinds: readonly TChartKind[] = [
  levine,
  selfEfficacy,
  beacons,
  competences,
  distribution,
  collaboration,
  changeTeam,
  themesTeam,
  waveConstructs,
  waveDistribution,
  changeOverall,
  trendKind,
  themesOverall,
];

export const teamKinds = chartKinds.filter((k): k is TTeamChartKind => k.scope === 'team');
export const waveKinds = chartKinds.filter((k): k is TWaveChartKind => k.scope === 'wave');

/** The id of the single notice a suppressed team gets instead of its charts. */
export const SUPPRESSED_TEAM_ID = 'te-weinig-respondenten';

/**
 * Every chart of one team. A team below the threshold gets one notice and nothing else:
 * no kind is even asked, so no kind can leak a figure of it.
 */
export function teamCharts(input: TChartInput, team: string): TChartResult[] {
  if (!isTeamShown(input.report, team)) {
    return [notice(SUPPRESSED_TEAM_ID, 'team', team, input.lang)];
  }
  return teamKinds.flatMap((k) => k.build({ ...input, team }));
}

/** Every chart about the wave as a whole. */
export function waveCharts(input: TChartInput): TChartResult[] {
  return waveKinds.flatMap((k) => k.build(input));
}

/** One chart by id; `team` undefined for wave charts. */
export function findChart(input: TChartInput, team: string | undefined, id: string): TChartResult | undefined {
  const list = team === undefined ? waveCharts(input) : teamCharts(input, team);
  return list.find((c) => c.id === id);
}

export function waveTitle(input: TChartInput): string {
  return tr(input.definition.title, input.lang);
}
