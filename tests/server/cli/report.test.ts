/**
 * `npm run report` on an exported CSV (no database): charts of a team as SVG files, the
 * PDF of a team below the threshold (the notice, no figure), and clear usage errors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticResponses } from '../../../bench/synthetic.ts';
import { responsesCsv } from '../../../server/formats/responses-csv.ts';
import { getDefinition } from '../../../survey-definitions/index.ts';
import { runCli } from '../../helpers/cli.ts';

const def = getDefinition('wijkteam@2016')!;
const dir = mkdtempSync(path.join(tmpdir(), 'wijkmeter-report-cli-'));
const all = syntheticResponses(def, { respondents: 60, teams: 3, seed: 5, partialShare: 0 });
const small = all[0]!.team;
// The first team keeps 2 responses: below the threshold.
const kept = all.filter((r, i) => r.team !== small || all.slice(0, i).filter((x) => x.team === small).length < 2);
const csv = path.join(dir, 'responses.csv');
writeFileSync(
  csv,
  responsesCsv(
    def,
    kept.map((r) => ({
      id: r.id,
      team: r.team,
      status: r.status,
      answers: Object.fromEntries(
        Object.entries(r.answers).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined),
      ),
    })),
  ),
);
const shown = kept.find((r) => r.team !== small)!.team;

describe('npm run report (CSV)', { timeout: 300_000 }, () => {
  it('writes every chart of a team as SVG', async () => {
    const out = path.join(dir, 'svg');
    const res = await runCli('server/cli/report.ts', [
      '--definition',
      'wijkteam@2016',
      '--input',
      csv,
      '--team',
      shown,
      '--format',
      'svg',
      '--output',
      out,
    ]);
    expect(res.stderr).toMatch(/\d+ grafieken geschreven/);
    expect(res.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain('groepsdynamica.svg');
    expect(readFileSync(path.join(out, 'groepsdynamica.svg'), 'utf8')).toContain(`<title>Indruk groepsdynamica ${shown} (N=`);
  });

  it('writes a PDF with only the notice for a team below the threshold', async () => {
    const out = path.join(dir, 'klein.pdf');
    const res = await runCli('server/cli/report.ts', [
      '--definition',
      'wijkteam@2016',
      '--input',
      csv,
      '--team',
      small,
      '--format',
      'pdf',
      '--output',
      out,
    ]);
    expect(res.code).toBe(0);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('te weinig respondenten om resultaten te tonen');
    expect(text).not.toContain('(N=');
  });

  it('explains a wrong command line in Dutch', async () => {
    const res = await runCli('server/cli/report.ts', [
      '--definition',
      'wijkteam@2016',
      '--input',
      csv,
      '--format',
      'gif',
      '--output',
      'x',
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--format: kies pdf, zip, png of svg');
    const unknown = await runCli('server/cli/report.ts', [
      '--definition',
      'wijkteam@2016',
      '--input',
      csv,
      '--team',
      'Nergens',
      '--format',
      'pdf',
      '--output',
      path.join(dir, 'n.pdf'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--team: "Nergens" komt niet voor in deze meting');
  });
});
