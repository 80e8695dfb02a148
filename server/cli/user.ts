/**
 * `npm run user -- add --email <e> --role <admin|researcher|manager> [--programme <id>]…
 *   [--name "<name>"] [--password-stdin] [--base-url <url>] [--lang en]`
 *   creates an account. Without --password-stdin it prints a one-time link (72 hours,
 *   used once) where the person chooses a password: this is how the first admin gets in.
 * `npm run user -- token --email <e> [--label "<label>"]` prints a new personal API token.
 * Every action goes to the audit log with actor "cli".
 */
import { parseArgs } from 'node:util';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.ts';
import { writeAudit } from '../services/audit.ts';
import { createOneTimeLink, LINK_VALID_HOURS, oneTimeLinkUrl } from '../services/one-time-links.ts';
import { createApiToken, createUser, findLoginByEmail, ROLES, unknownProgrammeIds, type TRole } from '../services/users.ts';
import { UsageError, withDatabase } from './context.ts';

const [command, ...rest] = process.argv.slice(2);
const lang = rest.includes('--lang') && rest[rest.indexOf('--lang') + 1] === 'en' ? 'en' : 'nl';

const text = {
  nl: {
    usage: `Gebruik:
  npm run user -- add --email <e-mailadres> --role <admin|researcher|manager> [--programme <id>]… [--name "<naam>"] [--password-stdin]
  npm run user -- token --email <e-mailadres> [--label "<omschrijving>"]
Opties: --base-url <url> (begin van de link), --lang en (English)`,
    emailRequired: '--email is verplicht.',
    roleInvalid: `--role moet een van ${ROLES.join(', ')} zijn.`,
    programmeInvalid: (v: string) => `--programme: "${v}" is geen programmanummer.`,
    programmeUnknown: (ids: number[]) => `Onbekend programma: ${ids.join(', ')}. Niets aangemaakt.`,
    passwordLength: `Het wachtwoord moet ${PASSWORD_MIN} tot ${PASSWORD_MAX} tekens lang zijn. Niets aangemaakt.`,
    created: (email: string, role: string) => `Account aangemaakt: ${email} (${role}).`,
    withPassword: 'Het wachtwoord is ingesteld; log in op /inloggen.',
    link: `Open deze link om een wachtwoord te kiezen (${LINK_VALID_HOURS} uur geldig, één keer te gebruiken):`,
    unknownUser: (email: string) => `Er is geen actief account met e-mailadres ${email}.`,
    token: 'Persoonlijk API-token (wordt maar één keer getoond; stuur mee als "Authorization: Bearer <token>"):',
  },
  en: {
    usage: `Usage:
  npm run user -- add --email <e-mail> --role <admin|researcher|manager> [--programme <id>]… [--name "<name>"] [--password-stdin]
  npm run user -- token --email <e-mail> [--label "<label>"]
Options: --base-url <url> (start of the link), --lang en (English)`,
    emailRequired: '--email is required.',
    roleInvalid: `--role must be one of ${ROLES.join(', ')}.`,
    programmeInvalid: (v: string) => `--programme: "${v}" is not a programme number.`,
    programmeUnknown: (ids: number[]) => `Unknown programme: ${ids.join(', ')}. Nothing created.`,
    passwordLength: `The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long. Nothing created.`,
    created: (email: string, role: string) => `Account created: ${email} (${role}).`,
    withPassword: 'The password is set; log in at /inloggen.',
    link: `Open this link to choose a password (valid for ${LINK_VALID_HOURS} hours, works once):`,
    unknownUser: (email: string) => `There is no active account with e-mail address ${email}.`,
    token: 'Personal API token (shown only once; send as "Authorization: Bearer <token>"):',
  },
}[lang];

function parse() {
  try {
    return parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        programme: { type: 'string', multiple: true },
        name: { type: 'string' },
        label: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        lang: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${text.usage}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (from echo or a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

await withDatabase(
  async ({ config, db }) => {
    if (command !== 'add' && command !== 'token') throw new UsageError(text.usage);
    const args = parse();
    if (!args.email) throw new UsageError(`${text.emailRequired}\n${text.usage}`);

    if (command === 'token') {
      const found = await findLoginByEmail(db, args.email);
      if (!found || found.user.disabled) throw new UsageError(text.unknownUser(args.email));
      const { id, token } = await createApiToken(db, found.user.id, args.label ?? 'cli');
      await writeAudit(db, {
        actor: 'cli',
        action: 'token.created',
        subject: `token:${id}`,
        details: { user: found.user.email, label: args.label ?? 'cli' },
      });
      console.log(`${text.token}\n${token}`);
      return;
    }

    if (!args.role || !(ROLES as readonly string[]).includes(args.role)) throw new UsageError(text.roleInvalid);
    const programmeIds = (args.programme ?? []).map((v) => {
      if (!/^\d{1,9}$/.test(v)) throw new UsageError(text.programmeInvalid(v));
      return Number(v);
    });
    const unknown = await unknownProgrammeIds(db, programmeIds);
    if (unknown.length > 0) throw new UsageError(text.programmeUnknown(unknown));
    let passwordHash: string | undefined;
    if (args['password-stdin']) {
      const password = await readStdin();
      if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) throw new UsageError(text.passwordLength);
      passwordHash = await hashPassword(password);
    }
    const baseUrl = args['base-url'] ?? config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    const out = await db.transaction().execute(async (trx) => {
      const user = await createUser(trx, {
        email: args.email!,
        displayName: args.name,
        role: args.role as TRole,
        programmeIds,
        passwordHash,
      });
      await writeAudit(trx, {
        actor: 'cli',
        action: 'user.created',
        subject: user.email,
        details: { id: user.id, role: user.role, programmeIds: user.programmeIds },
      });
      const token = passwordHash ? undefined : await createOneTimeLink(trx, user.id, 'invite');
      return { user, url: token ? oneTimeLinkUrl(baseUrl, token) : undefined };
    });
    console.log(text.created(out.user.email, out.user.role));
    console.log(out.url ? `${text.link}\n${out.url}` : text.withPassword);
  },
  { migrate: true },
);
