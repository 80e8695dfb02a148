/**
 * The frame of every workspace page (researchers, managers, admins): a skip link, the
 * header with the main navigation for the user's role, the language switch and logging
 * out, breadcrumbs, the page body and a footer. Pages call `workspacePage()` and send the
 * result with `sendPage(reply, status, page)` (or `reply.type('text/html; charset=utf-8')`).
 *
 * Optional, but pass them when you can:
 *   - `path`: the request path (`request.url`), so the language switch returns to this
 *     page and the navigation marks where the user is;
 *   - `csrf`: `reply.generateCsrf()`, so "Uitloggen" is a one-click POST button (without
 *     it, "Uitloggen" links to a page with that button).
 * Components for the body live in ./components.ts; texts in ./messages.ts.
 */
import type { FastifyReply } from 'fastify';
import type { TPrincipal } from '../../auth/access.ts';
import type { TLanguage as Lang } from '../../../survey-definitions/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { roleName, wsMessages, type Messages } from './messages.ts';

export interface TCrumb {
  label: string;
  href?: string;
}

export interface TWorkspacePage {
  lang: Lang;
  title: string;
  principal?: TPrincipal | undefined;
  crumbs?: readonly TCrumb[];
  body: SafeHtml;
  /** Extra scripts from our own origin (e.g. '/static/charts.js'); the CSP allows only 'self'. */
  scripts?: readonly string[];
  /** The current request path (request.url): for the language switch and the active menu item. */
  path?: string;
  /** A CSRF token (reply.generateCsrf()) for the logout button in the header. */
  csrf?: string;
  /** Wider content area for big tables and charts. */
  wide?: boolean;
  /** Extra stylesheets from our own origin, after workspace.css (an area's own styles). */
  styles?: readonly string[];
}

interface TNavItem {
  href: string;
  label: string;
}

function navFor(t: Messages, principal: TPrincipal): TNavItem[] {
  const items: TNavItem[] = [{ href: '/werkruimte', label: t.navHome }];
  if (principal.role === 'admin') {
    items.push(
      { href: '/werkruimte/beheer/gebruikers', label: t.navUsers },
      { href: '/werkruimte/beheer/audit', label: t.navAudit },
    );
  }
  items.push({ href: '/werkruimte/account', label: t.navAccount });
  return items;
}

function isCurrent(item: TNavItem, path: string | undefined): boolean {
  if (!path) return false;
  const bare = path.split('?')[0]!;
  if (item.href === '/werkruimte')
    return bare === '/werkruimte' || bare.startsWith('/werkruimte/programmas') || bare.startsWith('/werkruimte/metingen');
  return bare === item.href || bare.startsWith(`${item.href}/`);
}

/** Where the language switch goes: it sets the cookie, then returns to this page. */
export function languageSwitchUrl(lang: Lang, path: string | undefined): string {
  const target = lang === 'en' ? 'nl' : 'en';
  return `/taal/${target}?terug=${encodeURIComponent(path ?? '/werkruimte')}`;
}

export function workspacePage(page: TWorkspacePage): SafeHtml {
  const t = wsMessages(page.lang);
  const crumbs = page.crumbs ?? [];
  const p = page.principal;
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · ${t.appName}</title>
<link rel="stylesheet" href="/static/workspace.css">
${(page.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body class="ws">
<a class="skip" href="#main">${t.skip}</a>
<header class="ws-header">
<div class="ws-bar">
<a class="ws-brand" href="${p ? '/werkruimte' : '/inloggen'}"><span class="ws-mark" aria-hidden="true"></span>${t.appName}<span class="ws-brand-sub">${t.workspace}</span></a>
<div class="ws-tools">
<a class="ws-lang" href="${languageSwitchUrl(page.lang, page.path)}" lang="${t.switchLanguageCode}" hreflang="${t.switchLanguageCode}">${t.switchLanguage}</a>
${
  p
    ? html`<span class="ws-user"><span class="ws-user-name">${p.displayName}</span> <span class="ws-user-role">${roleName(t, p.role)}</span></span>
${
  page.csrf
    ? html`<form class="ws-logout" method="post" action="/uitloggen"><input type="hidden" name="_csrf" value="${page.csrf}"><button class="ws-logout-btn" type="submit">${t.logout}</button></form>`
    : html`<a class="ws-logout-btn" href="/uitloggen">${t.logout}</a>`
}`
    : ''
}
</div>
</div>
${
  p
    ? html`<nav class="ws-nav" aria-label="${t.nav}"><ul>${navFor(t, p).map(
        (item) =>
          html`<li><a href="${item.href}"${isCurrent(item, page.path) ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
      )}</ul></nav>`
    : ''
}
</header>
<main id="main" class="ws-main${page.wide ? ' ws-main--wide' : ''}" tabindex="-1">
${
  crumbs.length > 0
    ? html`<nav aria-label="${t.crumbs}"><ol class="crumbs">${crumbs.map((c) =>
        c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`,
      )}</ol></nav>`
    : ''
}
${page.body}
</main>
<footer class="ws-footer"><p>${t.footer}</p></footer>
</body>
</html>`;
}

/** Sends a workspace page; pages with personal data are never cached. */
export function sendPage(reply: FastifyReply, status: number, page: SafeHtml): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
}

/** A page with only a heading, a text and a way back: errors, expired links. */
export function messageBody(title: string, text: string, back?: { href: string; label: string }): SafeHtml {
  return html`<section class="panel panel--message"><h1>${title}</h1><p>${text}</p>${
    back ? html`<p><a class="btn btn--secondary" href="${back.href}">${back.label}</a></p>` : ''
  }</section>`;
}
