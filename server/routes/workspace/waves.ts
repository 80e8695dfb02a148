/**
 * Waves in the workspace: create one in a programme, look at it, change its dates until
 * it closes, close it early, show and reissue its links, print a team's invitation, and
 * read the codebook of a questionnaire version. The links are derived from the server
 * secret, so showing them needs `manage`; managers see the wave without them.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codebookMarkdown } from '../../../survey-definitions/codebook.ts';
import { isMember, requirePrincipal, requireProgrammeAccess, requireWaveAccess } from '../../auth/access.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import { listPublishedVersions } from '../../services/definitions.ts';
import { surveyUrl, waveLinks } from '../../services/links.ts';
import { getProgramme } from '../../services/programmes.ts';
import { changeWaveDates, closeWaveEarly, createProgrammeWave, reissueWaveLinks, waveDetail } from '../../services/wave-admin.ts';
import { html } from '../../views/html.ts';
import { markdownToHtml } from '../../views/workspace/codebook-html.ts';
import { invitationPage } from '../../views/workspace/invitation-page.ts';
import { sendPage } from '../../views/workspace/layout.ts';
import { waveMessages, type TWaveMessages } from '../../views/workspace/messages-waves.ts';
import type { TValues } from '../../views/workspace/programme-pages.ts';
import type { TFieldErrors } from '../../views/workspace/components.ts';
import { confirmBody, newWaveBody, waveBody } from '../../views/workspace/wave-pages.ts';
import { publicBase } from './forms.ts';
import { actorOf, csrfOf, langOf, linkSecret, sendFramed } from './setup-common.ts';
import {
  parseWaveTeams,
  pick,
  translateIssues,
  ZDatesForm,
  ZDoneQuery,
  ZFormBody,
  ZId,
  ZIdParams,
  ZWaveForm,
} from './setup-forms.ts';

type Req = Parameters<typeof langOf>[0];
type Reply = FastifyReply;

const WAVE_FIELDS = ['label', 'definition', 'opensOn', 'closesOn', 'threshold', 'baseline'] as const;

const waves: FastifyPluginAsyncZod = async (app) => {
  const crumbs = (t: TWaveMessages, programme: { id: number; name: string }) => [
    { label: t.programmes, href: '/werkruimte/programmas' },
    { label: programme.name, href: `/werkruimte/programmas/${programme.id}` },
  ];

  async function renderNewWave(
    request: Req,
    reply: Reply,
    programmeId: number,
    status: number,
    values: TValues,
    ticked: ReadonlySet<string>,
    errors: TFieldErrors,
  ) {
    const lang = langOf(request);
    const t = waveMessages(lang);
    const programme = await getProgramme(app.db, programmeId);
    const versions = (await listPublishedVersions(app.db)).map((v) => ({
      key: v.key,
      title: v.definition.title[lang] ?? v.definition.title.nl,
    }));
    const body = newWaveBody(t, {
      programme,
      teams: programme.teams.filter((x) => !x.archived),
      versions,
      baselines: programme.waves.map((w) => ({ id: w.id, label: w.label })),
      csrf: csrfOf(reply),
      values,
      ticked,
      errors,
    });
    return sendFramed(request, reply, status, { title: t.newWave, crumbs: crumbs(t, programme), body });
  }

  app.get('/programmas/:id/metingen/nieuw', { schema: { params: ZIdParams } }, async (request, reply) => {
    await requireProgrammeAccess(request, request.params.id, 'manage');
    return renderNewWave(request, reply, request.params.id, 200, {}, new Set(), {});
  });

  app.post('/programmas/:id/metingen/nieuw', { schema: { params: ZIdParams, body: ZFormBody } }, async (request, reply) => {
    const { id } = request.params;
    const principal = await requireProgrammeAccess(request, id, 'manage');
    const t = waveMessages(langOf(request));
    const body = request.body;
    const values: TValues = { ...pick(body, WAVE_FIELDS) };
    for (const [k, v] of Object.entries(body)) if (k.startsWith('members_') && typeof v === 'string') values[k] = v;
    const ticked = new Set([body.team ?? []].flat());
    const again = (errors: TFieldErrors) => renderNewWave(request, reply, id, 400, values, ticked, errors);
    if (!request.csrfValid()) return again({ _form: t.errors.csrf });

    const programme = await getProgramme(app.db, id);
    const parsed = ZWaveForm.safeParse(values);
    const errors: TFieldErrors = parsed.success ? {} : translateIssues(t, parsed.error);
    const teams = parseWaveTeams(body, new Set(programme.teams.filter((x) => !x.archived).map((x) => x.id)));
    if (teams.error) errors.teams = t.errors[teams.error];
    const versions = new Set((await listPublishedVersions(app.db)).map((v) => v.key));
    if (!errors.definition && !versions.has(values.definition ?? '')) errors.definition = t.errors.version;
    if (parsed.success) {
      const { baseline, label } = parsed.data;
      if (baseline !== null && !programme.waves.some((w) => w.id === baseline)) errors.baseline = t.errors.baseline;
      if (programme.waves.some((w) => w.label.toLowerCase() === label.toLowerCase())) errors.label = t.errors.labelTaken;
    }
    if (!parsed.success || Object.keys(errors).length > 0) return again(errors);

    const w = parsed.data;
    try {
      const waveId = await createProgrammeWave(
        app.db,
        await linkSecret(app),
        id,
        {
          label: w.label,
          definition: w.definition,
          teams: teams.teams,
          opensOn: w.opensOn,
          closesOn: w.closesOn,
          threshold: w.threshold,
          baselineWaveId: w.baseline,
        },
        actorOf(principal),
      );
      return reply.redirect(`/werkruimte/metingen/${waveId}?gedaan=waveCreated`, 303);
    } catch (error) {
      // Someone else changed the programme at the same moment: a wave of the same name
      // saved, or a chosen team archived.
      if (!(error instanceof AppError && error.statusCode === 409)) throw error;
      const key = (error.details as { key?: string } | undefined)?.key;
      return again(key === 'teamUnknown' ? { teams: t.errors.teamUnknown } : { label: t.errors.labelTaken });
    }
  });

  async function renderWave(
    request: Req,
    reply: Reply,
    waveId: number,
    status: number,
    extra: { done?: string | undefined; dates?: { values: TValues; errors: TFieldErrors } } = {},
  ) {
    const principal = request.principal!;
    const lang = langOf(request);
    const t = waveMessages(lang);
    const wave = await waveDetail(app.db, waveId);
    const canManage = principal.role !== 'manager' && isMember(principal, wave.programmeId);
    const baseUrl = publicBase(request);
    const links = canManage
      ? (await waveLinks(app.db, await linkSecret(app), waveId)).map((l) => ({
          teamId: l.teamId,
          team: l.team,
          url: surveyUrl(baseUrl, l.token),
        }))
      : [];
    const body = waveBody(t, lang, { wave, canManage, csrf: csrfOf(reply), links, ...extra });
    return sendFramed(request, reply, status, {
      title: wave.label,
      crumbs: crumbs(t, { id: wave.programmeId, name: wave.programmeName }),
      body,
      scripts: ['/static/wave-links.js'],
    });
  }

  app.get('/metingen/:id', { schema: { params: ZIdParams, querystring: ZDoneQuery } }, async (request, reply) => {
    await requireWaveAccess(request, request.params.id, 'results');
    return renderWave(request, reply, request.params.id, 200, { done: request.query.gedaan });
  });

  app.post('/metingen/:id/data', { schema: { params: ZIdParams, body: ZFormBody } }, async (request, reply) => {
    const { id } = request.params;
    const { principal } = await requireWaveAccess(request, id, 'manage');
    const t = waveMessages(langOf(request));
    const values = pick(request.body, ['opensOn', 'closesOn']);
    const again = (errors: TFieldErrors) => renderWave(request, reply, id, 400, { dates: { values, errors } });
    if (!request.csrfValid()) return again({ _form: t.errors.csrf });
    const parsed = ZDatesForm.safeParse(values);
    if (!parsed.success) return again(translateIssues(t, parsed.error));
    try {
      await changeWaveDates(app.db, id, parsed.data, actorOf(principal));
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 409) return again({ _form: t.errors.waveClosed });
      throw error;
    }
    return reply.redirect(`/werkruimte/metingen/${id}?gedaan=datesChanged`, 303);
  });

  const confirmations = {
    sluiten: {
      text: (t: TWaveMessages) => ({ title: t.closeConfirmTitle, text: t.closeConfirmText, confirm: t.confirmClose }),
      run: async (waveId: number, by: ReturnType<typeof actorOf>) => closeWaveEarly(app.db, waveId, by),
      done: 'waveClosed',
    },
    'links/opnieuw': {
      text: (t: TWaveMessages) => ({ title: t.reissueTitle, text: t.reissueText, confirm: t.confirmReissue }),
      run: async (waveId: number, by: ReturnType<typeof actorOf>) => reissueWaveLinks(app.db, await linkSecret(app), waveId, by),
      done: 'linksReissued',
    },
  } as const;

  for (const [path, c] of Object.entries(confirmations)) {
    app.get(`/metingen/:id/${path}`, { schema: { params: ZIdParams } }, async (request, reply) => {
      const { id } = request.params;
      await requireWaveAccess(request, id, 'manage');
      const lang = langOf(request);
      const t = waveMessages(lang);
      const wave = await waveDetail(app.db, id);
      const back = `/werkruimte/metingen/${id}`;
      const body = confirmBody(t, { ...c.text(t), action: `${back}/${path}`, csrf: csrfOf(reply), back });
      return sendFramed(request, reply, 200, {
        title: c.text(t).title,
        crumbs: [...crumbs(t, { id: wave.programmeId, name: wave.programmeName }), { label: wave.label, href: back }],
        body,
      });
    });

    app.post(`/metingen/:id/${path}`, { schema: { params: ZIdParams, body: ZFormBody } }, async (request, reply) => {
      const { id } = request.params;
      const { principal } = await requireWaveAccess(request, id, 'manage');
      // An expired form asks again rather than acting on a request it cannot trust.
      if (!request.csrfValid()) return reply.redirect(`/werkruimte/metingen/${id}/${path}`, 303);
      try {
        await c.run(id, actorOf(principal));
      } catch (error) {
        if (!(error instanceof AppError && error.statusCode === 409)) throw error;
      }
      return reply.redirect(`/werkruimte/metingen/${id}?gedaan=${c.done}`, 303);
    });
  }

  app.get(
    '/metingen/:id/uitnodiging/:teamId',
    { schema: { params: z.object({ id: ZId, teamId: ZId }) } },
    async (request, reply) => {
      const { id, teamId } = request.params;
      await requireWaveAccess(request, id, 'manage');
      const lang = langOf(request);
      const wave = await waveDetail(app.db, id);
      const link = (await waveLinks(app.db, await linkSecret(app), id)).find((l) => l.teamId === teamId);
      if (!link) throw new NotFoundError('niet gevonden');
      const page = await invitationPage(waveMessages(lang), lang, {
        waveId: id,
        team: link.team ?? '',
        url: surveyUrl(publicBase(request), link.token),
        closesOn: wave.closesOn,
        threshold: wave.threshold,
      });
      return sendPage(reply, 200, page);
    },
  );

  // Questionnaire versions are public (GET /api/questionnaires): any staff member may read a codebook.
  app.get(
    '/vragenlijsten/:key/codeboek',
    { schema: { params: z.object({ key: z.string().max(100) }) } },
    async (request, reply) => {
      requirePrincipal(request);
      const lang = langOf(request);
      const published = (await listPublishedVersions(app.db)).find((v) => v.key === request.params.key);
      if (!published) throw new NotFoundError('niet gevonden');
      // The stored version (what waves field), not the files on disk.
      const body = html`<article class="panel codebook">${markdownToHtml(codebookMarkdown(published.definition, lang))}</article>`;
      return sendFramed(request, reply, 200, { title: `${waveMessages(lang).codebook} ${published.key}`, body });
    },
  );
};

export default waves;
