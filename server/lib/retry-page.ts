/**
 * The page a person gets when we cannot take his request right now: the database is
 * restarting (503) or his address is being slowed down (429). It says when to try again
 * and, for a form that was posted, carries every posted field in hidden inputs with one
 * button to send it again — so what he typed is never lost, even when we could not read
 * the questionnaire to show it again. Written without the database on purpose.
 */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../views/html.ts';

const TEXT = {
  nl: {
    busyTitle: 'Even geduld',
    unavailableTitle: 'Even niet bereikbaar',
    unavailable: 'We kunnen uw antwoorden op dit moment niet opslaan. Probeer het over een minuut opnieuw.',
    throttled: (when: string) => `Er komen vanaf uw verbinding nu te veel verzoeken binnen. Probeer het ${when} opnieuw.`,
    kept: 'Wat u hebt ingevuld is niet verloren: het staat klaar in deze pagina. Klik op de knop om het opnieuw te versturen.',
    again: 'Opnieuw versturen',
    back: 'Opnieuw proberen',
    inSeconds: (s: number) => (s <= 60 ? 'over een minuut' : `over ${Math.ceil(s / 60)} minuten`),
  },
  en: {
    busyTitle: 'Please wait',
    unavailableTitle: 'Briefly unavailable',
    unavailable: 'We cannot save your answers right now. Please try again in a minute.',
    throttled: (when: string) => `Too many requests are arriving from your connection. Please try again ${when}.`,
    kept: 'What you filled in is not lost: it is kept in this page. Click the button to send it again.',
    again: 'Send again',
    back: 'Try again',
    inSeconds: (s: number) => (s <= 60 ? 'in a minute' : `in ${Math.ceil(s / 60)} minutes`),
  },
} as const;

function hiddenFields(body: unknown): SafeHtml[] {
  if (!body || typeof body !== 'object') return [];
  const fields: SafeHtml[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' || typeof v === 'number')
        fields.push(html`<input type="hidden" name="${name}" value="${String(v)}">`);
    }
  }
  return fields;
}

export function retryPage(request: FastifyRequest, status: 429 | 503, retryAfterSeconds: number): string {
  const lang = (request as { lang?: string }).lang === 'en' ? 'en' : 'nl';
  const t = TEXT[lang];
  const title = status === 503 ? t.unavailableTitle : t.busyTitle;
  const text = status === 503 ? t.unavailable : t.throttled(t.inSeconds(retryAfterSeconds));
  // Only the path: the query string is not ours to echo.
  const action = request.url.split('?')[0]!;
  const posted = request.method === 'POST' ? hiddenFields(request.body) : [];
  const retry =
    posted.length > 0
      ? html`<p>${t.kept}</p><form method="post" action="${action}">${posted}<button class="button" type="submit">${t.again}</button></form>`
      : html`<p><a class="button" href="${action}">${t.back}</a></p>`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="/static/survey.css">
</head>
<body>
<main class="page"><section class="card message"><h1>${title}</h1><p>${text}</p>${retry}</section></main>
</body>
</html>`.toString();
}
