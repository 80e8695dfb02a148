/**
 * Respondents' answers: a response is created on the first saved page, found again by
 * the respondent's own resume code (only its hash is stored), saved page by page, and
 * completed exactly once. Nothing here knows who the respondent is: no link, token,
 * address or time of day reaches the `response` or `answer` tables.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { allItems, type TAnswers, type TAnswerValue, type TResponseStatus } from '../../survey-definitions/index.ts';
import type { TDefinition, TItem } from '../../survey-definitions/schema.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction, type DbHandle } from '../db/transaction.ts';
import { today, wavePhase } from '../lib/dates.ts';
import { getPublishedVersionById } from './definitions.ts';
import { resolveToken } from './links.ts';
import { waveTeams } from './waves.ts';

// Crockford's base32 without I, L, O, U: easy to read aloud and to type on a phone.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 80 bits

/** A new resume code, e.g. `7K3M-Q9TD-2HXA-PW4E`. */
export function newResumeCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** Accepts what people type: lower case, spaces, missing dashes, O for 0, I/L for 1. */
export function normaliseResumeCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !CODE_ALPHABET.includes(c))) return undefined;
  return cleaned.replace(/(.{4})(?=.)/g, '$1-');
}

function hashCode(code: string): Buffer {
  return createHash('sha256').update(`wijkmeter/resume/v1:${code}`).digest();
}

export interface TSurveyTeam {
  id: number;
  name: string;
}

/** What a respondent's questionnaire page needs to know of its wave. */
export interface TSurveyWave {
  id: number;
  label: string;
  anonymityThreshold: number;
}

/** What a questionnaire link opens: the wave, its questionnaire version and its teams. */
export interface TSurveyContext {
  wave: TSurveyWave;
  def: TDefinition;
  /** The team fixed by the link, or null on the general link. */
  linkTeamId: number | null;
  teams: TSurveyTeam[];
  teamItem: TItem | undefined;
  open: boolean;
}

/**
 * What a token opens, or undefined. Unknown tokens and waves that are not open are
 * returned alike by the caller, so that tokens cannot be probed.
 */
export async function surveyContext(db: DbHandle, token: string, day = today()): Promise<TSurveyContext | undefined> {
  const link = await resolveToken(db, token);
  if (!link) return undefined;
  const wave = await db.selectFrom('wave').selectAll().where('id', '=', link.waveId).executeTakeFirstOrThrow();
  const version = await getPublishedVersionById(db, wave.questionnaire_version_id);
  const teams = (await waveTeams(db, wave.id)).map((t) => ({ id: t.id, name: t.name }));
  return {
    wave: { id: wave.id, label: wave.label, anonymityThreshold: wave.anonymity_threshold },
    def: version.definition,
    linkTeamId: link.teamId,
    teams,
    teamItem: allItems(version.definition).find((i) => i.kind === 'team'),
    open: wavePhase(wave, day) === 'open',
  };
}

export interface TStoredResponse {
  id: string;
  status: TResponseStatus;
  teamId: number | null;
  answers: TAnswers;
}

/** The partial response a resume code opens in this wave, with its answers. */
export async function findPartial(db: DbHandle, ctx: TSurveyContext, code: string): Promise<TStoredResponse | undefined> {
  const row = await db
    .selectFrom('response')
    .select(['id', 'status', 'team_id'])
    .where('resume_hash', '=', hashCode(code))
    .where('wave_id', '=', ctx.wave.id)
    .where('status', '=', 'partial')
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, status: row.status, teamId: row.team_id, answers: await loadAnswers(db, ctx, row.id, row.team_id) };
}

async function loadAnswers(db: DbHandle, ctx: TSurveyContext, responseId: string, teamId: number | null): Promise<TAnswers> {
  const rows = await db
    .selectFrom('answer')
    .select(['item_id', 'value_num', 'value_text'])
    .where('response_id', '=', responseId)
    .execute();
  const answers: TAnswers = {};
  for (const r of rows) answers[r.item_id] = r.value_num ?? r.value_text ?? '';
  // The team lives on the response itself; the form sees it as the answer to the team item.
  if (ctx.teamItem && teamId !== null && ctx.linkTeamId === null) answers[ctx.teamItem.id] = String(teamId);
  return answers;
}

/**
 * Saves one page. The response is created on the first save, keyed by the hash of the
 * code the page carried, so a double click or a resent form finds the same response
 * instead of making a second one. Returns undefined when the response is complete.
 * Atomic: runs in the caller's transaction, or in one of its own.
 */
export async function savePage(
  db: DbHandle,
  ctx: TSurveyContext,
  code: string,
  values: Readonly<Record<string, TAnswerValue | null>>,
): Promise<TStoredResponse | undefined> {
  return inTransaction(db, (trx) => savePageIn(trx, ctx, code, values));
}

async function savePageIn(
  trx: Transaction<Database>,
  ctx: TSurveyContext,
  code: string,
  values: Readonly<Record<string, TAnswerValue | null>>,
): Promise<TStoredResponse | undefined> {
  const day = today();
  const codeHash = hashCode(code);
  await trx
    .insertInto('response')
    .values({ wave_id: ctx.wave.id, team_id: ctx.linkTeamId, started_on: day, updated_on: day, resume_hash: codeHash })
    .onConflict((oc) => oc.column('resume_hash').doNothing())
    .execute();
  // Lock the row: parallel saves of the same response queue up instead of interleaving.
  const row = await trx
    .selectFrom('response')
    .select(['id', 'status', 'wave_id', 'team_id'])
    .where('resume_hash', '=', codeHash)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.status !== 'partial' || row.wave_id !== ctx.wave.id) return undefined;
  const spent = await trx
    .selectFrom('spent_resume_code')
    .select('code_hash')
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  if (spent) {
    // The code belonged to a response that was sent: remove the row this call may have
    // made (deleting, not rolling back, so a caller's transaction stays usable). A partial
    // response under a spent code is never valid, so the delete is right whoever made it.
    await trx.deleteFrom('response').where('id', '=', row.id).execute();
    return undefined;
  }

  // The team question's answer lives on the response, not in `answer`.
  const teamItemId = ctx.teamItem?.id;
  let teamId = row.team_id;
  if (teamItemId !== undefined && teamItemId in values) {
    const chosen = values[teamItemId];
    teamId = chosen === null || chosen === undefined ? null : Number(chosen);
  }
  await trx.updateTable('response').set({ updated_on: day, team_id: teamId }).where('id', '=', row.id).execute();

  const entries = Object.entries(values).filter(([id]) => id !== teamItemId);
  const toClear = entries.filter(([, v]) => v === null).map(([id]) => id);
  const toSet = entries.filter((e): e is [string, TAnswerValue] => e[1] !== null);
  if (toClear.length > 0) {
    await trx.deleteFrom('answer').where('response_id', '=', row.id).where('item_id', 'in', toClear).execute();
  }
  if (toSet.length > 0) {
    await trx
      .insertInto('answer')
      .values(
        toSet.map(([item_id, v]) => ({
          response_id: row.id,
          item_id,
          value_num: typeof v === 'number' ? v : null,
          value_text: typeof v === 'string' ? v : null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['response_id', 'item_id']).doUpdateSet((eb) => ({
          value_num: eb.ref('excluded.value_num'),
          value_text: eb.ref('excluded.value_text'),
        })),
      )
      .execute();
  }
  return { id: row.id, status: 'partial', teamId, answers: await loadAnswers(trx, ctx, row.id, teamId) };
}

export type CompleteResult = 'completed' | 'already_complete';

/**
 * Marks the response complete, once. The conditional UPDATE is the guard: of any number
 * of parallel sends, exactly one finds the row still partial. Answers to questions that
 * a later answer made irrelevant are removed, and the resume code is forgotten.
 */
export async function completeResponse(
  db: DbHandle,
  responseId: string,
  code: string,
  unasked: readonly string[],
): Promise<CompleteResult> {
  return inTransaction(db, async (trx) => {
    const done = await trx
      .updateTable('response')
      .set({ status: 'complete', completed_on: today(), updated_on: today(), resume_hash: null })
      .where('id', '=', responseId)
      .where('status', '=', 'partial')
      .returning('id')
      .executeTakeFirst();
    if (!done) return 'already_complete';
    await trx
      .insertInto('spent_resume_code')
      .values({ code_hash: hashCode(code) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    if (unasked.length > 0) {
      await trx.deleteFrom('answer').where('response_id', '=', responseId).where('item_id', 'in', unasked).execute();
    }
    return 'completed';
  });
}

/**
 * Gives the partial response that `code` opens a new code and retires the old one (it can
 * then neither open this response nor start another). Called when a resume link or code
 * is used: whoever handed the link out keeps a code that opens nothing, so he cannot read
 * what is entered after. Undefined when the code opens no partial response.
 */
export async function reissueResumeCode(db: DbHandle, ctx: TSurveyContext, code: string): Promise<string | undefined> {
  const fresh = newResumeCode();
  return inTransaction(db, async (trx) => {
    const moved = await trx
      .updateTable('response')
      .set({ resume_hash: hashCode(fresh) })
      .where('resume_hash', '=', hashCode(code))
      .where('wave_id', '=', ctx.wave.id)
      .where('status', '=', 'partial')
      .returning('id')
      .executeTakeFirst();
    if (!moved) return undefined;
    await trx
      .insertInto('spent_resume_code')
      .values({ code_hash: hashCode(code) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return fresh;
  });
}
