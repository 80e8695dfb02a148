/**
 * The session store for @fastify/session, on Postgres through Kysely: sessions survive a
 * restart, and logging out (or disabling an account) deletes the row, so the session is
 * gone at once on every server. The id is stored only as its SHA-256 hash.
 */
import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';

const sidHash = (sid: string) => createHash('sha256').update(sid, 'utf8').digest();

type Callback = (err?: unknown) => void;
type SessionData = Parameters<SessionStore['set']>[1];

export class KyselySessionStore implements SessionStore {
  constructor(
    private readonly db: DB,
    private readonly fallbackLifetimeMs: number,
  ) {}

  get(sessionId: string, callback: (err: unknown, result?: SessionData | null) => void): void {
    this.db
      .selectFrom('app_session')
      .select('data')
      .where('sid_hash', '=', sidHash(sessionId))
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst()
      .then(
        (row) => callback(null, row ? (row.data as SessionData) : null),
        (err) => callback(err),
      );
  }

  set(sessionId: string, session: SessionData, callback: Callback): void {
    const data = session as unknown as { userId?: number; cookie?: { expires?: Date | string | null } };
    const expires = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + this.fallbackLifetimeMs);
    this.db
      .insertInto('app_session')
      .values({ sid_hash: sidHash(sessionId), user_id: data.userId ?? null, data: JSON.stringify(session), expires_at: expires })
      .onConflict((oc) =>
        oc.column('sid_hash').doUpdateSet((eb) => ({
          user_id: eb.ref('excluded.user_id'),
          data: eb.ref('excluded.data'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute()
      // Expired rows are only clutter (get() ignores them); sweep now and then.
      .then(() =>
        Math.random() < 0.02
          ? this.db
              .deleteFrom('app_session')
              .where('expires_at', '<', sql<Date>`now()`)
              .execute()
          : undefined,
      )
      .then(
        () => callback(),
        (err) => callback(err),
      );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .deleteFrom('app_session')
      .where('sid_hash', '=', sidHash(sessionId))
      .execute()
      .then(
        () => callback(),
        (err) => callback(err),
      );
  }
}

/** Ends every session of a user (password changed, account disabled), except perhaps one. */
export async function destroyUserSessions(db: DB, userId: number, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('app_session').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('sid_hash', '<>', sidHash(exceptSessionId));
  await q.execute();
}
