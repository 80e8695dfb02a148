/**
 * Reads an .xlsx back with a real reader (read-excel-file), and the raw XML of each sheet
 * (for what a reader does not report, such as the frozen header row), so tests can compare
 * an export with its data.
 */
import { strFromU8, unzipSync } from 'fflate';
import readExcelFile from 'read-excel-file/node';

export interface TXlsxSheet {
  name: string;
  rows: (string | number | null)[][];
  xml: string;
}

export async function readXlsx(bytes: Uint8Array): Promise<TXlsxSheet[]> {
  const files = unzipSync(bytes);
  const sheets = await readExcelFile(Buffer.from(bytes));
  return sheets.map((s, i) => ({
    name: s.sheet,
    rows: s.data.map((row) => row.map((cell) => (cell === null || cell === undefined ? null : (cell as string | number)))),
    xml: strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`]!),
  }));
}
