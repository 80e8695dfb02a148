/**
 * Open answers for scripts (R, Python): the answers of a wave in its shuffled order, with
 * opaque references (no response id, no team), for researchers and admins only; and the
 * theme counts of the final codes, an aggregate with the anonymity rule applied, for every
 * role that may see results.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { openAnswerRows, openWave, publicAnswer } from '../../services/open-answers.ts';
import { themeResults } from '../../services/theme-results.ts';

const ZWaveParams = z.object({ id: z.coerce.number({ error: 'expected a wave id' }).int().positive().max(2_147_483_647) });

const ZOpenAnswers = z.object({
  waveId: z.number(),
  items: z.array(z.object({ id: z.string(), text: z.object({ nl: z.string(), en: z.string().optional() }) })),
  answers: z.array(z.object({ ref: z.string(), itemId: z.string(), text: z.string(), partial: z.boolean() })),
});

const ZFigure = z.object({ code: z.string(), label: z.string(), count: z.number(), percent: z.number() });
const ZCell = z.union([
  z.object({ suppressed: z.literal(true) }).strict(),
  z.object({ suppressed: z.literal(false), n: z.number(), themes: z.array(ZFigure) }),
]);
const ZThemeCounts = z.object({
  waveId: z.number(),
  threshold: z.number(),
  teams: z.array(z.object({ name: z.string(), cell: ZCell })),
  overall: z.union([
    z.object({ suppressed: z.literal(true), excludedTeams: z.array(z.string()) }),
    z.object({ suppressed: z.literal(false), n: z.number(), themes: z.array(ZFigure), excludedTeams: z.array(z.string()) }),
  ]),
});

const openAnswersApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/waves/:id/open-answers',
    { schema: { params: ZWaveParams, response: { 200: ZOpenAnswers } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'open-answers');
      const wave = await openWave(app.db, request.params.id);
      // Partial responses too, marked: a script that checks texts sees what an export can hold.
      const answers = (await openAnswerRows(app.db, wave, { includePartial: true })).map(publicAnswer);
      return reply.header('cache-control', 'no-store').send({ waveId: wave.waveId, items: wave.items, answers });
    },
  );

  app.get(
    '/waves/:id/theme-counts',
    { schema: { params: ZWaveParams, response: { 200: ZThemeCounts } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const { waveId, counts } = await themeResults(app.db, request.params.id);
      return reply.header('cache-control', 'no-store').send({ waveId, ...counts });
    },
  );
};

export default openAnswersApi;
