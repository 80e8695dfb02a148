/**
 * The researchers' routes: a wave's anonymous data set (CSV, Excel CSV, XLSX, SPSS .sav, the
 * analysis bundle), its codebook, and its analysis.
 * Per-respondent data needs `raw-data` (researchers, admins); the codebook and the
 * analysis need `results` (managers too). Non-members get 404 (auth/access.ts).
 */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError, ZReport } from '../../../analysis/index.ts';
import { requireWaveAccess, type TPrincipal } from '../../auth/access.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { exportCodebook, exportWave, type TCodebookFormat, type TExportFormat } from '../../services/export.ts';
import { analyseStoredWaveJson } from '../../services/wave-analysis.ts';

const ZWaveId = z.coerce.number({ error: 'expected a wave id' }).int().positive().max(2_147_483_647);
const ZWaveParams = z.object({ id: ZWaveId });

const ZExportQuery = z.object({
  /** `?include=partial` adds the partial responses; complete only by default, as the reports. */
  include: z.literal('partial').optional(),
});
const ZCsvQuery = ZExportQuery.extend({
  /** `?variant=excel`: semicolons, byte-order mark, formulas made inert (for Excel). */
  variant: z.enum(['research', 'excel']).default('research'),
});

const ZAnalysisQuery = z.object({
  baseline: ZWaveId.optional(),
  includePartial: z.stringbool().default(false),
  /** Per-team tau-b: none (default), the significant pairs, or every pair. */
  tauTeams: z.enum(['none', 'significant', 'all']).default('none'),
  /** Items for tau-b, comma-separated (default every scored item). */
  tauItems: z
    .string()
    .regex(/^[a-z0-9_.]+(,[a-z0-9_.]+)+$/, "verwacht minstens twee item-ids, gescheiden door komma's")
    .optional(),
});

const ZFile = z.string().describe('The file itself (text/csv or text/markdown, UTF-8)');
const ZBinary = z.unknown().describe('The file itself (binary)');

/** `attachment; filename="…"`: the names are ours (wave-3-responses.csv), plain ASCII. */
function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

/** Per-respondent data: researchers and admins of the wave's programme; audit-logged. */
async function sendExport(
  app: Parameters<FastifyPluginAsyncZod>[0],
  reply: FastifyReply,
  principal: TPrincipal,
  waveId: number,
  format: TExportFormat,
  includePartial: boolean,
) {
  // Streamed: rows from Postgres a batch at a time; .sav cases, XLSX rows and the bundle's
  // report made on the worker pool (services/export.ts).
  const file = await exportWave(app.db, waveId, format, {
    includePartial,
    actor: principal.email,
    userId: principal.userId,
    run: (name, input) => app.runInWorker(name, input),
  });
  return reply
    .type(file.contentType)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(Readable.from(file.body, { objectMode: false }));
}

const research: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/waves/:id/export.csv',
    { schema: { params: ZWaveParams, querystring: ZCsvQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      const { principal } = await requireWaveAccess(request, request.params.id, 'raw-data');
      const format = request.query.variant === 'excel' ? 'excel-csv' : 'csv';
      return sendExport(app, reply, principal, request.params.id, format, request.query.include === 'partial');
    },
  );

  for (const [path, format] of [
    ['export.xlsx', 'xlsx'],
    ['export.sav', 'sav'],
    ['bundle.zip', 'bundle'],
  ] as const) {
    app.get(
      `/waves/:id/${path}`,
      { schema: { params: ZWaveParams, querystring: ZExportQuery, response: { 200: ZBinary } } },
      async (request, reply) => {
        const { principal } = await requireWaveAccess(request, request.params.id, 'raw-data');
        return sendExport(app, reply, principal, request.params.id, format, request.query.include === 'partial');
      },
    );
  }

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
      const { baseline: baselineId, includePartial, tauTeams, tauItems } = request.query;
      const { programmeId } = await requireWaveAccess(request, id, 'results');
      if (baselineId === id) throw new ValidationError('Een meting kan niet haar eigen nulmeting zijn; kies een eerdere meting.');
      if (baselineId !== undefined) {
        // A baseline from another programme is, for this user, a wave that does not exist.
        const other = await requireWaveAccess(request, baselineId, 'results');
        if (other.programmeId !== programmeId) throw new NotFoundError('niet gevonden');
      }
      // Off the event loop (server/workers), and kept per wave until its data changes.
      // Partial saves do not raise a wave's data version, so with partials: no cache.
      // Gated: loading a wave's rows holds a database connection too (workers/README.md).
      const compute = () =>
        app.workerPool.gate(() =>
          analyseStoredWaveJson(
            app.db,
            id,
            { baselineId, includePartial, tauTeams, ...(tauItems && { tauItems: tauItems.split(',') }) },
            app,
          ),
        );
      try {
        const waves = baselineId === undefined ? [id] : [id, baselineId];
        const key = `analysis:${id}:${baselineId ?? ''}:${tauTeams}:${tauItems ?? ''}`;
        const json = includePartial ? await compute() : await app.waveResults.get(app.db, key, waves, compute);
        // JSON made and checked against ZReport in the worker: sent as it is.
        return (reply as FastifyReply).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);
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
