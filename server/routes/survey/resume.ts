/**
 * Continuing with a resume code: by link (`/hervat/<code>`) or typed into the landing page's form.
 *
 * Opening a link changes nothing (mail scanners open links before people do): it shows how
 * far the questionnaire got and a button. Continuing gives the response a new code and
 * retires the old one, so whoever handed the link out can no longer open what is entered
 * after (issue 14). A browser with its own questionnaire in progress is asked which one
 * to continue, with how far each got. Wrong codes are counted per address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAnswers } from '../../../survey-definitions/index.ts';
import { TooManyRequestsError } from '../../errors.ts';
import { findPartial, normaliseResumeCode, reissueResumeCode, type TSurveyContext } from '../../services/responses.ts';
import { isAsked, pageItems, visiblePages } from '../../survey/form.ts';
import { resumeChoicePage, type TProgress } from '../../views/survey/resume-choice.ts';
import {
  chromeOf,
  deviceCookies,
  firstOpenPage,
  sendHtml,
  surveyOf,
  urlsOf,
  ZResumeParams,
  ZTokenParams,
  type TSurveyOptions,
} from './context.ts';
import { renderLanding } from './landing.ts';

const ZResumeForm = z.object({
  _csrf: z.string().max(200).optional(),
  code: z.string().max(200).default(''),
  /** Set by the choice page: the respondent chose the linked questionnaire. */
  confirm: z.literal('1').optional(),
  /** Set by the choice page: continue this browser's own questionnaire instead. */
  keep: z.literal('own').optional(),
});

/** How far a response got: asked questions answered, of those asked. */
function progressOf(ctx: TSurveyContext, answers: TAnswers): TProgress {
  const asked = visiblePages(ctx, answers).flatMap((block) =>
    pageItems(ctx, block).filter((item) => isAsked(ctx, item, answers)),
  );
  return { answered: asked.filter((item) => answers[item.id] !== undefined).length, asked: asked.length };
}

const resume: FastifyPluginAsyncZod<TSurveyOptions> = async (app, { limiter }) => {
  const cookies = deviceCookies(app);

  async function resumeWith(request: FastifyRequest, reply: FastifyReply, input: string, how: 'link' | 'typed' | 'chosen') {
    const ctx = surveyOf(request);
    const verdict = await limiter.check(request.ip);
    if (verdict.blocked) {
      // The retry page keeps the typed code (plugins/error-handler.ts).
      throw new TooManyRequestsError('Te veel onjuiste codes geprobeerd. Probeer het later opnieuw.', verdict.retryAfterSeconds);
    }
    const code = normaliseResumeCode(input);
    const response = code ? await findPartial(app.db, ctx, code) : undefined;
    if (!response || !code) {
      await limiter.fail(request.ip);
      return renderLanding(request, reply, 404, { resumeError: true, resumeInput: input.slice(0, 40) });
    }
    const ownCode = cookies.deviceCode(request, ctx);
    // This browser holds this very code: it is the respondent's own questionnaire.
    if (ownCode === code) return reply.redirect(firstOpenPage(ctx, urlsOf(request), response.answers).value, 303);
    const own = ownCode ? await findPartial(app.db, ctx, ownCode) : undefined;
    if (how === 'link' || (how === 'typed' && own)) {
      return sendHtml(
        reply,
        200,
        resumeChoicePage({
          chrome: chromeOf(request, request.lang === 'en' ? 'Continue the questionnaire' : 'Verder met de vragenlijst'),
          action: urlsOf(request).resumeForm(),
          csrf: reply.generateCsrf(),
          code,
          linked: progressOf(ctx, response.answers),
          own: own ? progressOf(ctx, own.answers) : undefined,
        }),
      );
    }
    const fresh = await reissueResumeCode(app.db, ctx, code);
    if (!fresh) return renderLanding(request, reply, 404, { resumeError: true, resumeInput: input.slice(0, 40) });
    cookies.rememberCode(reply, ctx, fresh);
    return reply.redirect(firstOpenPage(ctx, urlsOf(request), response.answers).value, 303);
  }

  app.get('/hervat/:code', { schema: { params: ZResumeParams } }, async (request, reply) =>
    resumeWith(request, reply, request.params.code, 'link'),
  );

  app.post('/hervat', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const form = ZResumeForm.safeParse(request.body);
    if (!form.success || !request.csrfValid()) return reply.redirect(urlsOf(request).landing().value, 303);
    const ctx = surveyOf(request);
    if (form.data.keep === 'own') {
      const own = cookies.deviceCode(request, ctx);
      const response = own ? await findPartial(app.db, ctx, own) : undefined;
      return reply.redirect(
        response ? firstOpenPage(ctx, urlsOf(request), response.answers).value : urlsOf(request).landing().value,
        303,
      );
    }
    // A code typed on the landing page is a deliberate act: continue at once, unless this
    // browser has its own questionnaire in progress (then it is asked which one).
    return resumeWith(request, reply, form.data.code, form.data.confirm === '1' ? 'chosen' : 'typed');
  });
};

export default resume;
