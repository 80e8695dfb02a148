/** Checking everything, sending it (exactly once), and the thanks. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeResponse, findPartial, normaliseResumeCode } from '../../services/responses.ts';
import { isAsked, missingRequired, pageItems, unaskedAnswers, visiblePages } from '../../survey/form.ts';
import { messagePage } from '../../views/error-page.ts';
import { html } from '../../views/html.ts';
import { messages } from '../../views/messages.ts';
import { anchor } from '../../views/survey/parts.ts';
import { reviewPage } from '../../views/survey/review.ts';
import { thanksPage } from '../../views/survey/thanks.ts';
import { chromeOf, deviceCookies, resumeInfo, sendHtml, surveyOf, urlsOf, ZTokenParams } from './context.ts';

const ZSendForm = z.object({ _csrf: z.string().max(200).optional(), r: z.string().max(40) });

const review: FastifyPluginAsyncZod = async (app) => {
  const cookies = deviceCookies(app);

  app.get('/controle', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = surveyOf(request);
    const urls = urlsOf(request);
    const code = cookies.deviceCode(request, ctx);
    const response = code ? await findPartial(app.db, ctx, code) : undefined;
    if (!response || !code) return reply.redirect(urls.landing().value, 303);
    const t = messages(request.lang);
    const pages = visiblePages(ctx, response.answers);
    return sendHtml(
      reply,
      200,
      reviewPage({
        chrome: chromeOf(request, t.reviewTitle),
        ctx,
        pages: pages.map((block) => ({
          block,
          url: urls.page(block.id),
          items: pageItems(ctx, block).filter((item) => isAsked(ctx, item, response.answers)),
        })),
        answers: response.answers,
        missing: missingRequired(ctx, response.answers).map((m) => ({
          item: m.item,
          url: urls.page(m.block.id, `q-${anchor(m.item.id)}`),
        })),
        action: urls.send(),
        backUrl: urls.page(pages[pages.length - 1]!.id),
        csrf: reply.generateCsrf(),
        code,
        steps: pages.length + 1,
        resume: resumeInfo(app, request, code),
      }),
    );
  });

  app.post('/verzenden', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = surveyOf(request);
    const urls = urlsOf(request);
    const form = ZSendForm.safeParse(request.body);
    const code = form.success ? normaliseResumeCode(form.data.r) : undefined;
    const t = messages(request.lang);
    const alreadySent = () =>
      sendHtml(reply, 200, messagePage(chromeOf(request, t.alreadySentTitle), t.alreadySentTitle, t.alreadySentText));
    if (!code) return sendHtml(reply, 400, messagePage(chromeOf(request, t.invalidTitle), t.invalidTitle, t.invalidText));
    if (!request.csrfValid()) {
      return sendHtml(
        reply,
        403,
        messagePage(
          chromeOf(request, t.expiredTitle),
          t.expiredTitle,
          t.expiredText,
          html`<p><a class="button" href="${urls.review()}">${t.reviewTitle}</a></p>`,
        ),
      );
    }
    const response = await findPartial(app.db, ctx, code);
    // Sent before (a double click, the back button, a resent form): one response stays.
    if (!response) return alreadySent();
    if (missingRequired(ctx, response.answers).length > 0) return reply.redirect(urls.review().value, 303);
    const result = await completeResponse(app.db, response.id, code, unaskedAnswers(ctx, response.answers));
    if (result === 'already_complete') return alreadySent();
    cookies.markSent(reply, ctx);
    return reply.redirect(urls.thanks().value, 303);
  });

  app.get('/bedankt', { schema: { params: ZTokenParams } }, async (request, reply) =>
    sendHtml(reply, 200, thanksPage(chromeOf(request, messages(request.lang).thanksTitle))),
  );
};

export default review;
