/**
 * /werkruimte/programmas/:id/vergelijken — change over the years for managers and
 * researchers: pick a baseline and one or more later waves (a GET form that works without
 * JavaScript; the programme's nulmeting and its latest wave preselected), see per
 * construct and item, overall and per team, the difference with its interval, test,
 * effect, Holm-adjusted p and reading; with three or more waves, the trend. Researchers
 * also record here which earlier teams a team continues (POST, CSRF).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError, type TChange, type TTrend } from '../../../analysis/index.ts';
import type { TDefinition } from '../../../survey-definitions/index.ts';
import { requireProgrammeAccess, type TPrincipal } from '../../auth/access.ts';
import {
  compareStoredWaves,
  defaultBaseline,
  getProgramme,
  programmeTeams,
  programmeWaves,
  publishedDefinitions,
  setTeamContinuation,
  storedTrend,
  teamContinuations,
  type TProgrammeWave,
} from '../../services/comparison.ts';
import { ValidationError } from '../../errors.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import {
  button,
  choiceGroup,
  errorSummary,
  form,
  notice,
  pageHeader,
  panel,
  selectField,
  type TFieldErrors,
} from '../../views/workspace/components.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang, wsMessages } from '../../views/workspace/messages.ts';
import { compareTexts, type TCompareTexts } from './compare-texts.ts';
import { changeSection, trendSection, type TViewContext } from './compare-view.ts';

const ZParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const ZOne = z.string().max(20).optional();
const ZMany = z.union([z.string().max(20), z.array(z.string().max(20)).max(50)]).optional();
const ZQuery = z.object({
  nulmeting: ZOne,
  meting: ZMany,
  construct: z.string().max(200).optional(),
  gedaan: z.string().max(20).optional(),
});
const ZContinuationBody = z.object({ _csrf: z.string().max(200).optional(), team: ZOne, voortzet: ZMany });

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface TChoice {
  baseline?: TProgrammeWave;
  later: TProgrammeWave[];
  /** What the person typed, kept as typed for the form. */
  raw: { nulmeting: string; meting: string[] };
  errors: TFieldErrors;
}

/** The waves chosen, or the defaults: the programme's nulmeting and its latest wave. */
function choose(waves: readonly TProgrammeWave[], query: z.infer<typeof ZQuery>, t: TCompareTexts): TChoice {
  const byId = new Map(waves.map((w) => [String(w.id), w]));
  const errors: TFieldErrors = {};
  if (query.nulmeting === undefined && query.meting === undefined) {
    const latest = waves.at(-1);
    const baseline = latest ? defaultBaseline(waves, latest.id) : undefined;
    const later = latest && baseline && latest !== baseline ? [latest] : [];
    return { baseline, later, raw: { nulmeting: String(baseline?.id ?? ''), meting: later.map((w) => String(w.id)) }, errors };
  }
  const raw = { nulmeting: query.nulmeting ?? '', meting: list(query.meting) };
  const baseline = byId.get(raw.nulmeting);
  if (!baseline) errors.nulmeting = t.errBaseline;
  const later = raw.meting.map((id) => byId.get(id));
  if (later.some((w) => !w)) errors.meting = t.errLaterUnknown;
  const chosen = waves.filter((w) => later.includes(w) && w !== baseline);
  if (!errors.meting && chosen.length === 0) errors.meting = t.errLater;
  return { baseline, later: chosen, raw, errors };
}

function choiceForm(
  t: TCompareTexts,
  action: string,
  waves: readonly TProgrammeWave[],
  choice: TChoice,
  construct: string | undefined,
): SafeHtml {
  const waveLabel = (w: TProgrammeWave) => `${w.label} (${w.definition})`;
  return form({
    action,
    method: 'get',
    label: t.formTitle,
    body: html`${selectField({
      name: 'nulmeting',
      label: t.baseline,
      hint: t.baselineHint,
      error: choice.errors.nulmeting,
      value: choice.raw.nulmeting,
      options: waves.map((w) => ({ value: String(w.id), label: waveLabel(w) })),
    })}
${choiceGroup({
  name: 'meting',
  label: t.later,
  hint: t.laterHint,
  error: choice.errors.meting,
  kind: 'checkbox',
  values: choice.raw.meting,
  options: waves.map((w) => ({ value: String(w.id), label: waveLabel(w) })),
})}
${construct ? html`<input type="hidden" name="construct" value="${construct}">` : ''}
<div class="form-actions">${button(t.compare)}</div>`,
  });
}

async function continuationPanel(
  request: FastifyRequest,
  reply: FastifyReply,
  programmeId: number,
  t: TCompareTexts,
  errors: TFieldErrors,
  values: { team: string; voortzet: string[] },
): Promise<SafeHtml> {
  const [teams, records] = await Promise.all([
    programmeTeams(request.server.db, programmeId),
    teamContinuations(request.server.db, programmeId),
  ]);
  const options = teams.map((team) => ({ value: String(team.id), label: team.name }));
  return panel(
    html`<p>${t.continuationsIntro}</p>
${records.length === 0 ? html`<p class="empty">${t.continuationsNone}</p>` : html`<ul>${records.map((r) => html`<li>${t.continues(r.team, r.continues.map((c) => c.team).join(', '))}</li>`)}</ul>`}
${form({
  action: `/werkruimte/programmas/${programmeId}/vergelijken/teams`,
  csrf: reply.generateCsrf(),
  label: t.continuations,
  body: html`${selectField({ name: 'team', label: t.contTeam, error: errors.team, value: values.team, options })}
${choiceGroup({ name: 'voortzet', label: t.contEarlier, hint: t.contEarlierHint, error: errors.voortzet, kind: 'checkbox', values: values.voortzet, options })}
<div class="form-actions">${button(t.save)}</div>`,
})}`,
    t.continuations,
    'teams-over-de-jaren',
  );
}

/**
 * Sections rendered per comparison or trend object. The service hands out the same object
 * until the waves' data changes (services/comparison.ts), so a page asked again renders
 * only its frame: a 50-team comparison is megabytes of HTML, seconds of work.
 */
const sections = new WeakMap<object, Map<string, SafeHtml>>();

function rendered(owner: object, key: string, render: () => SafeHtml): SafeHtml {
  let byKey = sections.get(owner);
  if (!byKey) sections.set(owner, (byKey = new Map()));
  let section = byKey.get(key);
  if (!section) byKey.set(key, (section = render()));
  return section;
}

async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  principal: TPrincipal,
  programmeId: number,
  query: z.infer<typeof ZQuery>,
  continuation: { errors: TFieldErrors; values: { team: string; voortzet: string[] } } = {
    errors: {},
    values: { team: '', voortzet: [] },
  },
): Promise<FastifyReply> {
  const lang = requestLang(request);
  const t = compareTexts(lang);
  const db = request.server.db;
  const programme = await getProgramme(db, programmeId);
  const waves = await programmeWaves(db, programmeId);
  const action = `/werkruimte/programmas/${programmeId}/vergelijken`;
  const choice = choose(waves, query, t);
  const parts: SafeHtml[] = [];
  if (waves.length < 2) parts.push(notice('info', t.tooFewWaves));
  else {
    const labels = { nulmeting: t.baseline, meting: t.later };
    parts.push(
      panel(
        html`${errorSummary(wsMessages(lang), choice.errors, labels)}${choiceForm(t, action, waves, choice, query.construct)}`,
        t.formTitle,
        'keuze',
      ),
    );
  }
  if (choice.baseline && choice.later.length > 0 && Object.keys(choice.errors).length === 0) {
    const definitions = new Map(
      (await publishedDefinitions(db)).map((d) => [`${d.id}@${d.version}`, d] as [string, TDefinition]),
    );
    const ctx: TViewContext = { lang, t };
    try {
      const changes: TChange[] = [];
      // Off the event loop and kept per wave (services/comparison.ts), as in the API.
      const runtime = request.server;
      for (const wave of choice.later)
        changes.push(await compareStoredWaves(db, programmeId, choice.baseline.id, wave.id, runtime));
      for (const change of changes) {
        parts.push(
          rendered(change, lang, () =>
            changeSection(ctx, change, definitions.get(change.current.definition)!, definitions.get(change.baseline.definition)!),
          ),
        );
        // A first rendering of a 50-team section takes a while: let others in between.
        await yieldToLoop();
      }
      if (choice.later.length >= 2) {
        const trend: TTrend = await storedTrend(db, programmeId, [choice.baseline.id, ...choice.later.map((w) => w.id)], runtime);
        const comparable = trend.constructs.filter((c) => c.overall.some((p) => !p.suppressed));
        const constructId = comparable.find((c) => c.id === query.construct)?.id ?? comparable[0]?.id ?? '';
        const chooser = form({
          action: `${action}#trend`,
          method: 'get',
          label: t.trendConstruct,
          body: html`<input type="hidden" name="nulmeting" value="${String(choice.baseline.id)}">${choice.later.map((w) => html`<input type="hidden" name="meting" value="${String(w.id)}">`)}
${selectField({ name: 'construct', label: t.trendConstruct, value: constructId, options: comparable.map((c) => ({ value: c.id, label: c.label[lang] })) })}
<div class="form-actions">${button(t.show, { variant: 'secondary' })}</div>`,
        });
        parts.push(
          rendered(trend, `${lang}:${constructId}:${chooser.value}`, () => trendSection(ctx, trend, constructId, chooser)),
        );
      }
    } catch (error) {
      if (!(error instanceof AnalysisInputError)) throw error;
      parts.push(notice('error', error.message, t.cannotCompare));
    }
  }
  if (principal.role !== 'manager') {
    if (query.gedaan === 'teams') parts.unshift(notice('success', t.saved));
    parts.push(await continuationPanel(request, reply, programmeId, t, continuation.errors, continuation.values));
  }
  const body = html`<link rel="stylesheet" href="/static/compare.css">
${pageHeader({ title: t.title, intro: t.intro(programme.name) })}
${parts}`;
  const crumbs = [
    { label: wsMessages(lang).navHome, href: '/werkruimte' },
    { label: programme.name, href: `/werkruimte/programmas/${programmeId}` },
    { label: t.title },
  ];
  const status = Object.keys(continuation.errors).length > 0 ? 400 : 200;
  return sendPage(
    reply,
    status,
    workspacePage({ lang, title: t.title, principal, crumbs, path: request.url, csrf: reply.generateCsrf(), body, wide: true }),
  );
}

const compare: FastifyPluginAsyncZod = async (app) => {
  app.get('/programmas/:id/vergelijken', { schema: { params: ZParams, querystring: ZQuery } }, async (request, reply) => {
    const principal = await requireProgrammeAccess(request, request.params.id, 'results');
    return renderPage(request, reply, principal, request.params.id, request.query);
  });

  app.post(
    '/programmas/:id/vergelijken/teams',
    { schema: { params: ZParams, body: ZContinuationBody } },
    async (request, reply) => {
      const principal = await requireProgrammeAccess(request, request.params.id, 'manage');
      const t = compareTexts(requestLang(request));
      const values = { team: request.body.team ?? '', voortzet: list(request.body.voortzet) };
      const fail = (errors: TFieldErrors) => renderPage(request, reply, principal, request.params.id, {}, { errors, values });
      if (!request.csrfValid()) return fail({ _form: t.errCsrf });
      const teamId = /^\d{1,9}$/.test(values.team) ? Number(values.team) : Number.NaN;
      if (!Number.isFinite(teamId) || values.voortzet.some((v) => !/^\d{1,9}$/.test(v))) return fail({ team: t.errTeam });
      try {
        await setTeamContinuation(request.server.db, request.params.id, teamId, values.voortzet.map(Number), {
          userId: principal.userId,
          email: principal.email,
        });
      } catch (error) {
        if (error instanceof ValidationError) return fail({ voortzet: error.message });
        if (error instanceof Error && error.message === 'niet gevonden') return fail({ team: t.errTeam });
        throw error;
      }
      return reply.redirect(`/werkruimte/programmas/${request.params.id}/vergelijken?gedaan=teams#teams-over-de-jaren`, 303);
    },
  );
};

export default compare;
