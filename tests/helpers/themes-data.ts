/**
 * Themes and final codes for a wave whose complete responses carry open answers: three
 * themes, every open answer coded by one researcher (one coder's codes are final), the
 * themes chosen from the answer's position so every run codes the same.
 */
import type { DB } from '../../server/db/kysely.ts';
import { saveCodes } from '../../server/services/coding.ts';
import { openAnswerRows, openWave } from '../../server/services/open-answers.ts';
import { addTheme } from '../../server/services/themes.ts';

export const TEST_THEMES = [
  { code: 'tijd', label: 'Tijd en ruimte' },
  { code: 'kaders', label: 'Duidelijke kaders' },
  { code: 'kaart', label: 'Kennis van de sociale kaart' },
] as const;

export async function codeEveryAnswer(db: DB, waveId: number, coder: { userId: number; email: string }): Promise<number> {
  const ids: number[] = [];
  for (const theme of TEST_THEMES) ids.push((await addTheme(db, waveId, theme, coder)).id);
  const wave = await openWave(db, waveId);
  const rows = await openAnswerRows(db, wave);
  await saveCodes(
    db,
    wave,
    coder.userId,
    rows.map((row, i) => ({
      ref: row.ref,
      // Every answer one theme or more: tijd every other, kaders every third, kaart the rest of the odd ones.
      themeIds: [...(i % 2 === 0 ? [ids[0]!] : [ids[2]!]), ...(i % 3 === 0 ? [ids[1]!] : [])],
      none: false,
    })),
  );
  return rows.length;
}
