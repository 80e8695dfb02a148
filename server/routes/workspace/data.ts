/**
 * `/werkruimte/metingen/:id/gegevens` — a wave's data in and out, for researchers and
 * admins of its programme: download buttons for every export format (the API routes,
 * audit-logged there), and the import of a file: upload, a preview (rows, teams,
 * warnings, problems) before anything is written, then the import with progress.
 *
 * The file goes up as the request body (`text/csv` or `application/octet-stream`), sent
 * by web/static/data-upload.js with the CSRF token in a header; the import answers as
 * NDJSON, one line per batch written, so the page can show progress.
 */
import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { ForbiddenError } from '../../errors.ts';
import { formatProblem, formatWarning } from '../../formats/responses-csv.ts';
import { ImportRejectedError, importResponses, previewImport, type TImportChecker } from '../../services/import.ts';
import { waveInfo } from '../../services/wave-data.ts';
import { html } from '../../views/html.ts';
import { workspacePage } from '../../views/workspace/layout.ts';
import { requestLang } from '../../views/workspace/messages.ts';

const MAX_UPLOAD = 200 * 1024 * 1024;
const ZParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const ZUpload = z.custom<Buffer>((value) => Buffer.isBuffer(value) && value.length > 0, 'Kies eerst een CSV-bestand.');

const TEXT = {
  nl: {
    title: 'Gegevens',
    exportHeading: 'Gegevens downloaden',
    exportIntro: 'Eén rij per response, anoniem; elke download wordt vastgelegd in het auditlog.',
    partial: 'met gedeeltelijk ingevulde vragenlijsten',
    formats: [
      ['export.csv', 'CSV (onderzoek: R, Python, SPSS-syntax)'],
      ['export.csv?variant=excel', 'CSV voor Excel (puntkomma, formules onschadelijk)'],
      ['export.xlsx', 'Excel (.xlsx): codes, labels en codebook'],
      ['export.sav', 'SPSS (.sav): ook PSPP, R, Python, Stata'],
      ['bundle.zip', 'Analysebundel (.zip): data, codebook, rapport, README'],
    ],
    importHeading: 'Gegevens importeren',
    importIntro:
      'Een CSV in het exportformaat (codes of labels, komma of puntkomma, UTF-8 of Windows-1252). Eerst ziet u wat er ingelezen wordt; er wordt pas iets opgeslagen als u op Importeren klikt, en dan alles of niets.',
    file: 'CSV-bestand',
    check: 'Controleren',
    import: 'Importeren',
    noScript: 'Voor het importeren is JavaScript nodig; gebruik anders npm run import.',
  },
  en: {
    title: 'Data',
    exportHeading: 'Download data',
    exportIntro: 'One row per response, anonymous; every download is recorded in the audit log.',
    partial: 'including partial responses',
    formats: [
      ['export.csv', 'CSV (research: R, Python, SPSS syntax)'],
      ['export.csv?variant=excel', 'CSV for Excel (semicolons, formulas made inert)'],
      ['export.xlsx', 'Excel (.xlsx): codes, labels and codebook'],
      ['export.sav', 'SPSS (.sav): also PSPP, R, Python, Stata'],
      ['bundle.zip', 'Analysis bundle (.zip): data, codebook, report, README'],
    ],
    importHeading: 'Import data',
    importIntro:
      'A CSV in the export format (codes or labels, comma or semicolon, UTF-8 or Windows-1252). You first see what will be read; nothing is stored until you click Import, and then all or nothing.',
    file: 'CSV file',
    check: 'Check',
    import: 'Import',
    noScript: 'Importing needs JavaScript; otherwise use npm run import.',
  },
} as const;

const data: FastifyPluginAsyncZod = async (app) => {
  // Uploads come as the raw body; only in this plugin, and larger than a form may be.
  app.addContentTypeParser(
    ['text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
    (_request, body, done) => done(null, body),
  );

  app.get('/metingen/:id/gegevens', { schema: { params: ZParams } }, async (request, reply) => {
    const { id } = request.params;
    const lang = requestLang(request);
    const { principal } = await requireWaveAccess(request, id, 'raw-data');
    const wave = await waveInfo(app.db, id);
    const t = TEXT[lang];
    const csrf = reply.generateCsrf();
    const api = `/api/waves/${id}`;
    const body = html`<h1>${t.title}: ${wave.label}</h1>
<p class="muted">${wave.definition.id}@${wave.definition.version}</p>
<section aria-labelledby="export-heading">
<h2 id="export-heading">${t.exportHeading}</h2>
<p>${t.exportIntro}</p>
<ul class="downloads">${t.formats.map(
      ([path, label]) =>
        html`<li><a class="button" href="${api}/${path}" download>${label}</a> <a href="${api}/${path}${path.includes('?') ? '&' : '?'}include=partial" download>${t.partial}</a></li>`,
    )}</ul>
</section>
<section aria-labelledby="import-heading" id="import" data-preview="/werkruimte/metingen/${String(id)}/gegevens/voorbeeld" data-import="/werkruimte/metingen/${String(id)}/gegevens/import" data-csrf="${csrf}" data-lang="${lang}">
<h2 id="import-heading">${t.importHeading}</h2>
<p>${t.importIntro}</p>
<noscript><p>${t.noScript}</p></noscript>
<p><label for="upload-file">${t.file}</label><br><input type="file" id="upload-file" accept=".csv,text/csv"></p>
<p><button type="button" id="upload-check">${t.check}</button> <button type="button" id="upload-import" disabled>${t.import}</button></p>
<progress id="upload-progress" max="1" value="0" hidden></progress>
<div id="upload-result" role="status" aria-live="polite"></div>
</section>`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        workspacePage({
          lang,
          title: `${t.title}: ${wave.label}`,
          principal,
          path: request.url,
          csrf,
          crumbs: [
            { label: 'Werkruimte', href: '/werkruimte' },
            { label: wave.label, href: `/werkruimte/metingen/${id}` },
            { label: t.title },
          ],
          body,
          scripts: ['/static/data-upload.js'],
        }).toString(),
      );
  });

  // Parsing and checking a file of 100,000 rows is seconds of CPU: on the worker pool.
  const check: TImportChecker = (input) => app.runInWorker('importCheck', input);

  const checkUpload = async (request: FastifyRequest, id: number) => {
    const access = await requireWaveAccess(request, id, 'manage');
    if (!request.csrfValid()) throw new ForbiddenError('Het formulier is verlopen; laad de pagina opnieuw.');
    return access;
  };

  app.post(
    '/metingen/:id/gegevens/voorbeeld',
    { schema: { params: ZParams, body: ZUpload }, bodyLimit: MAX_UPLOAD },
    async (request, reply) => {
      await checkUpload(request, request.params.id);
      const preview = await previewImport(app.db, request.params.id, request.body, { check });
      return reply.header('cache-control', 'no-store').send({
        ...preview,
        errorLines: preview.errors.map(formatProblem),
        warningLines: preview.warnings.map(formatWarning),
      });
    },
  );

  app.post(
    '/metingen/:id/gegevens/import',
    { schema: { params: ZParams, body: ZUpload }, bodyLimit: MAX_UPLOAD },
    async (request, reply) => {
      const { principal } = await checkUpload(request, request.params.id);
      const stream = new PassThrough();
      const send = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
      const id = request.params.id;
      void importResponses(app.db, id, request.body, {
        actor: principal.email,
        userId: principal.userId,
        onProgress: (written, total) => send({ progress: { written, total } }),
        check,
      })
        .then((result) => send({ done: result }))
        .catch((error: unknown) => {
          if (error instanceof ImportRejectedError)
            send({ rejected: { message: error.message, errorLines: error.problems.map(formatProblem) } });
          else {
            request.log.error({ err: error }, 'import failed');
            send({ failed: { message: 'Het importeren is mislukt; er is niets opgeslagen.' } });
          }
        })
        .finally(() => stream.end());
      return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(stream);
    },
  );
};

export default data;
