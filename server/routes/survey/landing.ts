/** The welcome page of a link, and starting afresh on a shared device. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findPartial } from '../../services/responses.ts';
import { tr } from '../../lib/i18n.ts';
import { landingPage, type LandingView } from '../../views/survey/landing.ts';
import { chromeOf, deviceCookies, firstOpenPage, firstPage, sendHtml, surveyOf, urlsOf, ZTokenParams } from './context.ts';

export type TLandingState = Pick<LandingView, 'continueUrl' | 'alreadySent' | 'resumeError' | 'resumeInput'>;

/** The landing page in a given state (also the answer to a wrong resume code). */
export function renderLanding(request: FastifyRequest, reply: FastifyReply, status: number, state: TLandingState) {
  const ctx = surveyOf(request);
  const urls = urlsOf(request);
  return sendHtml(
    reply,
    status,
    landingPage({
      chrome: chromeOf(request, tr(ctx.def.title, request.lang)),
      def: ctx.def,
      waveLabel: ctx.wave.label,
      threshold: ctx.wave.anonymityThreshold,
      teamName: ctx.teams.find((team) => team.id === ctx.linkTeamId)?.name ?? null,
      startUrl: firstPage(ctx, urls),
      resumeAction: urls.resumeForm(),
      csrf: reply.generateCsrf(),
      ...state,
    }),
  );
}

const landing: FastifyPluginAsyncZod = async (app) => {
  const cookies = deviceCookies(app);

  app.get('/', { schema: { params: ZTokenParams }, prefixTrailingSlash: 'no-slash' }, async (request, reply) => {
    const ctx = surveyOf(request);
    const urls = urlsOf(request);
    const code = cookies.deviceCode(request, ctx);
    const partial = code ? await findPartial(app.db, ctx, code) : undefined;
    const sent = !partial && cookies.sentHere(request, ctx);
    return renderLanding(request, reply, 200, {
      continueUrl: partial ? firstOpenPage(ctx, urls, partial.answers) : undefined,
      alreadySent: sent ? { newUrl: urls.fresh() } : undefined,
    });
  });

  app.get('/nieuw', { schema: { params: ZTokenParams } }, async (request, reply) => {
    const ctx = surveyOf(request);
    cookies.forget(reply, ctx);
    return reply.redirect(firstPage(ctx, urlsOf(request)).value, 303);
  });
};

export default landing;
