/**
 * Limiters whose counters live in PostgreSQL (`rate_counter`, UNLOGGED), so that every
 * app instance behind a load balancer sees the same counts.
 *
 * What is counted is abuse, not volume: failures (wrong or closed links, wrong resume
 * codes, wrong logins) per client address, and requests to the staff side. Requests on a
 * valid respondent link are never counted, so a whole team behind one office address keeps
 * working while someone guessing tokens from that address is slowed down.
 *
 * Addresses are stored only as a keyed hash (HMAC with the server secret: an unkeyed hash
 * of an IPv4 address is undone by trying all 2^32), for one window, never logged.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';

export interface CounterState {
  count: number;
  /** Milliseconds until the window ends and the count starts again at zero. */
  resetInMs: number;
}

export class RateCounters {
  private hits = 0;

  constructor(
    private readonly db: DB,
    private readonly secret: string,
  ) {}

  private key(bucket: string, address: string): Buffer {
    return createHmac('sha256', `wijkmeter/limiter/v1:${this.secret}`).update(`${bucket}\0${address}`).digest().subarray(0, 16);
  }

  /** Counts one more in the current fixed window (the database's clock: one for all instances). */
  async hit(bucket: string, address: string, windowMs: number): Promise<CounterState> {
    if (++this.hits % 500 === 0) void this.prune().catch(() => undefined);
    const row = await sql<{ count: number; reset_in_ms: number }>`
      INSERT INTO rate_counter AS c (bucket, key, window_start, count)
      VALUES (${bucket}, ${this.key(bucket, address)}, to_timestamp(floor(extract(epoch FROM now()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0), 1)
      ON CONFLICT (bucket, key) DO UPDATE
        SET count = CASE WHEN c.window_start = excluded.window_start THEN c.count + 1 ELSE 1 END,
            window_start = excluded.window_start
      RETURNING count, (extract(epoch FROM window_start) * 1000 + ${windowMs} - extract(epoch FROM now()) * 1000)::float8 AS reset_in_ms`.execute(
      this.db,
    );
    const r = row.rows[0]!;
    return { count: r.count, resetInMs: Math.max(0, r.reset_in_ms) };
  }

  /** The count in the current window without adding to it. */
  async peek(bucket: string, address: string, windowMs: number): Promise<CounterState> {
    const row = await sql<{ count: number; reset_in_ms: number }>`
      SELECT count, (extract(epoch FROM window_start) * 1000 + ${windowMs} - extract(epoch FROM now()) * 1000)::float8 AS reset_in_ms
      FROM rate_counter
      WHERE bucket = ${bucket} AND key = ${this.key(bucket, address)}
        AND window_start = to_timestamp(floor(extract(epoch FROM now()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0)`.execute(
      this.db,
    );
    const r = row.rows[0];
    return r ? { count: r.count, resetInMs: Math.max(0, r.reset_in_ms) } : { count: 0, resetInMs: 0 };
  }

  /** Windows are at most a day: older rows are of no use to anyone. */
  async prune(): Promise<void> {
    await sql`DELETE FROM rate_counter WHERE window_start < now() - interval '1 day'`.execute(this.db);
  }
}

export interface LimiterVerdict {
  blocked: boolean;
  /** When blocked: seconds until attempts are accepted again. */
  retryAfterSeconds: number;
}

/** At most `max` failures per address per window in one bucket ('link', 'resume', 'login'). */
export class FailureLimiter {
  constructor(
    private readonly counters: RateCounters,
    private readonly bucket: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  async check(address: string): Promise<LimiterVerdict> {
    const state = await this.counters.peek(this.bucket, address, this.windowMs);
    return this.verdict(state);
  }

  /** Counts a failure; the verdict says whether the address is now blocked. */
  async fail(address: string): Promise<LimiterVerdict> {
    return this.verdict(await this.counters.hit(this.bucket, address, this.windowMs));
  }

  private verdict(state: CounterState): LimiterVerdict {
    const blocked = state.count >= this.max;
    return { blocked, retryAfterSeconds: blocked ? Math.max(1, Math.ceil(state.resetInMs / 1000)) : 0 };
  }
}
