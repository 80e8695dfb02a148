/**
 * Error pages of the workspace, in the user's language: 403 and 404 (the same page for
 * "does not exist" and "not yours", so a non-member learns nothing), 400, 5xx with the
 * request id only. Used as `request.htmlErrors` by workspace and login routes.
 */
import type { FastifyRequest } from 'fastify';
import { messageBody, workspacePage } from './layout.ts';
import { requestLang, wsMessages } from './messages.ts';

/** The parts of the error handler's body a page shows (views do not import plugins). */
interface TErrorView {
  message: string;
  requestId: string;
}

export function renderWorkspaceError(request: FastifyRequest, status: number, body: TErrorView): string {
  const lang = requestLang(request);
  const t = wsMessages(lang);
  const back = { href: request.principal ? '/werkruimte' : '/inloggen', label: request.principal ? t.toHome : t.loginTitle };
  let title: string;
  let text: string;
  if (status === 403) [title, text] = [t.forbiddenTitle, t.forbiddenText];
  else if (status === 404) [title, text] = [t.notFoundTitle, t.notFoundText];
  else if (status >= 500) [title, text] = [t.errorTitle, t.errorText(body.requestId)];
  else [title, text] = [t.badRequestTitle, lang === 'nl' ? body.message : t.badRequestTitle];
  return workspacePage({
    lang,
    title,
    principal: request.principal,
    path: request.url,
    body: messageBody(title, text, back),
  }).toString();
}
