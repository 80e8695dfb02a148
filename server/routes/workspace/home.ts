/** The workspace home: my programmes (all of them for admins) and the admin links. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/access.ts';
import { html } from '../../views/html.ts';
import { linkButton, pageHeader, panel } from '../../views/workspace/components.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang, roleName, wsMessages } from '../../views/workspace/messages.ts';
import { waveMessages } from '../../views/workspace/messages-waves.ts';

const home: FastifyPluginAsyncZod = async (app) => {
  app.get('/', async (request, reply) => {
    const principal = requirePrincipal(request);
    const lang = requestLang(request);
    const t = wsMessages(lang);
    let q = app.db
      .selectFrom('programme')
      .select(['programme.id', 'programme.name'])
      .select((eb) =>
        eb
          .selectFrom('wave')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('wave.programme_id', '=', 'programme.id')
          .as('waves'),
      )
      .orderBy('programme.name');
    if (principal.role !== 'admin')
      q = q.where('programme.id', 'in', principal.programmeIds.length > 0 ? [...principal.programmeIds] : [-1]);
    const programmes = await q.execute();
    const waves = (n: unknown) =>
      lang === 'en'
        ? `${Number(n)} ${Number(n) === 1 ? 'wave' : 'waves'}`
        : `${Number(n)} ${Number(n) === 1 ? 'meting' : 'metingen'}`;
    const body = html`${pageHeader({
      title: t.homeWelcome(principal.displayName),
      intro: t.homeRole(roleName(t, principal.role)),
      ...(principal.role !== 'manager' && {
        actions: linkButton('/werkruimte/programmas/nieuw', waveMessages(lang).newProgramme, 'primary'),
      }),
    })}
${panel(
  html`${principal.role === 'admin' ? html`<p class="muted">${t.homeAllProgrammes}</p>` : ''}${
    programmes.length === 0
      ? html`<p class="empty">${t.homeNoProgrammes}</p>`
      : html`<ul class="cards">${programmes.map((p) => html`<li><a href="/werkruimte/programmas/${p.id}">${p.name}<span class="card-meta">${waves(p.waves)}</span></a></li>`)}</ul>`
  }`,
  t.homeProgrammes,
  'programmas',
)}
${
  principal.role === 'admin'
    ? panel(
        html`<ul class="link-list"><li><a href="/werkruimte/beheer/gebruikers">${t.homeAdminUsers}</a></li><li><a href="/werkruimte/beheer/audit">${t.homeAdminAudit}</a></li></ul>`,
        t.homeAdmin,
        'beheer',
      )
    : ''
}`;
    return sendPage(
      reply,
      200,
      workspacePage({ lang, title: t.homeTitle, principal, path: request.url, csrf: reply.generateCsrf(), body }),
    );
  });
};

export default home;
