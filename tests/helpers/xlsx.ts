/**
 * Reads the cells of an .xlsx back (shared strings and numbers; enough for the files
 * formats/wave-files.ts writes), so tests can compare an export with its data.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface TXlsxSheet {
  name: string;
  rows: (string | number | null)[][];
  xml: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

function columnIndex(ref: string): number {
  let n = 0;
  for (const c of ref.replace(/\d+$/, '')) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): TXlsxSheet[] {
  const files = unzipSync(bytes);
  const shared = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const names = [...strFromU8(files['xl/workbook.xml']!).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => unescape(m[1]!));
  return names.map((name, i) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`]!);
    const rows = [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
      const cells: (string | number | null)[] = [];
      for (const c of row[1]!.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<v>([\s\S]*?)<\/v>)?<\/c>/g)) {
        const j = columnIndex(c[1]!);
        while (cells.length < j) cells.push(null);
        cells[j] = c[2]!.includes('t="s"') ? shared[Number(c[3])]! : Number(c[3]);
      }
      return cells;
    });
    return { name, rows, xml };
  });
}
