/**
 * Who is asking. Two ways in, one `request.principal`:
 *   - `Authorization: Bearer <token>`: a personal API token (stored as a hash);
 *   - the workspace session: a cookie naming a server-side session in Postgres
 *     (@fastify/session with auth/session-store.ts) that holds only the user id and two
 *     times. The user, role and memberships are read from the database on every request,
 *     so logging out, a role change or a disabled account takes effect at once.
 * Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after
 * login. Respondents never get a session: nothing is stored unless someone logs in.
 * The checks themselves live in auth/access.ts.
 */
import session from '@fastify/session';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { TPrincipal } from '../auth/access.ts';
import { throttleKeys, type TThrottleKeys } from '../auth/login-throttle.ts';
import { KyselySessionStore } from '../auth/session-store.ts';
import { findUser, userByApiToken, type TUser } from '../services/users.ts';

export interface AuthOptions {
  secret: string;
  secureCookies: boolean;
}

declare module 'fastify' {
  interface Session {
    userId?: number;
    /** Epoch milliseconds of the login (absolute time-out). */
    loginAt?: number;
    /** Epoch milliseconds of the last request, to the minute (idle time-out). */
    seenAt?: number;
  }
  interface FastifyInstance {
    /** The throttle counters for a login attempt (keys are HMACs with the server secret). */
    loginThrottleKeys(email: string, address: string): TThrottleKeys;
  }
  interface FastifyRequest {
    /** True when this request came with a session that has just timed out. */
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'wm_sessie';

export function principalOf(user: TUser, via: TPrincipal['via']): TPrincipal {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    programmeIds: user.programmeIds,
    via,
  };
}

const BEARER = /^Bearer\s+(\S{10,200})$/i;

/** Starts a session for this user on a fresh id: an id planted before login is worthless. */
export async function startSession(request: FastifyRequest, userId: number): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.set('userId', userId);
  request.session.set('loginAt', now);
  request.session.set('seenAt', now);
}

export async function endSession(request: FastifyRequest): Promise<void> {
  if (request.session?.sessionId) await request.session.destroy();
}

export default fp<AuthOptions>(
  async (app, options) => {
    const idleMs = app.config.SESSION_IDLE_MINUTES * 60_000;
    const maxMs = app.config.SESSION_MAX_HOURS * 3_600_000;
    await app.register(session, {
      secret: options.secret,
      cookieName: SESSION_COOKIE,
      store: new KyselySessionStore(app.db, maxMs),
      saveUninitialized: false,
      // The idle time is tracked in the session (seenAt), not by resending the cookie.
      rolling: false,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: maxMs },
    });
    app.decorate('loginThrottleKeys', (email: string, address: string) => throttleKeys(options.secret, email, address));
    app.decorateRequest('principal', undefined);
    app.decorateRequest('sessionExpired', false);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (typeof header === 'string') {
        const match = BEARER.exec(header);
        if (!match) return;
        const user = await userByApiToken(app.db, match[1]!);
        // An unknown or revoked token is simply nobody: the route answers 401.
        if (user && !user.disabled) request.principal = principalOf(user, 'token');
        return;
      }
      const s = request.session;
      const userId = s?.get?.('userId');
      if (typeof userId !== 'number') return;
      const now = Date.now();
      const loginAt = s.get('loginAt') ?? 0;
      const seenAt = s.get('seenAt') ?? 0;
      if (now - loginAt > maxMs || now - seenAt > idleMs) {
        request.sessionExpired = true;
        await s.destroy();
        return;
      }
      const user = await findUser(app.db, userId);
      if (!user || user.disabled) {
        await s.destroy();
        return;
      }
      // Written at most once a minute, so a page with many requests costs one write.
      if (now - seenAt > 60_000) s.set('seenAt', now);
      request.principal = principalOf(user, 'session');
    });
  },
  { name: 'auth', dependencies: ['database', 'security'] },
);
