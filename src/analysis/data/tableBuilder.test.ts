import { describe, expect, it } from 'vitest';
import { compactLevels, TableBuilder } from './tableBuilder';
import { categoricalFeature, narrowCodes } from './cleanColumns';

describe('compactLevels: level strings that do not keep the file text alive', () => {
  it('gives equal strings in the same order for many-level columns, and leaves the rest alone', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `customer-${i}-${'x'.repeat(i % 20)}`).join(',');
    const levels = text.split(','); // 13+ characters: sliced strings of `text`, as parsed fields are
    const out = compactLevels(levels);
    expect(out).not.toBe(levels);
    expect(out).toEqual(levels);
    const few = ['a', 'b'];
    expect(compactLevels(few)).toBe(few);
    const withNul = [...levels];
    withNul[7] = 'a\u0000b';
    expect(compactLevels(withNul)).toBe(withNul);
  });

  it('a built table keeps every id as parsed', () => {
    const b = new TableBuilder();
    b.addRow(['id', 'plan']);
    for (let i = 0; i < 2500; i++) b.addRow([`C-${i}-0123456789`, i % 2 ? 'A' : 'B']);
    const t = b.build('t.csv');
    expect(t.columns[0].levels.length).toBe(2500);
    expect(t.columns[0].levels[1234]).toBe('C-1234-0123456789');
    expect(t.columns[1].levels).toEqual(['B', 'A']);
  });
});

describe('level codes as narrow as the level count allows (issue 19, the 100x memory peak)', () => {
  it('Uint8 up to 256 levels, then Uint16, then Int32, with every row read back as parsed', () => {
    const b = new TableBuilder();
    b.addRow(['plan', 'price', 'id']);
    const n = 70_000;
    for (let i = 0; i < n; i++) b.addRow([i % 2 ? 'A' : 'B', String(i % 300), `C${i}`]);
    const [plan, price, id] = b.build('t.csv').columns;
    expect([plan.codes, price.codes, id.codes].map((c) => c.constructor.name)).toEqual(['Uint8Array', 'Uint16Array', 'Int32Array']);
    for (const c of [plan, price, id]) expect(c.codes.length).toBe(n);
    for (const i of [0, 255, 256, 299, 300, 65_535, 65_536, n - 1]) {
      expect(plan.levels[plan.codes[i]]).toBe(i % 2 ? 'A' : 'B');
      expect(price.levels[price.codes[i]]).toBe(String(i % 300));
      expect(id.levels[id.codes[i]]).toBe(`C${i}`);
    }
  });

  it('a headerless file keeps its first line as row 0 in narrow codes', () => {
    const b = new TableBuilder();
    for (let i = 0; i < 50; i++) b.addRow([String(i % 3), `x${i}`]);
    const t = b.build('t.csv');
    expect(t.nRows).toBe(50);
    expect(t.columns[0].codes).toBeInstanceOf(Uint8Array);
    expect(Array.from({ length: 50 }, (_, i) => t.columns[1].levels[t.columns[1].codes[i]])).toEqual(Array.from({ length: 50 }, (_, i) => `x${i}`));
  });
});

describe('categorical feature codes (-1 = missing) as narrow as the level count allows', () => {
  it('Int8 up to 127 levels, Int16 up to 32,767, else Int32; the same values', () => {
    const codes = Int32Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? -1 : i % 127));
    expect(narrowCodes(codes, 127)).toBeInstanceOf(Int8Array);
    expect(Array.from(narrowCodes(codes, 127))).toEqual(Array.from(codes));
    expect(narrowCodes(codes, 128)).toBeInstanceOf(Int16Array);
    expect(Array.from(narrowCodes(codes, 32_767))).toEqual(Array.from(codes));
    expect(narrowCodes(codes, 32_768)).toBe(codes);
  });

  it('a parsed column with a blank cell: sorted levels, -1 for the blank', () => {
    const b = new TableBuilder();
    b.addRow(['plan']);
    for (const v of ['b', 'a', '', 'b']) b.addRow([v, '']);
    const f = categoricalFeature(b.build('t.csv').columns[0], [0, 1, 2, 3]);
    expect(f.levels).toEqual(['a', 'b']);
    expect(f.codes).toBeInstanceOf(Int8Array);
    expect(Array.from(f.codes)).toEqual([1, 0, -1, 1]);
  });
});
