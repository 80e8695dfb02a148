/**
 * The respondents' questionnaire under /v/:token — plain HTML forms, one block per page.
 * One file per flow, each registered under the `/v/:token` prefix:
 *
 *   landing.ts  GET  /v/:token                 welcome (or "welcome back", or "already sent")
 *               GET  /v/:token/nieuw           start a new questionnaire on this device
 *   pages.ts    GET  /v/:token/b/:block        a page;  POST saves it (and /autosave, for scripts)
 *   review.ts   GET  /v/:token/controle        check everything;  POST /v/:token/verzenden sends it
 *               GET  /v/:token/bedankt         thank you
 *   resume.ts   GET  /v/:token/hervat/:code    resume link;  POST /v/:token/hervat resume code
 *
 * This file resolves the language and the token for all of them. Unknown tokens and waves
 * that are not open get the same page and status, so a token cannot be probed. The token
 * only ever appears in the URL path, which is logged as the route pattern (`/v/:token`),
 * never as itself.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HtmlErrorRenderer } from '../../plugins/error-handler.ts';
import { surveyContext } from '../../services/responses.ts';
import { errorPage, messagePage } from '../../views/error-page.ts';
import { messages } from '../../views/messages.ts';
import { bareChrome, sendHtml, type TSurveyOptions } from './context.ts';
import landing from './landing.ts';
import pages from './pages.ts';
import resume from './resume.ts';
import review from './review.ts';

const ZLangQuery = z.object({ taal: z.enum(['nl', 'en']).optional() }).loose();

const survey: FastifyPluginAsyncZod = async (app) => {
  // Counters in PostgreSQL, shared by every instance (plugins/security.ts).
  const limiter = app.limiters.link;
  const secure = app.config.NODE_ENV === 'production' || (app.config.PUBLIC_URL ?? '').startsWith('https:');

  app.decorateRequest('survey', undefined);
  app.decorateRequest('lang', 'nl');

  // Errors on these routes are pages for people; the mapping to a status is the app's one
  // error handler (plugins/error-handler.ts).
  const renderError: HtmlErrorRenderer = (request, status, body) =>
    errorPage(bareChrome(request, messages(request.lang).unavailableTitle), status, body.requestId).value;

  function unavailable(request: FastifyRequest, reply: FastifyReply) {
    const t = messages(request.lang);
    return sendHtml(reply, 404, messagePage(bareChrome(request, t.unavailableTitle), t.unavailableTitle, t.unavailableText));
  }

  // Language first (cookie, or ?taal= which is remembered), then the token.
  app.addHook('onRequest', async (request, reply) => {
    request.htmlErrors = renderError;
    const query = ZLangQuery.safeParse(request.query);
    const cookieLang = request.cookies.wm_lang;
    request.lang = query.success && query.data.taal ? query.data.taal : cookieLang === 'en' ? 'en' : 'nl';
    if (query.success && query.data.taal && request.method === 'GET') {
      void reply.setCookie('wm_lang', query.data.taal, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure,
        maxAge: 365 * 86400,
      });
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
        return sendHtml(
          reply.header('retry-after', String(verdict.retryAfterSeconds)),
          429,
          messagePage(bareChrome(request, t.tooManyTitle), t.tooManyTitle, t.tooManyText),
        );
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

  const options: TSurveyOptions = { limiter: app.limiters.resume };
  await app.register(landing, { prefix: '/v/:token' });
  await app.register(pages, { prefix: '/v/:token' });
  await app.register(review, { prefix: '/v/:token' });
  await app.register(resume, { prefix: '/v/:token', ...options });
};

export default survey;
