/**
 * Synthetic responses for a questionnaire version, from a seeded PRNG so that every
 * run analyses the same data. Answers are correlated (a team effect plus a respondent
 * effect per block), follow the version's show-conditions (a follow-up stays empty when
 * its trigger is not met), and a share of responses is partial.
 */
import { isShown } from '../survey-definitions/index.ts';
import type { TCondition, TDefinition } from '../survey-definitions/schema.ts';
import type { TAnalysisResponse } from '../analysis/index.ts';

/** mulberry32: small, fast, and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface TSyntheticOptions {
  respondents: number;
  teams: number;
  seed?: number;
  /** Share of responses left partial (default 0.1). */
  partialShare?: number;
}

/** What to generate for one item, worked out once. */
type TPlan =
  | {
      kind: 'scaled';
      id: string;
      block: number;
      min: number;
      max: number;
      centre: number;
      spread: number;
      optional: boolean;
      conditions: TCondition[];
    }
  | { kind: 'choice'; id: string; options: string[]; conditions: TCondition[] }
  | { kind: 'number'; id: string; min: number; max: number; conditions: TCondition[] }
  | { kind: 'skip'; id: string; conditions: TCondition[] };

function plan(def: TDefinition): TPlan[] {
  const scales = new Map(def.scales.map((s) => [s.id, s]));
  return def.blocks.flatMap((block, blockIndex) =>
    block.items.map((item): TPlan => {
      const conditions = [block.condition, item.condition].filter((c): c is TCondition => c !== undefined);
      const id = item.id;
      switch (item.kind) {
        case 'likert':
        case 'grade': {
          const { min, max } = scales.get(item.scale)!;
          // Somewhat above the middle of the scale, as answers in the reports are.
          const centre = (min + max) / 2 + (max - min) * 0.12;
          return {
            kind: 'scaled',
            id,
            block: blockIndex,
            min,
            max,
            centre,
            spread: (max - min) / 4,
            optional: !item.required,
            conditions,
          };
        }
        case 'single_choice':
          return { kind: 'choice', id, options: item.options.map((o) => o.value), conditions };
        case 'number':
          return { kind: 'number', id, min: item.min, max: item.max, conditions };
        default:
          return { kind: 'skip', id, conditions };
      }
    }),
  );
}

function answer(
  p: TPlan,
  answers: Record<string, number | string | null>,
  random: () => number,
  teamEffects: Float64Array,
  personal: Float64Array,
): number | string | null {
  // A follow-up stays empty unless its trigger is met (null is isShown's undefined).
  if (p.conditions.length > 0 && !p.conditions.every((c) => isShown(c, { [c.item]: answers[c.item] ?? undefined }))) return null;
  switch (p.kind) {
    case 'scaled': {
      if (p.optional && random() < 0.03) return null; // an optional item skipped now and then
      const effect = teamEffects[p.block]! * 0.5 + personal[p.block]! * 0.8 + normal(random) * 0.6;
      return Math.min(p.max, Math.max(p.min, Math.round(p.centre + p.spread * effect)));
    }
    case 'choice':
      // Mostly the first option (medewerker), as in the real waves.
      return random() < 0.85 ? p.options[0]! : p.options[Math.floor(random() * p.options.length)]!;
    case 'number':
      return p.min + Math.floor(random() * (p.max - p.min + 1));
    case 'skip':
      return null;
  }
}

export function syntheticResponses(def: TDefinition, options: TSyntheticOptions): TAnalysisResponse[] {
  const random = prng(options.seed ?? 2016);
  const partialShare = options.partialShare ?? 0.1;
  const plans = plan(def);
  const blockCount = def.blocks.length;
  const teamEffects = Array.from({ length: options.teams }, () =>
    Float64Array.from({ length: blockCount }, () => 0.6 * normal(random)),
  );
  const teamNames = Array.from({ length: options.teams }, (_, t) => `Team ${String(t + 1).padStart(2, '0')}`);
  // Every answer object is a copy of one template with every key (null = no answer, as
  // in stored data), so all share one shape with fast properties. The template itself
  // must be a fast object for the copy to be cheap: a spread of a parsed object is.
  const template = {
    ...(JSON.parse(JSON.stringify(Object.fromEntries(plans.map((p) => [p.id, null])))) as Record<string, null>),
  };
  const personal = new Float64Array(blockCount);
  const responses: TAnalysisResponse[] = [];
  for (let r = 0; r < options.respondents; r++) {
    const t = Math.floor(random() * options.teams);
    const partial = random() < partialShare;
    const stopAt = partial ? Math.floor(random() * plans.length) : plans.length;
    for (let b = 0; b < blockCount; b++) personal[b] = normal(random);
    const answers: Record<string, number | string | null> = { ...template };
    for (let index = 0; index < stopAt; index++) {
      const p = plans[index]!;
      answers[p.id] = answer(p, answers, random, teamEffects[t]!, personal);
    }
    responses.push({ id: `r${r}`, team: teamNames[t]!, status: partial ? 'partial' : 'complete', answers });
  }
  return responses;
}
