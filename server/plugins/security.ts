/**
 * Security infrastructure: signed cookies, CSRF tokens for every form post, strict
 * security headers (no inline script or style, no framing, no referrer — a referrer
 * would carry the respondent's link token to other sites; no camera, microphone or
 * location), urlencoded form bodies with a size limit, text normalised at the boundary,
 * and limiters whose counters live in PostgreSQL (lib/failure-limiter.ts): a per-address
 * request limit on the staff side, and failure limits for links and resume codes (logins: auth/login-throttle.ts).
 * Requests on a valid respondent link are never limited by volume.
 */
import cookie from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TooManyRequestsError } from '../errors.ts';
import { FailureLimiter, RateCounters } from '../lib/failure-limiter.ts';

export interface SecurityOptions {
  secret: string;
  secureCookies: boolean;
  requestsPerMinute: number;
}

export interface Limiters {
  counters: RateCounters;
  /** Unknown, revoked or closed respondent links. */
  link: FailureLimiter;
  /** Wrong resume codes. */
  resume: FailureLimiter;
}

declare module 'fastify' {
  interface FastifyInstance {
    limiters: Limiters;
  }
  interface FastifyReply {
    /** A CSRF token for a form (sets the secret cookie on first use). */
    generateCsrf(): string;
  }
  interface FastifyRequest {
    /** Whether the posted `_csrf` field (or x-csrf-token header) matches this browser's secret. */
    csrfValid(): boolean;
  }
}

const CSRF_COOKIE = '_wm_csrf';

export const FORM_BODY_LIMIT = 64 * 1024;

export default fp<SecurityOptions>(
  async (app, options) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: options.secureCookies ? { maxAge: 31_536_000 } : false,
    });
    // Nothing here needs a device feature; a page that was tampered with cannot ask for one.
    const permissionsPolicy =
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()';
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('permissions-policy', permissionsPolicy);
    });
    await app.register(cookie, { secret: options.secret });
    // CSRF: a per-browser secret in a signed cookie, and a token from it in every form.
    // Verification returns a boolean so that a page can show the typed answers again
    // instead of an error page (the respondent loses nothing when a form expired).
    const tokens = Tokens();
    const cookieOpts = { path: '/', sameSite: 'strict' as const, httpOnly: true, signed: true, secure: options.secureCookies };
    const secretOf = (request: FastifyRequest): string | undefined => {
      const raw = request.cookies[CSRF_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      return unsigned?.valid && unsigned.value ? unsigned.value : undefined;
    };
    app.decorateReply('generateCsrf', function (this: FastifyReply): string {
      const existing = secretOf(this.request);
      if (existing) return tokens.create(existing);
      const secret = tokens.secretSync();
      void this.setCookie(CSRF_COOKIE, secret, cookieOpts);
      return tokens.create(secret);
    });
    app.decorateRequest('csrfValid', function (this: FastifyRequest): boolean {
      const secret = secretOf(this);
      const body = this.body as { _csrf?: unknown } | undefined;
      const token = typeof body?._csrf === 'string' ? body._csrf : this.headers['x-csrf-token'];
      return Boolean(secret && typeof token === 'string' && tokens.verify(secret, token));
    });
    await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });

    // Text is normalised before any route sees it: NUL (which PostgreSQL refuses in text)
    // and other control characters are dropped, line ends become \n, Unicode becomes NFC.
    // Nothing a person can type then reaches the database as something it refuses.
    app.addHook('preValidation', async (request) => {
      if (request.body !== undefined) request.body = normaliseInput(request.body);
      request.query = normaliseInput(request.query) as typeof request.query;
    });

    const counters = new RateCounters(app.db, options.secret);
    app.decorate('limiters', {
      counters,
      link: new FailureLimiter(counters, 'link', 30, 15 * 60_000),
      resume: new FailureLimiter(counters, 'resume', 20, 15 * 60_000),
    });

    // A flood limit per address, on the staff side and unknown paths only. Respondent
    // routes are exempt (an office of 300 on one link shares one address); abuse there
    // is wrong tokens and codes, which the failure limiters count.
    app.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url;
      if (route === '/healthz' || route === '/readyz' || route?.startsWith('/static/') || route?.startsWith('/v/:token')) return;
      let state;
      try {
        state = await counters.hit('requests', request.ip, 60_000);
      } catch (error) {
        // Without the database nothing can be served anyway; the route will say so (503).
        request.log.debug({ err: error }, 'request limiter unavailable');
        return;
      }
      if (state.count > options.requestsPerMinute) {
        throw new TooManyRequestsError(
          'Te veel verzoeken vanaf dit adres. Probeer het over een minuut opnieuw.',
          Math.max(1, Math.ceil(state.resetInMs / 1000)),
        );
      }
    });
  },
  { name: 'security', dependencies: ['database'] },
);

// Keeps tab, line feed; drops the rest of C0, DEL and C1 (carriage returns become \n first).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').normalize('NFC');
}

/** Strings anywhere in a parsed body or query (objects and arrays, a few levels deep). */
export function normaliseInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => normaliseInput(v, depth + 1));
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[normaliseText(k)] = normaliseInput(v, depth + 1);
  return out;
}
