/** Temporary (not committed): renders every respondent page via app.inject, normalised, to SNAP_DIR. */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { FormClient, hiddenField, openWave, TEST_SECRET, type TestWave } from '../helpers/survey.ts';
import { getDefinition, isShown, scaleOf } from '../../survey-definitions/index.ts';
import type { TDefinition, TItem } from '../../survey-definitions/schema.ts';

const dir = process.env.SNAP_DIR ?? '/tmp/h8-snap';
let t: TestApp;
let wave: TestWave;
let n = 0;
function norm(s: string): string {
  let out = s.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="CSRF"');
  out = out.replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, 'CODE');
  for (const [k, v] of Object.entries(wave.tokens)) out = out.split(v).join(`TOKEN_${k}`);
  out = out.split(wave.generalToken).join('TOKEN_general');
  return out;
}
async function snap(name: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  n++;
  await writeFile(`${dir}/${String(n).padStart(3, '0')}-${name}.html`, `${res.statusCode} ${String(res.headers['content-type'])}\n${norm(res.body)}`);
}
function answerFor(def: TDefinition, item: TItem, teamId: number): string {
  switch (item.kind) {
    case 'likert': return String(Math.min(3, scaleOf(def, item).max));
    case 'grade': return '7';
    case 'single_choice': return item.id === 'bg.function' ? 'medewerker' : item.options[0]!.value;
    case 'team': return String(teamId);
    case 'number': return String(item.min + 2);
    case 'text': return 'Meer "ruimte" <b>x</b> & y';
  }
}
beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  t = await buildTestApp({ env: { SESSION_SECRET: TEST_SECRET } });
  wave = await openWave(t.app, { label: 'Meting snap' });
});
afterAll(async () => t.close());

it('renders every page', async () => {
  const def = getDefinition('wijkteam@2015')!;
  const teamId = (await t.app.db.selectFrom('team').select('id').where('name', '=', 'Zwolle-Noord').executeTakeFirstOrThrow()).id;
  const c0 = new FormClient(t.app);
  await snap('home', await c0.get('/'));
  await snap('unavailable', await c0.get('/v/nonsense'));
  for (const lang of ['nl', 'en']) {
    for (const [label, token] of [['team', wave.tokens['Zwolle-Noord']!], ['general', wave.generalToken]] as const) {
      const c = new FormClient(t.app);
      if (lang === 'en') await c.get(`/v/${token}?taal=en`);
      const landing = await c.get(`/v/${token}`);
      await snap(`${lang}-${label}-landing`, landing);
      await snap(`${lang}-${label}-resume-wrong`, await c.post(`/v/${token}/hervat`, { _csrf: hiddenField(landing.body, '_csrf'), code: 'WRONG <x>' }));
      let url = /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec(landing.body)![1]!;
      const sent: Record<string, string> = {};
      for (let p = 0; p < 40; p++) {
        const res = await c.get(url);
        const blockId = url.split('/b/')[1]!;
        await snap(`${lang}-${label}-page-${blockId}`, res);
        const block = def.blocks.find((b) => b.id === blockId)!;
        const code = hiddenField(res.body, 'r');
        const csrf = hiddenField(res.body, '_csrf');
        if (p === 0) {
          await snap(`${lang}-${label}-page-${blockId}-missing`, await c.post(url, { _csrf: csrf, r: code, nav: 'next' }));
          await snap(`${lang}-${label}-page-${blockId}-csrf`, await c.post(url, { _csrf: 'forged', r: code, 'a.bg.function': 'overig' }));
          await snap(`${lang}-${label}-page-${blockId}-invalid`, await c.post(url, { _csrf: csrf, r: code, 'a.nope': '1' }));
          await snap(`${lang}-${label}-page-${blockId}-badvalue`, await c.post(url, { _csrf: csrf, r: code, 'a.bg.function': 'medewerker', 'a.bg.age': '200' }));
          await snap(`${lang}-${label}-autosave`, await c.post(`${url}/autosave`, { _csrf: csrf, r: code, 'a.bg.function': 'medewerker' }));
          await snap(`${lang}-${label}-autosave-bad`, await c.post(`${url}/autosave`, { _csrf: csrf, r: code, 'a.bg.age': '999' }));
          await snap(`${lang}-${label}-autosave-unknown`, await c.post(`${url.replace(/\/b\/.*/, '/b/zz')}/autosave`, { _csrf: csrf, r: code }));
          await snap(`${lang}-${label}-autosave-csrf`, await c.post(`${url}/autosave`, { _csrf: 'x', r: code }));
          await snap(`${lang}-${label}-landing-continue`, await c.get(url.replace(/\/b\/.*/, '')));
          await snap(`${lang}-${label}-review-partial`, await c.get(url.replace(/\/b\/.*/, '/controle')));
        }
        const fields: Record<string, string> = { _csrf: csrf, r: code, nav: 'next' };
        for (const item of block.items) {
          if (!res.body.includes(`name="a.${item.id}"`)) continue;
          const answers = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('a.')).map(([k, v]) => [k.slice(2), v]));
          if (item.condition && !isShown(item.condition, { ...sent, ...answers })) continue;
          fields[`a.${item.id}`] = answerFor(def, item, teamId);
        }
        const post = await c.post(url, fields);
        expect(post.statusCode).toBe(303);
        for (const [k, v] of Object.entries(fields)) if (k.startsWith('a.')) sent[k.slice(2)] = v;
        url = post.headers.location as string;
        if (url.endsWith('/controle')) break;
      }
      const review = await c.get(url);
      await snap(`${lang}-${label}-review`, review);
      const back = await c.post(url.replace(/\/b\/.*/, '').replace('/controle', '/b/bg'), { _csrf: hiddenField(review.body, '_csrf'), r: hiddenField(review.body, 'r'), nav: 'back', 'a.bg.function': 'medewerker' });
      await snap(`${lang}-${label}-back-redirect`, { ...back, body: String(back.headers.location) });
      const review2 = await c.get(url);
      await snap(`${lang}-${label}-send-csrf`, await c.post(url.replace('/controle', '/verzenden'), { _csrf: 'x', r: hiddenField(review2.body, 'r') }));
      await snap(`${lang}-${label}-send-bad`, await c.post(url.replace('/controle', '/verzenden'), { _csrf: hiddenField(review2.body, '_csrf'), r: 'x' }));
      const send = await c.post(url.replace('/controle', '/verzenden'), { _csrf: hiddenField(review2.body, '_csrf'), r: hiddenField(review2.body, 'r') });
      await snap(`${lang}-${label}-send`, { ...send, body: String(send.headers.location) });
      await snap(`${lang}-${label}-thanks`, await c.get(send.headers.location as string));
      await snap(`${lang}-${label}-send-again`, await c.post(url.replace('/controle', '/verzenden'), { _csrf: hiddenField(review2.body, '_csrf'), r: hiddenField(review2.body, 'r') }));
      await snap(`${lang}-${label}-landing-sent`, await c.get(url.replace('/controle', '')));
      await snap(`${lang}-${label}-page-after-sent`, await c.post(url.replace('/controle', '/b/bg'), { _csrf: hiddenField(review2.body, '_csrf'), r: hiddenField(review2.body, 'r'), 'a.bg.function': 'medewerker' }));
      const nieuw = await c.get(url.replace('/controle', '/nieuw'));
      await snap(`${lang}-${label}-nieuw`, { ...nieuw, body: String(nieuw.headers.location) });
    }
  }
});
