/**
 * The shape of a comparison of two stored waves (`compareWaves`), overall and per team,
 * and of a trend over several waves (`trend`). Built from the report's own cells, so the
 * rule holds here too: a suppressed group carries the flag (and why), never a number.
 */
import { z } from 'zod';
import { ZText, ZWaveComparison, ZWaveConstruct, ZWaveItem } from './report-schema.ts';

export const ZReadingRule = z
  .strictObject({
    alpha: z.number(),
    minRankBiserial: z.number(),
    minHedgesG: z.number(),
    text: ZText,
  })
  .meta({ id: 'ReadingRule' });

export const ZWaveRef = z
  .strictObject({
    key: z.string().describe('De id van de meting (als tekst).'),
    label: z.string(),
    definition: z.string(),
    threshold: z.number().int(),
  })
  .meta({ id: 'WaveRef' });
export type TWaveRef = z.infer<typeof ZWaveRef>;

const ZGroupFigures = {
  familySize: z.number().int().describe('Aantal toetsen in deze groep waarover Holm corrigeert.'),
  items: z.array(ZWaveItem),
  constructs: z.array(ZWaveConstruct),
};

export const ZTeamChange = z
  .discriminatedUnion('suppressed', [
    z.strictObject({
      team: z.string(),
      baselineTeams: z.array(z.string()),
      suppressed: z.literal(true),
      reason: z
        .enum(['too_few', 'no_baseline'])
        .describe('too_few: onder de drempel in een van beide metingen; no_baseline: geen team in de nulmeting.'),
    }),
    z.strictObject({
      team: z.string(),
      baselineTeams: z
        .array(z.string())
        .describe('De teams in de nulmeting waarmee vergeleken is (het team zelf, of de teams die het voortzet).'),
      excludedBaselineTeams: z.array(z.string()).describe('Voorgangers onder de drempel: niet meegeteld.'),
      suppressed: z.literal(false),
      ...ZGroupFigures,
    }),
  ])
  .meta({ id: 'TeamChange' });
export type TTeamChange = z.infer<typeof ZTeamChange>;

export const ZChange = z
  .strictObject({
    baseline: ZWaveRef,
    current: ZWaveRef,
    threshold: z.number().int().describe('De strengste drempel van beide metingen.'),
    path: ZWaveComparison.shape.path,
    notCompared: ZWaveComparison.shape.notCompared,
    readingRule: ZReadingRule,
    overall: z.strictObject({
      label: ZText.describe('Welk totaal: alle respondenten van de getoonde teams.'),
      excludedTeams: z.strictObject({ baseline: z.array(z.string()), current: z.array(z.string()) }),
      ...ZGroupFigures,
    }),
    teams: z.array(ZTeamChange),
  })
  .meta({ id: 'Change' });
export type TChange = z.infer<typeof ZChange>;

const ZTrendPoint = z
  .discriminatedUnion('suppressed', [
    z.strictObject({ suppressed: z.literal(true), reason: z.enum(['too_few', 'not_comparable', 'no_team']) }),
    z.strictObject({
      suppressed: z.literal(false),
      n: z.number().int(),
      mean01: z.number().describe('Gemiddelde score per respondent op 0–1 (bij een verschilscore: doel − nu op 0–1).'),
      ci95: z.tuple([z.number(), z.number()]).nullable(),
    }),
  ])
  .meta({ id: 'TrendPoint' });
export type TTrendPoint = z.infer<typeof ZTrendPoint>;

export const ZTrend = z
  .strictObject({
    waves: z.array(ZWaveRef).describe('Oud naar nieuw.'),
    threshold: z.number().int().describe('De strengste drempel van alle metingen.'),
    overallLabel: ZText,
    constructs: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['mean', 'gap']),
        label: ZText,
        group: z.string(),
        /** Per wave: whether the construct continues the latest version's, and why not. */
        lineage: z.array(z.strictObject({ comparable: z.boolean(), reworded: z.boolean(), reason: ZText.optional() })),
        overall: z.array(ZTrendPoint),
        teams: z.array(
          z.strictObject({ team: z.string(), teamsPerWave: z.array(z.array(z.string())), points: z.array(ZTrendPoint) }),
        ),
      }),
    ),
  })
  .meta({ id: 'Trend' });
export type TTrend = z.infer<typeof ZTrend>;
