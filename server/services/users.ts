/**
 * Staff accounts (admins, researchers, managers), their programme memberships and their
 * personal API tokens. Respondents have no account: nothing here touches answers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';
import type { UserRole } from '../db/schema.ts';
import { ConflictError } from '../errors.ts';
import { today } from '../lib/dates.ts';

export type TRole = UserRole;
export const ROLES = ['admin', 'researcher', 'manager'] as const satisfies readonly TRole[];

export interface TUser {
  id: number;
  email: string;
  displayName: string;
  role: TRole;
  programmeIds: number[];
  disabled: boolean;
}

/** E-mail addresses compare case-insensitively and without surrounding blanks. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export async function createUser(
  db: DB,
  input: { email: string; displayName?: string; role: TRole; programmeIds?: readonly number[]; passwordHash?: string },
): Promise<TUser> {
  const email = normaliseEmail(input.email);
  const existing = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new ConflictError('Er bestaat al een account met dit e-mailadres.', { field: 'email' });
  const row = await db
    .insertInto('app_user')
    .values({
      email,
      display_name: input.displayName?.trim() || email.split('@')[0]!,
      role: input.role,
      password_hash: input.passwordHash ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setMemberships(db, row.id, input.programmeIds ?? []);
  return (await findUser(db, row.id))!;
}

/** Replaces the user's programme memberships with exactly these. */
export async function setMemberships(db: DB, userId: number, programmeIds: readonly number[]): Promise<void> {
  await db.deleteFrom('programme_member').where('user_id', '=', userId).execute();
  const unique = [...new Set(programmeIds)];
  if (unique.length > 0) {
    await db
      .insertInto('programme_member')
      .values(unique.map((programme_id) => ({ user_id: userId, programme_id })))
      .execute();
  }
}

export async function findUser(db: DB, userId: number): Promise<TUser | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'role', 'disabled_at'])
    .select((eb) =>
      eb
        .selectFrom('programme_member')
        .select(sql<number[]>`coalesce(array_agg(programme_id order by programme_id), '{}')`.as('ids'))
        .whereRef('programme_member.user_id', '=', 'app_user.id')
        .as('programme_ids'),
    )
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    programmeIds: row.programme_ids ?? [],
    disabled: row.disabled_at !== null,
  };
}

/** A new personal API token: returned once, stored only as its hash. */
export async function createApiToken(db: DB, userId: number, label: string): Promise<{ id: number; token: string }> {
  // 256 bits; the prefix makes a leaked token recognisable to secret scanners.
  const token = `wm_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_token')
    .values({ user_id: userId, label: label.trim() || 'token', token_hash: hashToken(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function revokeApiToken(db: DB, userId: number, tokenId: number): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The active user behind a token, or undefined for an unknown, revoked or disabled one. */
export async function userByApiToken(db: DB, token: string): Promise<TUser | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id as tokenId', 'app_user.id as userId', 'api_token.last_used_on'])
    .where('api_token.token_hash', '=', hashToken(token))
    .where('api_token.revoked_at', 'is', null)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const day = today();
  if (row.last_used_on !== day) {
    await db.updateTable('api_token').set({ last_used_on: day }).where('id', '=', row.tokenId).execute();
  }
  return findUser(db, row.userId);
}
