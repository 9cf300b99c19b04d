import { describe, expect, it } from 'vitest';
import { parseCsv, sniffEncoding } from './parse';
import { inspectTable, prepareFrame } from './prepare';
import { parseNumber, parseDate } from './values';

const rows = (t: { columns: { levels: string[]; codes: ArrayLike<number> }[] }, i: number) => t.columns.map((c) => c.levels[c.codes[i]]);

async function ok(text: string | Blob, chunk?: number) {
  const r = await parseCsv(text, 'f.csv', undefined, chunk);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

describe('parseCsv', () => {
  it('handles CRLF, a BOM, and quoted fields with commas, quotes and newlines', async () => {
    const r = await ok('\uFEFFid,name,note\r\n1,"Smith, J","said ""hi""\r\nthen left"\r\n2,Lee,ok\r\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['id', 'name', 'note']);
    expect(r.table.nRows).toBe(2);
    expect(rows(r.table, 0)).toEqual(['1', 'Smith, J', 'said "hi"\nthen left']);
  });
  it('detects ; and tab delimiters', async () => {
    expect((await ok('a;b;c\n1;2;3\n4;5;6\n')).delimiter).toBe(';');
    expect((await ok('a\tb\tc\n1\t2\t3\n')).delimiter).toBe('\t');
  });
  it('streams in chunks with the same result, even splitting CRLF and quoted newlines', async () => {
    const text = 'id,v,q\r\n' + Array.from({ length: 300 }, (_, i) => `${i},${i * 1.5},"x\r\ny,${i}"`).join('\r\n') + '\r\n';
    const whole = await ok(text);
    for (const chunk of [7, 64, 1000]) {
      const r = await ok(new Blob([text]), chunk);
      expect(r.table.nRows).toBe(300);
      for (const i of [0, 150, 299]) expect(rows(r.table, i)).toEqual(rows(whole.table, i));
    }
    expect(rows(whole.table, 299)).toEqual(['299', '448.5', 'x\ny,299']);
  });
  it('reads a chunk in pieces with the same table, a piece cut inside a quoted field included', async () => {
    // ~0.4 MB: one 4 MiB chunk read in several pieces, each cut after a line break that may sit inside quotes
    const text = 'id,v,q\n' + Array.from({ length: 20000 }, (_, i) => `C${i},${i % 97},"a\nb,${i % 13}\n"`).join('\n') + '\n';
    const pieces = await ok(new Blob([text]));
    const small = await ok(new Blob([text]), 65536);
    expect(pieces.table.nRows).toBe(20000);
    expect(pieces.table.columns).toEqual(small.table.columns);
    expect(rows(pieces.table, 19999)).toEqual(['C19999', String(19999 % 97), `a\nb,${19999 % 13}\n`]);
  });
  it('reports ragged rows, duplicate and blank header names', async () => {
    const r = await ok('a,a,,d\n1,2,3\n1,2,3,4,5\n1,2,3,4\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['a', 'a (2)', 'Column 3', 'd']);
    const codes = r.table.parseWarnings.map((w) => w.code).sort();
    expect(codes).toEqual(['blank-header', 'duplicate-header', 'ragged-long', 'ragged-short']);
    expect(r.table.parseWarnings.find((w) => w.code === 'ragged-short')!.examples).toEqual([1]);
  });
  it('reads UTF-16 and Latin-1 files', async () => {
    const s = 'name,city\nJosé,Málaga\nAnn,Köln\n';
    const u16 = new Uint8Array(2 + s.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      u16[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      u16[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    const a = await ok(new Blob([u16]));
    expect(rows(a.table, 0)).toEqual(['José', 'Málaga']);
    expect(a.encoding).toBe('utf-16le');
    const latin = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    const b = await ok(new Blob([latin]));
    expect(b.encoding).toBe('windows-1252');
    expect(rows(b.table, 1)).toEqual(['Ann', 'Köln']);
  });
  it('gives coded errors for empty, header-only, single-column and binary files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const cases: [string | Blob, string][] = [
      ['', 'empty-file'],
      ['   \n\n', 'empty-file'],
      ['a,b,c\n', 'no-rows'],
      ['name\nann\nbob\n', 'single-column'],
      [new Blob([png]), 'binary-file'],
    ];
    for (const [input, code] of cases) {
      const r = await parseCsv(input, 'bad.csv');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe(code);
        expect(r.message.length).toBeGreaterThan(20);
      }
    }
    expect(sniffEncoding(png)).toBe('binary');
  });
  it('gives a coded error when no column can be the target', async () => {
    const r = await ok('customerID,plan,spend\n' + Array.from({ length: 30 }, (_, i) => `c${i},${i % 3 ? 'basic' : 'pro'},${i * 3}`).join('\n'));
    const prep = prepareFrame(inspectTable(r.table), {});
    expect(prep.ok).toBe(false);
    if (!prep.ok) expect(prep.code).toBe('no-target');
  });
});

describe('values', () => {
  it('parses dot and comma decimals, currency and percent', () => {
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('1.234,56', 'comma')).toBe(1234.56);
    expect(parseNumber('$12.5')).toBe(12.5);
    expect(parseNumber('12%')).toBe(12);
    expect(parseNumber(' ')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });
  it('parses ISO and slash dates', () => {
    expect(parseDate('2023-01-05')).toBe(Date.UTC(2023, 0, 5));
    expect(parseDate('12/1/2010 8:26')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate('25/12/2020')).toBe(Date.UTC(2020, 11, 25));
    expect(parseDate('hello')).toBeNaN();
  });
});
