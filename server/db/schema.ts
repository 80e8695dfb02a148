/**
 * The typed database interface for Kysely: what the tables look like to the app. Rows
 * are not domain objects: services turn them into domain types (style.md, example 6).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { TResponseStatus } from '../../survey-definitions/answers.ts';

/** `date` columns: written as 'YYYY-MM-DD', read as strings (see db/pg-types.ts). */
type DateColumn = ColumnType<string, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ProgrammeTable {
  id: Generated<number>;
  name: string;
  created_at: Timestamp;
}

export interface TeamTable {
  id: Generated<number>;
  programme_id: number;
  name: string;
  municipality: string | null;
  archived_at: Date | null;
}

export interface QuestionnaireTable {
  id: string;
  title: string;
}

export interface QuestionnaireVersionTable {
  id: Generated<number>;
  questionnaire_id: string;
  version: string;
  definition: ColumnType<unknown, string, never>;
  content_hash: string;
  published_at: Timestamp;
}

export interface WaveTable {
  id: Generated<number>;
  programme_id: number;
  label: string;
  questionnaire_version_id: number;
  opens_on: DateColumn;
  closes_on: DateColumn;
  anonymity_threshold: Generated<number>;
  is_baseline: Generated<boolean>;
  baseline_wave_id: number | null;
  /** Closed early on this day (see migrations/2026-12-01T1700_programme_setup.ts). */
  closed_on: DateColumn | null;
  created_at: Timestamp;
}

export interface WaveTeamTable {
  wave_id: number;
  team_id: number;
  member_count: number;
}

export interface TeamLinkTable {
  id: Generated<number>;
  wave_id: number;
  team_id: number | null;
  nonce: Buffer;
  token_hash: Buffer;
  revoked: Generated<boolean>;
}

export interface ResponseTable {
  id: Generated<string>;
  wave_id: number;
  team_id: number | null;
  status: Generated<TResponseStatus>;
  started_on: DateColumn;
  updated_on: DateColumn;
  completed_on: string | null;
  resume_hash: Buffer | null;
}

export interface SpentResumeCodeTable {
  code_hash: Buffer;
}

export interface AnswerTable {
  response_id: string;
  item_id: string;
  value_num: number | null;
  value_text: string | null;
}

export type UserRole = 'admin' | 'researcher' | 'manager';

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: UserRole;
  password_hash: string | null;
  created_at: Timestamp;
  disabled_at: Date | null;
}

export interface ProgrammeMemberTable {
  user_id: number;
  programme_id: number;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  label: string;
  token_hash: Buffer;
  created_at: Timestamp;
  last_used_on: DateColumn | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  user_id: number | null;
  actor: string;
  action: string;
  subject: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
}

/** Raised by triggers when what an analysis of the wave reads changes (shared-state migration). */
export interface WaveDataVersionTable {
  wave_id: number;
  version: ColumnType<string, string | number | undefined, string | number>;
}

/** Limiter counters per bucket and keyed hash of a client address (UNLOGGED). */
export interface RateCounterTable {
  bucket: string;
  key: Buffer;
  window_start: Timestamp;
  count: number;
}

/** Team `team_id` continues `continues_team_id` (a merger or split between waves). */
export interface TeamContinuationTable {
  team_id: number;
  continues_team_id: number;
}

export interface OpenAnswerKeyTable {
  wave_id: number;
  secret: Buffer;
}

export interface ThemeTable {
  id: Generated<number>;
  wave_id: number;
  code: string;
  label: string;
  description: Generated<string>;
  position: number;
}

/** An answer one coder has coded (with or without themes). */
export interface CodedAnswerTable {
  response_id: string;
  item_id: string;
  coder_id: number;
}

export interface CodingTable {
  response_id: string;
  item_id: string;
  coder_id: number;
  theme_id: number;
}

export interface SettledAnswerTable {
  response_id: string;
  item_id: string;
  settled_by: number | null;
}

export interface FinalCodeTable {
  response_id: string;
  item_id: string;
  theme_id: number;
}

export interface AppSessionTable {
  sid_hash: Buffer;
  user_id: number | null;
  data: ColumnType<unknown, string, string>;
  expires_at: Timestamp;
}

export interface LoginFailureTable {
  key: string;
  failures: number;
  window_start: Timestamp;
}

export type OneTimeLinkPurpose = 'invite' | 'reset';

export interface OneTimeLinkTable {
  id: Generated<number>;
  user_id: number;
  purpose: OneTimeLinkPurpose;
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface Database {
  programme: ProgrammeTable;
  team: TeamTable;
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
  wave: WaveTable;
  wave_team: WaveTeamTable;
  team_continuation: TeamContinuationTable;
  team_link: TeamLinkTable;
  response: ResponseTable;
  answer: AnswerTable;
  spent_resume_code: SpentResumeCodeTable;
  app_user: AppUserTable;
  programme_member: ProgrammeMemberTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  open_answer_key: OpenAnswerKeyTable;
  theme: ThemeTable;
  coded_answer: CodedAnswerTable;
  coding: CodingTable;
  settled_answer: SettledAnswerTable;
  final_code: FinalCodeTable;
  app_session: AppSessionTable;
  login_failure: LoginFailureTable;
  one_time_link: OneTimeLinkTable;
  wave_data_version: WaveDataVersionTable;
  rate_counter: RateCounterTable;
}

export type Wave = Selectable<WaveTable>;
export type NewWave = Insertable<WaveTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type ResponseUpdate = Updateable<ResponseTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type NewAnswer = Insertable<AnswerTable>;
