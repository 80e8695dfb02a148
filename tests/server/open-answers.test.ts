/**
 * Open answers through the real app (app.inject, real Postgres, real tokens): who may
 * read them, how they are shown (shuffled, opaque ids, one question, team filter only at
 * or above the threshold), redaction, themes, coding, agreement, settling, theme counts
 * with suppression, and the 0/1 theme columns in the CSV, XLSX and .sav exports.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { readSav } from '../../server/formats/sav-read.ts';
import { importResponses } from '../../server/services/import.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { createOpenAnswerWave, FormClient, OPEN_TEXTS, type OpenAnswerWave } from '../helpers/open-answers.ts';
import { pspp, psppTable } from '../helpers/pspp.ts';
import { createTestWave } from '../helpers/research-data.ts';
import { readXlsx } from '../helpers/xlsx.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

// One wave is worked through as researchers would: the tests run in file order and each
// builds on the one before (themes → coding → settling → redaction → results).
describe('open answers', () => {
  let t: TestApp;
  let w: OpenAnswerWave;
  let researcher: TestUser;
  let second: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let root: string;

  beforeAll(async () => {
    t = await buildTestApp();
    w = await createOpenAnswerWave(t.app.db);
    root = `/werkruimte/metingen/${w.waveId}/open-antwoorden`;
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [w.programmeId] });
    second = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [w.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [w.programmeId] });
    const other = await createTestWave(t.app.db, { label: 'elders', programme: 'Ander programma', teams: [{ name: 'West' }] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [other.programmeId] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const refsOf = (body: string) => [...body.matchAll(/open-antwoorden\/antwoord\/([A-Za-z0-9_-]{16})/g)].map((m) => m[1]!);

  it('lists the 30 open answers of complete responses, shuffled, without response ids or other answers', async () => {
    const res = await t.app.inject({ url: root, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const body = res.body;
    // 30 of complete responses, and one of a partial response, marked (it is in exports with partial ones).
    expect(body).toContain('31 antwoorden');
    expect(body).toMatch(/Niet verstuurde respons: wordt niet gecodeerd<\/p><p class="oa-text">Half ingevuld/);
    expect(body).not.toMatch(UUID);
    const shown = OPEN_TEXTS.map((text) => body.indexOf(text.slice(0, 12)));
    expect(shown.every((p) => p >= 0)).toBe(true);
    // Not in submission order: the shown order is not the order the answers were inserted.
    const sorted = [...shown].sort((a, b) => a - b);
    expect(shown).not.toEqual(sorted);
    // Stable: the same order on the next visit.
    const again = await t.app.inject({ url: root, headers: researcher.headers });
    expect(refsOf(again.body)).toEqual(refsOf(body));
    expect(new Set(refsOf(body)).size).toBe(31);
    // No team names next to the answers in the unfiltered list (only in the filter's options).
    const list = body.slice(body.indexOf('class="oa-list"'));
    expect(list).not.toContain('Noord');
    // No other answer of the respondent: e.g. their age or organisation is nowhere on the page.
    expect(body).not.toContain('bg.age');
  });

  it('filters by team only for teams at or above the threshold', async () => {
    const noord = await t.app.inject({ url: `${root}?team=${w.teams.get('Noord')}`, headers: researcher.headers });
    expect(noord.statusCode).toBe(200);
    expect(noord.body).toContain('17 antwoorden'); // 16 complete, 1 partial
    expect(noord.body).not.toContain(`<option value="${w.teams.get('Zuid')}"`);
    const zuid = await t.app.inject({ url: `${root}?team=${w.teams.get('Zuid')}`, headers: researcher.headers });
    expect(zuid.statusCode).toBe(400);
    expect(zuid.body).toContain('te weinig respondenten');
    expect(zuid.body).not.toContain(OPEN_TEXTS[28]!.slice(0, 12));
  });

  it('gives managers 403, non-members 404 and nobody the login on every open-answer page and route', async () => {
    const ref = refsOf((await t.app.inject({ url: root, headers: researcher.headers })).body)[0]!;
    const routes: ['GET' | 'POST', string][] = [
      ['GET', root],
      ['GET', `${root}?team=${w.teams.get('Noord')}`],
      ['GET', `${root}/antwoord/${ref}`],
      ['POST', `${root}/antwoord/${ref}/verwijderen`],
      ['GET', `${root}/themas`],
      ['POST', `${root}/themas`],
      ['POST', `${root}/themas/overnemen`],
      ['POST', `${root}/themas/1`],
      ['POST', `${root}/themas/1/verwijderen`],
      ['GET', `${root}/coderen`],
      ['GET', `${root}/coderen?weergave=lijst`],
      ['POST', `${root}/coderen`],
      ['GET', `${root}/overeenstemming`],
      ['POST', `${root}/overeenstemming/${ref}`],
      ['GET', `${root}/resultaten`],
      ['GET', `/api/waves/${w.waveId}/open-answers`],
    ];
    for (const [method, url] of routes) {
      const payload = method === 'POST' ? 'passage=x&code=x&label=x' : undefined;
      const headers = method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
      const as = (user?: TestUser) => t.app.inject({ method, url, payload, headers: { ...headers, ...(user?.headers ?? {}) } });
      const m = await as(manager);
      expect(m.statusCode, `${method} ${url} as manager`).toBe(403);
      expect(m.body).not.toContain(OPEN_TEXTS[0]!.slice(0, 12));
      expect((await as(outsider)).statusCode, `${method} ${url} as non-member`).toBe(404);
      const nobody = await as();
      if (url.startsWith('/api/')) expect(nobody.statusCode, `${method} ${url} without login`).toBe(401);
      else {
        // Pages send whoever is not logged in to the login page.
        expect(nobody.statusCode, `${method} ${url} without login`).toBe(303);
        expect(nobody.headers.location).toMatch(/^\/inloggen\?terug=/);
      }
    }
    // The 403 page is a Dutch workspace page, not JSON.
    const page = await t.app.inject({ url: root, headers: manager.headers });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Geen toegang');
  });

  it('themes: add, reject with the typed values kept, edit, copy from an earlier wave, delete — all audit-logged', async () => {
    const c = new FormClient(t.app, researcher.headers);
    await c.get(`${root}/themas`);
    const bad = await c.post(`${root}/themas`, [
      ['code', '9 fout'],
      ['label', 'Tijd en ruimte'],
      ['description', 'Werkdruk'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Een code begint met een letter');
    expect(bad.body).toContain('value="9 fout"');
    expect(bad.body).toContain('value="Tijd en ruimte"');
    const expired = await c.post(
      `${root}/themas`,
      [
        ['code', 'tijd'],
        ['label', 'Tijd en ruimte'],
      ],
      { csrf: false },
    );
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('value="Tijd en ruimte"');
    for (const [code, label] of [
      ['tijd', 'Tijd en ruimte'],
      ['kaders', 'Duidelijke kaders'],
      ['kennis', 'Kennis sociale kaart'],
      ['wegwerp', 'Weg ermee'],
    ]) {
      const ok = await c.post(`${root}/themas`, [
        ['code', code!],
        ['label', label!],
        ['description', ''],
      ]);
      expect(ok.statusCode, ok.body).toBe(303);
    }
    const themes = await t.app.db.selectFrom('theme').selectAll().where('wave_id', '=', w.waveId).orderBy('position').execute();
    expect(themes.map((x) => x.code)).toEqual(['tijd', 'kaders', 'kennis', 'wegwerp']);
    const edit = await c.post(`${root}/themas/${themes[2]!.id}`, [
      ['code', 'kennis'],
      ['label', 'Kennis van de sociale kaart'],
      ['description', 'Wie doet wat in de wijk'],
    ]);
    expect(edit.statusCode).toBe(303);
    expect((await c.post(`${root}/themas/${themes[3]!.id}/verwijderen`, [])).statusCode).toBe(303);

    // Copy into a later wave of the same programme.
    const later = await createOpenAnswerWave(t.app.db, { label: '2017 meting' });
    const c2 = new FormClient(t.app, researcher.headers);
    const page = await c2.get(`/werkruimte/metingen/${later.waveId}/open-antwoorden/themas`);
    expect(page.body).toContain('2016 vervolgmeting (3)');
    const copied = await c2.post(`/werkruimte/metingen/${later.waveId}/open-antwoorden/themas/overnemen`, [
      ['from', String(w.waveId)],
    ]);
    expect(copied.statusCode).toBe(303);
    const laterThemes = await t.app.db
      .selectFrom('theme')
      .select(['code', 'label'])
      .where('wave_id', '=', later.waveId)
      .orderBy('position')
      .execute();
    expect(laterThemes).toEqual([
      { code: 'tijd', label: 'Tijd en ruimte' },
      { code: 'kaders', label: 'Duidelijke kaders' },
      { code: 'kennis', label: 'Kennis van de sociale kaart' },
    ]);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'theme.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'theme.add',
      'theme.add',
      'theme.add',
      'theme.add',
      'theme.copy',
      'theme.delete',
      'theme.update',
    ]);
    expect(audit.every((a) => a.actor === researcher.email)).toBe(true);
  });

  it('codes blind, computes kappa per theme, lists disagreements, settles, counts and exports the final codes', async () => {
    const themes = await t.app.db
      .selectFrom('theme')
      .select(['id', 'code'])
      .where('wave_id', '=', w.waveId)
      .orderBy('position')
      .execute();
    const id = (code: string) => String(themes.find((x) => x.code === code)!.id);
    const a = new FormClient(t.app, researcher.headers);
    const b = new FormClient(t.app, second.headers);
    const list = await a.get(`${root}/coderen?weergave=lijst`);
    expect(list.body).toContain('0 van 30 gecodeerd');
    expect(list.body).not.toContain('Half ingevuld'); // partial responses are not coded
    const refs = [...list.body.matchAll(/name="ref" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(20);
    // Coder A: every answer 'tijd'; even positions also 'kaders'. Coder B differs on the first three.
    const codesA = (i: number) => (i % 2 === 0 ? ['tijd', 'kaders'] : ['tijd']);
    const codesB = (i: number) => (i < 3 ? ['kennis'] : codesA(i));
    const fieldsFor = (ref: string, codes: string[]): [string, string][] => codes.map((c) => [`thema_${ref}`, id(c)]);
    expect(
      (
        await a.post(`${root}/coderen`, [
          ['weergave', 'lijst'],
          ['pagina', '1'],
          ...refs.flatMap((r, i) => [['ref', r] as [string, string], ...fieldsFor(r, codesA(i))]),
        ])
      ).statusCode,
    ).toBe(303);
    await b.get(`${root}/coderen`);
    // B codes one at a time and does not see A's codes.
    for (let i = 0; i < 20; i++) {
      const page = await b.get(`${root}/coderen?nr=${i + 1}`);
      expect(page.body).toContain(`value="${refs[i]}"`);
      expect(page.body).not.toMatch(/type="checkbox"[^>]*checked/);
      const res = await b.post(`${root}/coderen`, [['ref', refs[i]!], ['nr', String(i + 1)], ...fieldsFor(refs[i]!, codesB(i))]);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${root}/coderen?nr=${i + 2}`);
    }
    expect((await b.get(`${root}/coderen`)).body).toContain('20 van 30 gecodeerd');

    // Kappa from the 2 × 2 tables, computed here on its own.
    const agreementPage = await a.get(`${root}/overeenstemming`);
    expect(agreementPage.body).toContain('20 antwoorden door beide gecodeerd.');
    const kappaOf = (code: string) => {
      const row = new RegExp(`<tr data-theme="${code}">[\\s\\S]*?<td class="kappa-value">([^<]+)</td>`).exec(agreementPage.body);
      return row![1]!;
    };
    const expected = (code: string) => {
      let both = 0,
        onlyA = 0,
        onlyB = 0,
        neither = 0;
      for (let i = 0; i < 20; i++) {
        const x = codesA(i).includes(code),
          y = codesB(i).includes(code);
        if (x && y) both++;
        else if (x) onlyA++;
        else if (y) onlyB++;
        else neither++;
      }
      const po = (both + neither) / 20;
      const pe = ((both + onlyA) / 20) * ((both + onlyB) / 20) + ((onlyB + neither) / 20) * ((onlyA + neither) / 20);
      return pe === 1 ? 'n.v.t.' : ((po - pe) / (1 - pe)).toFixed(3).replace('.', ',');
    };
    for (const code of ['tijd', 'kaders', 'kennis']) expect(kappaOf(code), code).toBe(expected(code));
    // A theme neither coder used: kappa is undefined, shown as n.v.t. (then removed again).
    expect(
      (
        await a.post(`${root}/themas`, [
          ['code', 'overig'],
          ['label', 'Overig'],
          ['description', ''],
        ])
      ).statusCode,
    ).toBe(303);
    const withUnused = await a.get(`${root}/overeenstemming`);
    expect(/<tr data-theme="overig">[\s\S]*?<td class="kappa-value">([^<]+)<\/td>/.exec(withUnused.body)![1]).toBe('n.v.t.');
    const overig = (
      await t.app.db
        .selectFrom('theme')
        .select('id')
        .where('wave_id', '=', w.waveId)
        .where('code', '=', 'overig')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await a.post(`${root}/themas/${overig}/verwijderen`, [])).statusCode).toBe(303);
    const disagreements = [
      ...agreementPage.body.matchAll(/class="panel disagreement" method="post" action="[^"]+\/overeenstemming\/([^"]+)"/g),
    ].map((m) => m[1]);
    expect(disagreements.sort()).toEqual(refs.slice(0, 3).sort());

    // Settle the first disagreement as 'kennis' + 'tijd'.
    const settled = await a.post(`${root}/overeenstemming/${refs[0]}`, [
      ['thema', id('kennis')],
      ['thema', id('tijd')],
    ]);
    expect(settled.statusCode).toBe(303);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'open_answer.settle')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ ref: refs[0], themes: ['tijd', 'kennis'] });

    // Theme counts: 18 final (17 agreed + 1 settled; 2 disagreements still open).
    const counts = (await t.app.inject({ url: `/api/waves/${w.waveId}/theme-counts`, headers: manager.headers })).json();
    const shown = counts.teams
      .filter((x: { cell: { suppressed: boolean } }) => !x.cell.suppressed)
      .map((x: { name: string }) => x.name);
    // Only answers of shown teams count; Zuid (2 responses) is suppressed whatever was coded.
    expect(counts.teams.find((x: { name: string }) => x.name === 'Zuid').cell).toEqual({ suppressed: true });
    expect(counts.overall.excludedTeams).toContain('Zuid');
    const rowsAll = (await t.app.db.selectFrom('final_code').selectAll().execute()).length;
    expect(rowsAll).toBe(2);
    expect(shown.length).toBeGreaterThan(0);

    // The export: one 0/1 column per theme for the final codes, missing where not final.
    const csv = await t.app.inject({ url: `/api/waves/${w.waveId}/export.csv`, headers: researcher.headers });
    const records = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!).slice(-3)).toEqual(['theme_tijd', 'theme_kaders', 'theme_kennis']);
    const byText = new Map(records.map((r) => [r['open.needs'], r]));
    const answerText = (ref: string) =>
      (list.body.match(new RegExp(`id="a-${ref}"[\\s\\S]*?<blockquote class="oa-text">([^<]*)</blockquote>`)) ?? [])[1]!.replace(
        /&#39;/g,
        "'",
      );
    const first = byText.get(answerText(refs[0]!))!;
    expect([first.theme_tijd, first.theme_kaders, first.theme_kennis]).toEqual(['1', '0', '1']);
    const unsettled = byText.get(answerText(refs[1]!))!;
    expect([unsettled.theme_tijd, unsettled.theme_kaders, unsettled.theme_kennis]).toEqual(['', '', '']);
    const agreed = byText.get(answerText(refs[4]!))!;
    expect([agreed.theme_tijd, agreed.theme_kaders, agreed.theme_kennis]).toEqual(['1', '1', '0']);

    // XLSX and .sav carry the same theme columns, read back by real readers.
    const THEMES = ['theme_tijd', 'theme_kaders', 'theme_kennis'];
    const wanted = new Map(records.map((r) => [r.response_id!, THEMES.map((n) => r[n]!)]));
    expect([...wanted.values()].some((v) => v.includes('1'))).toBe(true);
    const xlsx = await t.app.inject({ url: `/api/waves/${w.waveId}/export.xlsx`, headers: researcher.headers });
    expect(xlsx.statusCode).toBe(200);
    const sheets = await readXlsx(xlsx.rawPayload);
    const LABEL: Record<string, string> = { '1': 'genoemd', '0': 'niet genoemd' };
    for (const sheet of sheets.slice(0, 2)) {
      const header = sheet.rows[0] as string[];
      expect(header.slice(-3), sheet.name).toEqual(THEMES);
      const got = new Map(
        sheet.rows.slice(1).map((row) => [String(row[0]), THEMES.map((_, k) => row[header.length - 3 + k] ?? '')]),
      );
      const expected = [...wanted].map(([id, v]) => [
        id,
        sheet.name === 'codes' ? v.map((x) => (x === '' ? '' : Number(x))) : v.map((x) => LABEL[x] ?? ''),
      ]);
      expect([...got].sort(), sheet.name).toEqual(expected.sort());
    }
    const codebook = sheets[2]!.rows;
    expect(codebook.find((r) => r[0] === 'theme_tijd')?.slice(0, 3)).toEqual([
      'theme_tijd',
      'open antwoorden (thema)',
      'Tijd en ruimte',
    ]);

    const savBytes = new Uint8Array(
      (await t.app.inject({ url: `/api/waves/${w.waveId}/export.sav`, headers: researcher.headers })).rawPayload,
    );
    const sav = readSav(savBytes);
    const at = THEMES.map((n) => sav.variables.findIndex((v) => v.name === n));
    expect(sav.variables[at[0]!]).toMatchObject({
      type: 'numeric',
      label: 'Tijd en ruimte',
      measure: 'nominal',
      valueLabels: [
        { value: 0, label: 'niet genoemd' },
        { value: 1, label: 'genoemd' },
      ],
    });
    const fromSav = new Map(sav.cases.map((row) => [String(row[0]), at.map((j) => (row[j] == null ? '' : String(row[j])))]));
    expect([...fromSav].sort()).toEqual([...wanted].sort());
    const out = await pspp(savBytes, [
      `DISPLAY DICTIONARY /VARIABLES=${THEMES.join(' ')}.`,
      `LIST /VARIABLES=response_id ${THEMES.join(' ')}.`,
    ]);
    const dictionary = new Map(
      psppTable(out, 'Variables')
        .slice(1)
        .map((r) => [r[0], r]),
    );
    expect(dictionary.get('theme_tijd')?.slice(2, 4)).toEqual(['Tijd en ruimte', 'Nominal']);
    expect(psppTable(out, 'Value Labels').map((r) => r.slice(1).join('='))).toEqual(
      expect.arrayContaining(['0=niet genoemd', '1=genoemd']),
    );
    const listed = psppTable(out, 'Data List').slice(1);
    expect(new Map(listed.map((r) => [r[0]!.trim(), r.slice(1).map((x) => (x.trim() === '.' ? '' : x.trim()))]))).toEqual(
      new Map(wanted),
    );

    // The exported file reads back in (the theme columns are derived, not answers).
    const copy = await createTestWave(t.app.db, {
      label: 'kopie',
      programme: 'Kopie',
      teams: [{ name: 'Noord' }, { name: 'Oost' }, { name: 'Zuid' }],
    });
    const imported = await importResponses(t.app.db, copy.waveId, csv.body.replace(UUID, ''));
    expect(imported.imported).toBe(records.length);
  });

  it('redacts a passage: stored text replaced, audit-logged without the words, gone from every page, export and API', async () => {
    const c = new FormClient(t.app, researcher.headers);
    const list = await c.get(root);
    const target = OPEN_TEXTS[6]!;
    const ref = refsOf(list.body).find(
      (r) => list.body.indexOf(r) > -1 && new RegExp(`${target.slice(0, 30)}[\\s\\S]{0,400}${r}`).test(list.body),
    )!;
    expect(ref).toBeDefined();
    await c.get(`${root}/antwoord/${ref}`);
    const missing = await c.post(`${root}/antwoord/${ref}/verwijderen`, [['passage', 'Niet in dit antwoord']]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('value="Niet in dit antwoord"');
    expect(missing.body).toContain('aria-invalid="true"');
    const done = await c.post(`${root}/antwoord/${ref}/verwijderen`, [['passage', 'Pietersen-Wolthuis']]);
    expect(done.statusCode).toBe(303);
    const stored = await t.app.db
      .selectFrom('answer')
      .select('value_text')
      .where('response_id', '=', w.responseOf.get(target)!)
      .where('item_id', '=', 'open.needs')
      .executeTakeFirstOrThrow();
    expect(stored.value_text).toBe('Meer overleg met collega [verwijderd] over de wachtlijst, en tijd om samen te leren.');
    const log = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'open_answer.redact').execute();
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain('Pietersen');
    expect(log[0]!.details).toMatchObject({ ref, occurrences: 1, removedCharacters: 'Pietersen-Wolthuis'.length });

    // An answer of a partial response can be redacted too: exports with partial responses hold it.
    const partialRef = /Half ingevuld[\s\S]{0,300}?open-antwoorden\/antwoord\/([A-Za-z0-9_-]{16})/.exec(list.body)![1]!;
    await c.get(`${root}/antwoord/${partialRef}`);
    expect((await c.post(`${root}/antwoord/${partialRef}/verwijderen`, [['passage', 'Half ingevuld']])).statusCode).toBe(303);

    const everywhere = [
      root,
      `${root}/antwoord/${ref}`,
      `${root}/coderen?weergave=lijst`,
      `${root}/coderen?weergave=lijst&pagina=2`,
      `${root}/overeenstemming`,
      `${root}/resultaten`,
      `/api/waves/${w.waveId}/open-answers`,
      `/api/waves/${w.waveId}/export.csv`,
      `/api/waves/${w.waveId}/export.csv?include=partial`,
      `/api/waves/${w.waveId}/export.csv?variant=excel&include=partial`,
      `/api/waves/${w.waveId}/analysis`,
      `/api/waves/${w.waveId}/theme-counts`,
    ];
    let sawRedacted = false;
    for (const url of everywhere) {
      const res = await t.app.inject({ url, headers: researcher.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('Pietersen');
      expect(res.body, url).not.toContain('Wolthuis');
      expect(res.body, url).not.toContain('Half ingevuld');
      if (res.body.includes('[verwijderd]')) sawRedacted = true;
    }
    expect(sawRedacted).toBe(true);
    // The binary exports, unpacked and decoded: the words are gone there too.
    const textsOf = async (url: string): Promise<string> => {
      const res = await t.app.inject({ url, headers: researcher.headers });
      expect(res.statusCode, url).toBe(200);
      const bytes = new Uint8Array(res.rawPayload);
      const savText = (b: Uint8Array) => JSON.stringify(readSav(b).cases);
      if (url.includes('.sav')) return savText(bytes);
      const zip = unzipSync(bytes);
      return Object.entries(zip)
        .map(([name, b]) => (name.endsWith('.sav') ? savText(b) : strFromU8(b)))
        .join('\n');
    };
    for (const url of [
      `/api/waves/${w.waveId}/export.xlsx?include=partial`,
      `/api/waves/${w.waveId}/export.sav?include=partial`,
      `/api/waves/${w.waveId}/bundle.zip?include=partial`,
    ]) {
      const text = await textsOf(url);
      expect(text, url).toContain('[verwijderd]');
      expect(text, url).not.toContain('Pietersen');
      expect(text, url).not.toContain('Wolthuis');
      expect(text, url).not.toContain('Half ingevuld');
    }
    expect(t.rawLog()).not.toContain('Pietersen');
  });

  it('shows theme results per team with teams below the threshold suppressed, and the chart as data', async () => {
    const res = await t.app.inject({ url: `${root}/resultaten`, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const zuidCells = [...res.body.matchAll(/<td data-team="Zuid">([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    expect(zuidCells.length).toBe(3);
    expect(zuidCells.every((cell) => cell!.includes('n &lt; 5'))).toBe(true);
    const chart = /<script type="application\/json" id="grafiek-themas-config">([\s\S]*?)<\/script>/.exec(res.body);
    expect(chart).not.toBeNull();
    const config = JSON.parse(chart![1]!);
    expect(config.type).toBe('bar');
    expect(config.data.labels.map((l: string | string[]) => [l].flat().join(' '))).toEqual([
      'Tijd en ruimte',
      'Duidelijke kaders',
      'Kennis van de sociale kaart',
    ]);
    expect(res.body).toContain('<canvas data-chart="grafiek-themas-config"');
    // The PNG behind the page's download button: the same chart, at twice its size.
    const href = /href="([^"]*\/charts\/themas\.png)"/.exec(res.body)![1]!;
    const png = await t.app.inject({ url: href, headers: researcher.headers });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const size = /<canvas data-chart="grafiek-themas-config" width="(\d+)" height="(\d+)"/.exec(res.body)!;
    expect([png.rawPayload.readUInt32BE(16), png.rawPayload.readUInt32BE(20)]).toEqual([
      Number(size[1]) * 2,
      Number(size[2]) * 2,
    ]);
  });
});
