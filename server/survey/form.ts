/**
 * From a questionnaire definition to pages and back: which blocks a respondent sees, and
 * the validation of a posted page. The zod schema of each field is built from the
 * definition, so the server checks exactly what the questionnaire version declares.
 */
import { z } from 'zod';
import { isItemShown, isShown, scaleOf, type TAnswers, type TAnswerValue } from '../../survey-definitions/index.ts';
import type { TBlock, TItem } from '../../survey-definitions/schema.ts';
import type { TSurveyContext } from '../services/responses.ts';
import type { Messages } from '../views/messages.ts';

/** What the form logic needs of a survey context: the definition, the link's team, the teams. */
export type FormContext = Pick<TSurveyContext, 'def' | 'linkTeamId' | 'teams'>;

export const TEAM_ITEM_KIND = 'team';
export const FIELD_PREFIX = 'a.';

/** Items of a block as this respondent meets them (the team question is gone on a team link). */
export function pageItems(ctx: FormContext, block: TBlock): TItem[] {
  return block.items.filter((item) => !(item.kind === TEAM_ITEM_KIND && ctx.linkTeamId !== null));
}

/**
 * The pages (blocks) this respondent sees, given the answers so far. A block is skipped
 * when its condition does not hold or nothing in it is left to ask.
 */
export function visiblePages(ctx: FormContext, answers: TAnswers): TBlock[] {
  return ctx.def.blocks.filter((block) => isShown(block.condition, answers) && pageItems(ctx, block).length > 0);
}

/**
 * Whether an item is asked, given the answers. Conditions on an item of the same page are
 * decided after the post (the page shows the item with a hint, and scripts hide it).
 */
export function isAsked(ctx: FormContext, item: TItem, answers: TAnswers): boolean {
  if (item.kind === TEAM_ITEM_KIND && ctx.linkTeamId !== null) return false;
  return isItemShown(ctx.def, item, answers);
}

function valueSchema(ctx: FormContext, item: TItem, t: Messages): z.ZodType<TAnswerValue> {
  const wholeNumber = (min: number, max: number, message: string) =>
    z
      .string()
      .trim()
      .regex(/^-?\d{1,6}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message));
  switch (item.kind) {
    case 'likert':
    case 'grade': {
      const scale = scaleOf(ctx.def, item);
      return wholeNumber(scale.min, scale.max, t.errorChoice);
    }
    case 'number':
      return wholeNumber(item.min, item.max, t.errorNumber(item.min, item.max));
    case 'single_choice':
      return z.enum(item.options.map((o) => o.value) as [string, ...string[]], t.errorChoice);
    case 'team':
      return z.enum(ctx.teams.map((team) => String(team.id)) as [string, ...string[]], t.errorTeam);
    case 'text':
      return z
        .string()
        .max(item.maxLength, t.errorTooLong(item.maxLength))
        .transform((s) => s.replace(/\r\n/g, '\n'));
  }
}

export type PageParse =
  /** Something no form of ours can send (an unknown item, a repeated field): refuse it whole. */
  | { kind: 'invalid'; reason: string }
  | {
      kind: 'parsed';
      /** The page's answers after the post: a value, or null when emptied or no longer asked. */
      values: Record<string, TAnswerValue | null>;
      /** What the respondent typed, to show again next to the errors. */
      echo: Record<string, string>;
      /** Values that do not fit the questionnaire: nothing of the page is saved. */
      valueErrors: Record<string, string>;
      /** Required questions left open: the rest of the page is saved. */
      missing: Record<string, string>;
    };

const ZFormFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * Validates the item fields of one posted page (`a.<item id>` fields). `stored` holds the
 * answers saved before, so that conditions on earlier pages are decided correctly.
 */
export function parsePage(
  ctx: FormContext,
  block: TBlock,
  body: unknown,
  stored: TAnswers,
  t: Messages,
  requireAnswers: boolean,
): PageParse {
  const fields = ZFormFields.safeParse(body);
  if (!fields.success) return { kind: 'invalid', reason: 'form body is not a set of fields' };
  const items = pageItems(ctx, block);
  const known = new Map(items.map((i) => [FIELD_PREFIX + i.id, i]));
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields.data)) {
    if (!key.startsWith(FIELD_PREFIX)) continue;
    const item = known.get(key);
    if (!item) return { kind: 'invalid', reason: `unknown item "${key.slice(FIELD_PREFIX.length)}" on page "${block.id}"` };
    if (typeof value !== 'string') return { kind: 'invalid', reason: `item "${item.id}" was sent more than once` };
    raw[item.id] = value;
  }

  const echo: Record<string, string> = {};
  const valueErrors: Record<string, string> = {};
  const posted: TAnswers = {};
  for (const item of items) {
    const text = raw[item.id];
    if (text === undefined || text.trim() === '') continue;
    echo[item.id] = text;
    const parsed = valueSchema(ctx, item, t).safeParse(text);
    if (parsed.success) posted[item.id] = parsed.data;
    else valueErrors[item.id] = parsed.error.issues[0]?.message ?? t.errorChoice;
  }

  // Decide conditions on the answers as they will be after this post.
  const after: TAnswers = { ...stored };
  for (const item of items) delete after[item.id];
  Object.assign(after, posted);

  const values: Record<string, TAnswerValue | null> = {};
  const missing: Record<string, string> = {};
  for (const item of items) {
    const asked = isAsked(ctx, item, after);
    const value = posted[item.id];
    values[item.id] = asked && value !== undefined ? value : null;
    if (asked && requireAnswers && item.required && value === undefined && !(item.id in valueErrors)) {
      missing[item.id] = item.kind === 'text' || item.kind === 'number' ? t.errorRequiredText : t.errorRequired;
    }
  }
  return { kind: 'parsed', values, echo, valueErrors, missing };
}

/** Required questions still open across the whole questionnaire, in order. */
export function missingRequired(ctx: FormContext, answers: TAnswers): { block: TBlock; item: TItem }[] {
  const out: { block: TBlock; item: TItem }[] = [];
  for (const block of visiblePages(ctx, answers)) {
    for (const item of pageItems(ctx, block)) {
      if (item.required && isAsked(ctx, item, answers) && answers[item.id] === undefined) out.push({ block, item });
    }
  }
  return out;
}

/** Answers to questions that are no longer asked (a condition changed): removed on sending. */
export function unaskedAnswers(ctx: FormContext, answers: TAnswers): string[] {
  const asked = new Set(
    visiblePages(ctx, answers).flatMap((b) =>
      pageItems(ctx, b)
        .filter((i) => isAsked(ctx, i, answers))
        .map((i) => i.id),
    ),
  );
  return Object.keys(answers).filter((id) => !asked.has(id));
}
