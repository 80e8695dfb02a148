/**
 * Change over the years as JSON: two waves of a programme compared overall and per team,
 * and the trend over several waves. Every route needs `results` on the programme (every
 * staff role); a wave of another programme is, for this route, a wave that does not
 * exist (404).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError, ZChange, ZTrend } from '../../../analysis/index.ts';
import { requireProgrammeAccess } from '../../auth/access.ts';
import { ConflictError } from '../../errors.ts';
import { compareStoredWaves, storedTrend } from '../../services/comparison.ts';

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

const comparison: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programmes/:id/trend',
    { schema: { params: ZProgrammeParams, querystring: z.object({ waves: ZWaveList }), response: { 200: ZTrend } } },
    async (request, reply) => {
      await requireProgrammeAccess(request, request.params.id, 'results');
      const result = await storedTrend(app.db, request.params.id, request.query.waves).catch(analysisConflict);
      return reply.header('cache-control', 'no-store').send(result);
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
      const result = await compareStoredWaves(app.db, request.params.id, baseline, wave).catch(analysisConflict);
      return reply.header('cache-control', 'no-store').send(result);
    },
  );
};

export default comparison;
