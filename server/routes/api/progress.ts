/**
 * GET /api/waves/:id/progress: the response monitor's figures as JSON, for the page's
 * refresh and for scripts. Counts per team only, never answers; needs `results`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { waveProgress, ZWaveProgress } from '../../services/progress.ts';

const ZParams = z.object({ id: z.coerce.number({ error: 'expected a wave id' }).int().positive().max(2_147_483_647) });

const progress: FastifyPluginAsyncZod = async (app) => {
  app.get('/waves/:id/progress', { schema: { params: ZParams, response: { 200: ZWaveProgress } } }, async (request, reply) => {
    await requireWaveAccess(request, request.params.id, 'results');
    return reply.header('cache-control', 'no-store').send(await waveProgress(app.db, request.params.id));
  });
};

export default progress;
