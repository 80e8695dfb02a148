/**
 * Coding open answers into themes, double coding and final codes.
 *
 * Each coder's codes are stored apart and shown only to that coder (blind double coding).
 * An answer counts as coded by a coder once the coder gave it at least one theme or
 * marked it "no theme". Agreement between two coders: Cohen's kappa per theme over the
 * answers both coded (analysis/kappa.ts), and the answers on which they differ.
 *
 * Final codes of an answer, in this order:
 *   1. settled by a researcher (settled_answer + final_code) — after a disagreement;
 *   2. otherwise, when every coder who coded it gave the same themes, those themes;
 *   3. otherwise none yet: the answer waits to be settled (missing in exports).
 */
import { cohensKappa, type TKappa } from '../../analysis/kappa.ts';
import type { DB } from '../db/kysely.ts';
import { ValidationError } from '../errors.ts';
import { writeAudit } from './audit.ts';
import { findAnswer, openAnswerRows, type TOpenAnswerRow, type TOpenWave } from './open-answers.ts';
import { listThemes, type TActor, type TTheme } from './themes.ts';

export const keyOf = (a: { responseId: string; itemId: string }): string => `${a.responseId}|${a.itemId}`;

/** coder id → answer key → theme ids. */
export type TCodesByCoder = Map<number, Map<string, Set<number>>>;

/** Every coder's codes, or only one coder's (`coderId`: the coding screen shows a coder only their own). */
export async function codesByCoder(db: DB, waveId: number, coderId?: number): Promise<TCodesByCoder> {
  let codedQuery = db
    .selectFrom('coded_answer')
    .innerJoin('response', 'response.id', 'coded_answer.response_id')
    .select(['coded_answer.response_id', 'coded_answer.item_id', 'coded_answer.coder_id'])
    .where('response.wave_id', '=', waveId);
  let codesQuery = db
    .selectFrom('coding')
    .innerJoin('theme', 'theme.id', 'coding.theme_id')
    .select(['coding.response_id', 'coding.item_id', 'coding.coder_id', 'coding.theme_id'])
    .where('theme.wave_id', '=', waveId);
  if (coderId !== undefined) {
    codedQuery = codedQuery.where('coded_answer.coder_id', '=', coderId);
    codesQuery = codesQuery.where('coding.coder_id', '=', coderId);
  }
  const [coded, codes] = await Promise.all([codedQuery.execute(), codesQuery.execute()]);
  const result: TCodesByCoder = new Map();
  for (const c of coded) {
    const mine = result.get(c.coder_id) ?? new Map<string, Set<number>>();
    mine.set(keyOf({ responseId: c.response_id, itemId: c.item_id }), new Set());
    result.set(c.coder_id, mine);
  }
  for (const c of codes)
    result
      .get(c.coder_id)
      ?.get(keyOf({ responseId: c.response_id, itemId: c.item_id }))
      ?.add(c.theme_id);
  return result;
}

export interface TCodeEntry {
  ref: string;
  themeIds: readonly number[];
  /** Coded, and no theme applies. */
  none: boolean;
}

/** Saves one coder's codes for some answers; an entry with no theme and not `none` becomes uncoded. */
export async function saveCodes(db: DB, wave: TOpenWave, coderId: number, entries: readonly TCodeEntry[]): Promise<void> {
  const themeIds = new Set((await listThemes(db, wave.waveId)).map((t) => t.id));
  const rows = new Map((await openAnswerRows(db, wave)).map((r) => [r.ref, r]));
  const resolved = entries.map((e) => {
    const row = rows.get(e.ref);
    if (!row) throw new ValidationError('Een van de antwoorden bestaat niet (meer); laad de pagina opnieuw.');
    if (!e.themeIds.every((id) => themeIds.has(id)))
      throw new ValidationError('Een gekozen thema bestaat niet (meer); laad de pagina opnieuw.');
    return { row, entry: e };
  });
  await db.transaction().execute(async (trx) => {
    for (const { row, entry } of resolved) {
      const where = { response_id: row.responseId, item_id: row.itemId, coder_id: coderId };
      await trx
        .deleteFrom('coded_answer')
        .where('response_id', '=', where.response_id)
        .where('item_id', '=', where.item_id)
        .where('coder_id', '=', coderId)
        .execute();
      if (entry.themeIds.length === 0 && !entry.none) continue;
      await trx.insertInto('coded_answer').values(where).execute();
      const unique = [...new Set(entry.themeIds)];
      if (unique.length > 0)
        await trx
          .insertInto('coding')
          .values(unique.map((theme_id) => ({ ...where, theme_id })))
          .execute();
    }
  });
}

export interface TCoder {
  userId: number;
  displayName: string;
  coded: number;
}

export async function coders(db: DB, waveId: number): Promise<TCoder[]> {
  const rows = await db
    .selectFrom('coded_answer')
    .innerJoin('response', 'response.id', 'coded_answer.response_id')
    .innerJoin('app_user', 'app_user.id', 'coded_answer.coder_id')
    .select(['app_user.id', 'app_user.display_name', (eb) => eb.fn.countAll<string>().as('n')])
    .where('response.wave_id', '=', waveId)
    .groupBy(['app_user.id', 'app_user.display_name'])
    .orderBy('app_user.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name, coded: Number(r.n) }));
}

/** Settled answers: answer key → final theme ids. */
async function settled(db: DB, waveId: number): Promise<Map<string, Set<number>>> {
  const answers = await db
    .selectFrom('settled_answer')
    .innerJoin('response', 'response.id', 'settled_answer.response_id')
    .select(['settled_answer.response_id', 'settled_answer.item_id'])
    .where('response.wave_id', '=', waveId)
    .execute();
  const result = new Map(answers.map((a) => [keyOf({ responseId: a.response_id, itemId: a.item_id }), new Set<number>()]));
  const codes = await db
    .selectFrom('final_code')
    .innerJoin('theme', 'theme.id', 'final_code.theme_id')
    .select(['final_code.response_id', 'final_code.item_id', 'final_code.theme_id'])
    .where('theme.wave_id', '=', waveId)
    .execute();
  for (const c of codes) result.get(keyOf({ responseId: c.response_id, itemId: c.item_id }))?.add(c.theme_id);
  return result;
}

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Final codes per answer key; answers not in the map have none yet (uncoded or unsettled). */
export async function finalCodes(db: DB, waveId: number): Promise<Map<string, Set<number>>> {
  const result = await settled(db, waveId);
  const byCoder = await codesByCoder(db, waveId);
  const candidates = new Map<string, Set<number>[]>();
  for (const mine of byCoder.values()) {
    for (const [key, set] of mine) candidates.set(key, [...(candidates.get(key) ?? []), set]);
  }
  for (const [key, sets] of candidates) {
    if (result.has(key)) continue;
    if (sets.every((s) => sameSet(s, sets[0]!))) result.set(key, sets[0]!);
  }
  return result;
}

export interface TDisagreement {
  ref: string;
  itemId: string;
  text: string;
  first: number[];
  second: number[];
  /** The final codes, once settled. */
  settled: number[] | undefined;
}

export interface TAgreement {
  /** Answers both coders coded. */
  n: number;
  perTheme: { theme: TTheme; kappa: TKappa }[];
  disagreements: TDisagreement[];
}

export async function agreement(db: DB, wave: TOpenWave, firstCoder: number, secondCoder: number): Promise<TAgreement> {
  const themes = await listThemes(db, wave.waveId);
  const byCoder = await codesByCoder(db, wave.waveId);
  const first = byCoder.get(firstCoder) ?? new Map<string, Set<number>>();
  const second = byCoder.get(secondCoder) ?? new Map<string, Set<number>>();
  const done = await settled(db, wave.waveId);
  const both = (await openAnswerRows(db, wave)).filter((r) => first.has(keyOf(r)) && second.has(keyOf(r)));
  const perTheme = themes.map((theme) => ({
    theme,
    kappa: cohensKappa(
      both.map((r) => first.get(keyOf(r))!.has(theme.id)),
      both.map((r) => second.get(keyOf(r))!.has(theme.id)),
    ),
  }));
  const disagreements = both
    .filter((r) => !sameSet(first.get(keyOf(r))!, second.get(keyOf(r))!))
    .map((r) => ({
      ref: r.ref,
      itemId: r.itemId,
      text: r.text,
      first: [...first.get(keyOf(r))!],
      second: [...second.get(keyOf(r))!],
      settled: done.has(keyOf(r)) ? [...done.get(keyOf(r))!] : undefined,
    }));
  return { n: both.length, perTheme, disagreements };
}

/** Decides an answer's final codes (any themes, or none), replacing an earlier decision. */
export async function settleAnswer(
  db: DB,
  wave: TOpenWave,
  ref: string,
  themeIds: readonly number[],
  actor: TActor,
): Promise<void> {
  const answer: TOpenAnswerRow = await findAnswer(db, wave, ref);
  const themes = await listThemes(db, wave.waveId);
  const chosen = themes.filter((t) => themeIds.includes(t.id));
  if (chosen.length !== new Set(themeIds).size)
    throw new ValidationError('Een gekozen thema bestaat niet (meer); laad de pagina opnieuw.');
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('settled_answer')
      .where('response_id', '=', answer.responseId)
      .where('item_id', '=', answer.itemId)
      .execute();
    await trx
      .insertInto('settled_answer')
      .values({ response_id: answer.responseId, item_id: answer.itemId, settled_by: actor.userId })
      .execute();
    if (chosen.length > 0) {
      await trx
        .insertInto('final_code')
        .values(chosen.map((t) => ({ response_id: answer.responseId, item_id: answer.itemId, theme_id: t.id })))
        .execute();
    }
    await writeAudit(trx, {
      actor: actor.email,
      userId: actor.userId,
      action: 'open_answer.settle',
      subject: `wave:${wave.waveId}`,
      details: { ref, themes: chosen.map((t) => t.code) },
    });
  });
}
