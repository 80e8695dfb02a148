/**
 * Results pages: /werkruimte/metingen/:id/resultaten (the wave) and
 * /werkruimte/metingen/:id/teams/:teamId (one team), for every role that is a member of
 * the programme (managers included: these pages hold no open answers and no raw data).
 * Also serves chart.js and the Inter font from our own origin for the charts on them.
 * The analysis behind them runs in the worker pool and is kept per wave (report-input.ts);
 * their download buttons point at routes/api/reports.ts, which renders there too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { fontFile } from '../../charts/render.ts';
import { teamOf } from '../../reports/load.ts';
import { teamResultsBody, waveResultsBody } from '../../reports/html.ts';
import { waveReport } from '../report-input.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang } from '../../views/workspace/messages.ts';

const require = createRequire(import.meta.url);
const ZId = z.coerce.number({ error: 'verwacht een nummer' }).int().positive().max(2_147_483_647);
const SCRIPTS = ['/werkruimte/grafieken/chart.umd.min.js', '/static/chart-plugins.js', '/static/charts.js'];

const assets: Record<string, { type: string; file: () => string }> = {
  'chart.umd.min.js': {
    type: 'text/javascript; charset=utf-8',
    file: () => path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  },
  'inter-400.woff2': { type: 'font/woff2', file: () => fontFile(400, 'woff2') },
  'inter-700.woff2': { type: 'font/woff2', file: () => fontFile(700, 'woff2') },
};
const assetCache = new Map<string, Buffer>();

const results: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/grafieken/:asset',
    { schema: { params: z.object({ asset: z.enum(Object.keys(assets) as [string, ...string[]]) }) } },
    async (request, reply) => {
      const asset = assets[request.params.asset]!;
      let body = assetCache.get(request.params.asset);
      if (!body) assetCache.set(request.params.asset, (body = readFileSync(asset.file())));
      return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(body);
    },
  );

  app.get('/metingen/:id/resultaten', { schema: { params: z.object({ id: ZId }) } }, async (request, reply) => {
    const { principal } = await requireWaveAccess(request, request.params.id, 'results');
    const lang = requestLang(request);
    const input = await waveReport(app, request.params.id, lang);
    const title = `${lang === 'en' ? 'Results' : 'Resultaten'}: ${input.wave.label}`;
    return sendPage(
      reply,
      200,
      workspacePage({
        lang,
        title,
        principal,
        path: request.url,
        csrf: reply.generateCsrf(),
        wide: true,
        scripts: SCRIPTS,
        crumbs: [
          { label: 'Werkruimte', href: '/werkruimte' },
          { label: input.wave.label, href: `/werkruimte/metingen/${request.params.id}` },
          { label: lang === 'en' ? 'Results' : 'Resultaten' },
        ],
        body: waveResultsBody(input),
      }),
    );
  });

  app.get('/metingen/:id/teams/:teamId', { schema: { params: z.object({ id: ZId, teamId: ZId }) } }, async (request, reply) => {
    const { principal } = await requireWaveAccess(request, request.params.id, 'results');
    const lang = requestLang(request);
    const input = await waveReport(app, request.params.id, lang);
    const team = teamOf(input, request.params.teamId);
    return sendPage(
      reply,
      200,
      workspacePage({
        lang,
        title: `${team.name} — ${input.wave.label}`,
        principal,
        path: request.url,
        csrf: reply.generateCsrf(),
        wide: true,
        scripts: SCRIPTS,
        crumbs: [
          { label: 'Werkruimte', href: '/werkruimte' },
          { label: input.wave.label, href: `/werkruimte/metingen/${request.params.id}` },
          { label: lang === 'en' ? 'Results' : 'Resultaten', href: `/werkruimte/metingen/${request.params.id}/resultaten` },
          { label: team.name },
        ],
        body: teamResultsBody(input, team),
      }),
    );
  });
};

export default results;
