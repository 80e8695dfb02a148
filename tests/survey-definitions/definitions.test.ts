/**
 * The two wijkteam versions against the instrument codebook. The
 * expected tables below are typed from the codebook, not derived from the definitions,
 * so a slip in a definition (a wrong beacon, a missing twin) fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  allItems,
  blockOf,
  contentHash,
  definitionKey,
  definitions,
  getDefinition,
  isItemShown,
  isShown,
  itemById,
  itemsOfConstruct,
  normalise,
  scaledItems,
  scaleOf,
  type TCondition,
  type TDefinition,
  type TItem,
} from '../../survey-definitions/index.ts';

type Row = readonly [id: string, scale: string | null, constructs: readonly string[]];

// --- The codebook, by hand ----------------------------------------------------------

const background: Row[] = [
  ['bg.team', null, []],
  ['bg.function', null, []],
  ['bg.gender', null, []],
  ['bg.age', null, []],
  ['bg.experience', null, []],
  ['bg.organisation', null, []],
];

/** Now-items of block GD and their construct; each has an `.importance` twin (codebook rule). */
const gdNow: [string, string][] = [
  ['gd.parallel.goal_clear', 'levine.parallel'],
  ['gd.parallel.room_to_meet', 'levine.parallel'],
  ['gd.authority.own_ideas', 'levine.authority'],
  ['gd.authority.address_behaviour', 'levine.authority'],
  ['gd.inclusion.subgroups', 'levine.inclusion'],
  ['gd.intimacy.safe_to_share', 'levine.intimacy'],
  ['gd.intimacy.disagreements_voiced', 'levine.intimacy'],
  ['gd.mutuality.collaboration_natural', 'levine.mutuality'],
  ['se.colleague_help', 'gd.self_efficacy'],
  ['se.colleague_advice', 'gd.self_efficacy'],
  ['se.teamleader_advice', 'gd.self_efficacy'],
  ['se.teamleader_problems', 'gd.self_efficacy'],
];
const gd: Row[] = gdNow.flatMap(([id, c]): Row[] => [
  [id, 'agree5', [c, 'gd.total']],
  [`${id}.importance`, 'agree5', [`${c}.importance`, 'gd.total.importance']],
]);

/** Tabel 10 of the 2015 report's appendix. */
const wnsBaken: [string, number][] = [
  ['wns.citizen_question_central', 1],
  ['wns.goal_agreed_citizen', 6],
  ['wns.open_to_citizen_ideas', 2],
  ['wns.work_with_external_professionals', 6],
  ['wns.room_for_own_ideas', 8],
  ['wns.proactive', 3],
  ['wns.control_with_citizen_light', 3],
  ['wns.goal_realistic', 7],
  ['wns.question_mapped_systematically', 1],
  ['wns.family_network_light', 6],
  ['wns.family_network_heavy', 6],
  ['wns.knows_social_map', 5],
  ['wns.effective_methods', 7],
  ['wns.contact_external_on_new_question', 6],
  ['wns.innovative_methods', 4],
  ['wns.supports_informal_network', 5],
  ['wns.control_with_citizen_heavy', 3],
  ['wns.neighbourhood_network_light', 3],
  ['wns.goal_agreed_family', 6],
  ['wns.neighbourhood_network_heavy', 3],
  ['wns.goal_agreed_neighbourhood', 6],
  ['wns.knows_citizen_talents', 3],
];
const wns: Row[] = wnsBaken.map(([id, n]) => [id, 'frequency5', [`baken.${n}`]]);

const competences = [
  'curious',
  'open_questions',
  'analysing',
  'reflective',
  'integral_thinking',
  'inquiring',
  'creativity',
  'persuasion',
  'networking',
  'patterns',
  'innovative',
  'results_insight',
  'mobilising',
  'entrepreneurship',
];
const tc: Row[] = competences.flatMap((c): Row[] => [
  [`tc.${c}.now`, 'grade10', ['tc.now']],
  [`tc.${c}.target`, 'grade10', ['tc.target']],
]);

const expIds = [
  'exp.more_efficient',
  'exp.citizens_satisfied',
  'exp.feel_comfortable',
  'exp.let_go_frame',
  'exp.new_knowledge_important',
  'exp.new_skills_important',
  'exp.enough_knowledge',
  'exp.enough_skills',
  'exp.volunteer_skills_lacking',
  'exp.volunteer_time_important',
  'exp.volunteers_take_over',
  'exp.advocacy_room',
  'exp.teach_citizens_advocacy',
  'exp.generalist_more',
  'exp.task_impoverishment',
  'exp.cost_aware',
  'exp.action_learning_active',
  'exp.action_learning_helps',
];
const orgIds = [
  'org.adopting_rules',
  'org.rules_needed',
  'org.registration_less_time',
  'org.frameworks_clearer',
  'org.task_boundaries_clearer',
  'org.authority_clearer',
  'org.faster_decisions',
  'org.better_fit_citizen',
];
const exp: Row[] = expIds.map((id) => [id, 'agree5', []]);
const org: Row[] = orgIds.map((id) => [id, 'agree5_strong', []]);
const open: Row[] = [['open.needs', null, []]];

const new2016: Row[] = [
  'team.safe',
  'team.goal_clear',
  'team.collaboration_must_improve',
  'team.problem_solving',
  'fb.relations_allow_collaboration',
  'fb.question_ways_of_working',
  'fb.opinions_voiced',
  'fb.hallway_feedback',
  'fb.planned_moments',
  'q.team_handles_all_questions',
  'q.own_knowledge_ok',
  'q.team_knowledge_ok',
  'q.team_competences_ok',
  'gen.generalist_more_often',
].map((id): Row => [id, 'agree5', []]);

const providerCategories = [
  'maatschappelijke_ondersteuning',
  'huishoudelijke_hulp',
  'individuele_begeleiding',
  'participatie',
  'ggz',
  'verslavingszorg',
  'jeugdbescherming_jeugdzorg',
  'vrijgevestigden',
  'overig',
];
const ext: Row[] = providerCategories.flatMap((c): Row[] => [
  [`ext.${c}.frequency`, 'intensity5', []],
  [`ext.${c}.grade`, 'grade10', []],
]);

const expected2015: Row[] = [...background, ...gd, ...wns, ...tc, ...exp, ...org, ...open];
const expected2016: Row[] = [...expected2015, ...new2016, ...ext];

/** Content hashes of the published versions (see the test that uses them). */
const PUBLISHED: Readonly<Record<string, string>> = {
  'wijkteam@2015': '8db27b1c01d6e87e3f1530a6ca4a70ff14466fb02ca4152feb771bac922377a7',
  'wijkteam@2016': '5e1a0efe270d5a7a246c644fc26f544d1fc9b7072af1d61a0e9cc42396f7eac2',
};

// --- Helpers -------------------------------------------------------------------------

function def(key: string): TDefinition {
  const d = getDefinition(key);
  if (!d) throw new Error(`missing ${key}`);
  return d;
}
const v2015 = def('wijkteam@2015');
const v2016 = def('wijkteam@2016');

function item(d: TDefinition, id: string): TItem {
  const i = itemById(d).get(id);
  if (!i) throw new Error(`missing ${id}`);
  return i;
}

function scaleIdOf(i: TItem): string | null {
  return i.kind === 'likert' || i.kind === 'grade' ? i.scale : null;
}

// --- Tests ---------------------------------------------------------------------------

describe.each([
  ['wijkteam@2015', expected2015],
  ['wijkteam@2016', expected2016],
] as const)('%s against the codebook', (key, expected) => {
  const d = def(key);

  it('asks exactly the codebook items, each once', () => {
    const ids = allItems(d).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.map(([id]) => id).sort());
  });

  it.each(expected.map((row) => [row[0], row] as const))('%s has its scale and constructs', (id, [, scale, constructs]) => {
    const i = item(d, id);
    expect(scaleIdOf(i)).toBe(scale);
    expect([...i.constructs].sort()).toEqual([...constructs].sort());
  });

  it('has a translation for every text a respondent reads', () => {
    for (const i of allItems(d)) {
      expect(i.text.en, i.id).toBeTruthy();
      if (i.kind === 'single_choice') for (const o of i.options) expect(o.label.en, `${i.id} ${o.value}`).toBeTruthy();
    }
    for (const b of d.blocks) {
      expect(b.intro.nl.length, b.id).toBeGreaterThan(20);
      expect(b.intro.en, b.id).toBeTruthy();
    }
  });

  it('asks the background first, so conditions can refer to the function', () => {
    expect(d.blocks[0]?.items.map((i) => i.id)).toEqual(background.map(([id]) => id));
    expect(d.blocks.at(-1)?.items.map((i) => i.id)).toEqual(['open.needs']);
  });

  it('shows block GD to staff members only', () => {
    const gdBlock = blockOf(d, 'gd.parallel.goal_clear');
    expect(gdBlock?.condition).toEqual({ op: 'eq', item: 'bg.function', value: 'medewerker' });
    for (const [id] of gd) expect(blockOf(d, id)).toBe(gdBlock);
  });

  it('pairs every GD statement with its importance twin, and every competence with its target', () => {
    for (const [id] of gdNow) {
      expect(item(d, id).twin).toEqual({ item: `${id}.importance`, role: 'now' });
      expect(item(d, `${id}.importance`).twin).toEqual({ item: id, role: 'importance' });
    }
    for (const c of competences) {
      const now = item(d, `tc.${c}.now`);
      expect(now.kind).toBe('grade');
      expect(now.twin).toEqual({ item: `tc.${c}.target`, role: 'now' });
      expect(item(d, `tc.${c}.target`).twin).toEqual({ item: `tc.${c}.now`, role: 'target' });
    }
  });

  it('has the report tables as construct groups, in report order', () => {
    expect(d.constructGroups.map((g) => g.id)).toEqual(['levine', 'gd', 'gd_importance', 'baken', 'tc', 'tc_gap']);
    const group = (id: string) => d.constructGroups.find((g) => g.id === id)?.constructs;
    expect(group('levine')).toEqual([
      'levine.parallel',
      'levine.authority',
      'levine.inclusion',
      'levine.intimacy',
      'levine.mutuality',
    ]);
    expect(group('gd')).toEqual(['gd.self_efficacy', 'gd.total']);
    expect(group('gd_importance')).toEqual([
      'levine.parallel.importance',
      'levine.authority.importance',
      'levine.inclusion.importance',
      'levine.intimacy.importance',
      'levine.mutuality.importance',
      'gd.self_efficacy.importance',
      'gd.total.importance',
    ]);
    expect(group('baken')).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `baken.${n}`));
    expect(group('tc')).toEqual(['tc.now', 'tc.target']);
    expect(group('tc_gap')).toEqual(competences.map((c) => `tc.gap.${c}`));
  });

  it('labels the phases and beacons with their Dutch names', () => {
    const label = (id: string) => d.constructs.find((c) => c.id === id)?.label.nl;
    expect(
      ['parallel', 'authority', 'inclusion', 'intimacy', 'mutuality'].map((p) => label(`levine.${p}`)?.toLowerCase()),
    ).toEqual(['parallelfase', 'autoriteitsfase', 'opnemingsfase', 'intimiteitsfase', 'wederkerigheidsfase']);
    expect(label('baken.1')).toContain('Gericht op de vraag achter de vraag');
    expect(label('baken.3')).toContain('Direct er op af');
    expect(label('baken.4')).toContain('Formeel en informeel in optimale verhouding');
    expect(label('baken.8')).toContain('Gebaseerd op ruimte voor de professional');
  });

  it('computes each competence gap as target − now on one scale', () => {
    for (const c of competences) {
      const gap = d.constructs.find((x) => x.id === `tc.gap.${c}`);
      expect(gap).toMatchObject({ kind: 'gap', now: `tc.${c}.now`, target: `tc.${c}.target`, group: 'tc_gap' });
      expect(itemsOfConstruct(d, `tc.gap.${c}`).map((i) => i.id)).toEqual([`tc.${c}.now`, `tc.${c}.target`]);
    }
  });

  it('counts all twelve now-statements in gd.total (not the phase scores)', () => {
    expect(itemsOfConstruct(d, 'gd.total').map((i) => i.id)).toEqual(gdNow.map(([id]) => id));
    expect(itemsOfConstruct(d, 'gd.total.importance')).toHaveLength(12);
  });

  it('marks unfavourable statements as reverse-keyed (display only)', () => {
    const reverse = allItems(d)
      .filter((i) => i.reverseKeyed)
      .map((i) => i.id)
      .sort();
    const expectedReverse = ['exp.task_impoverishment', 'exp.volunteer_skills_lacking', 'gd.inclusion.subgroups'];
    if (key === 'wijkteam@2016') expectedReverse.push('team.collaboration_must_improve');
    expect(reverse).toEqual(expectedReverse.sort());
  });

  it('requires team, function and scaled answers; background details and the open question are optional', () => {
    const required = (id: string) => item(d, id).required;
    expect(required('bg.team')).toBe(true);
    expect(required('bg.function')).toBe(true);
    for (const id of ['bg.gender', 'bg.age', 'bg.experience', 'bg.organisation', 'open.needs'])
      expect(required(id), id).toBe(false);
    for (const i of scaledItems(d)) expect(i.required, i.id).toBe(true);
    const openNeeds = item(d, 'open.needs');
    expect(openNeeds.kind === 'text' && openNeeds.maxLength).toBe(2000);
  });

  it('gives every scale value a label', () => {
    for (const s of d.scales) {
      expect(
        s.values.map((v) => v.value),
        s.id,
      ).toEqual(Array.from({ length: s.max - s.min + 1 }, (_, k) => s.min + k));
    }
    const grade = d.scales.find((s) => s.id === 'grade10');
    expect(grade).toMatchObject({ min: 0, max: 10, presentation: 'grade' });
  });
});

describe('wijkteam@2016', () => {
  it('asks each provider grade only after a collaboration frequency above "never"', () => {
    for (const c of providerCategories) {
      const grade = item(v2016, `ext.${c}.grade`);
      expect(grade.kind).toBe('grade');
      expect(grade.condition).toEqual({ op: 'gt', item: `ext.${c}.frequency`, value: 0 });
      const ids = allItems(v2016).map((i) => i.id);
      expect(ids.indexOf(`ext.${c}.frequency`)).toBe(ids.indexOf(`ext.${c}.grade`) - 1);
    }
  });

  it('continues every 2015 item, and every lineage resolves in 2015', () => {
    expect(v2016.previous).toBe('wijkteam@2015');
    expect(v2016.dropped).toEqual([]);
    const ids2015 = new Set(allItems(v2015).map((i) => i.id));
    const continued = new Set<string>();
    for (const i of allItems(v2016)) {
      if (i.lineage.kind === 'new') {
        expect(ids2015.has(i.id), i.id).toBe(false);
        continue;
      }
      expect(ids2015.has(i.lineage.from), i.id).toBe(true);
      continued.add(i.lineage.from);
    }
    expect([...continued].sort()).toEqual([...ids2015].sort());
  });

  it('repeats background, GD, WNS, TC and the open question unchanged', () => {
    for (const [id] of [...background, ...gd, ...wns, ...tc, ...open]) {
      expect(item(v2016, id).lineage, id).toEqual({ kind: 'same', from: id });
      expect(item(v2016, id).text).toEqual(item(v2015, id).text);
    }
  });

  it('asks the 2015 expectations as experiences', () => {
    for (const id of [...expIds, ...orgIds]) {
      const before = item(v2015, id);
      const now = item(v2016, id);
      if (before.text.nl.startsWith('Ik verwacht')) {
        expect(now.lineage, id).toMatchObject({ kind: 'reworded', from: id });
        expect(now.text.nl, id).toMatch(/^Ik merk dat /);
      } else {
        // Not an expectation in 2015: asked unchanged, so comparable without a caveat.
        expect(now.lineage, id).toEqual({ kind: 'same', from: id });
        expect(now.text).toEqual(before.text);
      }
    }
  });

  it('marks the items that 2016 adds as new', () => {
    for (const [id] of [...new2016, ...ext]) expect(item(v2016, id).lineage, id).toEqual({ kind: 'new' });
  });
});

describe('wijkteam@2015', () => {
  it('is the first version: everything new, nothing dropped', () => {
    expect(v2015.previous).toBeUndefined();
    expect(v2015.dropped).toEqual([]);
    for (const i of allItems(v2015)) expect(i.lineage).toEqual({ kind: 'new' });
  });
});

describe('the list of definitions', () => {
  it('holds both versions, oldest first, by key', () => {
    expect(definitions.map(definitionKey)).toEqual(['wijkteam@2015', 'wijkteam@2016']);
    expect(getDefinition('wijkteam@2016')).toBe(v2016);
    expect(getDefinition('wijkteam@2099')).toBeUndefined();
  });

  it('is frozen, so no caller can change a published version in memory', () => {
    expect(Object.isFrozen(v2015)).toBe(true);
    expect(() => {
      (v2015.blocks as unknown[]).push({});
    }).toThrow(TypeError);
  });

  /**
   * Both versions are published (fielded in 2015 and 2016). A change to any text, scale
   * or construct they use changes these hashes; that change belongs in a new version.
   * Update a hash only for a version that has never been published.
   */
  it('keeps the published versions unchanged', () => {
    for (const d of [v2015, v2016]) {
      const key = definitionKey(d);
      expect(contentHash(d), `${key} changed after publication; put the change in a new version`).toBe(PUBLISHED[key]);
    }
  });
});

describe('reading helpers', () => {
  it('lists scaled items only, in definition order', () => {
    const scaled = scaledItems(v2015);
    expect(scaled.every((i) => i.kind === 'likert' || i.kind === 'grade')).toBe(true);
    expect(scaled).toHaveLength(gd.length + wns.length + tc.length + exp.length + org.length);
    expect(scaled[0]?.id).toBe('gd.parallel.goal_clear');
  });

  it('finds the scale of an item', () => {
    const i = item(v2015, 'wns.proactive');
    expect(scaleOf(v2015, i)?.id).toBe('frequency5');
    expect(scaleOf(v2015, item(v2015, 'bg.age'))).toBeUndefined();
  });

  it('finds the items of a beacon from the definition', () => {
    expect(itemsOfConstruct(v2015, 'baken.1').map((i) => i.id)).toEqual([
      'wns.citizen_question_central',
      'wns.question_mapped_systematically',
    ]);
    expect(itemsOfConstruct(v2015, 'baken.99')).toEqual([]);
  });

  it('normalises to 0–1 as (value − min) / (max − min)', () => {
    const agree = v2015.scales.find((s) => s.id === 'agree5');
    const grade = v2015.scales.find((s) => s.id === 'grade10');
    if (!agree || !grade) throw new Error('scales missing');
    expect(normalise(agree, 0)).toBe(0);
    expect(normalise(agree, 3)).toBe(0.75);
    expect(normalise(grade, 7.3)).toBeCloseTo(0.73);
    expect(normalise({ id: 'x', min: 1, max: 5 }, 2)).toBe(0.25);
    expect(() => normalise(agree, 5)).toThrow(/outside/);
  });
});

describe('isShown', () => {
  const eq: TCondition = { op: 'eq', item: 'bg.function', value: 'medewerker' };
  const gt: TCondition = { op: 'gt', item: 'ext.ggz.frequency', value: 0 };
  const inn: TCondition = { op: 'in', item: 'bg.function', values: ['medewerker', 'teamleider'] };

  it('shows an item without a condition', () => {
    expect(isShown(undefined, {})).toBe(true);
  });

  it('compares eq with the answer', () => {
    expect(isShown(eq, { 'bg.function': 'medewerker' })).toBe(true);
    expect(isShown(eq, { 'bg.function': 'teamleider' })).toBe(false);
  });

  it('hides while the referenced item is unanswered', () => {
    expect(isShown(eq, {})).toBe(false);
    expect(isShown(eq, { 'bg.function': undefined })).toBe(false);
    expect(isShown(gt, {})).toBe(false);
    expect(isShown(gt, { 'ext.ggz.frequency': '' })).toBe(false);
    expect(isShown(inn, {})).toBe(false);
  });

  it('compares gt by number, also for numbers that arrive as strings', () => {
    expect(isShown(gt, { 'ext.ggz.frequency': 0 })).toBe(false);
    expect(isShown(gt, { 'ext.ggz.frequency': 1 })).toBe(true);
    expect(isShown(gt, { 'ext.ggz.frequency': '3' })).toBe(true);
    expect(isShown(gt, { 'ext.ggz.frequency': '0' })).toBe(false);
    expect(isShown(gt, { 'ext.ggz.frequency': 'veel' })).toBe(false);
  });

  it('compares numeric eq by value', () => {
    const numeric: TCondition = { op: 'eq', item: 'x', value: 2 };
    expect(isShown(numeric, { x: 2 })).toBe(true);
    expect(isShown(numeric, { x: '2' })).toBe(true);
    expect(isShown(numeric, { x: 3 })).toBe(false);
  });

  it('accepts any of the values of in', () => {
    expect(isShown(inn, { 'bg.function': 'teamleider' })).toBe(true);
    expect(isShown(inn, { 'bg.function': 'overig' })).toBe(false);
  });

  it('combines the block condition with the item condition', () => {
    const gdItem = item(v2016, 'gd.parallel.goal_clear');
    expect(isItemShown(v2016, gdItem, { 'bg.function': 'medewerker' })).toBe(true);
    expect(isItemShown(v2016, gdItem, { 'bg.function': 'teamleider' })).toBe(false);
    const grade = item(v2016, 'ext.ggz.grade');
    expect(isItemShown(v2016, grade, { 'ext.ggz.frequency': 0 })).toBe(false);
    expect(isItemShown(v2016, grade, { 'ext.ggz.frequency': 2 })).toBe(true);
  });
});
