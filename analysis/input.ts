/**
 * What the engine takes in: one wave's responses and the options of an analysis.
 *
 * Responses are not parsed with zod here: the server validated every answer when it was
 * stored, and re-parsing 100,000 responses would cost more than the analysis. The
 * engine still checks each value it reads against the definition (see dataset.ts) and
 * throws an `AnalysisInputError` on anything that does not fit. `ZAnalysisResponse` is
 * exported for callers who read responses from elsewhere (a CSV, a test).
 */
import { z } from 'zod';
import { ZAnswerValue, ZResponseStatus } from '../survey-definitions/answers.ts';
import type { TDefinition } from '../survey-definitions/schema.ts';
import type { TCompactResponses } from './compact.ts';

export const ZAnalysisResponse = z.object({
  id: z.string().min(1),
  /** The team the response counts for. */
  team: z.string().min(1),
  status: ZResponseStatus,
  /** Item id → answer; a missing key, `null` or `undefined` is "no answer". */
  answers: z.record(z.string(), ZAnswerValue.nullable().optional()),
});
export type TAnalysisResponse = z.infer<typeof ZAnalysisResponse>;

/** One wave: the questionnaire version it used and its responses (objects, or codes: compact.ts). */
export interface TWave {
  definition: TDefinition;
  responses: readonly TAnalysisResponse[] | TCompactResponses;
}

/** The scalar options, validated; `baseline` is checked as the second wave it is. */
export const ZAnalysisOptions = z.object({
  /** Anonymity threshold: a group needs at least this many complete responses. */
  threshold: z
    .number()
    .int('De anonimiteitsdrempel moet een geheel getal zijn.')
    .min(3, 'De anonimiteitsdrempel is nooit lager dan 3.')
    .default(5),
  /** Analyse partial responses too (complete only by default, as the reports do). */
  includePartial: z.boolean().default(false),
  /** Items for the Kendall tau-b matrix; default every scored (likert/grade) item. */
  tauItems: z.array(z.string()).min(2, 'Kies minstens twee items voor Kendalls tau.').optional(),
  /**
   * Per-team tau-b, only on request: `none` (default) gives tau-b over all respondents
   * only, which keeps the report small enough to open (132 items are 8,646 pairs, times
   * every team); `significant` adds per team the pairs with p < .05; `all` every pair's
   * cell per team. A chosen item set (`tauItems`) keeps any of them small.
   */
  tauTeams: z.enum(['none', 'significant', 'all']).default('none'),
});

export interface TAnalysisOptions extends z.input<typeof ZAnalysisOptions> {
  /** The wave to compare with (usually the nulmeting), independent samples. */
  baseline?: TWave;
  /**
   * Versions that may lie between the baseline's version and this one, to follow item
   * lineage through (default: every version registered in survey-definitions).
   */
  versions?: readonly TDefinition[];
}

export type TResolvedOptions = z.output<typeof ZAnalysisOptions> & { baseline?: TWave; versions?: readonly TDefinition[] };

/** Thrown for input the engine cannot analyse: bad options or answers that do not fit. */
export class AnalysisInputError extends Error {
  readonly problems: string[];

  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.name = 'AnalysisInputError';
    this.problems = problems;
  }
}

export function resolveOptions(options: TAnalysisOptions): TResolvedOptions {
  const { baseline, versions, ...scalars } = options;
  const parsed = ZAnalysisOptions.safeParse(scalars);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new AnalysisInputError(`Ongeldige analyse-opties: ${problems.join(' ')}`, problems);
  }
  return { ...parsed.data, ...(baseline && { baseline }), ...(versions && { versions }) };
}
