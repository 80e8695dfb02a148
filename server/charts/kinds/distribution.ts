/**
 * The answer distribution of a block's statements as stacked percentages, per team and
 * for all respondents (wave scope, pooled): one chart per block and answer scale, and
 * for blocks that ask every statement twice (now / importance) one chart per role.
 * Title: the block's title, the group and N (the most answers any statement got).
 */
import type { TScaledItemReport } from '../../../analysis/index.ts';
import { isScaledItem, type TBlock, type TScale, type TScaledItem } from '../../../survey-definitions/index.ts';
import { itemText, lookup, withN } from '../lookup.ts';
import { stackedChart } from '../stacked.ts';
import { slug, t, tr } from '../text.ts';
import type { TChartInput, TChartResult, TTeamChartKind, TWaveChartKind } from '../types.ts';

interface TPanel {
  block: TBlock;
  scale: TScale;
  role: string | undefined;
  items: TScaledItem[];
}

/** Likert statements only: grades are shown as means (competences, collaboration). */
function panels(input: TChartInput): TPanel[] {
  const { scales } = lookup(input);
  const out: TPanel[] = [];
  for (const block of input.definition.blocks) {
    const byKey = new Map<string, TPanel>();
    for (const item of block.items) {
      if (!isScaledItem(item) || item.kind !== 'likert') continue;
      const scale = scales.get(item.scale);
      if (!scale) continue;
      const role = item.twin?.role === 'importance' ? 'importance' : undefined;
      const key = `${scale.id}|${role ?? ''}`;
      let panel = byKey.get(key);
      if (!panel) byKey.set(key, (panel = { block, scale, role, items: [] }));
      panel.items.push(item);
    }
    const list = [...byKey.values()];
    out.push(...list);
  }
  return out;
}

function panelId(panel: TPanel, all: TPanel[]): string {
  const sameBlock = all.filter((p) => p.block.id === panel.block.id);
  const scales = new Set(sameBlock.map((p) => p.scale.id));
  return ['verdeling', slug(panel.block.id), scales.size > 1 ? slug(panel.scale.id) : '', panel.role ? 'belang' : '']
    .filter(Boolean)
    .join('-');
}

function build(
  input: TChartInput,
  kind: string,
  group: string,
  cellOf: (item: TScaledItemReport) => TScaledItemReport['teams'][string] | undefined,
): TChartResult[] {
  const { items } = lookup(input);
  const all = panels(input);
  return all.map((panel) => {
    let n: number | undefined;
    const rows = panel.items.map((item) => {
      const report = items.get(item.id);
      const cell = report ? cellOf(report) : undefined;
      if (!cell || cell.suppressed) return { label: itemText(input, item.id), distribution: null, n: null };
      n = Math.max(n ?? 0, cell.n);
      return { label: itemText(input, item.id), distribution: cell.distribution, n: cell.n };
    });
    const role = panel.role ? ` (${t('importance', input.lang).toLowerCase()})` : '';
    const title = withN(`${tr(panel.block.title, input.lang)}${role} ${group}`, n);
    return stackedChart(input, { id: panelId(panel, all), kind, title, scale: panel.scale, rows, caption: title });
  });
}

export const distribution: TTeamChartKind = {
  kind: 'distribution',
  scope: 'team',
  build: (input) => build(input, 'distribution', input.team, (item) => item.teams[input.team]),
};

export const waveDistribution: TWaveChartKind = {
  kind: 'wave-distribution',
  scope: 'wave',
  build: (input) =>
    build(input, 'wave-distribution', `– ${t('pooled', input.lang).toLowerCase()}`, (item) => item.overall.pooled),
};
