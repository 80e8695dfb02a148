/**
 * Open answers of a wave, under /werkruimte/metingen/:id/open-antwoorden: reading (one
 * question at a time, shuffled, filtered only on teams at or above the threshold) and
 * redacting a passage. Themes, coding, agreement and results live in
 * open-answers-coding.ts. Every route asks `requireWaveAccess(…, 'open-answers')`:
 * managers get 403, non-members 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { findAnswer, openAnswerRows, publicAnswer, redactPassage } from '../../services/open-answers.ts';
import { openAnswerMessages } from '../../views/workspace/messages-open-answers.ts';
import { answerPage, base, readPage } from '../../views/workspace/open-answers-read.ts';
import coding from './open-answers-coding.ts';
import {
  actorOf,
  field,
  openAnswerAccess,
  sendPage,
  seeOther,
  ZAnswerParams,
  ZFormBody,
  ZFormResponses,
  ZHtml,
  ZWaveParams,
} from './open-answers-shared.ts';

const PAGE_SIZE = 50;

const ZReadQuery = z.object({
  vraag: z.string().max(100).optional(),
  team: z.union([z.literal(''), z.coerce.number().int().positive().max(2_147_483_647)]).optional(),
  pagina: z.coerce.number().int().positive().max(100_000).default(1),
  ok: z.enum(['verwijderd']).optional(),
  n: z.coerce.number().int().positive().max(10_000).optional(),
});

const openAnswers: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/metingen/:id/open-antwoorden',
    { schema: { params: ZWaveParams, querystring: ZReadQuery, response: { 200: ZHtml, 400: ZHtml } } },
    async (request, reply) => {
      const { wave, ctx } = await openAnswerAccess(request, reply, request.params.id);
      const q = request.query;
      const itemId = q.vraag ?? wave.items[0]?.id;
      const teamId = q.team === '' ? undefined : q.team;
      let error: string | undefined;
      let rows: Awaited<ReturnType<typeof openAnswerRows>> = [];
      if (itemId !== undefined) {
        try {
          rows = await openAnswerRows(app.db, wave, { itemId, teamId, includePartial: true });
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          error = e.message;
        }
      }
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      const page = Math.min(q.pagina, pages);
      const offset = (page - 1) * PAGE_SIZE;
      const m = openAnswerMessages(ctx.lang);
      return sendPage(
        reply,
        error ? 400 : 200,
        readPage(ctx, {
          items: wave.items,
          itemId,
          teams: wave.teams,
          teamId: error ? undefined : teamId,
          threshold: wave.threshold,
          answers: rows.slice(offset, offset + PAGE_SIZE).map(publicAnswer),
          offset,
          total: rows.length,
          page,
          pages,
          flash: q.ok === 'verwijderd' ? m.redacted(q.n ?? 1) : undefined,
          error,
        }),
      );
    },
  );

  app.get(
    '/metingen/:id/open-antwoorden/antwoord/:ref',
    {
      schema: {
        params: ZAnswerParams,
        querystring: z.object({
          ok: z.enum(['verwijderd']).optional(),
          n: z.coerce.number().int().positive().max(10_000).optional(),
        }),
        response: { 200: ZHtml },
      },
    },
    async (request, reply) => {
      const { wave, ctx } = await openAnswerAccess(request, reply, request.params.id);
      const answer = await findAnswer(app.db, wave, request.params.ref, { includePartial: true });
      const m = openAnswerMessages(ctx.lang);
      return sendPage(
        reply,
        200,
        answerPage(ctx, {
          answer: publicAnswer(answer),
          item: wave.items.find((i) => i.id === answer.itemId),
          flash: request.query.ok === 'verwijderd' ? m.redacted(request.query.n ?? 1) : undefined,
        }),
      );
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/antwoord/:ref/verwijderen',
    { schema: { params: ZAnswerParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const { principal, wave, ctx } = await openAnswerAccess(request, reply, request.params.id);
      const answer = await findAnswer(app.db, wave, request.params.ref, { includePartial: true });
      const passage = field(request.body, 'passage') ?? '';
      const again = (status: number, error: string) =>
        sendPage(
          reply,
          status,
          answerPage(ctx, { answer: publicAnswer(answer), item: wave.items.find((i) => i.id === answer.itemId), passage, error }),
        );
      if (!request.csrfValid()) return again(403, openAnswerMessages(ctx.lang).csrfExpired);
      try {
        const result = await redactPassage(app.db, wave, answer.ref, passage, actorOf(principal));
        return seeOther(reply, `${base(wave.waveId)}/antwoord/${answer.ref}?ok=verwijderd&n=${result.occurrences}`);
      } catch (e) {
        if (e instanceof ValidationError) return again(400, e.message);
        throw e;
      }
    },
  );

  await app.register(coding);
};

export default openAnswers;
