/**
 * The respondents' questionnaire under /v/:token — plain HTML forms, one block per page.
 *
 *   GET  /v/:token                 welcome (or "welcome back", or "already sent")
 *   GET  /v/:token/nieuw           start a new questionnaire on this device
 *   GET  /v/:token/b/:block        a page;  POST saves it (and /autosave, for scripts)
 *   GET  /v/:token/controle        check everything;  POST /v/:token/verzenden sends it
 *   GET  /v/:token/bedankt         thank you
 *   GET  /v/:token/hervat/:code    resume link;  POST /v/:token/hervat resume code
 *
 * Unknown tokens and waves that are not open get the same page and status, so a token
 * cannot be probed. The token only ever appears in the URL path, which is logged as the
 * route pattern (`/v/:token`), never as itself.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.ts';
import { TooManyRequestsError } from '../../errors.ts';
import type { HtmlErrorRenderer } from '../../plugins/error-handler.ts';
import {
  completeResponse,
  findPartial,
  newResumeCode,
  normaliseResumeCode,
  reissueResumeCode,
  savePage,
  surveyContext,
  type TStoredResponse as StoredResponse,
  type TSurveyContext as SurveyContext,
} from '../../services/responses.ts';
import type { TAnswers as Answers, TLanguage as Lang } from '../../../survey-definitions/index.ts';
import { isAsked, missingRequired, pageItems, parsePage, unaskedAnswers, visiblePages } from '../../survey/form.ts';
import { errorPage, messagePage } from '../../views/error-page.ts';
import { html, safeHref, type SafeHtml } from '../../views/html.ts';
import type { Chrome } from '../../views/layout.ts';
import { messages } from '../../views/messages.ts';
import { landingPage, type LandingView } from '../../views/survey/landing.ts';
import { questionPage } from '../../views/survey/question-page.ts';
import { resumeChoicePage, type TProgress } from '../../views/survey/resume-choice.ts';
import { reviewPage } from '../../views/survey/review.ts';
import { thanksPage } from '../../views/survey/thanks.ts';

declare module 'fastify' {
  interface FastifyRequest {
    survey?: SurveyContext;
    lang: Lang;
  }
}

const ZTokenParams = z.object({ token: z.string().max(100) });
const ZBlockParams = ZTokenParams.extend({ block: z.string().max(100) });
const ZResumeParams = ZTokenParams.extend({ code: z.string().max(40) });
const ZLangQuery = z.object({ taal: z.enum(['nl', 'en']).optional() }).loose();
/** The fixed fields of every questionnaire form; item fields (`a.<id>`) are checked against the definition. */
const ZPageForm = z
  .object({
    _csrf: z.string().max(200).optional(),
    r: z.string().max(40),
    nav: z.enum(['next', 'back']).default('next'),
  })
  .catchall(z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(50)]));
const ZSendForm = z.object({ _csrf: z.string().max(200).optional(), r: z.string().max(40) });
const ZResumeForm = z.object({
  _csrf: z.string().max(200).optional(),
  code: z.string().max(200).default(''),
  /** Set by the choice page: the respondent chose the linked questionnaire over his own. */
  confirm: z.literal('1').optional(),
  /** Set by the choice page: continue this browser's own questionnaire instead. */
  keep: z.literal('own').optional(),
});

const COOKIE_DAYS = 60;

const survey: FastifyPluginAsyncZod = async (app) => {
  const limiter = app.limiters.link;
  const secure = app.config.NODE_ENV === 'production' || (app.config.PUBLIC_URL ?? '').startsWith('https:');
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true };

  app.decorateRequest('survey', undefined);
  app.decorateRequest('lang', 'nl');

  // Errors on these routes are pages for people; the mapping to a status is the app's one
  // error handler (plugins/error-handler.ts).
  const renderError: HtmlErrorRenderer = (request, status, body) => {
    const t = messages(request.lang);
    return errorPage(chromeFor(request, t.unavailableTitle), status, body.requestId).value;
  };

  function chromeFor(request: FastifyRequest, title: string): Chrome {
    return { lang: request.lang, title, programme: undefined };
  }

  function base(request: FastifyRequest): string {
    return `/v/${(request.params as { token: string }).token}`;
  }

  function sendHtml(reply: FastifyReply, status: number, body: SafeHtml) {
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
  }

  function unavailable(request: FastifyRequest, reply: FastifyReply) {
    const t = messages(request.lang);
    return sendHtml(reply, 404, messagePage(chromeFor(request, t.unavailableTitle), t.unavailableTitle, t.unavailableText));
  }

  // Language first (cookie, or ?taal= which is remembered), then the token.
  app.addHook('onRequest', async (request, reply) => {
    request.htmlErrors = renderError;
    const query = ZLangQuery.safeParse(request.query);
    const cookieLang = request.cookies.wm_lang;
    request.lang = query.success && query.data.taal ? query.data.taal : cookieLang === 'en' ? 'en' : 'nl';
    if (query.success && query.data.taal && request.method === 'GET') {
      void reply.setCookie('wm_lang', query.data.taal, { path: '/', sameSite: 'lax', httpOnly: true, secure, maxAge: 365 * 86400 });
      return reply.redirect(request.url.split('?')[0]!, 303);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const address = request.ip;
    const token = (request.params as { token?: string }).token ?? '';
    const verdict = await limiter.check(address);
    if (verdict.blocked) {
      // A valid link always works, also from an address that tried many wrong ones.
      const ctx = await surveyContext(app.db, token);
      if (!ctx) {
        const t = messages(request.lang);
        return sendHtml(reply.header('retry-after', String(verdict.retryAfterSeconds)), 429, messagePage(chromeFor(request, t.tooManyTitle), t.tooManyTitle, t.tooManyText));
      }
      request.survey = ctx;
    } else {
      request.survey = await surveyContext(app.db, token);
    }
    if (!request.survey || !request.survey.open) {
      await limiter.fail(address);
      return unavailable(request, reply);
    }
  });

  function cookieName(ctx: SurveyContext): string {
    return `wm_r${ctx.wave.id}`;
  }

  function doneCookieName(ctx: SurveyContext): string {
    return `wm_d${ctx.wave.id}`;
  }

  /** The resume code this device holds for the wave, if its cookie is intact. */
  function deviceCode(request: FastifyRequest, ctx: SurveyContext): string | undefined {
    const raw = request.cookies[cookieName(ctx)];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? normaliseResumeCode(unsigned.value) : undefined;
  }

  function rememberCode(reply: FastifyReply, ctx: SurveyContext, code: string): void {
    void reply.setCookie(cookieName(ctx), code, { ...cookieBase, maxAge: COOKIE_DAYS * 86400 });
  }

  function fullChrome(request: FastifyRequest, ctx: SurveyContext, title: string): Chrome {
    const url = request.url.split('?')[0]!;
    return {
      lang: request.lang,
      title,
      programme: ctx.wave.label,
      switchLanguageUrl: request.method === 'GET' ? safeHref(`${url}?taal=${messages(request.lang).languageCode}`) : undefined,
    };
  }

  function resumeInfo(request: FastifyRequest, code: string) {
    // From configuration only: the Host header is whatever the sender of the request chose.
    return { code, url: `${publicBaseUrl(app.config)}${base(request)}/hervat/${code}` };
  }

  function firstOpenPage(ctx: SurveyContext, answers: Answers): string {
    const missing = missingRequired(ctx, answers)[0];
    return missing ? `b/${missing.block.id}` : 'controle';
  }

  // ---- Landing --------------------------------------------------------------------------

  app.get('/v/:token', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = request.survey!;
    const code = deviceCode(request, ctx);
    const partial = code ? await findPartial(app.db, ctx, code) : undefined;
    const sent = !partial && request.cookies[doneCookieName(ctx)] !== undefined;
    return renderLanding(request, reply, 200, {
      continueUrl: partial ? safeHref(`${base(request)}/${firstOpenPage(ctx, partial.answers)}`) : undefined,
      alreadySent: sent ? { newUrl: safeHref(`${base(request)}/nieuw`) } : undefined,
    });
  });

  function renderLanding(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: Pick<LandingView, 'continueUrl' | 'alreadySent' | 'resumeError' | 'resumeInput'>,
  ) {
    const ctx = request.survey!;
    return sendHtml(
      reply,
      status,
      landingPage({
        chrome: fullChrome(request, ctx, ctx.def.title[request.lang] ?? ctx.def.title.nl),
        def: ctx.def,
        waveLabel: ctx.wave.label,
        threshold: ctx.wave.anonymityThreshold,
        teamName: ctx.teams.find((team) => team.id === ctx.linkTeamId)?.name ?? null,
        startUrl: safeHref(`${base(request)}/b/${visiblePages(ctx, {})[0]!.id}`),
        resumeAction: safeHref(`${base(request)}/hervat`),
        csrf: reply.generateCsrf(),
        ...state,
      }),
    );
  }

  app.get('/v/:token/nieuw', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = request.survey!;
    void reply.clearCookie(cookieName(ctx), { path: '/' });
    void reply.clearCookie(doneCookieName(ctx), { path: '/' });
    return reply.redirect(`${base(request)}/b/${visiblePages(ctx, {})[0]!.id}`, 303);
  });

  // ---- Pages ----------------------------------------------------------------------------

  async function currentResponse(ctx: SurveyContext, code: string | undefined): Promise<StoredResponse | undefined> {
    return code ? findPartial(app.db, ctx, code) : undefined;
  }

  function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: SurveyContext,
    blockId: string,
    state: { code: string; answers: Answers; exists: boolean; echo?: Record<string, string>; errors?: Record<string, string> },
    status = 200,
  ) {
    const pages = visiblePages(ctx, state.answers);
    const index = pages.findIndex((b) => b.id === blockId);
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
        chrome: fullChrome(request, ctx, block.title[request.lang] ?? block.title.nl),
        ctx,
        block,
        step: index + 1,
        steps: pages.length + 1,
        action: safeHref(`${base(request)}/b/${block.id}`),
        backUrl: index > 0 ? safeHref(`${base(request)}/b/${pages[index - 1]!.id}`) : undefined,
        csrf: reply.generateCsrf(),
        code: state.code,
        values,
        errors: state.errors ?? {},
        resume: state.exists ? resumeInfo(request, state.code) : undefined,
        isLast: index === pages.length - 1,
      }),
    );
  }

  app.get('/v/:token/b/:block', { schema: { params: ZBlockParams } }, async (request, reply) => {
    const ctx = request.survey!;
    const code = deviceCode(request, ctx);
    const response = await currentResponse(ctx, code);
    if (!response && request.cookies[doneCookieName(ctx)] !== undefined) {
      return reply.redirect(base(request), 303);
    }
    const answers = response?.answers ?? {};
    const pages = visiblePages(ctx, answers);
    if (!pages.some((b) => b.id === request.params.block)) {
      // A page that is not (or no longer) asked: go to the first one that is.
      return reply.redirect(`${base(request)}/b/${pages[0]!.id}`, 303);
    }
    // A new code for a new respondent; nothing is stored until the first page is saved.
    return renderPage(request, reply, ctx, request.params.block, {
      code: response && code ? code : newResumeCode(),
      answers,
      exists: Boolean(response),
    });
  });

  /** Shared by the page post and the autosave post. */
  async function handlePagePost(request: FastifyRequest, reply: FastifyReply, autosave: boolean) {
    const ctx = request.survey!;
    const params = request.params as z.infer<typeof ZBlockParams>;
    const form = ZPageForm.safeParse(request.body);
    const code = form.success ? normaliseResumeCode(form.data.r) : undefined;
    if (!form.success || !code) {
      return autosave
        ? reply.status(400).send({ error: 'invalid_form' })
        : sendHtml(reply, 400, messagePage(chromeFor(request, messages(request.lang).invalidTitle), messages(request.lang).invalidTitle, messages(request.lang).invalidText));
    }
    const t = messages(request.lang);
    const existing = await findPartial(app.db, ctx, code);
    const stored = existing?.answers ?? {};
    const pages = visiblePages(ctx, stored);
    const block = ctx.def.blocks.find((b) => b.id === params.block);
    if (!block || !pages.some((b) => b.id === block.id)) {
      return autosave ? reply.status(404).send({ error: 'unknown_page' }) : reply.redirect(base(request), 303);
    }
    const parsed = parsePage(ctx, block, form.data, stored, t, !autosave && form.data.nav === 'next');
    if (parsed.kind === 'invalid') {
      request.log.warn({ reason: parsed.reason }, 'questionnaire form refused');
      return autosave
        ? reply.status(400).send({ error: 'invalid_form' })
        : sendHtml(reply, 400, messagePage(fullChrome(request, ctx, t.invalidTitle), t.invalidTitle, t.invalidText));
    }

    if (!request.csrfValid()) {
      // Nothing is saved, but what was typed is shown again: one more click saves it.
      if (autosave) return reply.status(403).send({ error: 'expired' });
      return renderPage(
        request,
        reply,
        ctx,
        block.id,
        { code, answers: stored, exists: Boolean(existing), echo: parsed.echo, errors: { _: t.expiredText } },
        403,
      );
    }

    const valueErrors = Object.keys(parsed.valueErrors).length > 0;
    if (valueErrors) {
      // A value that does not fit the questionnaire: nothing of this page is written.
      if (autosave) return reply.status(422).send({ error: 'invalid_values', fields: Object.keys(parsed.valueErrors) });
      return renderPage(
        request,
        reply,
        ctx,
        block.id,
        { code, answers: stored, exists: Boolean(existing), echo: parsed.echo, errors: { ...parsed.valueErrors, ...parsed.missing } },
        422,
      );
    }

    const saved = await savePage(app.db, ctx, code, parsed.values);
    if (!saved) return alreadySent(request, reply, ctx, autosave);
    rememberCode(reply, ctx, code);
    if (autosave) return reply.status(200).send({ saved: true });

    if (Object.keys(parsed.missing).length > 0) {
      return renderPage(request, reply, ctx, block.id, { code, answers: saved.answers, exists: true, echo: parsed.echo, errors: parsed.missing }, 422);
    }
    const after = visiblePages(ctx, saved.answers);
    const index = after.findIndex((b) => b.id === block.id);
    const target =
      form.data.nav === 'back'
        ? after[Math.max(0, index - 1)]!.id
        : index + 1 < after.length
          ? after[index + 1]!.id
          : undefined;
    return reply.redirect(`${base(request)}/${target ? `b/${target}` : 'controle'}`, 303);
  }

  function alreadySent(request: FastifyRequest, reply: FastifyReply, ctx: SurveyContext, autosave: boolean) {
    const t = messages(request.lang);
    if (autosave) return reply.status(409).send({ error: 'already_sent' });
    return sendHtml(reply, 409, messagePage(fullChrome(request, ctx, t.alreadySentTitle), t.alreadySentTitle, t.alreadySentText));
  }

  app.post('/v/:token/b/:block', { schema: { params: ZBlockParams } }, async (request, reply) => handlePagePost(request, reply, false));
  app.post('/v/:token/b/:block/autosave', { schema: { params: ZBlockParams } }, async (request, reply) =>
    handlePagePost(request, reply, true),
  );

  // ---- Review and send ------------------------------------------------------------------

  app.get('/v/:token/controle', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = request.survey!;
    const code = deviceCode(request, ctx);
    const response = await currentResponse(ctx, code);
    if (!response || !code) return reply.redirect(base(request), 303);
    const t = messages(request.lang);
    const pages = visiblePages(ctx, response.answers);
    return sendHtml(
      reply,
      200,
      reviewPage({
        chrome: fullChrome(request, ctx, t.reviewTitle),
        ctx,
        pages: pages.map((block) => ({
          block,
          url: safeHref(`${base(request)}/b/${block.id}`),
          items: pageItems(ctx, block).filter((item) => isAsked(ctx, item, response.answers)),
        })),
        answers: response.answers,
        missing: missingRequired(ctx, response.answers).map((m) => ({ item: m.item, url: safeHref(`${base(request)}/b/${m.block.id}#q-${m.item.id.replace(/[^a-z0-9_-]/gi, '-')}`) })),
        action: safeHref(`${base(request)}/verzenden`),
        backUrl: safeHref(`${base(request)}/b/${pages[pages.length - 1]!.id}`),
        csrf: reply.generateCsrf(),
        code,
        steps: pages.length + 1,
        resume: resumeInfo(request, code),
      }),
    );
  });

  app.post('/v/:token/verzenden', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = request.survey!;
    const form = ZSendForm.safeParse(request.body);
    const code = form.success ? normaliseResumeCode(form.data.r) : undefined;
    const t = messages(request.lang);
    if (!code) return sendHtml(reply, 400, messagePage(fullChrome(request, ctx, t.invalidTitle), t.invalidTitle, t.invalidText));
    if (!request.csrfValid()) {
      return sendHtml(
        reply,
        403,
        messagePage(fullChrome(request, ctx, t.expiredTitle), t.expiredTitle, t.expiredText, html`<p><a class="button" href="${base(request)}/controle">${t.reviewTitle}</a></p>`),
      );
    }
    const response = await findPartial(app.db, ctx, code);
    if (!response) {
      // Sent before (a double click, the back button, a resent form): one response stays.
      return sendHtml(reply, 200, messagePage(fullChrome(request, ctx, t.alreadySentTitle), t.alreadySentTitle, t.alreadySentText));
    }
    if (missingRequired(ctx, response.answers).length > 0) return reply.redirect(`${base(request)}/controle`, 303);
    const result = await completeResponse(app.db, response.id, code, unaskedAnswers(ctx, response.answers));
    if (result === 'already_complete') {
      return sendHtml(reply, 200, messagePage(fullChrome(request, ctx, t.alreadySentTitle), t.alreadySentTitle, t.alreadySentText));
    }
    void reply.clearCookie(cookieName(ctx), { path: '/' });
    void reply.setCookie(doneCookieName(ctx), '1', { ...cookieBase, maxAge: 365 * 86400 });
    return reply.redirect(`${base(request)}/bedankt`, 303);
  });

  app.get('/v/:token/bedankt', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = request.survey!;
    return sendHtml(reply, 200, thanksPage(fullChrome(request, ctx, messages(request.lang).thanksTitle)));
  });

  // ---- Resume ---------------------------------------------------------------------------

  /** How far a response got: asked questions answered, of those asked. */
  function progressOf(ctx: SurveyContext, answers: Answers): TProgress {
    const asked = visiblePages(ctx, answers).flatMap((block) => pageItems(ctx, block).filter((item) => isAsked(ctx, item, answers)));
    return { answered: asked.filter((item) => answers[item.id] !== undefined).length, asked: asked.length };
  }

  /** Wrong resume codes are counted per address; past the limit, a plain "try again at". */
  async function checkResumeLimit(request: FastifyRequest): Promise<void> {
    const verdict = await app.limiters.resume.check(request.ip);
    if (verdict.blocked) {
      throw new TooManyRequestsError('Te veel onjuiste codes geprobeerd. Probeer het later opnieuw.', verdict.retryAfterSeconds);
    }
  }

  async function wrongCode(request: FastifyRequest, reply: FastifyReply, input: string) {
    await app.limiters.resume.fail(request.ip);
    return renderLanding(request, reply, 404, { resumeError: true, resumeInput: input.slice(0, 40) });
  }

  /**
   * A resume link or typed code. Showing the choice changes nothing (a GET, or a browser
   * with its own questionnaire in progress must choose); continuing gives the response a
   * new code and retires the old one, so the one who handed out the code is locked out.
   */
  async function resume(request: FastifyRequest, reply: FastifyReply, input: string, how: 'link' | 'typed' | 'chosen') {
    const ctx = request.survey!;
    await checkResumeLimit(request);
    const code = normaliseResumeCode(input);
    const response = code ? await findPartial(app.db, ctx, code) : undefined;
    if (!response || !code) return wrongCode(request, reply, input);
    const ownCode = deviceCode(request, ctx);
    // This browser already holds this code: it is the respondent's own questionnaire.
    if (ownCode === code) return reply.redirect(`${base(request)}/${firstOpenPage(ctx, response.answers)}`, 303);
    const own = ownCode ? await findPartial(app.db, ctx, ownCode) : undefined;
    if (how === 'link' || (how === 'typed' && own)) {
      return sendHtml(
        reply,
        200,
        resumeChoicePage({
          chrome: fullChrome(request, ctx, request.lang === 'en' ? 'Continue the questionnaire' : 'Verder met de vragenlijst'),
          action: safeHref(`${base(request)}/hervat`),
          csrf: reply.generateCsrf(),
          code,
          linked: progressOf(ctx, response.answers),
          own: own ? progressOf(ctx, own.answers) : undefined,
        }),
      );
    }
    const fresh = await reissueResumeCode(app.db, ctx, code);
    if (!fresh) return wrongCode(request, reply, input);
    rememberCode(reply, ctx, fresh);
    return reply.redirect(`${base(request)}/${firstOpenPage(ctx, response.answers)}`, 303);
  }

  app.get('/v/:token/hervat/:code', { schema: { params: ZResumeParams } }, async (request, reply) =>
    resume(request, reply, request.params.code, 'link'),
  );

  app.post('/v/:token/hervat', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const form = ZResumeForm.safeParse(request.body);
    if (!form.success || !request.csrfValid()) return reply.redirect(base(request), 303);
    const ctx = request.survey!;
    if (form.data.keep === 'own') {
      const own = deviceCode(request, ctx);
      const response = own ? await findPartial(app.db, ctx, own) : undefined;
      return reply.redirect(response ? `${base(request)}/${firstOpenPage(ctx, response.answers)}` : base(request), 303);
    }
    // A code typed on the landing page is a deliberate act: continue at once, unless this
    // browser has its own questionnaire in progress (then it is asked which one).
    return resume(request, reply, form.data.code, form.data.confirm === '1' ? 'chosen' : 'typed');
  });
};

export default survey;
