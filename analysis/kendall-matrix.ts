/**
 * Kendall's tau-b between every pair of the chosen items, per team and overall.
 *
 * Per pair, one pass over the rows fills a contingency table per team (rows are grouped
 * by team, and "no answer" has its own row and column, so the loop has no branches);
 * each team's tau-b comes from its table in O(k²). The overall table is the sum of the
 * tables of the teams whose cell is shown, so the overall never contains a hidden cell.
 */
import type { TDataset, TScoredColumn } from './dataset.ts';
import { orNull, SUPPRESSED } from './cells.ts';
import type { TKendallReport, TSignificantPair, TTauCell, TTauPair } from './report-schema.ts';
import { kendallFromTable, type TKendallResult } from './stats/kendall.ts';

function tauCell(result: TKendallResult): TTauCell {
  const p = orNull(result.p);
  return { suppressed: false, n: result.n, tauB: orNull(result.tauB), p, method: p === null ? null : result.method };
}

function significant(a: string, b: string, cell: TTauCell): TSignificantPair | undefined {
  if (cell.suppressed || cell.p === null || cell.tauB === null || !(cell.p < 0.05)) return undefined;
  return { a, b, tauB: cell.tauB, p: cell.p, n: cell.n, level: cell.p < 0.01 ? '0.01' : '0.05' };
}

/**
 * The hot loop (items² × respondents). Four rows are read at once as a 32-bit word of
 * each column, and each of the four goes into its own copy ("lane") of the tables:
 * consecutive respondents often fall into the same cell, and separate lanes keep those
 * increments from waiting on each other. Both columns are viewed the same way, so the
 * pairing of rows does not depend on byte order.
 */
function countPairs(
  tables: Int32Array,
  base: number,
  lane: number,
  width: number,
  wordsA: Uint32Array,
  wordsB: Uint32Array,
  startRow: number,
  endRow: number,
): void {
  const base1 = base + lane;
  const base2 = base1 + lane;
  const base3 = base2 + lane;
  for (let q = startRow >>> 2; q < endRow >>> 2; q++) {
    const a = wordsA[q]!;
    const b = wordsB[q]!;
    tables[base + (a & 255) * width + (b & 255)]!++;
    tables[base1 + ((a >>> 8) & 255) * width + ((b >>> 8) & 255)]!++;
    tables[base2 + ((a >>> 16) & 255) * width + ((b >>> 16) & 255)]!++;
    tables[base3 + (a >>> 24) * width + (b >>> 24)]!++;
  }
}

function words(codes: Uint8Array): Uint32Array {
  return new Uint32Array(codes.buffer, codes.byteOffset, codes.length >>> 2);
}

export function kendallSection(
  data: TDataset,
  columns: readonly TScoredColumn[],
  perTeam: 'none' | 'significant' | 'all' = 'none',
): TKendallReport {
  const teamCount = data.teams.length;
  const maxBlock = Math.max(...columns.map((c) => c.k + 1)) ** 2;
  // Layout: four lanes, each with one (k_a + 1) × (k_b + 1) table per team.
  const tables = new Int32Array(4 * teamCount * maxBlock);
  const shownTeams = data.teams.map((_, t) => t).filter((t) => data.shown[t]);
  const columnWords = columns.map((c) => words(c.codes));
  const teamTable = new Float64Array(maxBlock);
  const overallTable = new Float64Array(maxBlock);
  const pairs: TTauPair[] = [];
  const significantOverall: TSignificantPair[] = [];
  const significantTeams: Record<string, TSignificantPair[]> = {};
  if (perTeam !== 'none') for (const t of shownTeams) significantTeams[data.teams[t]!] = [];
  let testsRun = 0;

  for (let ia = 0; ia < columns.length; ia++) {
    const A = columns[ia]!;
    for (let ib = ia + 1; ib < columns.length; ib++) {
      const B = columns[ib]!;
      const rowsOfTable = A.k;
      const colsOfTable = B.k;
      const width = B.k + 1;
      const block = (A.k + 1) * width;
      const cells = rowsOfTable * colsOfTable;
      const lane = teamCount * block;
      tables.fill(0, 0, 4 * lane);
      for (const t of shownTeams) {
        countPairs(
          tables,
          t * block,
          lane,
          width,
          columnWords[ia]!,
          columnWords[ib]!,
          data.teamStart[t]!,
          data.teamStart[t + 1]!,
        );
      }

      overallTable.fill(0, 0, cells);
      let anyIncluded = false;
      const teams: Record<string, TTauCell> = {};
      for (let t = 0; t < teamCount; t++) {
        const team = data.teams[t]!;
        if (!data.shown[t]) {
          teams[team] = SUPPRESSED;
          continue;
        }
        // The team's table without the "no answer" row and column, lanes added up.
        let n = 0;
        for (let i = 0; i < rowsOfTable; i++) {
          for (let j = 0; j < colsOfTable; j++) {
            const at = t * block + i * width + j;
            const c = tables[at]! + tables[at + lane]! + tables[at + 2 * lane]! + tables[at + 3 * lane]!;
            teamTable[i * colsOfTable + j] = c;
            n += c;
          }
        }
        if (n < data.threshold) {
          teams[team] = SUPPRESSED;
          continue;
        }
        const cell = tauCell(kendallFromTable(teamTable, rowsOfTable, colsOfTable));
        teams[team] = cell;
        const hit = significant(A.item.id, B.item.id, cell);
        if (hit && perTeam !== 'none') significantTeams[team]!.push(hit);
        anyIncluded = true;
        for (let c = 0; c < cells; c++) overallTable[c] = overallTable[c]! + teamTable[c]!;
      }
      const overall: TTauCell = anyIncluded ? tauCell(kendallFromTable(overallTable, rowsOfTable, colsOfTable)) : SUPPRESSED;
      if (!overall.suppressed && overall.p !== null) testsRun++;
      const hit = significant(A.item.id, B.item.id, overall);
      if (hit) significantOverall.push(hit);
      pairs.push(perTeam === 'all' ? { a: A.item.id, b: B.item.id, overall, teams } : { a: A.item.id, b: B.item.id, overall });
    }
  }
  const byP = (x: TSignificantPair, y: TSignificantPair) => x.p - y.p || Math.abs(y.tauB) - Math.abs(x.tauB);
  significantOverall.sort(byP);
  for (const list of Object.values(significantTeams)) list.sort(byP);
  return {
    items: columns.map((c) => c.item.id),
    teams: perTeam,
    testsRun,
    pairs,
    significant: { overall: significantOverall, teams: significantTeams },
  };
}
