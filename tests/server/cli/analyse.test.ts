/**
 * `npm run analyse` as a researcher runs it: on exported CSV files, without a database.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesCsv, type TResponseRecord } from '../../../server/formats/responses-csv.ts';
import { getDefinition, type TDefinition } from '../../../survey-definitions/index.ts';
import { runCli } from '../../helpers/cli.ts';
import { makeAnswers, seeded } from '../../helpers/research-data.ts';

function runAnalyse(args: string[]) {
  // No DATABASE_URL on purpose: the command must not need one.
  return runCli('server/cli/analyse.ts', args, { DATABASE_URL: undefined });
}

/** A data set: per team the given number of complete responses (medewerkers, so GD is answered). */
function dataSet(def: TDefinition, counts: Record<string, number>, seed: number): string {
  const random = seeded(seed);
  const rows: TResponseRecord[] = Object.entries(counts).flatMap(([team, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${team}-${i + 1}`,
      team,
      status: 'complete' as const,
      answers: makeAnswers(def, random, { 'bg.function': 'medewerker' }),
    })),
  );
  return responsesCsv(def, rows);
}

describe('npm run analyse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-analyse-'));
    await writeFile(path.join(dir, 'wave2.csv'), dataSet(getDefinition('wijkteam@2016')!, { Noord: 7, Zuid: 6, Elburg: 2 }, 21));
    await writeFile(path.join(dir, 'wave1.csv'), dataSet(getDefinition('wijkteam@2015')!, { Noord: 6, Zuid: 5 }, 22));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes the report to --output when given, the same as it prints', async () => {
    const out = path.join(dir, 'rapport.md');
    const args = ['--definition', 'wijkteam@2016', '--input', path.join(dir, 'wave2.csv'), '--format', 'md'];
    const printed = await runAnalyse(args);
    const written = await runAnalyse([...args, '--output', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(`Rapport geschreven naar ${out}`);
    expect(await readFile(out, 'utf8')).toBe(printed.stdout);
  });

  it('prints the Markdown report, with the Levine table and the comparison with the nulmeting', async () => {
    const result = await runAnalyse([
      '--definition',
      'wijkteam@2016',
      '--input',
      path.join(dir, 'wave2.csv'),
      '--baseline',
      path.join(dir, 'wave1.csv'),
      '--format',
      'md',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Indruk fasen groepsdynamica');
    expect(result.stdout).toContain('wijkteam@2015');
  });

  it('prints the JSON report, with the team below the threshold suppressed', async () => {
    const result = await runAnalyse([
      '--definition',
      'wijkteam@2016',
      '--input',
      path.join(dir, 'wave2.csv'),
      '--threshold',
      '3',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.meta.threshold).toBe(3);
    expect(report.meta.anonymity.suppressedTeams).toEqual(['Elburg']);
    expect(report.waveComparison).toBeUndefined();
  });

  it('refuses a file that does not fit the version, naming line and column', async () => {
    const file = path.join(dir, 'bad.csv');
    const good = dataSet(getDefinition('wijkteam@2016')!, { Noord: 1 }, 23).split('\r\n');
    const header = good[0]!.split(',');
    const row = good[1]!.split(',');
    row[header.indexOf('tc.curious.now')] = '11';
    await writeFile(file, `${good[0]}\r\n${row.join(',')}\r\n`);
    const result = await runAnalyse(['--definition', 'wijkteam@2016', '--input', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('regel 2, kolom tc.curious.now: 11 ligt buiten 0–10');
  });

  it('explains a wrong command line', async () => {
    const unknown = await runAnalyse(['--definition', 'wijkteam@2099', '--input', 'x.csv']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('onbekende vragenlijstversie "wijkteam@2099"');

    const both = await runAnalyse(['--wave', '3', '--input', 'x.csv']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--wave analyseert uit de database');
  });

  it("takes each file's version from its columns when exactly one version fits, else says so", async () => {
    const result = await runAnalyse([
      '--input',
      path.join(dir, 'wave2.csv'),
      '--baseline',
      path.join(dir, 'wave1.csv'),
      '--threshold',
      '3',
    ]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.meta.definition).toBe('wijkteam@2016');
    expect(report.waveComparison.baseline).toBe('wijkteam@2015');

    // The nulmeting has no previous version: its baseline's version comes from the columns too.
    const same = await runAnalyse([
      '--definition',
      'wijkteam@2015',
      '--input',
      path.join(dir, 'wave1.csv'),
      '--baseline',
      path.join(dir, 'wave1.csv'),
    ]);
    expect(same.code).toBe(0);

    const odd = path.join(dir, 'odd.csv');
    const lines = (await readFile(path.join(dir, 'wave1.csv'), 'utf8')).split('\r\n');
    await writeFile(odd, [`${lines[0]},extra.column`, ...lines.slice(1).map((l) => (l ? `${l},` : l))].join('\r\n'));
    const none = await runAnalyse(['--input', path.join(dir, 'wave2.csv'), '--baseline', odd]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'de kolommen passen bij geen enkele bekende vragenlijstversie (wijkteam@2015, wijkteam@2016); geef --baseline-definition <id>@<versie>',
    );
  });
});
