/**
 * The analysis of one wave: from a questionnaire version and its responses to the
 * report object described by `ZReport`. Pure: no clock, no I/O, same input → same output.
 */
import { scaledItems } from '../survey-definitions/index.ts';
import { definitionKey, type TDefinition } from '../survey-definitions/schema.ts';
import { gapConstructReport, meanConstructReport } from './constructs.ts';
import { encodeCompact, type TCompactResponses } from './compact.ts';
import { encodeWave, shownCounts, suppressedTeams, type TDataset } from './dataset.ts';
import { AnalysisInputError, resolveOptions, type TAnalysisOptions, type TAnalysisResponse } from './input.ts';
import { choiceItemReport, scaledItemReport, tallyItem, type TItemTally } from './items.ts';
import { kendallSection } from './kendall-matrix.ts';
import { resolveLineage } from './lineage.ts';
import { REPORT_SCHEMA_VERSION, ZReport, type TReport, type TReportMeta } from './report-schema.ts';
import { waveComparison, type TWaveData } from './wave-comparison.ts';

const RESPONSES_LABEL = {
  complete: { nl: 'Alleen volledig ingevulde vragenlijsten', en: 'Complete responses only' },
  complete_and_partial: {
    nl: 'Volledig én gedeeltelijk ingevulde vragenlijsten',
    en: 'Complete and partial responses',
  },
} as const;

const ANONYMITY_RULE = {
  nl:
    'Een team (of een cel van een team) met minder volledige responses dan de drempel wordt niet getoond. ' +
    'Elk totaal over teams — alle respondenten én gemiddelde van teams — wordt alleen berekend over de teams ' +
    'waarvan dezelfde cel wél getoond wordt, zodat geen verborgen groep door aftrekken te achterhalen is.',
  en:
    'A team (or a cell of a team) with fewer complete responses than the threshold is not shown. ' +
    'Every overall figure — pooled and mean of teams — is computed only over the teams whose same cell is ' +
    'shown, so no hidden group can be recovered by subtraction.',
};

const GLOSSARY = {
  pooled: { nl: 'alle respondenten', en: 'all respondents (pooled)' },
  meanOfTeams: { nl: 'gemiddelde van teams', en: 'mean of team means (each team once)' },
  mean01: { nl: 'gemiddelde op 0–1', en: 'mean on 0–1' },
  score01: { nl: 'score op 0–1', en: 'score on 0–1' },
  excludedTeams: { nl: 'niet in dit totaal', en: 'not in this overall figure' },
  suppressed: { nl: 'te weinig respondenten', en: 'too few respondents' },
};

/** Answer objects or codes (compact.ts): the same dataset either way. */
function encode(
  definition: TDefinition,
  responses: readonly TAnalysisResponse[] | TCompactResponses,
  threshold: number,
  includePartial: boolean,
): TDataset {
  return Array.isArray(responses)
    ? encodeWave(definition, responses as readonly TAnalysisResponse[], threshold, includePartial)
    : encodeCompact(definition, responses as TCompactResponses, threshold, includePartial);
}

export function waveData(data: TDataset): TWaveData {
  const tallies = new Map<string, TItemTally>();
  const tallyOf = (id: string) => {
    let tally = tallies.get(id);
    if (!tally) {
      tally = tallyItem(data, data.scored.get(id)!);
      tallies.set(id, tally);
    }
    return tally;
  };
  return { data, tallyOf };
}

function meta(data: TDataset): TReportMeta {
  const suppressed = suppressedTeams(data);
  const responses = data.includePartial ? 'complete_and_partial' : 'complete';
  return {
    definition: definitionKey(data.definition),
    threshold: data.threshold,
    responses,
    responsesLabel: RESPONSES_LABEL[responses],
    counts: shownCounts(data),
    teams: data.teams.map((team, t) =>
      data.shown[t]
        ? { team, suppressed: false, complete: data.complete[t]!, partial: data.partial[t]!, analysed: data.analysed[t]! }
        : { team, suppressed: true },
    ),
    anonymity: {
      rule: 'overall_excludes_suppressed_cells',
      description: ANONYMITY_RULE,
      suppressedTeams: suppressed,
      excludedFromOverall: suppressed,
    },
    glossary: GLOSSARY,
  };
}

/**
 * Analyse one wave.
 *
 * @param definition the questionnaire version the responses answered
 * @param responses  the wave's responses; partial ones are only analysed on request
 * @param options    threshold (default 5, never below 3), includePartial, tauItems,
 *                   baseline (an earlier wave to compare with)
 * @throws AnalysisInputError for invalid options or answers that do not fit the version
 */
export function analyse(
  definition: TDefinition,
  responses: readonly TAnalysisResponse[] | TCompactResponses,
  options: TAnalysisOptions = {},
): TReport {
  const opts = resolveOptions(options);
  const data = encode(definition, responses, opts.threshold, opts.includePartial);
  const current = waveData(data);

  const tauIds = opts.tauItems ?? scaledItems(definition).map((i) => i.id);
  const unknown = tauIds.filter((id) => !data.scored.has(id));
  if (unknown.length > 0) {
    throw new AnalysisInputError(`tauItems: geen schaalvragen van ${definitionKey(definition)}: ${unknown.join(', ')}`);
  }

  const report: TReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    meta: meta(data),
    items: [...data.scored.keys()].map((id) => scaledItemReport(data, current.tallyOf(id))),
    choices: [...data.choices.values()].map((column) => choiceItemReport(data, column)),
    constructs: definition.constructs.map((construct) =>
      construct.kind === 'mean' ? meanConstructReport(data, construct, current.tallyOf) : gapConstructReport(data, construct),
    ),
    kendall: kendallSection(
      data,
      tauIds.map((id) => data.scored.get(id)!),
      opts.tauTeams,
    ),
  };
  if (opts.baseline) {
    const baselineData = encode(opts.baseline.definition, opts.baseline.responses, opts.threshold, opts.includePartial);
    const lineage = resolveLineage(opts.baseline.definition, definition, opts.versions);
    report.waveComparison = waveComparison(current, waveData(baselineData), lineage);
  }
  return report;
}

/** The report as JSON, checked against `ZReport` first: made in a worker thread for the API. */
export function analyseJson(input: {
  definition: TDefinition;
  responses: readonly TAnalysisResponse[] | TCompactResponses;
  options: TAnalysisOptions;
}): string {
  const report = analyse(input.definition, input.responses, input.options);
  const checked = ZReport.safeParse(report);
  if (!checked.success) throw new Error(`Uitvoer past niet bij het schema: ${checked.error.issues[0]?.message ?? ''}`);
  return JSON.stringify(report);
}
