/**
 * Charts and reports over HTTP, with the workspace's access rules (results: every role
 * that is a member of the wave's programme): the ZIP of all charts, the PDF of the wave
 * and of a team, and every chart as PNG or SVG. A team below the threshold has no chart
 * images (404 with the notice) and a PDF that says so.
 *
 * Rendering runs in this process: a worker pool (server/workers/, being built) is the
 * place for it; every function called here takes plain data, so it can move there.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { findChart, SUPPRESSED_TEAM_ID } from '../../charts/index.ts';
import { renderPng, renderSvg } from '../../charts/render.ts';
import { slug, t } from '../../charts/text.ts';
import type { TChart } from '../../charts/types.ts';
import { NotFoundError } from '../../errors.ts';
import { loadWaveReport, teamOf } from '../../reports/load.ts';
import { teamPdf, wavePdf } from '../../reports/pdf.ts';
import { chartsZipStream } from '../../reports/zip.ts';

const ZId = z.coerce.number({ error: 'verwacht een nummer' }).int().positive().max(2_147_483_647);
const ZWaveParams = z.object({ id: ZId });
const ZTeamParams = z.object({ id: ZId, teamId: ZId });
const ZChart = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'onbekende grafiek')
  .max(80);
const ZFormat = z.enum(['png', 'svg']);
const ZLangQuery = z.object({ lang: z.enum(['nl', 'en']).default('nl') });
const ZFile = z.any().describe('The file itself (application/zip, application/pdf, image/png or image/svg+xml)');

function attachment(filename: string, inline = false): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${filename}"`;
}

function image(chart: TChart, format: 'png' | 'svg'): { type: string; body: Buffer | string } {
  return format === 'png'
    ? { type: 'image/png', body: renderPng(chart) }
    : { type: 'image/svg+xml; charset=utf-8', body: renderSvg(chart) };
}

const reports: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/waves/:id/charts.zip',
    { schema: { params: ZWaveParams, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await loadWaveReport(app.db, request.params.id, request.query.lang);
      return reply
        .type('application/zip')
        .header('content-disposition', attachment(`meting-${request.params.id}-grafieken.zip`))
        .header('cache-control', 'no-store')
        .send(chartsZipStream(input));
    },
  );

  app.get(
    '/waves/:id/report.pdf',
    { schema: { params: ZWaveParams, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await loadWaveReport(app.db, request.params.id, request.query.lang);
      const pdf = await wavePdf(input);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`meting-${request.params.id}-rapport.pdf`))
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/waves/:id/teams/:teamId/report.pdf',
    { schema: { params: ZTeamParams, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await loadWaveReport(app.db, request.params.id, request.query.lang);
      const team = teamOf(input, request.params.teamId);
      const pdf = await teamPdf(input, team.name);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`meting-${request.params.id}-${slug(team.name)}.pdf`))
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  const ZWaveChart = ZWaveParams.extend({ chart: ZChart, format: ZFormat });
  app.get(
    '/waves/:id/charts/:chart.:format',
    { schema: { params: ZWaveChart, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await loadWaveReport(app.db, request.params.id, request.query.lang);
      const chart = findChart(input, undefined, request.params.chart);
      if (!chart) throw new NotFoundError('onbekende grafiek');
      if (chart.status !== 'shown') throw new NotFoundError(t('suppressed', input.lang));
      const file = image(chart, request.params.format);
      return reply
        .type(file.type)
        .header('content-disposition', attachment(`${chart.id}.${request.params.format}`, true))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  const ZTeamChart = ZTeamParams.extend({ chart: ZChart, format: ZFormat });
  app.get(
    '/waves/:id/teams/:teamId/charts/:chart.:format',
    { schema: { params: ZTeamChart, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await loadWaveReport(app.db, request.params.id, request.query.lang);
      const team = teamOf(input, request.params.teamId);
      const chart = findChart(input, team.name, request.params.chart);
      // A suppressed team has only its notice: every image URL of it is the same 404.
      if (!chart || chart.id === SUPPRESSED_TEAM_ID || chart.status !== 'shown') {
        throw new NotFoundError(chart ? t('suppressed', input.lang) : 'onbekende grafiek');
      }
      const file = image(chart, request.params.format);
      return reply
        .type(file.type)
        .header('content-disposition', attachment(`${slug(team.name)}-${chart.id}.${request.params.format}`, true))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
};

export default reports;
