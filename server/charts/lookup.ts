/**
 * Reading the analysis report and its definition the way chart kinds need it: figures
 * by id, labels from the definition, a team's N. Nothing here computes a figure.
 */
import type { TConstructReport, TReport, TScaledItemReport, TTeamMeta } from '../../analysis/index.ts';
import {
  allItems,
  type TConstruct,
  type TConstructGroup,
  type TDefinition,
  type TItem,
  type TLanguage,
  type TScale,
} from '../../survey-definitions/index.ts';
import { t, tr } from './text.ts';
import type { TChartInput, TChartNotice } from './types.ts';

export interface TLookup {
  constructs: Map<string, TConstructReport>;
  items: Map<string, TScaledItemReport>;
  defItems: Map<string, TItem>;
  defConstructs: Map<string, TConstruct>;
  groups: Map<string, TConstructGroup>;
  scales: Map<string, TScale>;
  teams: Map<string, TTeamMeta>;
}

const cache = new WeakMap<TReport, TLookup>();

export function lookup(input: TChartInput): TLookup {
  const hit = cache.get(input.report);
  if (hit) return hit;
  const { report, definition } = input;
  const made: TLookup = {
    constructs: new Map(report.constructs.map((c) => [c.id, c])),
    items: new Map(report.items.map((i) => [i.id, i])),
    defItems: new Map(allItems(definition).map((i) => [i.id, i])),
    defConstructs: new Map(definition.constructs.map((c) => [c.id, c])),
    groups: new Map(definition.constructGroups.map((g) => [g.id, g])),
    scales: new Map(definition.scales.map((s) => [s.id, s])),
    teams: new Map(report.meta.teams.map((m) => [m.team, m])),
  };
  cache.set(report, made);
  return made;
}

export function constructLabel(input: TChartInput, id: string): string {
  const c = lookup(input).defConstructs.get(id);
  return c ? tr(c.label, input.lang) : id;
}

export function itemText(input: TChartInput, id: string): string {
  const item = lookup(input).defItems.get(id);
  return item ? tr(item.text, input.lang) : id;
}

/** The analysed count of a shown team (undefined when the team is suppressed or unknown). */
export function teamN(input: TChartInput, team: string): number | undefined {
  const m = lookup(input).teams.get(team);
  return m && !m.suppressed ? m.analysed : undefined;
}

export function isTeamShown(report: TReport, team: string): boolean {
  return report.meta.teams.some((m) => m.team === team && !m.suppressed);
}

export function notice(id: string, kind: string, title: string, lang: TLanguage): TChartNotice {
  return { id, kind, title, status: 'suppressed', notice: t('suppressed', lang) };
}

/**
 * The construct asked as the "importance" twin of `constructId`: the one whose items are
 * exactly the importance twins of its items. Found through the definition's twins, so a
 * new version with other ids needs no code.
 */
export function importanceTwin(definition: TDefinition, input: TChartInput, constructId: string): string | undefined {
  const { defItems } = lookup(input);
  const own = allItems(definition).filter((i) => i.constructs.includes(constructId));
  if (own.length === 0) return undefined;
  const twins = new Set<string>();
  for (const item of own) {
    if (item.twin?.role !== 'now') return undefined;
    const twin = defItems.get(item.twin.item);
    if (twin?.twin?.role !== 'importance') return undefined;
    twins.add(twin.id);
  }
  return definition.constructs.find((c) => {
    if (c.kind !== 'mean') return false;
    const items = allItems(definition).filter((i) => i.constructs.includes(c.id));
    return items.length === twins.size && items.every((i) => twins.has(i.id));
  })?.id;
}

/** Title with its N, as the reports print it: "Indruk groepsdynamica Zwolle-Noord (N=17)". */
export function withN(title: string, n: number | undefined): string {
  return n === undefined ? title : `${title} (N=${n})`;
}
