/**
 * The .sav writer, read back twice: by PSPP (Debian's `pspp`, installed by .ci/run) as
 * SPSS users would, and by our own reader (formats/sav-read.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSav } from '../../../server/formats/sav-read.ts';
import { writeSav, type TSavVariable } from '../../../server/formats/sav.ts';
import { NOT_ANSWERED, NOT_ASKED, waveSav } from '../../../server/formats/wave-files.ts';
import type { TResponseRecord } from '../../../server/formats/responses-csv.ts';
import { getDefinition } from '../../../survey-definitions/index.ts';
import { dutchAnswer } from '../../helpers/research-data.ts';

const run = promisify(execFile);
const def = getDefinition('wijkteam@2016')!;

/** PSPP's output tables as CSV: the table named `name`, as rows. */
function table(csv: string, name: string): string[][] {
  const start = csv.indexOf(`Table: ${name}\n`);
  expect(start, `PSPP printed no table ${name}:\n${csv}`).toBeGreaterThanOrEqual(0);
  const rest = csv.slice(start + `Table: ${name}\n`.length);
  const end = rest.search(/\n\n|\nTable: /);
  return parse(end === -1 ? rest : rest.slice(0, end), { relax_column_count: true }) as string[][];
}

describe('SPSS .sav', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-sav-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const long = dutchAnswer();
  const records: TResponseRecord[] = [
    {
      id: 'r1',
      team: 'Zwolle, Noord',
      status: 'complete',
      answers: {
        'bg.function': 'medewerker',
        'bg.age': 41,
        'gd.parallel.goal_clear': 3,
        'tc.curious.now': 7,
        'open.needs': long,
      },
    },
    // A team leader is not asked the GD block: -8 there; an age left open: -9.
    { id: 'r2', team: 'Elburg', status: 'partial', answers: { 'bg.function': 'teamleider', 'open.needs': '=1+1' } },
  ];

  it('PSPP lists the dictionary (labels, value labels, user-missing values, measurement levels) and the values', async () => {
    const file = path.join(dir, 'wave.sav');
    await writeFile(file, waveSav(def, records, { created: new Date('2026-12-01') }));
    const syntax = path.join(dir, 'check.sps');
    const out = path.join(dir, 'out.csv');
    await writeFile(
      syntax,
      [
        `GET FILE='${file}'.`,
        'DISPLAY DICTIONARY /VARIABLES=response_id team status bg.function bg.age gd.parallel.goal_clear tc.curious.now open.needs.',
        'LIST /VARIABLES=response_id team status bg.function bg.age gd.parallel.goal_clear tc.curious.now.',
        'LIST /VARIABLES=open.needs.',
        '',
      ].join('\n'),
    );
    const { stdout, stderr } = await run('pspp', ['-o', out, syntax]);
    // PSPP complains on stdout/stderr about anything it finds odd in a file.
    expect(`${stdout}${stderr}`).not.toMatch(/warning|error/i);
    const csv = await readFile(out, 'utf8');

    const variables = table(csv, 'Variables');
    const byName = new Map(variables.slice(1).map((r) => [r[0], r]));
    expect(byName.get('gd.parallel.goal_clear')).toEqual([
      'gd.parallel.goal_clear',
      expect.any(String),
      'Bij de start van het sociale wijkteam stond mij het doel helder voor ogen.',
      'Ordinal',
      'Input',
      '8',
      'Right',
      'F8.0',
      'F8.0',
      '-9; -8',
    ]);
    expect(byName.get('bg.age')?.[3]).toBe('Scale');
    expect(byName.get('bg.function')?.slice(3, 4)).toEqual(['Nominal']);
    expect(byName.get('open.needs')?.[7]).toBe('A1000');

    const labels = table(csv, 'Value Labels').map((r) => r.slice(1).join('='));
    expect(labels).toEqual(
      expect.arrayContaining([
        'medewerker=Medewerker sociaal wijkteam',
        '-9[a]=niet beantwoord',
        '-8[a]=niet gesteld',
        '0=Oneens',
        '4=Eens',
        '10=10 – uitmuntend',
      ]),
    );

    const list = table(csv, 'Data List');
    expect(list).toEqual([
      ['response_id', 'team', 'status', 'bg.function', 'bg.age', 'gd.parallel.goal_clear', 'tc.curious.now'],
      ['r1', 'Zwolle, Noord', 'complete', 'medewerker', '41', '3', '7'],
      ['r2', 'Elburg', 'partial', 'teamleider', String(NOT_ANSWERED), String(NOT_ASKED), String(NOT_ANSWERED)],
    ]);
    // The second LIST: the 1,000-byte answer whole, diacritics intact.
    const second = csv.slice(csv.lastIndexOf('Table: Data List'));
    const [, first, other] = parse(second.slice(second.indexOf('\n') + 1), { relax_column_count: true }) as string[][];
    expect(first![0]).toBe(long);
    expect(other![0]).toBe('=1+1');
  });

  it('our own reader gets every value back, labels and missing values included', () => {
    const back = readSav(waveSav(def, records));
    expect(back.characterCode).toBe(65001);
    expect(back.variables.map((v) => v.name)).toEqual([
      'response_id',
      'team',
      'status',
      ...Object.keys(
        def.blocks
          .flatMap((b) => b.items)
          .filter((i) => i.kind !== 'team')
          .reduce((o, i) => ({ ...o, [i.id]: 1 }), {}),
      ),
    ]);
    const at = (name: string) => back.variables.findIndex((v) => v.name === name);
    const open = back.variables[at('open.needs')]!;
    expect(open).toMatchObject({ type: 'string', width: 1000, measure: 'nominal' });
    expect(back.cases[0]![at('open.needs')]).toBe(long);
    expect(Buffer.byteLength(back.cases[0]![at('open.needs')] as string)).toBe(1000);
    expect(back.cases[1]![at('open.needs')]).toBe('=1+1');
    expect(back.variables[at('tc.curious.now')]).toMatchObject({
      type: 'numeric',
      measure: 'ordinal',
      missing: [NOT_ANSWERED, NOT_ASKED],
    });
    expect(back.variables[at('tc.curious.now')]!.valueLabels).toContainEqual({ value: 10, label: '10 – uitmuntend' });
    expect(back.variables[at('bg.gender')]!.valueLabels).toContainEqual({
      value: 'zeg_ik_liever_niet',
      label: expect.any(String),
    });
    expect(back.cases.map((c) => c.slice(0, 3))).toEqual([
      ['r1', 'Zwolle, Noord', 'complete'],
      ['r2', 'Elburg', 'partial'],
    ]);
    expect(back.cases[0]![at('bg.age')]).toBe(41);
    expect(back.cases[1]![at('gd.parallel.goal_clear')]).toBe(NOT_ASKED);
  });

  it('writes numbers that do not fit a byte, system-missing, and strings of every segment size', () => {
    const variables: TSavVariable[] = [
      { name: 'x', type: 'numeric', measure: 'scale' },
      { name: 'short', type: 'string', measure: 'nominal', valueLabels: [{ value: 'ab', label: 'A en B' }] },
      { name: 'long.text', type: 'string', measure: 'nominal' },
    ];
    const strings = [255, 256, 504, 505, 3000].map((n) => 'é'.repeat(Math.floor(n / 2)) + (n % 2 ? 'e' : ''));
    const cases = strings.map((s, i) => [i === 0 ? null : i * 1000.25 - 500, i % 2 ? 'ab' : '', s]);
    const back = readSav(writeSav(variables, cases));
    expect(back.cases).toEqual(cases.map(([x, a, s]) => [x, a, s]));
    expect(back.variables[1]!.valueLabels).toEqual([{ value: 'ab', label: 'A en B' }]);
  });
});
