/**
 * The researchers' routes: a wave's anonymous data set, its codebook, and its analysis.
 * Per-respondent data needs `raw-data` (researchers, admins); the codebook and the
 * analysis need `results` (managers too). Non-members get 404 (auth/access.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError, ZReport } from '../../../analysis/index.ts';
import { requireWaveAccess } from '../../auth/access.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { exportCodebook, exportResponses, waveForAnalysis, type TCodebookFormat } from '../../services/interchange.ts';

const ZWaveId = z.coerce.number({ error: 'expected a wave id' }).int().positive().max(2_147_483_647);
const ZWaveParams = z.object({ id: ZWaveId });

const ZExportQuery = z.object({
  /** `?include=partial` adds the partial responses; complete only by default, as the reports. */
  include: z.literal('partial').optional(),
});

const ZAnalysisQuery = z.object({
  baseline: ZWaveId.optional(),
  includePartial: z.stringbool().default(false),
});

const ZFile = z.string().describe('The file itself (text/csv or text/markdown, UTF-8)');

/** `attachment; filename="…"`: the names are ours (wave-3-responses.csv), plain ASCII. */
function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

const research: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/waves/:id/export.csv',
    { schema: { params: ZWaveParams, querystring: ZExportQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'raw-data');
      const file = await exportResponses(app.db, request.params.id, { includePartial: request.query.include === 'partial' });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(file.filename))
        .header('cache-control', 'no-store')
        .send(file.csv);
    },
  );

  for (const format of ['csv', 'md'] as const satisfies readonly TCodebookFormat[]) {
    app.get(
      `/waves/:id/codebook.${format}`,
      { schema: { params: ZWaveParams, response: { 200: ZFile } } },
      async (request, reply) => {
        await requireWaveAccess(request, request.params.id, 'results');
        const file = await exportCodebook(app.db, request.params.id, format);
        return reply.type(file.contentType).header('content-disposition', attachment(file.filename)).send(file.body);
      },
    );
  }

  app.get(
    '/waves/:id/analysis',
    { schema: { params: ZWaveParams, querystring: ZAnalysisQuery, response: { 200: ZReport } } },
    async (request, reply) => {
      const { id } = request.params;
      const { baseline: baselineId, includePartial } = request.query;
      const { programmeId } = await requireWaveAccess(request, id, 'results');
      if (baselineId !== undefined) {
        // A baseline from another programme is, for this user, a wave that does not exist.
        const other = await requireWaveAccess(request, baselineId, 'results');
        if (other.programmeId !== programmeId) throw new NotFoundError('niet gevonden');
      }
      if (baselineId === id) throw new ValidationError('a wave cannot be its own baseline; choose an earlier wave');
      // Off the event loop (server/workers), and kept per wave until its data changes.
      // Partial saves do not raise a wave's data version, so with partials: no cache.
      // Gated: loading a wave's rows holds a database connection too (workers/README.md).
      const compute = () => app.workerPool.gate(async () => {
        const current = await waveForAnalysis(app.db, id);
        const baseline = baselineId === undefined ? undefined : await waveForAnalysis(app.db, baselineId);
        return app.runInWorker('analyse', {
          definition: current.definition,
          responses: current.responses,
          options: {
            // The baseline's figures are shown too: the stricter of the two thresholds
            // protects the small teams of both waves.
            threshold: Math.max(current.threshold, baseline?.threshold ?? 0),
            includePartial,
            ...(baseline && { baseline: { definition: baseline.definition, responses: baseline.responses } }),
          },
        });
      });
      try {
        const waves = baselineId === undefined ? [id] : [id, baselineId];
        const report = includePartial ? await compute() : await app.waveResults.get(app.db, `analysis:${id}:${baselineId ?? ''}`, waves, compute);
        return reply.header('cache-control', 'no-store').send(report);
      } catch (error) {
        // Stored answers that do not fit their version: the request is fine, the data is
        // not. Worth naming (items and values, never a respondent) rather than a bare 500.
        if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
        throw error;
      }
    },
  );
};

export default research;
