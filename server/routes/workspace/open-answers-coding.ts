/**
 * Themes, coding, agreement and results of a wave's open answers (registered by
 * open-answers.ts, so its HTML error pages apply). Plain forms with a CSRF token: the
 * whole flow works without JavaScript and without a mouse.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { agreement, codesByCoder, coders, keyOf, saveCodes, settleAnswer } from '../../services/coding.ts';
import { openAnswerRows, publicAnswer, type TOpenAnswerRow } from '../../services/open-answers.ts';
import { themeChart } from '../../charts/kinds/themes.ts';
import { themeResults } from '../../services/theme-results.ts';
import {
  addTheme,
  copyThemes,
  deleteTheme,
  listThemes,
  ThemeInputError,
  updateTheme,
  wavesWithThemes,
} from '../../services/themes.ts';
import { openAnswerMessages } from '../../views/workspace/messages-open-answers.ts';
import { agreementPage, codeListPage, codeOnePage, resultsPage, type TMine } from '../../views/workspace/open-answers-coding.ts';
import { base, themesPage } from '../../views/workspace/open-answers-read.ts';
import {
  actorOf,
  field,
  fields,
  ids,
  openAnswerAccess,
  sendPage,
  seeOther,
  ZAnswerParams,
  ZFormBody,
  ZFormResponses,
  ZHtml,
  ZThemeParams,
  ZWaveId,
  ZWaveParams,
  type TOaRequest,
} from './open-answers-shared.ts';

const LIST_SIZE = 20;
const ZOk = z.enum(['opgeslagen', 'verwijderd', 'overgenomen', 'vastgesteld', 'gecodeerd']).optional();

const coding: FastifyPluginAsyncZod = async (app) => {
  // ---- Themes -------------------------------------------------------------------------

  async function renderThemes(
    r: TOaRequest,
    status: number,
    extra: Parameters<typeof themesPage>[1] extends infer V ? Partial<V> : never,
  ) {
    const themes = await listThemes(app.db, r.wave.waveId);
    const sources = await wavesWithThemes(app.db, r.wave.programmeId, r.wave.waveId);
    return { status, page: themesPage(r.ctx, { themes, sources, ...extra }) };
  }

  app.get(
    '/metingen/:id/open-antwoorden/themas',
    {
      schema: {
        params: ZWaveParams,
        querystring: z.object({ ok: ZOk, n: z.coerce.number().int().min(0).max(1000).optional() }),
        response: { 200: ZHtml },
      },
    },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const m = openAnswerMessages(r.ctx.lang);
      const ok = request.query.ok;
      const message =
        ok === 'opgeslagen'
          ? m.themeSaved
          : ok === 'verwijderd'
            ? m.themeDeleted
            : ok === 'overgenomen'
              ? m.copied(request.query.n ?? 0)
              : undefined;
      const { page } = await renderThemes(r, 200, { flash: message });
      return sendPage(reply, 200, page);
    },
  );

  /** Runs a theme change; a rejected form comes back with what was typed and a message per field. */
  async function themeChange(
    r: TOaRequest,
    body: z.infer<typeof ZFormBody>,
    themeId: number | 'new',
    change: () => Promise<unknown>,
    okUrl: string,
  ) {
    const values = {
      code: field(body, 'code') ?? '',
      label: field(body, 'label') ?? '',
      description: field(body, 'description') ?? '',
    };
    try {
      await change();
      return { redirect: okUrl };
    } catch (e) {
      if (e instanceof ThemeInputError) return renderThemes(r, 400, { rejected: { themeId, values, fields: e.details.fields } });
      if (e instanceof AppError && e.statusCode < 500 && e.statusCode !== 404)
        return renderThemes(r, e.statusCode, { error: e.message });
      throw e;
    }
  }

  const csrfRejected = async (r: TOaRequest, body: z.infer<typeof ZFormBody>, themeId: number | 'new') => {
    const values = {
      code: field(body, 'code') ?? '',
      label: field(body, 'label') ?? '',
      description: field(body, 'description') ?? '',
    };
    return renderThemes(r, 403, { error: openAnswerMessages(r.ctx.lang).csrfExpired, rejected: { themeId, values, fields: {} } });
  };

  app.post(
    '/metingen/:id/open-antwoorden/themas',
    { schema: { params: ZWaveParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const body = request.body;
      const out = !request.csrfValid()
        ? await csrfRejected(r, body, 'new')
        : await themeChange(
            r,
            body,
            'new',
            () =>
              addTheme(
                app.db,
                r.wave.waveId,
                {
                  code: field(body, 'code') ?? '',
                  label: field(body, 'label') ?? '',
                  description: field(body, 'description') ?? '',
                },
                actorOf(r.principal),
              ),
            `${base(r.wave.waveId)}/themas?ok=opgeslagen`,
          );
      return 'redirect' in out ? seeOther(reply, out.redirect) : sendPage(reply, out.status, out.page);
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/themas/overnemen',
    { schema: { params: ZWaveParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      if (!request.csrfValid()) {
        const out = await renderThemes(r, 403, { error: openAnswerMessages(r.ctx.lang).csrfExpired });
        return sendPage(reply, out.status, out.page);
      }
      const from = ZWaveId.safeParse(field(request.body, 'from'));
      if (!from.success) throw new ValidationError('Kies een meting.');
      // The source wave must be one this user may read too, of the same programme.
      const source = await requireWaveAccess(request, from.data, 'open-answers');
      if (source.programmeId !== r.wave.programmeId) throw new ValidationError('Kies een meting van hetzelfde programma.');
      let copied = 0;
      const out = await themeChange(
        r,
        request.body,
        'new',
        async () => (copied = await copyThemes(app.db, from.data, r.wave.waveId, actorOf(r.principal))),
        '',
      );
      return 'redirect' in out
        ? seeOther(reply, `${base(r.wave.waveId)}/themas?ok=overgenomen&n=${copied}`)
        : sendPage(reply, out.status, out.page);
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/themas/:themeId',
    { schema: { params: ZThemeParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const { themeId } = request.params;
      const body = request.body;
      const out = !request.csrfValid()
        ? await csrfRejected(r, body, themeId)
        : await themeChange(
            r,
            body,
            themeId,
            () =>
              updateTheme(
                app.db,
                r.wave.waveId,
                themeId,
                {
                  code: field(body, 'code') ?? '',
                  label: field(body, 'label') ?? '',
                  description: field(body, 'description') ?? '',
                },
                actorOf(r.principal),
              ),
            `${base(r.wave.waveId)}/themas?ok=opgeslagen`,
          );
      return 'redirect' in out ? seeOther(reply, out.redirect) : sendPage(reply, out.status, out.page);
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/themas/:themeId/verwijderen',
    { schema: { params: ZThemeParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      if (!request.csrfValid()) {
        const out = await renderThemes(r, 403, { error: openAnswerMessages(r.ctx.lang).csrfExpired });
        return sendPage(reply, out.status, out.page);
      }
      await deleteTheme(app.db, r.wave.waveId, request.params.themeId, actorOf(r.principal));
      return seeOther(reply, `${base(r.wave.waveId)}/themas?ok=verwijderd`);
    },
  );

  // ---- Coding -------------------------------------------------------------------------

  const ZCodeQuery = z.object({
    nr: z.coerce.number().int().positive().max(1_000_000).optional(),
    weergave: z.enum(['een', 'lijst']).default('een'),
    pagina: z.coerce.number().int().positive().max(100_000).default(1),
    ok: ZOk,
  });

  async function codingState(r: TOaRequest) {
    const rows = await openAnswerRows(app.db, r.wave);
    const themes = await listThemes(app.db, r.wave.waveId);
    const mine =
      (await codesByCoder(app.db, r.wave.waveId, r.principal.userId)).get(r.principal.userId) ?? new Map<string, Set<number>>();
    const mineOf = (row: TOpenAnswerRow): TMine => mine.get(keyOf(row));
    const done = rows.filter((row) => mine.has(keyOf(row))).length;
    const firstUncoded = rows.findIndex((row) => !mine.has(keyOf(row)));
    return { rows, themes, mineOf, done, firstUncoded: firstUncoded === -1 ? undefined : firstUncoded + 1 };
  }

  app.get(
    '/metingen/:id/open-antwoorden/coderen',
    { schema: { params: ZWaveParams, querystring: ZCodeQuery, response: { 200: ZHtml } } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const s = await codingState(r);
      const m = openAnswerMessages(r.ctx.lang);
      const q = request.query;
      if (q.weergave === 'lijst') {
        const pages = Math.max(1, Math.ceil(s.rows.length / LIST_SIZE));
        const page = Math.min(q.pagina, pages);
        const slice = s.rows.slice((page - 1) * LIST_SIZE, page * LIST_SIZE);
        return sendPage(
          reply,
          200,
          codeListPage(r.ctx, {
            themes: s.themes,
            entries: slice.map((row, i) => ({
              answer: publicAnswer(row),
              nr: (page - 1) * LIST_SIZE + i + 1,
              mine: s.mineOf(row),
            })),
            total: s.rows.length,
            done: s.done,
            page,
            pages,
            flash: q.ok === 'opgeslagen' ? m.saved : undefined,
          }),
        );
      }
      // Without a number: the first answer this coder has not coded yet. Past the last one
      // (after saving it): the first one left, or the last with "all coded".
      const pastEnd = q.nr !== undefined && q.nr > s.rows.length;
      const nr = pastEnd
        ? (s.firstUncoded ?? Math.max(s.rows.length, 1))
        : Math.min(q.nr ?? s.firstUncoded ?? 1, Math.max(s.rows.length, 1));
      const allCoded = s.rows.length > 0 && s.firstUncoded === undefined && (pastEnd || q.ok === 'gecodeerd');
      const row = s.rows[nr - 1];
      return sendPage(
        reply,
        200,
        codeOnePage(r.ctx, {
          themes: s.themes,
          item: row && r.wave.items.find((i) => i.id === row.itemId),
          answer: row && publicAnswer(row),
          nr,
          total: s.rows.length,
          done: s.done,
          mine: row && s.mineOf(row),
          firstUncoded: s.firstUncoded,
          flash: allCoded ? m.allCoded : q.ok === 'opgeslagen' ? m.saved : undefined,
        }),
      );
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/coderen',
    { schema: { params: ZWaveParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const body = request.body;
      const refs = fields(body, 'ref');
      const list = field(body, 'weergave') === 'lijst';
      if (!request.csrfValid()) {
        // Show the same answers again with what was ticked, and ask to send once more.
        const s = await codingState(r);
        const ticked = (ref: string): TMine => {
          const themeIds = ids(body, `thema_${ref}`);
          return themeIds.length > 0 || field(body, `geen_${ref}`) ? new Set(themeIds) : undefined;
        };
        const error = openAnswerMessages(r.ctx.lang).csrfExpired;
        const index = new Map(s.rows.map((row, i) => [row.ref, i]));
        const entries = refs
          .filter((ref) => index.has(ref))
          .map((ref) => ({ answer: publicAnswer(s.rows[index.get(ref)!]!), nr: index.get(ref)! + 1, mine: ticked(ref) }));
        if (list || entries.length !== 1) {
          const page = Number(field(body, 'pagina')) || 1;
          return sendPage(
            reply,
            403,
            codeListPage(r.ctx, { themes: s.themes, entries, total: s.rows.length, done: s.done, page, pages: page, error }),
          );
        }
        const e = entries[0]!;
        return sendPage(
          reply,
          403,
          codeOnePage(r.ctx, {
            themes: s.themes,
            item: r.wave.items.find((i) => i.id === s.rows[e.nr - 1]!.itemId),
            answer: e.answer,
            nr: e.nr,
            total: s.rows.length,
            done: s.done,
            mine: e.mine,
            firstUncoded: s.firstUncoded,
            error,
          }),
        );
      }
      await saveCodes(
        app.db,
        r.wave,
        r.principal.userId,
        refs.map((ref) => ({ ref, themeIds: ids(body, `thema_${ref}`), none: field(body, `geen_${ref}`) !== undefined })),
      );
      const root = `${base(r.wave.waveId)}/coderen`;
      if (list) return seeOther(reply, `${root}?weergave=lijst&pagina=${Number(field(body, 'pagina')) || 1}&ok=opgeslagen`);
      // The next answer; past the last one, the coding screen finds what is left.
      return seeOther(reply, `${root}?nr=${(Number(field(body, 'nr')) || 0) + 1}`);
    },
  );

  // ---- Agreement and settling ---------------------------------------------------------

  const ZPair = z.object({ a: ZWaveId.optional(), b: ZWaveId.optional(), ok: ZOk });

  async function agreementView(r: TOaRequest, a: number | undefined, b: number | undefined) {
    const list = await coders(app.db, r.wave.waveId);
    const known = (id: number | undefined) => (id !== undefined && list.some((c) => c.userId === id) ? id : undefined);
    const first = known(a) ?? list[0]?.userId;
    const second = known(b) ?? list.find((c) => c.userId !== first)?.userId;
    const result =
      first !== undefined && second !== undefined && first !== second
        ? await agreement(app.db, r.wave, first, second)
        : undefined;
    return { themes: await listThemes(app.db, r.wave.waveId), coders: list, first, second, result };
  }

  app.get(
    '/metingen/:id/open-antwoorden/overeenstemming',
    { schema: { params: ZWaveParams, querystring: ZPair, response: { 200: ZHtml } } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const view = await agreementView(r, request.query.a, request.query.b);
      const flash = request.query.ok === 'vastgesteld' ? openAnswerMessages(r.ctx.lang).settledDone : undefined;
      return sendPage(reply, 200, agreementPage(r.ctx, { ...view, flash }));
    },
  );

  app.post(
    '/metingen/:id/open-antwoorden/overeenstemming/:ref',
    { schema: { params: ZAnswerParams, body: ZFormBody, response: ZFormResponses } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const a = ZWaveId.safeParse(field(request.body, 'a'));
      const b = ZWaveId.safeParse(field(request.body, 'b'));
      if (!request.csrfValid()) {
        const view = await agreementView(r, a.data, b.data);
        return sendPage(reply, 403, agreementPage(r.ctx, { ...view, error: openAnswerMessages(r.ctx.lang).csrfExpired }));
      }
      await settleAnswer(app.db, r.wave, request.params.ref, ids(request.body, 'thema'), actorOf(r.principal));
      const pair = a.success && b.success ? `a=${a.data}&b=${b.data}&` : '';
      return seeOther(reply, `${base(r.wave.waveId)}/overeenstemming?${pair}ok=vastgesteld`);
    },
  );

  // ---- Results ------------------------------------------------------------------------

  app.get(
    '/metingen/:id/open-antwoorden/resultaten',
    { schema: { params: ZWaveParams, querystring: z.object({}), response: { 200: ZHtml } } },
    async (request, reply) => {
      const r = await openAnswerAccess(request, reply, request.params.id);
      const { counts } = await themeResults(app.db, r.wave.waveId);
      return sendPage(reply, 200, resultsPage(r.ctx, { counts, chart: themeChart(counts, r.ctx.lang) }));
    },
  );
};

export default coding;
