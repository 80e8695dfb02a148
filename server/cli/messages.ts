/**
 * What the researchers' command-line tools print (wave, migrate, definitions:publish):
 * Dutch, or English with `--lang en`. The import/export/analyse tools keep theirs next to
 * them. Machine output (`--json`) is not translated.
 */
import type { TLanguage } from '../../survey-definitions/schema.ts';
import { defineCatalogue } from '../lib/i18n.ts';

const nl = {
  waveUsage: `Gebruik:
  npm run wave -- create --programme "<naam>" --label "<label>" --definition <id>@<versie>
                        --teams "<Team A>:<leden>,<Team B>:<leden>" --opens JJJJ-MM-DD --closes JJJJ-MM-DD
                        [--threshold 5] [--baseline] [--base-url <url>] [--json] [--lang nl|en]
  npm run wave -- links --wave <id> [--reissue] [--base-url <url>] [--json] [--lang nl|en]`,
  teamsFormat: (part: string) => `--teams: "${part}" moet er uitzien als "<teamnaam>:<aantal leden>"`,
  optionRequired: (name: string) => `--${name} is verplicht`,
  thresholdWhole: '--threshold: verwacht een geheel getal',
  waveRequired: '--wave <id> is verplicht',
  langChoice: '--lang: kies nl of en',
  waveCreated: (id: number, label: string, definition: string, opens: string, closes: string) =>
    `Meting ${id} aangemaakt: "${label}" (${definition}), open ${opens} t/m ${closes}.`,
  linksPerTeam: 'Links per team (stuur elk team alleen zijn eigen link):',
  generalLinkChoose: 'Algemene link (respondent kiest zelf het team):',
  generalLink: 'Algemene link:',
  reissued: 'Nieuwe links uitgegeven; de oude links werken niet meer.',
  upToDate: 'De database is bijgewerkt; er was niets te doen.',
  migrationApplied: (name: string) => `toegepast: ${name}`,
  migrationStatus: (status: string, name: string) => `${status === 'Error' ? 'mislukt' : 'niet uitgevoerd'}: ${name}`,
  definitionPublished: (key: string, hash: string) => `${key}: gepubliceerd (sha256 ${hash}…)`,
  definitionUnchanged: (key: string, hash: string) => `${key}: ongewijzigd (sha256 ${hash}…)`,
};

export type TCliMessages = typeof nl;

const en: TCliMessages = {
  waveUsage: `Usage:
  npm run wave -- create --programme "<name>" --label "<label>" --definition <id>@<version>
                        --teams "<Team A>:<members>,<Team B>:<members>" --opens YYYY-MM-DD --closes YYYY-MM-DD
                        [--threshold 5] [--baseline] [--base-url <url>] [--json] [--lang nl|en]
  npm run wave -- links --wave <id> [--reissue] [--base-url <url>] [--json] [--lang nl|en]`,
  teamsFormat: (part) => `--teams: "${part}" should look like "<team name>:<number of members>"`,
  optionRequired: (name) => `--${name} is required`,
  thresholdWhole: '--threshold: expected a whole number',
  waveRequired: '--wave <id> is required',
  langChoice: '--lang: choose nl or en',
  waveCreated: (id, label, definition, opens, closes) =>
    `Wave ${id} created: "${label}" (${definition}), open ${opens} to ${closes}.`,
  linksPerTeam: 'Links per team (send each team only its own link):',
  generalLinkChoose: 'General link (the respondent chooses the team):',
  generalLink: 'General link:',
  reissued: 'New links issued; the old links no longer work.',
  upToDate: 'The database is up to date; nothing to do.',
  migrationApplied: (name) => `applied: ${name}`,
  migrationStatus: (status, name) => `${status === 'Error' ? 'failed' : 'not run'}: ${name}`,
  definitionPublished: (key, hash) => `${key}: published (sha256 ${hash}…)`,
  definitionUnchanged: (key, hash) => `${key}: unchanged (sha256 ${hash}…)`,
};

export const catalogue = defineCatalogue('command line', nl, en);

export function cliMessages(lang: TLanguage): TCliMessages {
  return catalogue.get(lang);
}
