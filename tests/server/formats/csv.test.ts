import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  csvLine,
  CsvSyntaxError,
  decodeText,
  detectDelimiter,
  neutraliseFormula,
  readCsv,
  writeCsv,
} from '../../../server/formats/csv.ts';

function records(text: string, delimiter: ',' | ';' = ','): [string[], number][] {
  const out: [string[], number][] = [];
  readCsv(text, delimiter, (fields, line) => out.push([[...fields], line]));
  return out;
}

describe('CSV (RFC 4180)', () => {
  it('quotes every field with a CR or LF — a bare CR too — a quote or the delimiter', () => {
    expect(csvLine(['a\rb', 'c\nd', 'e\r\nf', 'g"h', 'i,j', 'plain'])).toBe('"a\rb","c\nd","e\r\nf","g""h","i,j",plain');
    expect(csvLine(['i;j', 'i,j'], ';')).toBe('"i;j";i,j');
    const text = writeCsv([
      ['id', 'text'],
      ['1', 'eerste\rtweede'],
      ['2', 'gewoon'],
    ]);
    // A standard reader sees exactly two rows after the header, the CR kept inside the field.
    expect(parse(text)).toEqual([
      ['id', 'text'],
      ['1', 'eerste\rtweede'],
      ['2', 'gewoon'],
    ]);
    expect(records(text).map(([f]) => f)).toEqual([
      ['id', 'text'],
      ['1', 'eerste\rtweede'],
      ['2', 'gewoon'],
    ]);
  });

  it('reads records with the line each starts on, across multi-line fields and empty lines', () => {
    const text = 'a,b\r\n"x\ny",2\n\n3,"z"\r4,5';
    expect(records(text)).toEqual([
      [['a', 'b'], 1],
      [['x\ny', '2'], 2],
      [['3', 'z'], 5],
      [['4', '5'], 6],
    ]);
    expect(records('\uFEFFa,\n')).toEqual([[['a', ''], 1]]);
  });

  it('names the line of a broken quote', () => {
    expect(() => records('a,b\n"open,2\n')).toThrow(CsvSyntaxError);
    try {
      records('a,b\n1,2\n3,x"y\n');
    } catch (error) {
      expect(error).toMatchObject({ line: 3, field: 2 });
    }
  });

  it('recognises the delimiter and the encoding Excel saves', () => {
    expect(detectDelimiter('response_id;team;status\r\n')).toBe(';');
    expect(detectDelimiter('response_id,team,status\r\n"a;b;c",x,y')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(decodeText(Buffer.from('\uFEFFcliënt', 'utf8'))).toEqual({ text: 'cliënt', encoding: 'utf-8', bom: true });
    expect(decodeText(Buffer.from('cliënt', 'utf8'))).toEqual({ text: 'cliënt', encoding: 'utf-8', bom: false });
    // Windows-1252: é is one byte, and € is 0x80 (not Latin-1).
    expect(decodeText(new Uint8Array([0x63, 0x6c, 0x69, 0xeb, 0x6e, 0x74, 0x20, 0x80]))).toEqual({
      text: 'cliënt €',
      encoding: 'windows-1252',
      bom: false,
    });
  });

  it('makes formulas inert (OWASP): =, +, -, @, tab and CR get an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseFormula('1+1')).toBe('1+1');
    expect(neutraliseFormula('Meer tijd')).toBe('Meer tijd');
  });
});
