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

/** The account behind an e-mail address with its password hash, for the login only. */
export async function findLoginByEmail(db: DB, email: string): Promise<{ user: TUser; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await findUser(db, row.id);
  return user && { user, passwordHash: row.password_hash };
}

export async function setPasswordHash(db: DB, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export type TUserStatus = 'active' | 'invited' | 'disabled';

export interface TUserListItem extends TUser {
  status: TUserStatus;
  createdAt: Date;
}

export async function listUsers(db: DB): Promise<TUserListItem[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'disabled_at', 'created_at'])
    .orderBy('email')
    .execute();
  const out: TUserListItem[] = [];
  for (const row of rows) {
    const user = (await findUser(db, row.id))!;
    const status: TUserStatus = row.disabled_at ? 'disabled' : row.password_hash ? 'active' : 'invited';
    out.push({ ...user, status, createdAt: row.created_at });
  }
  return out;
}

export async function updateUser(
  db: DB,
  userId: number,
  input: { displayName: string; role: TRole; programmeIds: readonly number[] },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ display_name: input.displayName.trim(), role: input.role })
    .where('id', '=', userId)
    .execute();
  await setMemberships(db, userId, input.programmeIds);
}

export async function setDisabled(db: DB, userId: number, disabled: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', userId)
    .execute();
}

export async function countActiveAdmins(db: DB): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids among these that are not programmes (a form posted a stale or made-up id). */
export async function unknownProgrammeIds(db: DB, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('programme')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export interface TApiTokenInfo {
  id: number;
  label: string;
  createdAt: Date;
  lastUsedOn: string | null;
}

/** The user's tokens that still work (never the token itself: only its hash is kept). */
export async function listApiTokens(db: DB, userId: number): Promise<TApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'created_at', 'last_used_on'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedOn: r.last_used_on }));
}
