/**
 * What the programme, wave and monitor routes share: who acts (for the audit log), the
 * language, the public base URL of respondents' links. Errors become pages in the
 * workspace plugin (routes/workspace/index.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TPrincipal } from '../../auth/access.ts';
import { serverSecret } from '../../secrets.ts';
import type { TActor } from '../../services/programmes.ts';
import type { Lang } from '../../views/workspace/messages.ts';
import { sendPage, workspacePage, type TWorkspacePage } from '../../views/workspace/layout.ts';
import { requestLang } from '../../views/workspace/messages-waves.ts';

export function actorOf(principal: TPrincipal): TActor {
  return { actor: principal.email, userId: principal.userId };
}

export function langOf(request: FastifyRequest): Lang {
  return requestLang(request);
}

export function linkSecret(app: FastifyInstance): Promise<string> {
  return serverSecret(app.config);
}

const csrfTokens = new WeakMap<FastifyReply, string>();

/**
 * One CSRF token per response: the frame's logout button and the page's forms share it.
 * (A second `generateCsrf()` on a first visit would set a second secret cookie, and the
 * first token would no longer match.)
 */
export function csrfOf(reply: FastifyReply): string {
  let token = csrfTokens.get(reply);
  if (!token) csrfTokens.set(reply, (token = reply.generateCsrf()));
  return token;
}

/** The path the language switch returns to: this page, unless it answers a form post. */
export function pagePath(request: FastifyRequest): string | undefined {
  return request.method === 'GET' ? request.url : undefined;
}

/**
 * Sends `page` in the workspace frame for this request: its language, its user, the
 * path the language switch returns to and the frame's CSRF token.
 */
export function sendFramed(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  page: Omit<TWorkspacePage, 'path' | 'csrf' | 'lang' | 'principal'>,
): FastifyReply {
  return sendPage(
    reply,
    status,
    workspacePage({ ...page, path: pagePath(request), csrf: csrfOf(reply), lang: langOf(request), principal: request.principal }),
  );
}
