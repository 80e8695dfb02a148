/**
 * One-time links to set a password: the invitation of a new account and "wachtwoord
 * vergeten". 256 random bits, stored only as SHA-256 with an expiry (72 hours) and used
 * once. Opening the link (GET) shows a form and consumes nothing: mail scanners open
 * links before people do. Only the POST that sets the password uses it up.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';
import type { OneTimeLinkPurpose } from '../db/schema.ts';
import { hashToken } from './users.ts';

export const LINK_VALID_HOURS = 72;

export async function createOneTimeLink(db: DB, userId: number, purpose: OneTimeLinkPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // A new link replaces the user's earlier unused ones: only the latest works.
  await db
    .updateTable('one_time_link')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('one_time_link')
    .values({
      user_id: userId,
      purpose,
      token_hash: hashToken(token),
      expires_at: sql<Date>`now() + make_interval(hours => ${LINK_VALID_HOURS})`,
    })
    .execute();
  return token;
}

export function oneTimeLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wachtwoord/${token}`;
}

export interface TValidLink {
  id: number;
  userId: number;
  email: string;
  purpose: OneTimeLinkPurpose;
}

/** The link if it exists, is unused, unexpired, and its account is not disabled. */
export async function findValidLink(db: DB, token: string): Promise<TValidLink | undefined> {
  const row = await db
    .selectFrom('one_time_link')
    .innerJoin('app_user', 'app_user.id', 'one_time_link.user_id')
    .select(['one_time_link.id', 'one_time_link.user_id', 'one_time_link.purpose', 'app_user.email'])
    .where('one_time_link.token_hash', '=', hashToken(token))
    .where('one_time_link.used_at', 'is', null)
    .where('one_time_link.expires_at', '>', sql<Date>`now()`)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, email: row.email, purpose: row.purpose };
}

/** Uses the link up; false if someone else used it in the meantime (two tabs). */
export async function consumeLink(db: DB, linkId: number): Promise<boolean> {
  const result = await db
    .updateTable('one_time_link')
    .set({ used_at: new Date() })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
