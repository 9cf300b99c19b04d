/** Issue 12 parsing classes: header names, no header, aligned text, `sep=`, runaway quotes,
 *  number and date formats, non-finite values, encodings. Exact answers on tiny inputs. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame, summarize } from './prepare';
import { uniqueNames } from './tableBuilder';
import { detectNumberFormat, isNonFiniteNumber, parseNumber } from './numbers';
import { detectDateOrder, outlierDates, parseDate } from './dates';
import { buildXlsx } from '../testing/xlsx';
import { hasShared, sharedPath } from '../testing/shared';

const CDNOW_REL = 'data/cdnow/CDNOW_sample.txt';

const row = (t: { columns: { levels: string[]; codes: ArrayLike<number> }[] }, i: number) => t.columns.map((c) => c.levels[c.codes[i]]);
async function ok(text: string | Blob | Uint8Array, chunk?: number) {
  const r = await parseCsv(text instanceof Uint8Array ? new Blob([text as BlobPart]) : text, 'f.csv', undefined, chunk);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}
const codes = (r: { table: { parseWarnings: { code: string }[] } }) => r.table.parseWarnings.map((w) => w.code);

describe('header names', () => {
  it('are unique even when a generated rename collides with a real name', () => {
    expect(uniqueNames(['X', 'X', 'X (2)']).names).toEqual(['X', 'X (3)', 'X (2)']);
    expect(uniqueNames(['a', '', 'Column 2', 'a', 'a']).names).toEqual(['a', 'Column 2', 'Column 2 (2)', 'a (2)', 'a (3)']);
    const n = uniqueNames(['X (2)', 'X', 'X', 'X', '']).names;
    expect(new Set(n).size).toBe(5);
  });
  it('keeps every column of `X, X, X (2)` with its own values', async () => {
    const r = await ok('X,X,X (2),id\n1,2,3,a\n4,5,6,b\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['X', 'X (3)', 'X (2)', 'id']);
    expect(row(r.table, 1)).toEqual(['4', '5', '6', 'b']);
  });
});

describe('files without a header row', () => {
  it('read the first row as data and name the columns Column 1..N', async () => {
    const r = await ok('1,Ann,20.5\n2,Bob,30\n3,Cy,12\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(r.table.nRows).toBe(3);
    expect(row(r.table, 0)).toEqual(['1', 'Ann', '20.5']);
    expect(codes(r)).toContain('no-header');
  });
  it('keep a real header over numbers, even one with years as names', async () => {
    expect(codes(await ok('id,2019,2020\nC1,3.5,4\nC2,1,2\n'))).not.toContain('no-header');
    expect(codes(await ok('customer,tenure,churn\nC1,3,Yes\nC2,1,No\n'))).not.toContain('no-header');
  });
});

describe('aligned text exports and sep= lines', () => {
  // skipped, with the missing path in its name, when ../shared is not beside the clone
  it.skipIf(!hasShared(CDNOW_REL))(`split on runs of blanks (the CDNOW layout), as a transaction log${hasShared(CDNOW_REL) ? '' : ` (skipped: ${sharedPath(CDNOW_REL)} is missing)`}`, async () => {
    const text = readFileSync(sharedPath(CDNOW_REL));
    const r = await ok(new Uint8Array(text));
    expect(r.delimiter).toBe('whitespace');
    expect(r.table.nRows).toBe(6919);
    expect(row(r.table, 0)).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    const ins = inspectTable(r.table);
    expect(ins.kind).toBe('transactions');
    expect(ins.roles).toMatchObject({ id: 'Column 1', date: 'Column 3', amount: 'Column 5', quantity: 'Column 4' });
    const prep = prepareFrame(ins, {});
    if (!prep.ok) throw new Error(prep.message);
    expect(prep.frame.n).toBe(2357);
    expect(summarize(ins).period).toMatchObject({ first: '1997-01-01', last: '1998-06-30', churnCutoff: '1998-04-01' });
  });
  it('take the delimiter from an Excel `sep=;` line and skip it', async () => {
    const r = await ok('sep=;\r\na;b;c\r\n1;2,5;3\r\n4;5;6\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(r.table.nRows).toBe(2);
  });
});

describe('runaway quotes', () => {
  const lines = ['id,name,amount'];
  for (let i = 1; i <= 300; i++) lines.push(i === 50 ? `${i},"Bob the builder,${i}.5` : i === 120 ? `${i},"5" screen,${i}` : `${i},n${i},${i}.5`);
  const text = lines.join('\n') + '\n';
  it('are re-read with the quote literal: no row lost, line numbers reported, same in chunks', async () => {
    for (const chunk of [undefined, 100, 4096]) {
      const r = await ok(text, chunk);
      expect(r.table.nRows).toBe(300);
      expect(row(r.table, 49)).toEqual(['50', '"Bob the builder', '50.5']);
      expect(row(r.table, 50)).toEqual(['51', 'n51', '51.5']);
      const w = r.table.parseWarnings.find((x) => x.code === 'runaway-quote')!;
      expect(row(r.table, 119)).toEqual(['120', '"5" screen', '120']);
      expect(w.count).toBe(2);
      expect(w.message).toContain('line 51, 121');
    }
  });
  it('leave legitimate quoted newlines alone', async () => {
    const r = await ok('id,note,v\n1,"two\nlines, ok",3\n2,"a ""b""",4\n');
    expect(r.table.nRows).toBe(2);
    expect(codes(r)).not.toContain('runaway-quote');
  });
});

describe('numbers', () => {
  it('read currency, percent, accounting negatives and thousands', () => {
    expect(parseNumber('(1,234)')).toBe(-1234);
    expect(parseNumber('$ -12.50')).toBe(-12.5);
    expect(parseNumber('1 234,5 €', 'comma')).toBe(1234.5);
    expect(parseNumber("1'234.5")).toBe(1234.5);
    expect(parseNumber('2.345', 'comma')).toBe(2345);
    expect(parseNumber('1,23')).toBeNaN();
    expect(parseNumber('12,3456')).toBeNaN();
    expect(parseNumber('1.5e3')).toBe(1500);
  });
  it('treat 1e309, huge values and infinity literals as not numbers, and say so', () => {
    for (const s of ['1e309', '-1e309', '1e20', 'Infinity', '-inf']) {
      expect(parseNumber(s)).toBeNaN();
      expect(isNonFiniteNumber(s)).toBe(true);
    }
    expect(isNonFiniteNumber('abc')).toBe(false);
  });
  it('infer the decimal style per column, asking only when truly open', () => {
    const f = (v: string[], d = ',') => detectNumberFormat(v, v.map(() => 1), d);
    expect(f(['2.345', '1.250', '12'], ';')).toEqual({ style: 'comma' });
    expect(f(['1,5', '2.345'])).toEqual({ style: 'comma' });
    expect(f(['12.5', '1,234'])).toEqual({ style: 'dot' });
    expect(f(['1,234', '12'])).toEqual({ style: 'dot' });
    expect(f(['2.345', '12'])).toEqual({ style: 'dot', ambiguous: { example: '2.345', asDot: 2.345, asComma: 2345 } });
  });
  it('report non-finite cells as a finding and keep them out of the features', async () => {
    const lines = ['id,spend,churn'];
    for (let i = 1; i <= 40; i++) lines.push(`C${i},${i === 3 ? '1e309' : i === 4 ? 'Infinity' : i * 10},${i % 3 ? 'No' : 'Yes'}`);
    const prep = prepareFrame(inspectTable((await ok(lines.join('\n'))).table), {});
    if (!prep.ok) throw new Error(prep.message);
    const w = prep.warnings.find((x) => x.code === 'non-finite-cells')!;
    expect(w.count).toBe(2);
    expect(w.examples).toEqual([3, 4]);
    expect(prep.frame.numeric.every((f) => f.values.every(Number.isFinite))).toBe(true);
  });
});

describe('dates', () => {
  it('take day/month order per column from values', () => {
    const f = (v: string[], d = ',') => detectDateOrder(v, v.map(() => 1), d);
    expect(f(['03/04/2020', '25/04/2020']).order).toBe('dmy');
    expect(f(['03/04/2020', '04/25/2020']).order).toBe('mdy');
    expect(f(['03/04/2020', '05/06/2020', '01/02/2021'])).toEqual({ order: 'mdy', ambiguous: { examples: ['03/04/2020', '05/06/2020', '01/02/2021'] } });
    expect(parseDate('03/04/2020', 'dmy')).toBe(Date.UTC(2020, 3, 3));
    expect(parseDate('25/04/2020', 'mdy')).toBeNaN();
    expect(parseDate('19970230')).toBeNaN();
    expect(parseDate('19970228')).toBe(Date.UTC(1997, 1, 28));
  });
  it('flag dates far outside the bulk (a 2099 typo, 1850)', () => {
    const dates = [Date.UTC(2010, 0, 1), Date.UTC(2011, 5, 1), Date.UTC(2099, 0, 1), Date.UTC(1850, 0, 1)];
    const rows = new Int32Array(400).map((_, i) => (i === 7 ? 2 : i === 9 ? 3 : i % 2));
    expect(Array.from(outlierDates(dates, rows))).toEqual([0, 0, 1, 1]);
  });
});

describe('encodings', () => {
  it('read Windows-1252 smart quotes, dashes and the euro sign (as browsers do, not as ISO-8859-1)', async () => {
    const bytes = Uint8Array.from([...Buffer.from('id,note\n1,'), 0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, ...Buffer.from('\n2,caf'), 0xe9, 0x0a]);
    const r = await ok(bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(row(r.table, 0)).toEqual(['1', '“a” – €5']);
    expect(row(r.table, 1)).toEqual(['2', 'café']);
  });
  it('tell Shift-JIS from Latin-1 and read UTF-16BE without a byte order mark', async () => {
    const sjis = Uint8Array.from([...Buffer.from('id,city\n1,'), 0x83, 0x67, 0x83, 0x45, 0x83, 0x4c, 0x83, 0x87, 0x83, 0x45, ...Buffer.from('\n2,'), 0x93, 0x8c, 0x8b, 0x9e, 0x0a]);
    const r = await ok(sjis);
    expect(r.encoding).toBe('shift_jis');
    expect(row(r.table, 0)).toEqual(['1', 'トウキョウ']);
    expect(row(r.table, 1)).toEqual(['2', '東京']);
    const le = Buffer.from('id,city\n1,Köln\n2,x\n', 'utf16le');
    const be = Uint8Array.from(le, (_, i) => le[i ^ 1]);
    const u = await ok(be);
    expect(u.encoding).toBe('utf-16be');
    expect(row(u.table, 0)).toEqual(['1', 'Köln']);
  });
});

describe('Excel workbooks', () => {
  const rows = (n: number) => {
    const out: (string | number | boolean | Date | null)[][] = [['Customer', 'Signed up', 'Monthly fee', 'Churn']];
    for (let i = 1; i <= n; i++) out.push([`C${i}`, new Date(Date.UTC(2020, i % 12, 1 + (i % 27))), 10 + i * 1.25, i % 3 === 0 ? 'Yes' : 'No']);
    return out;
  };
  it('read the first sheet with typed cells (numbers exact, dates as ISO days) and list the others', async () => {
    const bytes = buildXlsx([['Customers', rows(30)], ['Notes', [['a', 'b'], ['1', '2']]]]);
    const r = await ok(bytes);
    expect(r.table.workbook).toEqual({ sheets: ['Customers', 'Notes'], sheet: 'Customers' });
    expect(r.table.nRows).toBe(30);
    expect(row(r.table, 0)).toEqual(['C1', '2020-02-02', '11.25', 'No']);
    const ins = inspectTable(r.table);
    expect(ins.inferred.map((c) => c.type)).toEqual(['id', 'date', 'numeric', 'boolean']);
    expect(codes(r)).toContain('workbook-sheets');
  });
  it('read another sheet when asked', async () => {
    const r = await parseCsv(new Blob([buildXlsx([['A', [['x', 'y'], [1, 2]]], ['B', rows(5)]]) as BlobPart]), 'w.xlsx', undefined, undefined, 'B');
    if (!r.ok) throw new Error(r.message);
    expect(r.table.workbook!.sheet).toBe('B');
    expect(r.table.nRows).toBe(5);
  });
  it('give a clear message for a damaged or password-protected workbook', async () => {
    const bytes = buildXlsx([['A', rows(5)]]);
    const broken = await parseCsv(new Blob([bytes.slice(0, 300) as BlobPart]), 'broken.xlsx');
    expect(broken).toMatchObject({ ok: false, code: 'corrupt-workbook' });
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    const locked = await parseCsv(new Blob([cfb]), 'locked.xlsx');
    expect(locked).toMatchObject({ ok: false, code: 'protected-workbook' });
    if (!locked.ok) expect(locked.message).toMatch(/password-protected/);
  });
});
