/**
 * The pages of the questionnaire: showing one, and saving one. A page is posted two ways —
 * by the form (the browser follows the answer) and by web/survey.js's autosave (JSON) —
 * so `postPage` decides what happened as a `TPageOutcome` and two thin renderers turn it
 * into a page or a JSON answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAnswers } from '../../../survey-definitions/index.ts';
import type { TBlock } from '../../../survey-definitions/schema.ts';
import { findPartial, newResumeCode, normaliseResumeCode, savePage, type TSurveyContext } from '../../services/responses.ts';
import { pageItems, parsePage, visiblePages } from '../../survey/form.ts';
import { messagePage } from '../../views/error-page.ts';
import { tr } from '../../lib/i18n.ts';
import { messages } from '../../views/messages.ts';
import { questionPage } from '../../views/survey/question-page.ts';
import { chromeOf, deviceCookies, resumeInfo, sendHtml, surveyOf, urlsOf, ZBlockParams } from './context.ts';

/** The fixed fields of every questionnaire form; item fields (`a.<id>`) are checked against the definition. */
const ZPageForm = z
  .object({
    _csrf: z.string().max(200).optional(),
    r: z.string().max(40),
    nav: z.enum(['next', 'back']).default('next'),
  })
  .catchall(z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(50)]));

/** A page to show: whose answers, and what to show again of what was just typed. */
interface TPageState {
  block: TBlock;
  code: string;
  answers: TAnswers;
  /** Whether a response is stored under the code (then the resume box is shown). */
  exists: boolean;
  echo?: Record<string, string>;
  errors?: Record<string, string>;
}

/** What a posted page came to. */
type TPageOutcome =
  /** Something no form of ours sends: refused whole, nothing saved. */
  | { kind: 'refused' }
  /** A page this respondent is not (or no longer) asked. */
  | { kind: 'unknown-page' }
  /** The CSRF token did not match: nothing saved, what was typed is shown again. */
  | { kind: 'expired'; page: TPageState }
  /** A value that does not fit the questionnaire: nothing of the page saved. */
  | { kind: 'invalid-values'; page: TPageState; fields: string[] }
  /** The response was sent already (an old tab, the back button). */
  | { kind: 'already-sent' }
  /** Saved, but required questions are open: the page again with their errors. */
  | { kind: 'incomplete'; page: TPageState }
  /** Saved; `next` is where the respondent goes (a page, or the review). */
  | { kind: 'saved'; next: string };

async function postPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  autosave: boolean,
): Promise<TPageOutcome> {
  const ctx = surveyOf(request);
  const urls = urlsOf(request);
  const params = request.params as z.infer<typeof ZBlockParams>;
  const form = ZPageForm.safeParse(request.body);
  const code = form.success ? normaliseResumeCode(form.data.r) : undefined;
  if (!form.success || !code) return { kind: 'refused' };
  const t = messages(request.lang);
  const existing = await findPartial(app.db, ctx, code);
  const stored = existing?.answers ?? {};
  const block = ctx.def.blocks.find((b) => b.id === params.block);
  if (!block || !visiblePages(ctx, stored).some((b) => b.id === block.id)) return { kind: 'unknown-page' };

  const parsed = parsePage(ctx, block, form.data, stored, t, !autosave && form.data.nav === 'next');
  if (parsed.kind === 'invalid') {
    request.log.warn({ reason: parsed.reason }, 'questionnaire form refused');
    return { kind: 'refused' };
  }
  const page = { block, code, answers: stored, exists: Boolean(existing), echo: parsed.echo };
  if (!request.csrfValid()) return { kind: 'expired', page: { ...page, errors: { _: t.expiredText } } };
  const fields = Object.keys(parsed.valueErrors);
  if (fields.length > 0) {
    return { kind: 'invalid-values', fields, page: { ...page, errors: { ...parsed.valueErrors, ...parsed.missing } } };
  }

  const saved = await savePage(app.db, ctx, code, parsed.values);
  if (!saved) return { kind: 'already-sent' };
  deviceCookies(app).rememberCode(reply, ctx, code);
  if (Object.keys(parsed.missing).length > 0) {
    return { kind: 'incomplete', page: { ...page, answers: saved.answers, exists: true, errors: parsed.missing } };
  }
  const after = visiblePages(ctx, saved.answers);
  const index = after.findIndex((b) => b.id === block.id);
  const target = form.data.nav === 'back' ? after[Math.max(0, index - 1)] : after[index + 1];
  return { kind: 'saved', next: (target ? urls.page(target.id) : urls.review()).value };
}

/** Shows a page of the questionnaire: stored answers, overlaid with what was just typed. */
function renderPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: TSurveyContext,
  state: TPageState,
  status = 200,
) {
  const urls = urlsOf(request);
  const pages = visiblePages(ctx, state.answers);
  const index = pages.findIndex((b) => b.id === state.block.id);
  const block = pages[index]!;
  const values: Record<string, string> = {};
  for (const item of pageItems(ctx, block)) {
    const stored = state.answers[item.id];
    if (stored !== undefined) values[item.id] = String(stored);
  }
  if (state.echo) {
    for (const item of pageItems(ctx, block)) delete values[item.id];
    Object.assign(values, state.echo);
  }
  return sendHtml(
    reply,
    status,
    questionPage({
      chrome: chromeOf(request, tr(block.title, request.lang)),
      ctx,
      block,
      step: index + 1,
      steps: pages.length + 1,
      action: urls.page(block.id),
      backUrl: index > 0 ? urls.page(pages[index - 1]!.id) : undefined,
      csrf: reply.generateCsrf(),
      code: state.code,
      values,
      errors: state.errors ?? {},
      resume: state.exists ? resumeInfo(app, request, state.code) : undefined,
      isLast: index === pages.length - 1,
    }),
  );
}

/** The outcome for a person: the next page, or this page again with what went wrong. */
function asHtml(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, outcome: TPageOutcome) {
  const ctx = surveyOf(request);
  const t = messages(request.lang);
  switch (outcome.kind) {
    case 'refused':
      return sendHtml(reply, 400, messagePage(chromeOf(request, t.invalidTitle), t.invalidTitle, t.invalidText));
    case 'unknown-page':
      return reply.redirect(urlsOf(request).landing().value, 303);
    case 'expired':
      return renderPage(app, request, reply, ctx, outcome.page, 403);
    case 'invalid-values':
    case 'incomplete':
      return renderPage(app, request, reply, ctx, outcome.page, 422);
    case 'already-sent':
      return sendHtml(reply, 409, messagePage(chromeOf(request, t.alreadySentTitle), t.alreadySentTitle, t.alreadySentText));
    case 'saved':
      return reply.redirect(outcome.next, 303);
  }
}

const ZAutosaveAnswer = z.union([
  z.object({ saved: z.literal(true) }),
  z.object({
    error: z.enum(['invalid_form', 'unknown_page', 'expired', 'invalid_values', 'already_sent']),
    fields: z.array(z.string()).optional(),
  }),
]);
type TAutosaveAnswer = z.infer<typeof ZAutosaveAnswer>;

/** The outcome for web/survey.js: a status and a word it can act on. */
function asJson(outcome: TPageOutcome): { status: number; body: TAutosaveAnswer } {
  switch (outcome.kind) {
    case 'refused':
      return { status: 400, body: { error: 'invalid_form' } };
    case 'unknown-page':
      return { status: 404, body: { error: 'unknown_page' } };
    case 'expired':
      return { status: 403, body: { error: 'expired' } };
    case 'invalid-values':
      return { status: 422, body: { error: 'invalid_values', fields: outcome.fields } };
    case 'already-sent':
      return { status: 409, body: { error: 'already_sent' } };
    // Autosave never asks for required answers, but a save is a save.
    case 'incomplete':
    case 'saved':
      return { status: 200, body: { saved: true } };
  }
}

const pages: FastifyPluginAsyncZod = async (app) => {
  const cookies = deviceCookies(app);

  app.get('/b/:block', { schema: { params: ZBlockParams } }, async (request, reply) => {
    const ctx = surveyOf(request);
    const urls = urlsOf(request);
    const code = cookies.deviceCode(request, ctx);
    const response = code ? await findPartial(app.db, ctx, code) : undefined;
    if (!response && cookies.sentHere(request, ctx)) return reply.redirect(urls.landing().value, 303);
    const answers = response?.answers ?? {};
    const visible = visiblePages(ctx, answers);
    const block = visible.find((b) => b.id === request.params.block);
    // A page that is not (or no longer) asked: go to the first one that is.
    if (!block) return reply.redirect(urls.page(visible[0]!.id).value, 303);
    // A new code for a new respondent; nothing is stored until the first page is saved.
    return renderPage(app, request, reply, ctx, {
      block,
      code: response && code ? code : newResumeCode(),
      answers,
      exists: Boolean(response),
    });
  });

  app.post('/b/:block', { schema: { params: ZBlockParams } }, async (request, reply) =>
    asHtml(app, request, reply, await postPage(app, request, reply, false)),
  );

  app.post(
    '/b/:block/autosave',
    { schema: { params: ZBlockParams, response: { '2xx': ZAutosaveAnswer, '4xx': ZAutosaveAnswer } } },
    async (request, reply) => {
      const { status, body } = asJson(await postPage(app, request, reply, true));
      return reply.status(status).send(body);
    },
  );
};

export default pages;
