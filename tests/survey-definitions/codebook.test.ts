/**
 * The generated codebook: every item present, conditions and lineage readable, and a
 * CSV that survives a round trip through a real CSV parser.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  allItems,
  codebookCsv,
  codebookMarkdown,
  getDefinition,
  parseDefinition,
  type TDefinition,
  type TDefinitionInput,
} from '../../survey-definitions/index.ts';
import { wijkteam2015 } from '../../survey-definitions/wijkteam-2015.ts';

function def(key: string): TDefinition {
  const d = getDefinition(key);
  if (!d) throw new Error(`missing ${key}`);
  return d;
}

const HEADER = [
  'item_id',
  'block',
  'wording',
  'kind',
  'scale',
  'values',
  'required',
  'condition',
  'constructs',
  'twin',
  'lineage',
  'lineage_from',
];

function parseCsv(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true, skip_empty_lines: true });
}

describe('codebookMarkdown', () => {
  const v2015 = def('wijkteam@2015');
  const v2016 = def('wijkteam@2016');
  const md2015 = codebookMarkdown(v2015);

  it('has a header naming the version, its predecessor and what it dropped', () => {
    expect(md2015).toMatch(/^# Codebook wijkteam@2015: Wijkteammeting 2015 \(nulmeting\)/);
    expect(md2015).toContain('**Vorige versie:** — (eerste versie)');
    const md2016 = codebookMarkdown(v2016);
    expect(md2016).toContain('**Vorige versie:** `wijkteam@2015`');
    expect(md2016).toContain('**Vervallen items:** geen');
  });

  it('lists every item and every block', () => {
    for (const item of allItems(v2015)) expect(md2015).toContain(`| \`${item.id}\` |`);
    for (const block of v2015.blocks) expect(md2015).toContain(`(\`${block.id}\`)`);
  });

  it('says in words when a block or an item is shown', () => {
    expect(md2015).toContain('Dit blok wordt alleen getoond als bg.function = medewerker (Medewerker sociaal wijkteam).');
    expect(codebookMarkdown(v2016)).toContain('alleen als ext.ggz.frequency > 0 (meer dan ‘Nooit’)');
    expect(codebookMarkdown(v2016, 'en')).toContain('only if ext.ggz.frequency > 0 (more than ‘Never’)');
  });

  it('gives the values with their labels', () => {
    expect(md2015).toContain('0=Oneens; 1=Deels oneens; 2=Niet oneens / niet eens; 3=Deels eens; 4=Eens');
    expect(md2015).toContain('medewerker=Medewerker sociaal wijkteam');
  });

  it('shows lineage, with the note of a reworded item', () => {
    const md2016 = codebookMarkdown(v2016);
    expect(md2016).toMatch(
      /\| `exp\.more_efficient` \|.*\| geherformuleerd \(wijkteam@2015\): Verwachting \(2015\) omgezet in ervaring/,
    );
    expect(md2016).toMatch(/\| `wns\.proactive` \|.*\| gelijk \(wijkteam@2015\) \|$/m);
    expect(md2016).toMatch(/\| `team\.safe` \|.*\| nieuw \|$/m);
  });

  it('explains each construct by its items or its gap formula', () => {
    expect(md2015).toContain(
      '| `baken.1` | 1. Gericht op de vraag achter de vraag | gemiddelde van `wns.citizen_question_central`, `wns.question_mapped_systematically` |',
    );
    expect(md2015).toContain(
      '| `tc.gap.curious` | Nieuwsgierig zijn | `tc.curious.target` − `tc.curious.now` (per respondent) |',
    );
  });

  it('speaks English when asked', () => {
    const en = codebookMarkdown(v2015, 'en');
    expect(en).toContain('District team survey 2015 (baseline)');
    expect(en).toContain('This block is only shown if bg.function = medewerker (Social district team member).');
    expect(en).toContain('I can ask a colleague for help.');
  });

  it('keeps a pipe in a text from breaking the table', () => {
    const input: TDefinitionInput = structuredClone(wijkteam2015);
    const item = input.blocks[2]?.items[0];
    if (!item) throw new Error('no item');
    item.text = { nl: 'Nooit | soms', en: 'Never | sometimes' };
    const md = codebookMarkdown(parseDefinition(input));
    expect(md).toContain('Nooit \\| soms');
  });
});

describe('codebookCsv', () => {
  it('has the agreed header and one row per item, in definition order', () => {
    for (const key of ['wijkteam@2015', 'wijkteam@2016']) {
      const d = def(key);
      const csv = codebookCsv(d);
      expect(csv.split('\r\n')[0]).toBe(HEADER.join(','));
      const rows = parseCsv(csv);
      expect(rows.map((r) => r.item_id)).toEqual(allItems(d).map((i) => i.id));
    }
  });

  it('quotes commas and keeps every cell intact through a parser', () => {
    const rows = parseCsv(codebookCsv(def('wijkteam@2016')));
    const row = rows.find((r) => r.item_id === 'wns.work_with_external_professionals');
    expect(row).toEqual({
      item_id: 'wns.work_with_external_professionals',
      block: 'wns',
      wording:
        'Ik werk samen met professionals van buiten het sociale wijkteam, indien de situatie integraal dient te worden opgepakt.',
      kind: 'likert',
      scale: 'frequency5',
      values: '0=Nooit; 1=Zelden; 2=Soms; 3=Vaak; 4=Altijd',
      required: 'ja',
      condition: '',
      constructs: 'baken.6',
      twin: '',
      lineage: 'same',
      lineage_from: 'wns.work_with_external_professionals',
    });
    expect(rows.find((r) => r.item_id === 'gd.inclusion.subgroups')).toMatchObject({
      condition: 'alleen als bg.function = medewerker (Medewerker sociaal wijkteam)',
      constructs: 'levine.inclusion; gd.total',
      twin: 'gd.inclusion.subgroups.importance',
    });
    expect(rows.find((r) => r.item_id === 'tc.curious.target')).toMatchObject({
      kind: 'grade',
      constructs: 'tc.target; tc.gap.curious',
      values: expect.stringMatching(/^0=0; 1=1 – zeer slecht; .*; 10=10 – uitmuntend$/),
    });
    expect(rows.find((r) => r.item_id === 'exp.more_efficient')).toMatchObject({
      lineage: 'reworded',
      lineage_from: 'exp.more_efficient',
    });
  });

  it('quotes double quotes and line breaks per RFC 4180', () => {
    const input: TDefinitionInput = structuredClone(wijkteam2015);
    const item = input.blocks[2]?.items[0];
    if (!item) throw new Error('no item');
    const wording = 'Ik zeg "ja", en\nik meen het.';
    item.text = { nl: wording, en: 'I say "yes".' };
    const csv = codebookCsv(parseDefinition(input));
    expect(csv).toContain('"Ik zeg ""ja"", en\nik meen het."');
    expect(parseCsv(csv).find((r) => r.item_id === item.id)?.wording).toBe(wording);
  });

  it('writes English texts and a byte-order mark when asked', () => {
    const csv = codebookCsv(def('wijkteam@2015'), { lang: 'en', bom: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows.find((r) => r.item_id === 'se.colleague_help')).toMatchObject({
      wording: 'I can ask a colleague for help.',
      required: 'yes',
      values: '0=Disagree; 1=Partly disagree; 2=Neither disagree nor agree; 3=Partly agree; 4=Agree',
    });
  });
});
