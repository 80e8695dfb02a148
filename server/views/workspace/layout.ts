/**
 * The frame of every workspace page (researchers, managers, admins): header with the
 * user's name and the main navigation, breadcrumbs, the page body. Pages call
 * `workspacePage()` and send the result with `reply.type('text/html; charset=utf-8')`.
 */
import type { TPrincipal } from '../../auth/access.ts';
import type { Lang } from '../../survey/i18n.ts';
import { html, type SafeHtml } from '../html.ts';

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
}

export function workspacePage(page: TWorkspacePage): SafeHtml {
  const crumbs = page.crumbs ?? [];
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · wijkmeter</title>
<link rel="stylesheet" href="/static/survey.css">
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body class="workspace">
<header class="site-header"><a class="brand" href="/werkruimte">wijkmeter</a>${
    page.principal ? html` <span class="who">${page.principal.displayName}</span>` : ''
  }</header>
<main id="main">
${crumbs.length > 0 ? html`<nav aria-label="${page.lang === 'en' ? 'Breadcrumbs' : 'Kruimelpad'}"><ol class="crumbs">${crumbs.map((c) => (c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`))}</ol></nav>` : ''}
${page.body}
</main>
</body>
</html>`;
}
