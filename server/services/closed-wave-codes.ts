/**
 * The codes (compact-waves.ts, table `wave_codes`) of closed waves, made ahead. A closed
 * wave's data rarely change, and a comparison or a trend almost always involves one — the
 * nulmeting above all. Made ahead, the first comparison after a start or after a wave
 * closes reads no answer rows (about 4 s a wave of 50,000 respondents in PostgreSQL) and
 * answers in a second or two. Open waves are left alone: their codes would be out of date
 * with the next response; they are made on the first request, as before.
 *
 * Runs in the background of the server process (server/main.ts), one wave at a time,
 * through the same few statements at a time as every load of codes, so respondents keep
 * their connections.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { today } from '../lib/dates.ts';
import type { TCompactLoadOptions } from './compact-waves.ts';
import { prepareStoredCompactWave } from './compact-waves.ts';
import { getPublishedVersionById } from './definitions.ts';

/** The loads requests make of a stored wave: comparisons and trends; the analysis of the wave. */
export const PREPARED_LOADS: readonly TCompactLoadOptions[] = [{}, { partial: true, choices: true }];

export interface TPreparedWaves {
  /** Closed waves looked at. */
  closed: number;
  /** Codes made (a wave counts once per load whose codes were missing or out of date). */
  made: number;
}

/** Makes the missing codes of every closed wave (closed early, or past its closing day). */
export async function prepareClosedWaves(db: Kysely<Database>, day: string = today()): Promise<TPreparedWaves> {
  const waves = await db
    .selectFrom('wave')
    .select(['id', 'questionnaire_version_id'])
    .where((eb) => eb.or([eb('closed_on', 'is not', null), eb('closes_on', '<', day)]))
    .orderBy('id')
    .execute();
  let made = 0;
  for (const wave of waves) {
    const { definition } = await getPublishedVersionById(db, wave.questionnaire_version_id);
    for (const load of PREPARED_LOADS) if (await prepareStoredCompactWave(db, wave.id, definition, load)) made++;
  }
  return { closed: waves.length, made };
}
