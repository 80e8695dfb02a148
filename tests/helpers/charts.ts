/**
 * A report to draw charts from: synthetic wijkteam@2016 responses in six teams, the
 * first cut down below the threshold, analysed by the real engine.
 */
import { analyse, type TReport } from '../../analysis/index.ts';
import { syntheticResponses } from '../../bench/synthetic.ts';
import { getDefinition, type TDefinition } from '../../survey-definitions/index.ts';

export interface TChartFixture {
  definition: TDefinition;
  report: TReport;
  shownTeam: string;
  hiddenTeam: string;
}

export function chartFixture(key = 'wijkteam@2016', seed = 3): TChartFixture {
  const definition = getDefinition(key)!;
  const responses = syntheticResponses(definition, { respondents: 120, teams: 6, seed, partialShare: 0 });
  const hiddenTeam = responses[0]!.team;
  const kept = responses.filter(
    (r, i, all) => r.team !== hiddenTeam || all.slice(0, i).filter((x) => x.team === hiddenTeam).length < 3,
  );
  const report = analyse(definition, kept, { threshold: 5 });
  const shownTeam = report.meta.teams.find((t) => !t.suppressed)!.team;
  return { definition, report, shownTeam, hiddenTeam };
}
