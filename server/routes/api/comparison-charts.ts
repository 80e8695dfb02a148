/**
 * The change and trend charts of the compare page as PNG and SVG, one URL per chart, for
 * the waves a person picked there (the wave-scoped chart URLs in reports.ts cover only a
 * wave against its own baseline wave). Access as for the comparison itself: `results` on
 * the programme (managers included); a non-member or a wave of another programme is 404.
 * A group below the threshold in either wave has no image: 404 with the notice.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisInputError } from '../../../analysis/index.ts';
import { requireProgrammeAccess } from '../../auth/access.ts';
import { changeChart, changeChartId } from '../../charts/kinds/change.ts';
import { trendChart, trendChartId } from '../../charts/kinds/trend.ts';
import type { TChartResult } from '../../charts/types.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { compareStoredWaves, publishedDefinitions, storedTrend } from '../../services/comparison.ts';

const ZId = z.coerce.number({ error: 'verwacht een nummer' }).int().positive().max(2_147_483_647);
const ZParams = z.object({
  id: ZId,
  chart: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'onbekende grafiek')
    .max(80),
  format: z.enum(['png', 'svg']),
});
const ZLang = z.enum(['nl', 'en']).default('nl');
const ZWaveList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'verwacht metingnummers gescheiden door komma’s, bv. 1,2,3')
  .transform((s) => s.split(',').map(Number))
  .pipe(z.array(z.number().int().positive().max(2_147_483_647)).min(2).max(20));
const ZFile = z.any().describe('The image itself (image/png or image/svg+xml)');

function analysisConflict(error: unknown): never {
  if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
  throw error;
}

/** The image rendered in the worker pool (as the wave's chart images), or 404 with the notice. */
async function send(app: FastifyInstance, reply: FastifyReply, chart: TChartResult | undefined, format: 'png' | 'svg') {
  if (!chart) throw new NotFoundError('onbekende grafiek');
  if (chart.status !== 'shown') throw new NotFoundError(chart.notice);
  const bytes = await app.runInWorker('chartFile', { chart, format });
  return reply
    .type(format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8')
    .header('content-disposition', `inline; filename="${chart.id}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const comparisonCharts: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programmes/:id/comparison/charts/:chart.:format',
    {
      schema: {
        params: ZParams,
        querystring: z.object({ baseline: ZId, wave: ZId, lang: ZLang }),
        response: { 200: ZFile },
      },
    },
    async (request, reply) => {
      await requireProgrammeAccess(request, request.params.id, 'results');
      const { baseline, wave, lang } = request.query;
      const change = await compareStoredWaves(app.db, request.params.id, baseline, wave).catch(analysisConflict);
      const definition = (await publishedDefinitions(app.db)).find((d) => `${d.id}@${d.version}` === change.current.definition)!;
      const groups = [undefined, ...change.teams.map((t) => t.team)];
      const team = groups.find((g) => changeChartId(g) === request.params.chart);
      const chart = groups.some((g) => changeChartId(g) === request.params.chart)
        ? changeChart(change, definition, lang, team)
        : undefined;
      return send(app, reply, chart, request.params.format);
    },
  );

  app.get(
    '/programmes/:id/trend/charts/:chart.:format',
    {
      schema: { params: ZParams, querystring: z.object({ waves: ZWaveList, lang: ZLang }), response: { 200: ZFile } },
    },
    async (request, reply) => {
      await requireProgrammeAccess(request, request.params.id, 'results');
      const trend = await storedTrend(app.db, request.params.id, request.query.waves).catch(analysisConflict);
      const construct = trend.constructs.find((c) => trendChartId(c.id) === request.params.chart);
      const chart = construct ? trendChart(trend, construct.id, request.query.lang) : undefined;
      return send(app, reply, chart, request.params.format);
    },
  );
};

export default comparisonCharts;
