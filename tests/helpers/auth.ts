/**
 * Staff accounts for tests: a real user row, real memberships and a real API token,
 * resolved by the real auth plugin (nothing about access is stubbed).
 */
import { randomBytes } from 'node:crypto';
import type { DB } from '../../server/db/kysely.ts';
import { createApiToken, createUser, type TRole } from '../../server/services/users.ts';

export interface TestUser {
  userId: number;
  email: string;
  token: string;
  headers: { authorization: string };
}

export async function createUserWithToken(
  db: DB,
  options: { role: TRole; programmeIds?: readonly number[]; email?: string },
): Promise<TestUser> {
  const email = options.email ?? `${options.role}-${randomBytes(4).toString('hex')}@example.nl`;
  const user = await createUser(db, { email, role: options.role, programmeIds: options.programmeIds ?? [] });
  const { token } = await createApiToken(db, user.id, 'test');
  return { userId: user.id, email, token, headers: { authorization: `Bearer ${token}` } };
}
