import { describe, expect, it } from 'vitest';
import { compactLevels, TableBuilder } from './tableBuilder';

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
