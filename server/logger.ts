/**
 * Logger options for Fastify (pino). Respondents are anonymous, so the request log holds
 * no client address, no query string and no token: a request is logged by its *route
 * pattern* (`/v/:token`), never by the URL that was asked for.
 *
 * Respondent requests get no line of their own at the default level: a line per send,
 * stamped to the millisecond, together with the physical order of rows in the response
 * table would put a time of day on each response. They are counted instead, and the
 * counts are logged once a minute (`debug` brings the per-request lines back).
 */
import { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TConfig } from './config.ts';

/** The respondents' questionnaire: /v/:token and everything under it. */
export function isRespondentUrl(url: string | undefined): boolean {
  return url === '/v' || (url?.startsWith('/v/') ?? false);
}

export function loggerOptions(config: Pick<TConfig, 'LOG_LEVEL' | 'NODE_ENV'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    serializers: {
      req(request: FastifyRequest) {
        return {
          method: request.method,
          // The matched route pattern; unmatched paths are not echoed, they may carry a token.
          route: request.routeOptions?.url ?? '(no route)',
        };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
    // Belt and braces for anything logged by hand.
    redact: {
      paths: ['req.headers', 'req.ip', 'req.ips', 'req.url', 'token', '*.token', 'headers.cookie', 'headers["x-forwarded-for"]'],
      remove: true,
    },
  };
}

/** Fastify's per-request lines, left out for respondent routes unless the level is debug or trace. */
export function logController(config: Pick<TConfig, 'LOG_LEVEL'>): LogController {
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  return new LogController({
    disableRequestLogging: (req: { url?: string; raw?: { url?: string } }) =>
      !verbose && isRespondentUrl(req.raw?.url ?? req.url),
  });
}

/** Counts respondent requests by status class and logs the counts once a minute. */
export function countRespondentRequests(app: FastifyInstance, intervalMs = 60_000): void {
  let counts: Record<string, number> = {};
  const flush = () => {
    if (Object.keys(counts).length === 0) return;
    app.log.info({ respondentRequests: counts }, 'respondent requests in the last minute');
    counts = {};
  };
  app.addHook('onResponse', async (request, reply) => {
    if (!isRespondentUrl(request.url)) return;
    const key = `${Math.floor(reply.statusCode / 100)}xx`;
    counts[key] = (counts[key] ?? 0) + 1;
  });
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    flush();
  });
}
