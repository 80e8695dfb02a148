/**
 * /werkruimte/beheer/audit (admins only): the audit log, newest first, filtered by action,
 * actor and date range (a GET form, so a filtered view is a link), 50 a page.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../auth/access.ts';
import { auditActions, listAudit } from '../../services/audit-query.ts';
import { html } from '../../views/html.ts';
import {
  button,
  form,
  linkButton,
  pageHeader,
  pagination,
  panel,
  selectField,
  table,
  textField,
} from '../../views/workspace/components.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang, wsMessages } from '../../views/workspace/messages.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Unusable filter values are ignored rather than refused: the page still shows the log.
const ZQuery = z.object({
  handeling: z.string().max(80).optional().catch(undefined),
  wie: z.string().max(320).optional().catch(undefined),
  van: z.string().regex(DATE).optional().catch(undefined),
  tot: z.string().regex(DATE).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const AUDIT = '/werkruimte/beheer/audit';

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get('/beheer/audit', { schema: { querystring: ZQuery } }, async (request, reply) => {
    const principal = requireRole(request, 'admin');
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const q = request.query;
    const filter = { action: q.handeling || undefined, actor: q.wie?.trim() || undefined, from: q.van, until: q.tot };
    const page = q.pagina ?? 1;
    const [result, actions] = await Promise.all([listAudit(app.db, filter, page), auditActions(app.db)]);
    const hrefFor = (p: number) => {
      const params = new URLSearchParams();
      if (filter.action) params.set('handeling', filter.action);
      if (filter.actor) params.set('wie', filter.actor);
      if (filter.from) params.set('van', filter.from);
      if (filter.until) params.set('tot', filter.until);
      if (p > 1) params.set('pagina', String(p));
      const s = params.toString();
      return s ? `${AUDIT}?${s}` : AUDIT;
    };
    const time = (d: Date) => d.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
    const details = (d: Record<string, unknown>) =>
      Object.entries(d)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') || '—' : String(v)}`)
        .join('; ');
    const body = html`${pageHeader({ title: t.auditTitle, intro: t.auditIntro })}
${panel(
  form({
    action: AUDIT,
    method: 'get',
    label: t.auditFilter,
    body: html`<div class="filters">
${selectField({ name: 'handeling', label: t.auditAction, placeholder: t.auditAllActions, value: filter.action, options: actions.map((a) => ({ value: a, label: a })) })}
${textField({ name: 'wie', label: t.auditActor, value: filter.actor, type: 'search', maxLength: 320 })}
${textField({ name: 'van', label: t.auditFrom, value: filter.from, type: 'date' })}
${textField({ name: 'tot', label: t.auditUntil, value: filter.until, type: 'date' })}
</div>
<div class="form-actions">${button(t.auditApply)}${linkButton(AUDIT, t.auditReset, 'link')}</div>`,
  }),
  t.auditFilter,
  'filter',
)}
<p class="muted">${t.auditCount(result.total)}</p>
${table({
  caption: t.auditTitle,
  captionHidden: true,
  head: [t.auditTime, t.auditActor, t.auditAction, t.auditSubject, t.auditDetails],
  rows: result.rows.map((r) => [
    html`<span class="nowrap">${time(r.createdAt)}</span>`,
    r.actor,
    html`<code>${r.action}</code>`,
    r.subject ?? '—',
    details(r.details) || '—',
  ]),
  empty: t.noRows,
})}
${pagination(t, { page: Math.min(page, result.pages), pages: result.pages, hrefFor })}`;
    return sendPage(
      reply,
      200,
      workspacePage({
        lang,
        title: t.auditTitle,
        principal,
        path: request.url,
        csrf: reply.generateCsrf(),
        wide: true,
        crumbs: [{ label: t.navHome, href: '/werkruimte' }, { label: t.auditTitle }],
        body,
      }),
    );
  });
};

export default audit;
