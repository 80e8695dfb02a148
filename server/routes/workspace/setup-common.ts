/**
 * What the programme, wave and monitor routes share: who acts (for the audit log), the
 * language, error pages for people, the public base URL of respondents' links.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TPrincipal } from '../../auth/access.ts';
import type { HtmlErrorRenderer } from '../../plugins/error-handler.ts';
import { serverSecret } from '../../secrets.ts';
import type { TActor } from '../../services/programmes.ts';
import type { Lang } from '../../survey/i18n.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import { workspacePage } from '../../views/workspace/layout.ts';
import { requestLang } from '../../views/workspace/messages-waves.ts';

export function actorOf(principal: TPrincipal): TActor {
  return { actor: principal.email, userId: principal.userId };
}

export function langOf(request: FastifyRequest): Lang {
  return requestLang(request);
}

const SETUP_CSS = '<link rel="stylesheet" href="/static/workspace-setup.css">';

/**
 * Sends a page, adding the stylesheet of these pages to the workspace frame. The frame
 * takes scripts but no extra stylesheets yet; once it does, pass it there instead.
 */
export function sendHtml(reply: FastifyReply, status: number, page: SafeHtml): FastifyReply {
  const text = page.toString();
  const withCss = text.includes('<body class="ws') || text.includes('<body class="workspace') ? text.replace('</head>', `${SETUP_CSS}\n</head>`) : text;
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(withCss);
}

const ERROR_TEXT: Record<Lang, Record<'401' | '403' | '404' | 'other', [string, string]>> = {
  nl: {
    '401': ['Inloggen nodig', 'Log in om deze pagina te zien.'],
    '403': ['Geen toegang', 'Uw rol geeft geen toegang tot dit onderdeel.'],
    '404': ['Niet gevonden', 'Deze pagina bestaat niet, of u hebt er geen toegang toe.'],
    other: ['Er ging iets mis', 'Probeer het later opnieuw.'],
  },
  en: {
    '401': ['Log in needed', 'Log in to see this page.'],
    '403': ['No access', 'Your role gives no access to this part.'],
    '404': ['Not found', 'This page does not exist, or you have no access to it.'],
    other: ['Something went wrong', 'Please try again later.'],
  },
};

/** Errors on these pages are pages too (with a way to log in or back), not JSON. */
export function useWorkspaceErrors(app: FastifyInstance): void {
  const render: HtmlErrorRenderer = (request, status, body) => {
    const lang = langOf(request);
    const key = status === 401 || status === 403 || status === 404 ? (String(status) as '401' | '403' | '404') : 'other';
    const [title, text] = ERROR_TEXT[lang][key];
    const message = status === 400 || status === 409 ? body.message : text;
    return workspacePage({
      lang,
      title,
      principal: request.principal,
      body: html`<section class="panel panel--message"><h1>${title}</h1><p>${message}</p>${
        status === 401 ? html`<p><a class="btn btn--primary" href="/inloggen">${lang === 'en' ? 'Log in' : 'Inloggen'}</a></p>` : ''
      }${status >= 500 ? html`<p class="muted">${body.requestId}</p>` : ''}</section>`,
    }).toString();
  };
  app.addHook('onRequest', async (request) => {
    request.htmlErrors = render;
  });
}

/** Where respondents' links point: PUBLIC_URL when configured, else the address this request came in on. */
export function publicBaseUrl(request: FastifyRequest): string {
  return request.server.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}

export function linkSecret(app: FastifyInstance): Promise<string> {
  return serverSecret(app.config);
}
