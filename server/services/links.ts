/**
 * Anonymous entry links. A token is 192 bits derived as HMAC(server secret, random
 * 128-bit nonce): the database holds the nonce and SHA-256(token), never the token, so a
 * copy of the database alone cannot open a questionnaire, while the server can print the
 * same links again (`npm run wave -- links`). Rotating SESSION_SECRET invalidates every
 * link; `links --reissue` then makes new ones.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { inTransaction, type DbHandle } from '../db/transaction.ts';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function deriveToken(secret: string, nonce: Buffer): string {
  return createHmac('sha256', `wijkmeter/link/v1:${secret}`).update(nonce).digest().subarray(0, 24).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A string that cannot be a token is rejected before any database work. */
export function looksLikeToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export async function createLink(db: DbHandle, secret: string, waveId: number, teamId: number | null): Promise<string> {
  const nonce = randomBytes(16);
  const token = deriveToken(secret, nonce);
  await db
    .insertInto('team_link')
    .values({ wave_id: waveId, team_id: teamId, nonce, token_hash: hashToken(token) })
    .execute();
  return token;
}

export interface ResolvedLink {
  linkId: number;
  waveId: number;
  /** Null for the general link: the respondent chooses the team. */
  teamId: number | null;
}

export async function resolveToken(db: DbHandle, token: string): Promise<ResolvedLink | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db
    .selectFrom('team_link')
    .select(['id', 'wave_id', 'team_id'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked', '=', false)
    .executeTakeFirst();
  return row && { linkId: row.id, waveId: row.wave_id, teamId: row.team_id };
}

export interface WaveLink {
  teamId: number | null;
  team: string | null;
  token: string;
}

/** The wave's live links, re-derived from their nonces. */
export async function waveLinks(db: DbHandle, secret: string, waveId: number): Promise<WaveLink[]> {
  const rows = await db
    .selectFrom('team_link')
    .leftJoin('team', 'team.id', 'team_link.team_id')
    .select(['team_link.team_id', 'team.name', 'team_link.nonce'])
    .where('team_link.wave_id', '=', waveId)
    .where('team_link.revoked', '=', false)
    .orderBy('team.name')
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, team: r.name, token: deriveToken(secret, r.nonce) }));
}

/** Revokes every live link of the wave and makes new ones (a link leaked, or the secret changed). */
export async function reissueLinks(db: DbHandle, secret: string, waveId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const live = await trx
      .updateTable('team_link')
      .set({ revoked: true })
      .where('wave_id', '=', waveId)
      .where('revoked', '=', false)
      .returning('team_id')
      .execute();
    for (const link of live) await createLink(trx, secret, waveId, link.team_id);
  });
}

export function surveyUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v/${token}`;
}
