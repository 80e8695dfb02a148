/** Continuing with a resume code: by link (`/hervat/<code>`) or typed into the landing page's form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findPartial, normaliseResumeCode } from '../../services/responses.ts';
import { deviceCookies, firstOpenPage, surveyOf, urlsOf, ZResumeParams, ZTokenParams, type TSurveyOptions } from './context.ts';
import { renderLanding } from './landing.ts';

const ZResumeForm = z.object({ _csrf: z.string().max(200).optional(), code: z.string().max(200).default('') });

const resume: FastifyPluginAsyncZod<TSurveyOptions> = async (app, { limiter }) => {
  const cookies = deviceCookies(app);

  async function resumeWith(request: FastifyRequest, reply: FastifyReply, input: string) {
    const ctx = surveyOf(request);
    const code = normaliseResumeCode(input);
    const response = code ? await findPartial(app.db, ctx, code) : undefined;
    if (!response || !code) {
      limiter.fail(request.ip);
      return renderLanding(request, reply, 404, { resumeError: true, resumeInput: input.slice(0, 40) });
    }
    cookies.rememberCode(reply, ctx, code);
    return reply.redirect(firstOpenPage(ctx, urlsOf(request), response.answers).value, 303);
  }

  app.get('/hervat/:code', { schema: { params: ZResumeParams } }, async (request, reply) =>
    resumeWith(request, reply, request.params.code),
  );

  app.post('/hervat', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const form = ZResumeForm.safeParse(request.body);
    if (!form.success || !request.csrfValid()) return reply.redirect(urlsOf(request).landing().value, 303);
    return resumeWith(request, reply, form.data.code);
  });
};

export default resume;
