/**
 * The shape of an analysis report: what `analyse()` returns, what the server sends and
 * what `report.schema.json` publishes for R/Python users. Field names are English; the
 * Dutch reading of each figure is in the descriptions and in analysis/README.md.
 *
 * Every figure about a group sits in a `Cell`: either `{ suppressed: true }` and nothing
 * else (strict objects, so no number can ride along), or `{ suppressed: false, … }`.
 */
import { z } from 'zod';

export const REPORT_SCHEMA_VERSION = 1;

export const ZText = z.strictObject({ nl: z.string(), en: z.string() }).meta({ id: 'Text' });

export const ZSuppressed = z.strictObject({ suppressed: z.literal(true) }).meta({
  id: 'Suppressed',
  description: 'Te weinig respondenten (onder de drempel): geen cijfers. / Below the anonymity threshold: no figures.',
});
export type TSuppressed = z.infer<typeof ZSuppressed>;

/** A figure for one group: suppressed (no numbers at all) or shown. */
export function cell<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion('suppressed', [ZSuppressed, z.strictObject({ suppressed: z.literal(false), ...shape })]);
}

/** A per-team map: team name → cell. Teams are listed in order in `meta.teams`. */
function perTeam<T extends z.ZodType>(schema: T) {
  return z.record(z.string(), schema);
}

/** Teams left out of an overall figure, because their own cell for it is suppressed. */
const ZExcludedTeams = z.array(z.string()).meta({
  id: 'ExcludedTeams',
  description:
    'Teams die niet in dit totaal zitten omdat hun eigen cel onderdrukt is. / Teams left out of this overall figure because their own cell is suppressed.',
});

export const ZDistributionEntry = z
  .strictObject({
    value: z.union([z.number(), z.string()]).describe('Schaalwaarde of antwoordoptie. / Scale value or option value.'),
    count: z.number().int(),
    percent: z.number().describe('Percentage van wie de vraag beantwoordde. / Percent of those who answered.'),
  })
  .meta({ id: 'DistributionEntry' });

const itemStatsShape = {
  n: z.number().int().describe('Aantal antwoorden. / Number of answers.'),
  missing: z.number().int().describe('Geanalyseerde respondenten zonder antwoord. / Analysed respondents without an answer.'),
  mean: z.number().describe('Gemiddelde op de eigen schaal. / Mean on the item scale.'),
  mean01: z.number().describe('Gemiddelde omgerekend naar 0–1. / Mean normalised to 0–1.'),
  sd: z.number().nullable().describe('Standaardafwijking (n − 1). / Sample standard deviation.'),
  distribution: z.array(ZDistributionEntry).describe('Elke schaalwaarde, ook als niemand haar koos.'),
};
export const ZItemStatsCell = cell(itemStatsShape).meta({ id: 'ItemStatsCell' });
export type TItemStatsCell = z.infer<typeof ZItemStatsCell>;

const ZMeanOfTeamsCell = cell({
  mean: z.number().optional().describe('Op de eigen schaal (bij items). / On the item scale (items only).'),
  mean01: z.number(),
  teams: z.number().int().describe('Aantal teams in dit gemiddelde. / Number of teams averaged.'),
}).meta({
  id: 'MeanOfTeamsCell',
  description: 'Gemiddelde van teams: elk team telt één keer. / Mean of team means, each team once.',
});

export const ZScaledItemReport = z
  .strictObject({
    id: z.string(),
    kind: z.enum(['likert', 'grade']),
    scale: z.strictObject({ id: z.string(), min: z.number().int(), max: z.number().int() }),
    overall: z.strictObject({
      pooled: ZItemStatsCell.describe('Alle respondenten (gepoold). / All respondents pooled.'),
      meanOfTeams: ZMeanOfTeamsCell,
      excludedTeams: ZExcludedTeams,
    }),
    teams: perTeam(ZItemStatsCell),
  })
  .meta({ id: 'ScaledItemReport' });
export type TScaledItemReport = z.infer<typeof ZScaledItemReport>;

export const ZDistributionCell = cell({
  n: z.number().int(),
  missing: z.number().int(),
  distribution: z.array(ZDistributionEntry),
}).meta({ id: 'DistributionCell' });
export const ZChoiceItemReport = z
  .strictObject({
    id: z.string(),
    kind: z.literal('single_choice'),
    overall: z.strictObject({ pooled: ZDistributionCell, excludedTeams: ZExcludedTeams }),
    teams: perTeam(ZDistributionCell),
  })
  .meta({ id: 'ChoiceItemReport' });
export type TChoiceItemReport = z.infer<typeof ZChoiceItemReport>;

const ZMeanConstructCell = cell({
  score01: z.number().describe('Gemiddelde van de itemgemiddelden (0–1). / Mean of the item means (0–1).'),
  n: z.number().int().describe('Respondenten met minstens één antwoord op de items. / Respondents answering at least one item.'),
}).meta({ id: 'MeanConstructCell' });
export const ZReliability = cell({
  alpha: z.number().nullable().describe("Cronbach's alpha; null als de totaalscore geen variantie heeft."),
  n: z.number().int().describe('Respondenten met alle items beantwoord. / Complete cases.'),
  k: z.number().int().describe('Aantal items.'),
}).meta({ id: 'Reliability' });
export const ZMeanConstructReport = z
  .strictObject({
    id: z.string(),
    kind: z.literal('mean'),
    group: z.string(),
    items: z.array(z.string()),
    overall: z.strictObject({
      pooled: ZMeanConstructCell.describe('Alle respondenten: gemiddelde van de gepoolde itemgemiddelden.'),
      meanOfTeams: ZMeanOfTeamsCell,
      excludedTeams: ZExcludedTeams,
    }),
    teams: perTeam(ZMeanConstructCell),
    reliability: ZReliability.optional().describe('Alleen bij constructen met minstens twee items; over alle respondenten.'),
  })
  .meta({ id: 'MeanConstructReport' });
export type TMeanConstructReport = z.infer<typeof ZMeanConstructReport>;

const ZGapCell = cell({
  mean: z.number().describe('Gemiddelde verschilscore (doel − nu) in schaalpunten, per respondent berekend.'),
  sd: z.number().nullable(),
  n: z.number().int().describe('Respondenten die beide vragen beantwoordden.'),
}).meta({ id: 'GapCell' });
const ZGapMeanOfTeamsCell = cell({ mean: z.number(), teams: z.number().int() }).meta({ id: 'GapMeanOfTeamsCell' });
export const ZGapConstructReport = z
  .strictObject({
    id: z.string(),
    kind: z.literal('gap'),
    group: z.string(),
    now: z.string(),
    target: z.string(),
    unit: z.literal('scale_points').describe('Verschilscore in punten van de schaal (rapportcijfers).'),
    overall: z.strictObject({ pooled: ZGapCell, meanOfTeams: ZGapMeanOfTeamsCell, excludedTeams: ZExcludedTeams }),
    teams: perTeam(ZGapCell),
  })
  .meta({ id: 'GapConstructReport' });
export type TGapConstructReport = z.infer<typeof ZGapConstructReport>;

export const ZConstructReport = z.discriminatedUnion('kind', [ZMeanConstructReport, ZGapConstructReport]);
export type TConstructReport = z.infer<typeof ZConstructReport>;

export const ZTauCell = cell({
  n: z.number().int().describe('Respondenten met beide items beantwoord. / Pairwise complete.'),
  tauB: z.number().nullable().describe('Kendalls tau-b; null als een van beide items geen variatie heeft.'),
  p: z.number().nullable().describe('Tweezijdige p-waarde (zoals SciPy kendalltau, method="auto").'),
  method: z.enum(['exact', 'asymptotic']).nullable(),
}).meta({ id: 'TauCell' });
export type TTauCell = z.infer<typeof ZTauCell>;

export const ZTauPair = z
  .strictObject({
    a: z.string(),
    b: z.string(),
    overall: ZTauCell.describe('Alle respondenten van de getoonde teams samen.'),
    teams: perTeam(ZTauCell).optional().describe('Alleen met tauTeams = "all": de cel van elk team voor dit paar.'),
  })
  .meta({ id: 'TauPair' });
export type TTauPair = z.infer<typeof ZTauPair>;

export const ZSignificantPair = z
  .strictObject({
    a: z.string(),
    b: z.string(),
    tauB: z.number(),
    p: z.number(),
    n: z.number().int(),
    level: z.enum(['0.01', '0.05']).describe('Kleinste van .01 en .05 waaronder p ligt.'),
  })
  .meta({ id: 'SignificantPair' });
export type TSignificantPair = z.infer<typeof ZSignificantPair>;

export const ZKendallReport = z
  .strictObject({
    items: z.array(z.string()).describe('De items waartussen tau-b berekend is, in volgorde.'),
    teams: z
      .enum(['none', 'significant', 'all'])
      .describe(
        'Tau-b per team, alleen op verzoek: none (standaard) alleen over alle respondenten; significant: per team de significante paren (significant.teams); all: ook elke cel per team in pairs[].teams.',
      ),
    testsRun: z
      .number()
      .int()
      .describe(
        'Aantal toetsen over alle respondenten (paren met een p-waarde): bij p < .05 verwacht je 5% daarvan door toeval.',
      ),
    pairs: z.array(ZTauPair),
    significant: z.strictObject({
      overall: z.array(ZSignificantPair),
      teams: perTeam(z.array(ZSignificantPair)).describe(
        'Alleen getoonde teams, en alleen met teams = significant of all; anders leeg.',
      ),
    }),
  })
  .meta({ id: 'KendallReport' });
export type TKendallReport = z.infer<typeof ZKendallReport>;

const ZWaveSide = z
  .strictObject({
    n: z.number().int(),
    mean: z.number().optional().describe('Op de eigen schaal (of in schaalpunten bij verschilscores).'),
    mean01: z.number(),
  })
  .meta({ id: 'WaveSide' });
const ZCi = z.tuple([z.number(), z.number()]).meta({
  id: 'ConfidenceInterval95',
  description: '95%-betrouwbaarheidsinterval (Welch, t-verdeling) van het verschil op 0–1.',
});

export const ZReading = z
  .strictObject({
    verdict: z.enum(['higher', 'lower', 'no_difference']),
    text: ZText.describe('“hoger”, “lager” of “geen aantoonbaar verschil” (regel: analysis/README.md).'),
  })
  .meta({ id: 'Reading' });

export const ZWaveItemResult = cell({
  baseline: ZWaveSide,
  current: ZWaveSide,
  difference01: z.number().describe('Huidige meting − nulmeting, op 0–1.'),
  ci95: ZCi.nullable(),
  test: z.literal('mann_whitney_u'),
  u: z.number().describe('U van de huidige meting.'),
  z: z.number().nullable(),
  method: z.enum(['exact', 'asymptotic']),
  p: z.number(),
  pHolm: z.number().describe('Holm-gecorrigeerde p over alle toetsen van deze vergelijking.'),
  rankBiserial: z.number().describe('Rang-biseriële correlatie: > 0 betekent hoger in de huidige meting.'),
  reading: ZReading,
}).meta({ id: 'WaveItemResult' });
export const ZWaveConstructResult = cell({
  baseline: ZWaveSide,
  current: ZWaveSide,
  difference01: z.number(),
  ci95: ZCi.nullable(),
  test: z.literal('welch_t'),
  t: z.number().nullable(),
  df: z.number().nullable(),
  p: z.number().nullable(),
  pHolm: z.number().nullable(),
  hedgesG: z.number().nullable().describe("Hedges' g (huidige − nulmeting), met exacte kleine-steekproefcorrectie."),
  reading: ZReading,
}).meta({ id: 'WaveConstructResult' });

export const ZWaveItem = z
  .strictObject({
    id: z.string(),
    baselineId: z.string(),
    lineage: z.enum(['same', 'reworded']),
    reworded: z.boolean().describe('Anders geformuleerd dan in de nulmeting: vergelijken met voorbehoud.'),
    notes: z
      .array(
        z.strictObject({ version: z.string(), note: z.strictObject({ nl: z.string(), en: z.string().optional() }).optional() }),
      )
      .describe('Elke herformulering onderweg: de versie die het deed, met haar toelichting.'),
    result: ZWaveItemResult,
  })
  .meta({ id: 'WaveItem' });
export type TWaveItem = z.infer<typeof ZWaveItem>;
export const ZWaveConstruct = z
  .strictObject({
    id: z.string(),
    kind: z.enum(['mean', 'gap']),
    reworded: z.boolean(),
    result: ZWaveConstructResult,
  })
  .meta({ id: 'WaveConstruct' });
export type TWaveConstruct = z.infer<typeof ZWaveConstruct>;

export const ZWaveComparison = z
  .strictObject({
    baseline: z.string().describe('Versie van de nulmeting, bv. wijkteam@2015.'),
    current: z.string(),
    path: z.array(z.string()).describe('De versies van nulmeting tot huidige meting waarlangs de herkomst gevolgd is.'),
    baselineCounts: z.strictObject({ complete: z.number().int(), partial: z.number().int(), analysed: z.number().int() }),
    baselineSuppressedTeams: z.array(z.string()),
    familySize: z.number().int().describe('Aantal toetsen waarover Holm corrigeert.'),
    adjustment: z.literal('holm'),
    items: z.array(ZWaveItem),
    constructs: z.array(ZWaveConstruct),
    notCompared: z.array(
      z.strictObject({
        id: z.string(),
        side: z
          .enum(['current', 'baseline'])
          .describe('current: nu gevraagd, niet in de nulmeting; baseline: toen gevraagd, nu niet meer.'),
        reason: ZText,
      }),
    ),
  })
  .meta({ id: 'WaveComparison' });
export type TWaveComparison = z.infer<typeof ZWaveComparison>;

const ZCounts = z
  .strictObject({
    complete: z.number().int(),
    partial: z.number().int(),
    analysed: z.number().int().describe('In de analyse: volledige (en op verzoek ook gedeeltelijke) responses.'),
  })
  .meta({ id: 'Counts' });

export const ZTeamMeta = z
  .discriminatedUnion('suppressed', [
    z.strictObject({ team: z.string(), suppressed: z.literal(true) }),
    z.strictObject({ team: z.string(), suppressed: z.literal(false), ...ZCounts.shape }),
  ])
  .meta({ id: 'TeamMeta' });
export type TTeamMeta = z.infer<typeof ZTeamMeta>;

export const ZReportMeta = z
  .strictObject({
    definition: z.string().describe('Vragenlijstversie, bv. wijkteam@2016.'),
    threshold: z.number().int().min(3).describe('Anonimiteitsdrempel: minimaal aantal volledige responses per groep.'),
    responses: z.enum(['complete', 'complete_and_partial']),
    responsesLabel: ZText,
    counts: ZCounts.describe('Over de getoonde teams; onderdrukte teams tellen niet mee.'),
    teams: z.array(ZTeamMeta),
    anonymity: z.strictObject({
      rule: z.literal('overall_excludes_suppressed_cells'),
      description: ZText,
      suppressedTeams: z.array(z.string()),
      excludedFromOverall: z.array(z.string()).describe('Teams die in geen enkel totaal zitten.'),
    }),
    glossary: z.record(z.string(), ZText),
  })
  .meta({ id: 'ReportMeta' });
export type TReportMeta = z.infer<typeof ZReportMeta>;

export const ZReport = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  meta: ZReportMeta,
  items: z.array(ZScaledItemReport),
  choices: z.array(ZChoiceItemReport),
  constructs: z.array(ZConstructReport),
  kendall: ZKendallReport,
  waveComparison: ZWaveComparison.optional(),
});
export type TReport = z.infer<typeof ZReport>;

/** The JSON Schema of a report, as committed in analysis/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ZReport),
    title: 'wijkmeter analysis report',
  };
}

/** The file's exact text (so the test and the writer cannot disagree on formatting). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
