/**
 * Reading open answers safely. Open answers are the most identifying part of a response
 * (a sentence can name a person or a team), so:
 *   - they are read one question at a time, never next to another answer of the same
 *     respondent, and never with their team unless the reader filtered on a team that is
 *     at or above the wave's anonymity threshold;
 *   - their order is a stable per-wave shuffle keyed by a random secret stored for the
 *     wave, so it follows neither submission order nor response ids;
 *   - pages and the API name an answer by an opaque reference (an HMAC of the response id
 *     under the same secret), never by its response id;
 *   - a researcher can redact a passage: the stored text itself is replaced, so every
 *     page and export shows the redacted text from then on, and the audit log records
 *     that (and how much) was removed, never what.
 * Coding and results use complete responses only, as the reports analyse; reading and
 * redacting also reach the answers of partial responses (marked as such), because an
 * export with partial responses carries them too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { TDefinition, TItem, TText } from '../../survey-definitions/index.ts';
import { allItems } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { writeAudit } from './audit.ts';
import { getPublishedVersionById } from './definitions.ts';
import { getWave, waveTeams } from './waves.ts';

/** What replaces a redacted passage in the stored text. */
export const REDACTED = '[verwijderd]';

export const ZREF_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export interface TOpenItem {
  id: string;
  text: TText;
}

/** An open answer as pages and the API see it: no response id, no team. */
export interface TOpenAnswer {
  ref: string;
  itemId: string;
  text: string;
  /** From a response not sent (yet): readable and redactable, never coded. */
  partial: boolean;
}

/** The server side of an answer: where it is stored. Never leaves the services. */
export interface TOpenAnswerRow extends TOpenAnswer {
  responseId: string;
  teamId: number | null;
}

export interface TTeamAvailability {
  id: number;
  name: string;
  /** At or above the wave's anonymity threshold (complete responses): may be filtered on and shown. */
  shown: boolean;
  complete: number;
}

export interface TOpenWave {
  waveId: number;
  programmeId: number;
  label: string;
  threshold: number;
  definition: TDefinition;
  items: TOpenItem[];
  teams: TTeamAvailability[];
  key: Buffer;
}

/** The items whose answers are free text: the open questions of the version. */
export function openItems(def: TDefinition): TOpenItem[] {
  return allItems(def)
    .filter((item: TItem) => item.kind === 'text')
    .map((item) => ({ id: item.id, text: item.text }));
}

function hmac(key: Buffer, purpose: string, responseId: string, itemId: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\0${responseId}\0${itemId}`).digest();
}

export function answerRef(key: Buffer, responseId: string, itemId: string): string {
  return hmac(key, 'ref', responseId, itemId).toString('base64url').slice(0, 16);
}

/** The wave's secret, made on first use (concurrent first uses agree on one). */
async function waveKey(db: DB, waveId: number): Promise<Buffer> {
  await db
    .insertInto('open_answer_key')
    .values({ wave_id: waveId, secret: randomBytes(32) })
    .onConflict((oc) => oc.column('wave_id').doNothing())
    .execute();
  const row = await db.selectFrom('open_answer_key').select('secret').where('wave_id', '=', waveId).executeTakeFirstOrThrow();
  return row.secret;
}

export async function openWave(db: DB, waveId: number): Promise<TOpenWave> {
  const wave = await getWave(db, waveId);
  const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
  const teams = await waveTeams(db, waveId);
  const counts = await db
    .selectFrom('response')
    .select(['team_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('wave_id', '=', waveId)
    .where('status', '=', 'complete')
    .groupBy('team_id')
    .execute();
  const complete = new Map(counts.map((c) => [c.team_id, Number(c.n)]));
  return {
    waveId,
    programmeId: wave.programme_id,
    label: wave.label,
    threshold: wave.anonymity_threshold,
    definition,
    items: openItems(definition),
    teams: teams.map((t) => {
      const n = complete.get(t.id) ?? 0;
      return { id: t.id, name: t.name, complete: n, shown: n >= wave.anonymity_threshold };
    }),
    key: await waveKey(db, waveId),
  };
}

export interface TAnswerFilter {
  itemId?: string | undefined;
  /** Only a shown team (at or above the threshold); any other is refused. */
  teamId?: number | undefined;
  /** Also the answers of partial responses (reading and redacting only). */
  includePartial?: boolean;
}

/** Every non-empty open answer of the wave's complete (or also partial) responses, in the wave's shuffled order. */
export async function openAnswerRows(db: DB, wave: TOpenWave, filter: TAnswerFilter = {}): Promise<TOpenAnswerRow[]> {
  const itemIds = filter.itemId === undefined ? wave.items.map((i) => i.id) : [filter.itemId];
  if (itemIds.length === 0 || !itemIds.every((id) => wave.items.some((i) => i.id === id))) {
    throw new ValidationError('Deze vraag is geen open vraag van deze meting.', { field: 'vraag' });
  }
  if (filter.teamId !== undefined && !wave.teams.some((t) => t.id === filter.teamId && t.shown)) {
    throw new ValidationError('Op dit team kan niet worden gefilterd: het heeft te weinig respondenten.', { field: 'team' });
  }
  let query = db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id', 'answer.item_id', 'answer.value_text', 'response.team_id', 'response.status'])
    .where('response.wave_id', '=', wave.waveId)
    .where('response.status', 'in', filter.includePartial ? ['complete', 'partial'] : ['complete'])
    .where('answer.item_id', 'in', itemIds)
    .where('answer.value_text', 'is not', null);
  if (filter.teamId !== undefined) query = query.where('response.team_id', '=', filter.teamId);
  const rows = await query.execute();
  return rows
    .filter((r) => (r.value_text ?? '').trim() !== '')
    .map((r) => ({
      sort: hmac(wave.key, 'order', r.response_id, r.item_id),
      row: {
        ref: answerRef(wave.key, r.response_id, r.item_id),
        itemId: r.item_id,
        text: r.value_text!,
        partial: r.status === 'partial',
        responseId: r.response_id,
        teamId: r.team_id,
      },
    }))
    .sort((a, b) => Buffer.compare(a.sort, b.sort))
    .map((x) => x.row);
}

export function publicAnswer(row: TOpenAnswerRow): TOpenAnswer {
  return { ref: row.ref, itemId: row.itemId, text: row.text, partial: row.partial };
}

export async function findAnswer(
  db: DB,
  wave: TOpenWave,
  ref: string,
  options: { includePartial?: boolean } = {},
): Promise<TOpenAnswerRow> {
  if (!ZREF_PATTERN.test(ref)) throw new NotFoundError('Dit antwoord bestaat niet (meer).');
  const found = (await openAnswerRows(db, wave, { includePartial: options.includePartial ?? false })).find((a) => a.ref === ref);
  if (!found) throw new NotFoundError('Dit antwoord bestaat niet (meer).');
  return found;
}

export interface TRedaction {
  text: string;
  occurrences: number;
}

/**
 * Replaces every occurrence of `passage` in one stored answer with REDACTED. The passage
 * must occur exactly as given (the researcher copies it from the answer).
 */
export async function redactPassage(
  db: DB,
  wave: TOpenWave,
  ref: string,
  passage: string,
  actor: { email: string; userId: number },
): Promise<TRedaction> {
  const target = passage.trim();
  if (target === '')
    throw new ValidationError('Geef de tekst die weg moet, precies zoals hij in het antwoord staat.', { field: 'passage' });
  const answer = await findAnswer(db, wave, ref, { includePartial: true });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('answer')
      .select('value_text')
      .where('response_id', '=', answer.responseId)
      .where('item_id', '=', answer.itemId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const current = row.value_text ?? '';
    const occurrences = current.split(target).length - 1;
    if (occurrences === 0) {
      throw new ValidationError('Deze tekst staat niet (zo) in het antwoord. Kopieer het stuk precies uit het antwoord.', {
        field: 'passage',
      });
    }
    const text = current.split(target).join(REDACTED);
    await trx
      .updateTable('answer')
      .set({ value_text: text })
      .where('response_id', '=', answer.responseId)
      .where('item_id', '=', answer.itemId)
      .execute();
    // That a passage was removed, where and how long — never the words themselves.
    await writeAudit(trx, {
      actor: actor.email,
      userId: actor.userId,
      action: 'open_answer.redact',
      subject: `wave:${wave.waveId}`,
      details: { ref, item: answer.itemId, occurrences, removedCharacters: target.length * occurrences },
    });
    return { text, occurrences };
  });
}
