/**
 * Programmes and their teams in the workspace. Reading needs membership (`results`);
 * every change needs `manage` (researchers, admins) and a valid CSRF token. A form with
 * a mistake comes back with what was typed and a message next to the field; nothing is
 * changed. Each change is written to the audit log by its service.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isMember, requireProgrammeAccess, requireRole } from '../../auth/access.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import {
  createProgramme,
  createTeam,
  deleteTeam,
  getProgramme,
  listProgrammes,
  programmeTeams,
  renameProgramme,
  setTeamArchived,
  updateTeam,
} from '../../services/programmes.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { waveMessages } from '../../views/workspace/messages-waves.ts';
import {
  newProgrammeBody,
  programmeBody,
  programmesBody,
  teamBody,
  type TValues,
} from '../../views/workspace/programme-pages.ts';
import type { TFieldErrors } from '../../views/workspace/components.ts';
import { actorOf, csrfOf, langOf, pagePath, sendFramed } from './setup-common.ts';
import {
  pick,
  translateIssues,
  ZDoneQuery,
  ZFormBody,
  ZIdParams,
  ZProgrammeForm,
  ZTeamForm,
  ZTeamParams,
} from './setup-forms.ts';

/** A name clash from a service becomes a message next to its field. */
function conflictField(error: unknown): { field: string; key: string } | undefined {
  if (!(error instanceof AppError) || error.statusCode !== 409) return undefined;
  const details = error.details as { field?: string; key?: string } | undefined;
  return details?.key ? { field: details.field ?? '_form', key: details.key } : undefined;
}

const programmes: FastifyPluginAsyncZod = async (app) => {
  const crumbsFor = (t: ReturnType<typeof waveMessages>, programme?: { id: number; name: string }) => [
    { label: t.programmes, href: '/werkruimte/programmas' },
    ...(programme ? [{ label: programme.name, href: `/werkruimte/programmas/${programme.id}` }] : []),
  ];

  app.get('/programmas', async (request, reply) => {
    const principal = requireRole(request, 'admin', 'researcher', 'manager');
    const lang = langOf(request);
    const t = waveMessages(lang);
    const list = await listProgrammes(app.db, principal.role === 'admin' ? { all: true } : { ids: principal.programmeIds });
    const body = programmesBody(t, list, principal.role !== 'manager');
    return sendFramed(request, reply, 200, { title: t.programmes, body });
  });

  const newProgrammePage = (request: Parameters<typeof langOf>[0], csrf: string, values: TValues, errors: TFieldErrors) => {
    const lang = langOf(request);
    const t = waveMessages(lang);
    return workspacePage({
      path: pagePath(request),
      csrf,
      lang,
      title: t.newProgramme,
      principal: request.principal,
      crumbs: crumbsFor(t),
      body: newProgrammeBody(t, csrf, values, errors),
    });
  };

  app.get('/programmas/nieuw', async (request, reply) => {
    requireRole(request, 'admin', 'researcher');
    return sendPage(reply, 200, newProgrammePage(request, csrfOf(reply), {}, {}));
  });

  app.post('/programmas/nieuw', { schema: { body: ZFormBody } }, async (request, reply) => {
    const principal = requireRole(request, 'admin', 'researcher');
    const t = waveMessages(langOf(request));
    const values = pick(request.body, ['name']);
    if (!request.csrfValid())
      return sendPage(reply, 400, newProgrammePage(request, csrfOf(reply), values, { _form: t.errors.csrf }));
    const parsed = ZProgrammeForm.safeParse(values);
    if (!parsed.success)
      return sendPage(reply, 400, newProgrammePage(request, csrfOf(reply), values, translateIssues(t, parsed.error)));
    try {
      const id = await createProgramme(app.db, parsed.data, actorOf(principal));
      return reply.redirect(`/werkruimte/programmas/${id}?gedaan=programmeCreated`, 303);
    } catch (error) {
      const clash = conflictField(error);
      if (!clash) throw error;
      return sendPage(
        reply,
        400,
        newProgrammePage(request, csrfOf(reply), values, { [clash.field]: (t.errors as Record<string, string>)[clash.key]! }),
      );
    }
  });

  async function renderProgramme(
    request: Parameters<typeof langOf>[0],
    reply: FastifyReply,
    programmeId: number,
    status: number,
    extra: {
      done?: string | undefined;
      rename?: { values: TValues; errors: TFieldErrors };
      newTeam?: { values: TValues; errors: TFieldErrors };
    } = {},
  ) {
    const principal = request.principal!;
    const lang = langOf(request);
    const t = waveMessages(lang);
    const programme = await getProgramme(app.db, programmeId);
    const canManage = principal.role !== 'manager' && isMember(principal, programmeId);
    const body = programmeBody(t, lang, { programme, canManage, csrf: csrfOf(reply), ...extra });
    return sendFramed(request, reply, status, { title: programme.name, crumbs: crumbsFor(t), body });
  }

  app.get('/programmas/:id', { schema: { params: ZIdParams, querystring: ZDoneQuery } }, async (request, reply) => {
    await requireProgrammeAccess(request, request.params.id, 'results');
    return renderProgramme(request, reply, request.params.id, 200, { done: request.query.gedaan });
  });

  app.post('/programmas/:id', { schema: { params: ZIdParams, body: ZFormBody } }, async (request, reply) => {
    const { id } = request.params;
    const principal = await requireProgrammeAccess(request, id, 'manage');
    const t = waveMessages(langOf(request));
    const values = pick(request.body, ['name']);
    if (!request.csrfValid())
      return renderProgramme(request, reply, id, 400, { rename: { values, errors: { _form: t.errors.csrf } } });
    const parsed = ZProgrammeForm.safeParse(values);
    if (!parsed.success)
      return renderProgramme(request, reply, id, 400, { rename: { values, errors: translateIssues(t, parsed.error) } });
    try {
      await renameProgramme(app.db, id, parsed.data, actorOf(principal));
    } catch (error) {
      const clash = conflictField(error);
      if (!clash) throw error;
      return renderProgramme(request, reply, id, 400, {
        rename: { values, errors: { name: (t.errors as Record<string, string>)[clash.key]! } },
      });
    }
    return reply.redirect(`/werkruimte/programmas/${id}?gedaan=programmeRenamed`, 303);
  });

  app.post('/programmas/:id/teams', { schema: { params: ZIdParams, body: ZFormBody } }, async (request, reply) => {
    const { id } = request.params;
    const principal = await requireProgrammeAccess(request, id, 'manage');
    const t = waveMessages(langOf(request));
    const values = pick(request.body, ['name', 'municipality']);
    if (!request.csrfValid())
      return renderProgramme(request, reply, id, 400, { newTeam: { values, errors: { _form: t.errors.csrf } } });
    const parsed = ZTeamForm.safeParse(values);
    if (!parsed.success)
      return renderProgramme(request, reply, id, 400, { newTeam: { values, errors: translateIssues(t, parsed.error) } });
    try {
      await createTeam(app.db, id, parsed.data, actorOf(principal));
    } catch (error) {
      const clash = conflictField(error);
      if (!clash) throw error;
      return renderProgramme(request, reply, id, 400, {
        newTeam: { values, errors: { name: (t.errors as Record<string, string>)[clash.key]! } },
      });
    }
    return reply.redirect(`/werkruimte/programmas/${id}?gedaan=teamCreated#teams`, 303);
  });

  async function renderTeam(
    request: Parameters<typeof langOf>[0],
    reply: FastifyReply,
    programmeId: number,
    teamId: number,
    status: number,
    values?: TValues,
    errors: TFieldErrors = {},
  ) {
    const lang = langOf(request);
    const t = waveMessages(lang);
    const programme = await getProgramme(app.db, programmeId);
    const team = (await programmeTeams(app.db, programmeId)).find((x) => x.id === teamId);
    if (!team) throw new NotFoundError('niet gevonden');
    const body = teamBody(
      t,
      programme,
      team,
      csrfOf(reply),
      values ?? { name: team.name, municipality: team.municipality ?? '' },
      errors,
    );
    return sendFramed(request, reply, status, { title: `${t.editTeam}: ${team.name}`, crumbs: crumbsFor(t, programme), body });
  }

  app.get('/programmas/:id/teams/:teamId', { schema: { params: ZTeamParams } }, async (request, reply) => {
    await requireProgrammeAccess(request, request.params.id, 'manage');
    return renderTeam(request, reply, request.params.id, request.params.teamId, 200);
  });

  app.post('/programmas/:id/teams/:teamId', { schema: { params: ZTeamParams, body: ZFormBody } }, async (request, reply) => {
    const { id, teamId } = request.params;
    const principal = await requireProgrammeAccess(request, id, 'manage');
    const t = waveMessages(langOf(request));
    const values = pick(request.body, ['name', 'municipality']);
    if (!request.csrfValid()) return renderTeam(request, reply, id, teamId, 400, values, { _form: t.errors.csrf });
    const parsed = ZTeamForm.safeParse(values);
    if (!parsed.success) return renderTeam(request, reply, id, teamId, 400, values, translateIssues(t, parsed.error));
    try {
      await updateTeam(app.db, id, teamId, parsed.data, actorOf(principal));
    } catch (error) {
      const clash = conflictField(error);
      if (!clash) throw error;
      return renderTeam(request, reply, id, teamId, 400, values, { name: (t.errors as Record<string, string>)[clash.key]! });
    }
    return reply.redirect(`/werkruimte/programmas/${id}?gedaan=teamUpdated#teams`, 303);
  });

  const teamActions = {
    archiveren: {
      done: 'teamArchived',
      run: (id: number, teamId: number, by: ReturnType<typeof actorOf>) => setTeamArchived(app.db, id, teamId, true, by),
    },
    herstellen: {
      done: 'teamRestored',
      run: (id: number, teamId: number, by: ReturnType<typeof actorOf>) => setTeamArchived(app.db, id, teamId, false, by),
    },
    verwijderen: {
      done: 'teamDeleted',
      run: (id: number, teamId: number, by: ReturnType<typeof actorOf>) => deleteTeam(app.db, id, teamId, by),
    },
  } as const;
  for (const [path, action] of Object.entries(teamActions)) {
    app.post(
      `/programmas/:id/teams/:teamId/${path}`,
      { schema: { params: ZTeamParams, body: ZFormBody } },
      async (request, reply) => {
        const { id, teamId } = request.params;
        const principal = await requireProgrammeAccess(request, id, 'manage');
        const t = waveMessages(langOf(request));
        if (!request.csrfValid()) return renderTeam(request, reply, id, teamId, 400, undefined, { _form: t.errors.csrf });
        try {
          await action.run(id, teamId, actorOf(principal));
        } catch (error) {
          const clash = conflictField(error);
          if (!clash) throw error;
          return renderTeam(request, reply, id, teamId, 400, undefined, {
            _form: (t.errors as Record<string, string>)[clash.key]!,
          });
        }
        return reply.redirect(`/werkruimte/programmas/${id}?gedaan=${action.done}#teams`, 303);
      },
    );
  }
};

export default programmes;
