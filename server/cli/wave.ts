/**
 * `npm run wave -- create …` sets up a wave and prints its anonymous links;
 * `npm run wave -- links --wave <id> [--reissue]` prints them again. See the README.
 * Messages in Dutch, or English with `--lang en` (cli/messages.ts).
 */
import { parseArgs } from 'node:util';
import { serverSecret } from '../secrets.ts';
import { publishAll } from '../services/definitions.ts';
import { reissueLinks, surveyUrl, waveLinks } from '../services/links.ts';
import { createWave, getWave } from '../services/waves.ts';
import { cliLanguage, UsageError, withDatabase } from './context.ts';
import { cliMessages } from './messages.ts';

const t = cliMessages(cliLanguage());
const USAGE = t.waveUsage;

const [command, ...rest] = process.argv.slice(2);

function parse() {
  try {
    return parseArgs({
      args: rest,
      options: {
        programme: { type: 'string' },
        label: { type: 'string' },
        definition: { type: 'string' },
        teams: { type: 'string' },
        opens: { type: 'string' },
        closes: { type: 'string' },
        threshold: { type: 'string' },
        baseline: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        wave: { type: 'string' },
        reissue: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'nl' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** "Team A:18,Team B:22" → [{ name, members }]; team names may contain spaces. */
export function parseTeams(spec: string): { name: string; members: number }[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf(':');
      const name = at > 0 ? part.slice(0, at).trim() : part;
      const members = at > 0 ? Number(part.slice(at + 1)) : Number.NaN;
      if (!name || !Number.isInteger(members) || members <= 0) {
        throw new UsageError(t.teamsFormat(part));
      }
      return { name, members };
    });
}

await withDatabase(
  async ({ config, db }) => {
    if (command !== 'create' && command !== 'links') throw new UsageError(USAGE);
    const args = parse();
    if (args.lang !== 'nl' && args.lang !== 'en') throw new UsageError(t.langChoice);
    const secret = await serverSecret(config);
    const baseUrl = args['base-url'] ?? config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

    if (command === 'create') {
      for (const name of ['programme', 'label', 'definition', 'teams', 'opens', 'closes'] as const) {
        if (!args[name]) throw new UsageError(`${t.optionRequired(name)}\n${USAGE}`);
      }
      const threshold = args.threshold === undefined ? undefined : Number(args.threshold);
      if (threshold !== undefined && !Number.isInteger(threshold)) throw new UsageError(t.thresholdWhole);
      // Make sure the definitions on disk are published before a wave refers to them.
      await publishAll(db);
      const created = await createWave(db, secret, {
        programme: args.programme!,
        label: args.label!,
        definition: args.definition!,
        teams: parseTeams(args.teams!),
        opensOn: args.opens!,
        closesOn: args.closes!,
        threshold,
        baseline: args.baseline,
      });
      const out = {
        waveId: created.waveId,
        links: created.links.map((l) => ({ team: l.team, url: surveyUrl(baseUrl, l.token) })),
        generalUrl: surveyUrl(baseUrl, created.generalToken),
      };
      if (args.json) console.log(JSON.stringify(out));
      else {
        console.log(`${t.waveCreated(out.waveId, args.label!, args.definition!, args.opens!, args.closes!)}\n`);
        console.log(t.linksPerTeam);
        for (const l of out.links) console.log(`  ${l.team}: ${l.url}`);
        console.log(`\n${t.generalLinkChoose}\n  ${out.generalUrl}`);
      }
      return;
    }

    if (!args.wave || !/^\d+$/.test(args.wave)) throw new UsageError(`${t.waveRequired}\n${USAGE}`);
    const waveId = Number(args.wave);
    await getWave(db, waveId);
    if (args.reissue) await reissueLinks(db, secret, waveId);
    const links = await waveLinks(db, secret, waveId);
    const out = {
      waveId,
      links: links.filter((l) => l.teamId !== null).map((l) => ({ team: l.team!, url: surveyUrl(baseUrl, l.token) })),
      generalUrl: links.filter((l) => l.teamId === null).map((l) => surveyUrl(baseUrl, l.token))[0] ?? null,
    };
    if (args.json) console.log(JSON.stringify(out));
    else {
      if (args.reissue) console.log(`${t.reissued}\n`);
      for (const l of out.links) console.log(`  ${l.team}: ${l.url}`);
      if (out.generalUrl) console.log(`\n${t.generalLink}\n  ${out.generalUrl}`);
    }
  },
  { migrate: true },
);
