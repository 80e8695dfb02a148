import { writeFileSync } from 'node:fs';
import { chartsZip } from './server/reports/zip.ts';
import { chartFixture } from './tests/helpers/charts.ts';
const f = chartFixture();
const members = Object.fromEntries(f.report.meta.teams.map((t) => [t.team, 25]));
const input = { report: f.report, definition: f.definition, lang: 'nl' as const, wave: { id: 1, label: 'Meting 2016', programme: 'P', members } };
const t = performance.now();
writeFileSync('/tmp/h10/charts.zip', await chartsZip(input));
console.log('zip', performance.now() - t);
