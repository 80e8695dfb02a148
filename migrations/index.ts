/**
 * The list of migrations, in order. Static imports instead of a folder scan so that the
 * same list works under tsx, vitest and a bundler. Add a new file with a later timestamp
 * and one line here; never edit a migration that has shipped.
 */
import type { Migration } from 'kysely';
import * as initial from './2026-11-23T1500_initial.ts';
import * as access from './2026-12-01T1000_access.ts';
import * as sessions from './2026-12-01T1600_sessions.ts';
import * as teamContinuation from './2026-12-01T1610_team_continuation.ts';
import * as openAnswerCoding from './2026-12-01T1645_open_answer_coding.ts';
import * as programmeSetup from './2026-12-01T1700_programme_setup.ts';
import * as sharedState from './2026-12-01T1800_shared-state.ts';
import * as waveCodes from './2026-12-01T1900_wave_codes.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23T1500_initial': initial,
  '2026-12-01T1000_access': access,
  '2026-12-01T1600_sessions': sessions,
  '2026-12-01T1610_team_continuation': teamContinuation,
  '2026-12-01T1645_open_answer_coding': openAnswerCoding,
  '2026-12-01T1700_programme_setup': programmeSetup,
  '2026-12-01T1800_shared-state': sharedState,
  '2026-12-01T1900_wave_codes': waveCodes,
};
