/**
 * Charts and reports over HTTP, with the workspace's access rules (results: every role
 * that is a member of the wave's programme): the ZIP of all charts, the PDF of the wave
 * and of a team, and every chart as PNG or SVG. A team below the threshold has no chart
 * images (404 with the notice) and a PDF that says so.
 *
 * Nothing is rendered on this event loop, which also serves respondents: the answers are
 * read here, the analysis, every image, the PDFs and the ZIP's folders are made in the
 * worker pool (server/workers/); the ZIP is streamed folder by folder (reports/zip.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { findChart, SUPPRESSED_TEAM_ID } from '../../charts/index.ts';
import { slug, t } from '../../charts/text.ts';
import type { TChart } from '../../charts/types.ts';
import { NotFoundError } from '../../errors.ts';
import { teamOf } from '../../reports/load.ts';
import { pdfTaskInput } from '../../reports/pdf-task.ts';
import { chartsZipStream } from '../../reports/zip.ts';
import { patiently, waveReport } from '../report-input.ts';

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

/** Bytes back from a worker as a Buffer, without a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function attachment(filename: string, inline = false): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${filename}"`;
}

const reports: FastifyPluginAsyncZod = async (app) => {
  const image = async (chart: TChart, format: 'png' | 'svg') => {
    const bytes = await app.runInWorker('chartFile', { chart, format });
    return { type: format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8', body: asBuffer(bytes) };
  };

  app.get(
    '/waves/:id/charts.zip',
    { schema: { params: ZWaveParams, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await waveReport(app, request.params.id, request.query.lang);
      // The first folder may be refused (503) before any byte is sent; later ones wait for room.
      let started = false;
      const zip = await chartsZipStream(input, {
        ahead: app.workerPool.stats().threads,
        render: (folder) => {
          const run = () => app.runInWorker('zipFolder', folder);
          if (started) return patiently(run);
          started = true;
          return run();
        },
      });
      return reply
        .type('application/zip')
        .header('content-disposition', attachment(`meting-${request.params.id}-grafieken.zip`))
        .header('cache-control', 'no-store')
        .send(zip);
    },
  );

  app.get(
    '/waves/:id/report.pdf',
    { schema: { params: ZWaveParams, querystring: ZLangQuery, response: { 200: ZFile } } },
    async (request, reply) => {
      await requireWaveAccess(request, request.params.id, 'results');
      const input = await waveReport(app, request.params.id, request.query.lang);
      const pdf = asBuffer(await app.runInWorker('wavePdf', pdfTaskInput(input)));
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
      const input = await waveReport(app, request.params.id, request.query.lang);
      const team = teamOf(input, request.params.teamId);
      const pdf = asBuffer(await app.runInWorker('teamPdf', { ...pdfTaskInput(input), team: team.name }));
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
      const input = await waveReport(app, request.params.id, request.query.lang);
      const chart = findChart(input, undefined, request.params.chart);
      if (!chart) throw new NotFoundError('onbekende grafiek');
      if (chart.status !== 'shown') throw new NotFoundError(t('suppressed', input.lang));
      const file = await image(chart, request.params.format);
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
      const input = await waveReport(app, request.params.id, request.query.lang);
      const team = teamOf(input, request.params.teamId);
      const chart = findChart(input, team.name, request.params.chart);
      // A suppressed team has only its notice: every image URL of it is the same 404.
      if (!chart || chart.id === SUPPRESSED_TEAM_ID || chart.status !== 'shown') {
        throw new NotFoundError(chart ? t('suppressed', input.lang) : 'onbekende grafiek');
      }
      const file = await image(chart, request.params.format);
      return reply
        .type(file.type)
        .header('content-disposition', attachment(`${slug(team.name)}-${chart.id}.${request.params.format}`, true))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
};

export default reports;
