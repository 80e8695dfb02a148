/**
 * Broken definitions are refused with a message that names the definition, what is
 * wrong and where. Each test breaks a fresh copy of a real version in one place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentHash,
  DefinitionError,
  loadDefinitions,
  parseDefinition,
  validateLineage,
  type TDefinitionInput,
  type TItemInput,
} from '../../survey-definitions/index.ts';
import { wijkteam2015 } from '../../survey-definitions/wijkteam-2015.ts';
import { wijkteam2016 } from '../../survey-definitions/wijkteam-2016.ts';

/** A deep copy to break; the originals are shared with every other test. */
function copy(def: TDefinitionInput = wijkteam2015): TDefinitionInput {
  return structuredClone(def);
}

function findItem(def: TDefinitionInput, id: string): TItemInput {
  for (const block of def.blocks) {
    const found = block.items.find((i) => i.id === id);
    if (found) return found;
  }
  throw new Error(`no item ${id}`);
}

/** The error `parse` throws, which must be a DefinitionError. */
function errorOf(parse: () => unknown): DefinitionError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return error as DefinitionError;
  }
  throw new Error('expected a DefinitionError, but the definition was accepted');
}

describe('parseDefinition', () => {
  it('accepts both wijkteam versions', () => {
    expect(parseDefinition(wijkteam2015).version).toBe('2015');
    expect(parseDefinition(wijkteam2016).version).toBe('2016');
  });

  it('rejects a duplicate item id, across blocks', () => {
    const def = copy();
    const open = def.blocks.at(-1);
    if (!open) throw new Error('no blocks');
    open.items.push({ ...findItem(def, 'wns.proactive') });
    const error = errorOf(() => parseDefinition(def));
    expect(error.message).toContain('wijkteam@2015');
    expect(error.message).toContain('item "wns.proactive": id is used by more than one item');
  });

  it('rejects an unknown scale', () => {
    const def = copy();
    Object.assign(findItem(def, 'wns.proactive'), { scale: 'frequency7' });
    expect(errorOf(() => parseDefinition(def)).message).toBe(
      'wijkteam@2015: item "wns.proactive": scale "frequency7" does not exist',
    );
  });

  it('rejects a condition on an item asked later', () => {
    const def = copy();
    findItem(def, 'bg.function').condition = { op: 'gt', item: 'bg.age', value: 30 };
    expect(errorOf(() => parseDefinition(def)).message).toBe(
      'wijkteam@2015: item "bg.function": condition refers to "bg.age", which is not asked before it',
    );
  });

  it('rejects a condition on the item itself', () => {
    const def = copy(wijkteam2016);
    findItem(def, 'ext.ggz.grade').condition = { op: 'gt', item: 'ext.ggz.grade', value: 0 };
    expect(errorOf(() => parseDefinition(def)).message).toBe(
      'wijkteam@2016: item "ext.ggz.grade": condition refers to "ext.ggz.grade", which is not asked before it',
    );
  });

  it('rejects a block condition on an item of the same block', () => {
    const def = copy();
    const gd = def.blocks.find((b) => b.id === 'gd');
    if (!gd) throw new Error('no gd');
    gd.condition = { op: 'eq', item: 'gd.parallel.goal_clear', value: 4 };
    expect(errorOf(() => parseDefinition(def)).message).toContain(
      'block "gd": condition refers to "gd.parallel.goal_clear", which is not asked in an earlier block',
    );
  });

  it('rejects a condition value the item cannot have', () => {
    const def = copy();
    const gd = def.blocks.find((b) => b.id === 'gd');
    if (!gd) throw new Error('no gd');
    gd.condition = { op: 'eq', item: 'bg.function', value: 'directeur' };
    expect(errorOf(() => parseDefinition(def)).message).toContain(
      'block "gd": condition compares "bg.function" with "directeur", which is not one of its options',
    );

    const def2016 = copy(wijkteam2016);
    findItem(def2016, 'ext.ggz.grade').condition = { op: 'gt', item: 'ext.ggz.frequency', value: 4 };
    expect(errorOf(() => parseDefinition(def2016)).message).toContain('so it can never be true');
  });

  it('rejects a scale value without a label, and a label outside the scale', () => {
    const def = copy();
    const agree = def.scales.find((s) => s.id === 'agree5');
    if (!agree) throw new Error('no agree5');
    agree.values = agree.values.filter((v) => v.value !== 2);
    expect(errorOf(() => parseDefinition(def)).message).toBe('wijkteam@2015: scale "agree5": value 2 has no label');

    const extra = copy();
    extra.scales[0]?.values.push({ value: 5, label: { nl: 'Heel erg eens', en: 'Very much agree' } });
    expect(errorOf(() => parseDefinition(extra)).message).toContain('value 5 is labelled but outside 0..4');
  });

  it('rejects a twin that does not point back', () => {
    const def = copy();
    findItem(def, 'gd.parallel.goal_clear.importance').twin = { item: 'gd.parallel.room_to_meet', role: 'importance' };
    const message = errorOf(() => parseDefinition(def)).message;
    expect(message).toContain(
      'item "gd.parallel.goal_clear": twin "gd.parallel.goal_clear.importance" does not name "gd.parallel.goal_clear" as its twin',
    );
    expect(message).toContain('item "gd.parallel.goal_clear.importance": twin "gd.parallel.room_to_meet" does not name');
  });

  it('rejects a twin that does not exist', () => {
    const def = copy();
    findItem(def, 'tc.curious.now').twin = { item: 'tc.curious.goal', role: 'now' };
    expect(errorOf(() => parseDefinition(def)).message).toContain('item "tc.curious.now": twin "tc.curious.goal" does not exist');
  });

  it('rejects an unknown construct', () => {
    const def = copy();
    findItem(def, 'wns.proactive').constructs = ['baken.9'];
    expect(errorOf(() => parseDefinition(def)).message).toContain('item "wns.proactive": construct "baken.9" does not exist');
  });

  it('rejects an item listed in a gap construct as if it were a mean', () => {
    const def = copy();
    findItem(def, 'tc.curious.now').constructs = ['tc.now', 'tc.gap.curious'];
    expect(errorOf(() => parseDefinition(def)).message).toContain(
      'item "tc.curious.now": construct "tc.gap.curious" is a gap construct',
    );
  });

  it('rejects a mean construct without items', () => {
    const def = copy();
    findItem(def, 'wns.open_to_citizen_ideas').constructs = ['baken.1'];
    expect(errorOf(() => parseDefinition(def)).message).toBe('wijkteam@2015: construct "baken.2": no item counts in it');
  });

  it('rejects a gap whose items are on different scales', () => {
    const def = copy();
    def.constructs?.push({
      kind: 'gap',
      id: 'tc.gap.odd',
      group: 'tc_gap',
      label: { nl: 'Scheef', en: 'Odd' },
      now: 'wns.proactive',
      target: 'tc.curious.target',
    });
    def.constructGroups?.find((g) => g.id === 'tc_gap')?.constructs.push('tc.gap.odd');
    expect(errorOf(() => parseDefinition(def)).message).toContain(
      'construct "tc.gap.odd": now "wns.proactive" and target "tc.curious.target" are on different scales',
    );
  });

  it('rejects a construct group naming an unknown construct', () => {
    const def = copy();
    def.constructGroups?.find((g) => g.id === 'baken')?.constructs.push('baken.9');
    expect(errorOf(() => parseDefinition(def)).message).toContain('construct group "baken": construct "baken.9" does not exist');
  });

  it('rejects a missing English text when the definition offers English', () => {
    const def = copy();
    findItem(def, 'wns.proactive').text = { nl: 'Ik heb een pro-actieve werkwijze.' };
    expect(errorOf(() => parseDefinition(def)).message).toContain('item "wns.proactive": has no English text');
  });

  it('names the item in a shape error', () => {
    const def = copy();
    Object.assign(findItem(def, 'bg.age'), { min: 'zestien' });
    expect(errorOf(() => parseDefinition(def)).message).toMatch(/^wijkteam@2015: item "bg\.age": min: /);
  });

  it('reports every problem at once', () => {
    const def = copy();
    findItem(def, 'wns.proactive').constructs = ['baken.9'];
    Object.assign(findItem(def, 'wns.goal_realistic'), { scale: 'nope' });
    const error = errorOf(() => parseDefinition(def));
    expect(error.problems.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^wijkteam@2015: \d+ problems\n/);
  });

  it('rejects a lineage other than new in a first version', () => {
    const def = copy();
    findItem(def, 'wns.proactive').lineage = { kind: 'same', from: 'wns.proactive' };
    expect(errorOf(() => parseDefinition(def)).message).toContain(
      'item "wns.proactive": lineage "same" but the definition has no previous version',
    );
  });
});

describe('validateLineage', () => {
  const v2015 = parseDefinition(wijkteam2015);

  function check(def: TDefinitionInput): void {
    validateLineage(parseDefinition(def), v2015);
  }

  it('accepts 2016 as a continuation of 2015', () => {
    expect(() => check(wijkteam2016)).not.toThrow();
  });

  it('rejects "same" with changed wording', () => {
    const def = copy(wijkteam2016);
    findItem(def, 'wns.proactive').text = { nl: 'Ik werk pro-actief.', en: 'I work proactively.' };
    expect(errorOf(() => check(def)).message).toContain(
      'item "wns.proactive": lineage "same" but its wording differs from "wns.proactive" in wijkteam@2015; declare it reworded',
    );
  });

  it('rejects "same" on another scale', () => {
    const def = copy(wijkteam2016);
    Object.assign(findItem(def, 'exp.cost_aware'), { scale: 'agree5_strong' });
    expect(errorOf(() => check(def)).message).toContain('item "exp.cost_aware": continues "exp.cost_aware" but its scale');
  });

  it('rejects "reworded" with unchanged wording', () => {
    const def = copy(wijkteam2016);
    findItem(def, 'exp.cost_aware').lineage = { kind: 'reworded', from: 'exp.cost_aware' };
    expect(errorOf(() => check(def)).message).toContain('item "exp.cost_aware": lineage "reworded" but its wording is that of');
  });

  it('rejects a lineage from an item the previous version does not have', () => {
    const def = copy(wijkteam2016);
    findItem(def, 'team.safe').lineage = { kind: 'reworded', from: 'team.veilig' };
    expect(errorOf(() => check(def)).message).toContain(
      'item "team.safe": lineage "reworded" from "team.veilig", which wijkteam@2015 does not have',
    );
  });

  it('rejects a previous item that is neither continued nor dropped', () => {
    const def = copy(wijkteam2016);
    for (const block of def.blocks) block.items = block.items.filter((i) => i.id !== 'org.faster_decisions');
    expect(errorOf(() => check(def)).message).toBe(
      'wijkteam@2016: item "org.faster_decisions": of wijkteam@2015 is neither continued by an item nor listed in "dropped"',
    );
    def.dropped = ['org.faster_decisions'];
    expect(() => check(def)).not.toThrow();
  });

  it('rejects a dropped item that is still continued, or that never existed', () => {
    const def = copy(wijkteam2016);
    def.dropped = ['org.rules_needed', 'org.unheard_of'];
    const message = errorOf(() => check(def)).message;
    expect(message).toContain('item "org.rules_needed": continues "org.rules_needed", which is also listed as dropped');
    expect(message).toContain('item "org.unheard_of": is listed as dropped, but wijkteam@2015 has no such item');
  });

  it('rejects a "new" item that reuses an id of the previous version', () => {
    const def = copy(wijkteam2016);
    findItem(def, 'open.needs').lineage = { kind: 'new' };
    expect(errorOf(() => check(def)).message).toContain(
      'item "open.needs": is marked new, but wijkteam@2015 has an item with this id',
    );
  });
});

describe('loadDefinitions', () => {
  it('loads the versions and checks lineage against the previous one', () => {
    expect(loadDefinitions([wijkteam2015, wijkteam2016])).toHaveLength(2);
  });

  it('refuses a version whose previous version is missing', () => {
    expect(errorOf(() => loadDefinitions([wijkteam2016])).message).toBe(
      'wijkteam@2016: previous version "wijkteam@2015" is not among the definitions',
    );
  });

  it('refuses the same version twice', () => {
    expect(errorOf(() => loadDefinitions([wijkteam2015, wijkteam2015])).message).toBe('wijkteam@2015: defined twice');
  });
});

describe('contentHash', () => {
  const def = parseDefinition(wijkteam2015);

  it('does not depend on key order (a jsonb round trip reorders keys)', () => {
    const shuffle = (value: unknown, rnd: () => number): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffle(v, rnd));
      if (typeof value === 'object' && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, shuffle(v, rnd)] as const);
        entries.sort(() => rnd() - 0.5);
        return Object.fromEntries(entries);
      }
      return value;
    };
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), Math.abs(s) / 2 ** 31);
        expect(contentHash(shuffle(def, rnd) as typeof def)).toBe(contentHash(def));
      }),
      { numRuns: 20 },
    );
    expect(contentHash(JSON.parse(JSON.stringify(def)) as typeof def)).toBe(contentHash(def));
  });

  it('changes when a text changes', () => {
    const changed = copy();
    findItem(changed, 'wns.proactive').text = { nl: 'Ik werk pro-actief.', en: 'I work proactively.' };
    expect(contentHash(parseDefinition(changed))).not.toBe(contentHash(def));
    expect(contentHash(def)).toMatch(/^[0-9a-f]{64}$/);
  });
});
