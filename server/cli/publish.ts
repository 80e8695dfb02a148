/**
 * `npm run definitions:publish`: stores every questionnaire version of
 * survey-definitions/ in Postgres (also done on start). Unchanged versions are left
 * alone; a changed file under a published version is refused. `--lang en` for English.
 */
import { publishAll } from '../services/definitions.ts';
import { cliLanguage, withDatabase } from './context.ts';
import { cliMessages } from './messages.ts';

const t = cliMessages(cliLanguage());

await withDatabase(
  async ({ db }) => {
    for (const r of await publishAll(db)) {
      const hash = r.hash.slice(0, 12);
      console.log(r.status === 'published' ? t.definitionPublished(r.key, hash) : t.definitionUnchanged(r.key, hash));
    }
  },
  { migrate: true },
);
