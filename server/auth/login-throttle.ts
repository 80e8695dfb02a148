/**
 * Throttling wrong passwords, counted in Postgres (so it holds across restarts and
 * servers). Three counters per attempt, each over a 15-minute window:
 *   - this account from this address:  5 failures  (someone guessing one account)
 *   - this account from anywhere:     20 failures  (a slow, distributed guess)
 *   - this address, any account:     100 failures  (one machine trying many accounts)
 * A whole office shares one address, so the address limit is high and a colleague's typos
 * never lock the others out; a person who mistyped only waits for his own account pair.
 * Keys are HMACs of the e-mail address and the address: the table holds no address.
 * (Our own small table; the general limiters of server/lib are another engineer's.)
 */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';

export const WINDOW_MINUTES = 15;
export const LIMITS = { pair: 5, account: 20, address: 100 } as const;

export interface TThrottleKeys {
  pair: string;
  account: string;
  address: string;
}

export function throttleKeys(secret: string, email: string, address: string): TThrottleKeys {
  const h = (s: string) => createHmac('sha256', secret).update(s, 'utf8').digest('base64url');
  return { pair: `p:${h(`${email}\u0000${address}`)}`, account: `a:${h(email)}`, address: `i:${h(address)}` };
}

/** Minutes until the next attempt is allowed, or 0 when it is allowed now. */
export async function throttledFor(db: DB, keys: TThrottleKeys): Promise<number> {
  const rows = await db
    .selectFrom('login_failure')
    .select([
      'key',
      'failures',
      sql<number>`extract(epoch from (window_start + make_interval(mins => ${WINDOW_MINUTES}) - now()))`.as('left'),
    ])
    .where('key', 'in', [keys.pair, keys.account, keys.address])
    .execute();
  let wait = 0;
  for (const row of rows) {
    const limit = row.key === keys.pair ? LIMITS.pair : row.key === keys.account ? LIMITS.account : LIMITS.address;
    const left = Number(row.left);
    if (row.failures >= limit && left > 0) wait = Math.max(wait, Math.ceil(left / 60));
  }
  return wait;
}

export async function recordFailure(db: DB, keys: TThrottleKeys): Promise<void> {
  for (const key of [keys.pair, keys.account, keys.address]) {
    await db
      .insertInto('login_failure')
      .values({ key, failures: 1, window_start: sql<Date>`now()` })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          // A window that has passed starts again at 1.
          failures: sql<number>`case when login_failure.window_start < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1 else login_failure.failures + 1 end`,
          window_start: sql<Date>`case when login_failure.window_start < now() - make_interval(mins => ${WINDOW_MINUTES}) then now() else login_failure.window_start end`,
        }),
      )
      .execute();
  }
}

/** After a good login the person at this address is no longer suspect for this account. */
export async function clearPair(db: DB, keys: TThrottleKeys): Promise<void> {
  await db.deleteFrom('login_failure').where('key', '=', keys.pair).execute();
  // Old windows are useless; keep the table small.
  await db
    .deleteFrom('login_failure')
    .where('window_start', '<', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .execute();
}
