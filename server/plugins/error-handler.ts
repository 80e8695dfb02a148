/**
 * One place that turns errors into HTTP answers. Typed AppErrors keep their message and
 * field details; a 5xx body carries only the request id: the detail goes to the log.
 * Pages for people (the questionnaire) register an HTML renderer for their routes; the
 * mapping from error to status and message stays here.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ServiceUnavailableError, TooManyRequestsError } from '../errors.ts';
import { retryPage } from '../lib/retry-page.ts';

export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  details?: unknown;
}

/** Renders an error as a page instead of JSON; set per route scope with `useHtmlErrors`. */
export type HtmlErrorRenderer = (request: FastifyRequest, status: number, body: ErrorBody) => string;

declare module 'fastify' {
  interface FastifyRequest {
    htmlErrors?: HtmlErrorRenderer;
  }
}

type ErrorLike = Error & { statusCode?: number; code?: string };

// Connection exceptions (class 08), shutdown and start-up (57P0x), too many connections;
// and the driver's own words for a connection that went away. A request that meets one
// of these met a database that is (re)starting: 503 "try again in a minute", not a 500.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|terminating connection/i;

export function isDatabaseUnavailable(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  return UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_MESSAGES.test(error.message ?? '');
}

/** Seconds after which a 429 or 503 may be retried (the Retry-After header). */
function retryAfterOf(error: ErrorLike, status: number): number | undefined {
  if (error instanceof ServiceUnavailableError || error instanceof TooManyRequestsError) return error.retryAfterSeconds;
  if (status === 503) return 60;
  if (status === 429) return 60;
  return undefined;
}

/** The status and the public body for an error; logs what the client must not see. */
export function describeError(error: ErrorLike, request: FastifyRequest): { status: number; body: ErrorBody } {
  const requestId = String(request.id);
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    request.log.warn({ code: error.code, reason: error.message }, 'database unavailable');
    return {
      status: 503,
      body: {
        error: 'unavailable',
        message: 'De dienst is even niet bereikbaar. Probeer het over een minuut opnieuw.',
        requestId,
      },
    };
  }
  if (error instanceof AppError) {
    if (error.statusCode >= 500) request.log.error({ err: error }, 'service error');
    const body: ErrorBody = { error: error.code, message: error.message, requestId };
    if (error.statusCode < 500 && error.details !== undefined) body.details = error.details;
    return { status: error.statusCode, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 400,
      body: {
        error: 'validation_error',
        message: 'De invoer is niet geldig.',
        requestId,
        // Paths and messages only: the rejected values are not echoed back or logged.
        details: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      },
    };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status < 500) {
    // Fastify's own 4xx (body too large, bad content type, rate limit): safe messages.
    return { status, body: { error: error.code ?? 'bad_request', message: error.message, requestId } };
  }
  request.log.error({ err: error }, 'unhandled error');
  return {
    status: 500,
    body: { error: 'internal_error', message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.', requestId },
  };
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody, retryAfter?: number) {
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  if (request.htmlErrors && (status === 503 || status === 429)) {
    // A page for a person: when to try again, and what he posted kept in the page.
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(retryPage(request, status, retryAfter ?? 60));
  }
  if (request.htmlErrors) {
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(request.htmlErrors(request, status, body));
  }
  return reply.status(status).send(body);
}

export default fp(
  async (app) => {
    app.decorateRequest('htmlErrors', undefined);
    app.setErrorHandler((error: ErrorLike, request, reply) => {
      const { status, body } = describeError(error, request);
      return send(request, reply, status, body, retryAfterOf(error, status));
    });
    app.setNotFoundHandler((request, reply) =>
      send(request, reply, 404, { error: 'not_found', message: 'Niet gevonden.', requestId: String(request.id) }),
    );
  },
  { name: 'error-handler' },
);
