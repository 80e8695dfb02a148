/**
 * Change over the years as JSON: two waves of a programme compared overall and per team,
 * and the trend over several waves. Every route needs `results` on the programme (every
 * staff role); a wave of another programme is, for this route, a wave that does not
 * exist (404).
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError, ZChange, ZTrend } from '../../../analysis/index.ts';
import { requireProgrammeAccess } from '../../auth/access.ts';
import { ConflictError } from '../../errors.ts';
import { compareStoredWavesJson, storedTrendJson } from '../../services/comparison.ts';

const ZId = z.coerce.number({ error: 'verwacht een nummer' }).int().positive().max(2_147_483_647);
const ZProgrammeParams = z.object({ id: ZId });

const ZWaveList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'verwacht metingnummers gescheiden door komma’s, bv. 1,2,3')
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .array(z.number().int().positive().max(2_147_483_647))
      .min(2, 'kies minstens twee metingen')
      .max(20, 'kies hoogstens 20 metingen'),
  );

/** Stored answers that do not fit their version: name the problem, not a bare 500. */
function analysisConflict(error: unknown): never {
  if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
  throw error;
}

/**
 * The answer is JSON made and checked against the declared schema in a worker thread
 * (services/comparison.ts): sent as it is, Fastify does not serialise it again on the
 * event loop.
 */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);
}

const comparison: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programmes/:id/trend',
    { schema: { params: ZProgrammeParams, querystring: z.object({ waves: ZWaveList }), response: { 200: ZTrend } } },
    async (request, reply) => {
      await requireProgrammeAccess(request, request.params.id, 'results');
      const json = await storedTrendJson(app.db, request.params.id, request.query.waves, app).catch(analysisConflict);
      return sendJson(reply, json);
    },
  );

  app.get(
    '/programmes/:id/comparison',
    {
      schema: {
        params: ZProgrammeParams,
        querystring: z.object({ baseline: ZId, wave: ZId }),
        response: { 200: ZChange },
      },
    },
    async (request, reply) => {
      await requireProgrammeAccess(request, request.params.id, 'results');
      const { baseline, wave } = request.query;
      const json = await compareStoredWavesJson(app.db, request.params.id, baseline, wave, app).catch(analysisConflict);
      return sendJson(reply, json);
    },
  );
};

export default comparison;
