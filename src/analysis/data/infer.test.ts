import { describe, expect, it } from 'vitest';
import { inferColumn } from './infer';
import { isBlank } from './values';
import { isPlaceholderId } from './placeholders';
import type { RawColumn } from '../types';

/** A raw column of these cells, levels in first-seen order (as TableBuilder builds them). */
function column(cells: string[], name = 'v'): RawColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(cells.length);
  cells.forEach((c, i) => {
    if (!index.has(c)) index.set(c, levels.push(c) - 1);
    codes[i] = index.get(c)!;
  });
  return { name, levels, codes };
}

const infer = (cells: string[], name?: string) => {
  const c = inferColumn(column(cells, name), cells.length);
  return { type: c.type, missing: c.missing, invalid: c.invalid, nonFinite: c.nonFinite };
};
const nums = (n: number) => Array.from({ length: n }, (_, i) => `${i % 5}.5`);
const days = (n: number) => Array.from({ length: n }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);

describe('inferColumn at the 90% lines, misses first (the readings stop only once their check cannot pass)', () => {
  it('numbers: 90% is numeric with the rest invalid, below it is not; an infinity counts with the numbers', () => {
    expect(infer([...['x', 'y'], ...nums(18)])).toEqual({ type: 'numeric', missing: 2, invalid: 2, nonFinite: 0 });
    expect(infer([...['x', 'y', 'z'], ...nums(17)]).type).toBe('categorical');
    expect(infer([...['x', 'inf'], ...nums(18)])).toEqual({ type: 'numeric', missing: 2, invalid: 2, nonFinite: 1 });
    // repeated misses weigh by their count
    expect(infer([...['x', 'x', 'x'], ...nums(27)])).toEqual({ type: 'numeric', missing: 3, invalid: 3, nonFinite: 0 });
    expect(infer([...['x', 'x', 'x', 'x'], ...nums(26)]).type).toBe('categorical');
  });
  it('dates: 90% is a date column, below it is not', () => {
    expect(infer([...['soon', 'later'], ...days(18)])).toMatchObject({ type: 'date', missing: 2, invalid: 2 });
    expect(infer([...['soon', 'later', 'never'], ...days(17)]).type).not.toBe('date');
  });
  it('booleans: every value must read as one; a last odd value makes it categorical', () => {
    const yn = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'Yes' : 'no'));
    expect(infer(yn).type).toBe('boolean');
    expect(infer([...yn, 'maybe']).type).toBe('categorical');
  });
});

describe('blank and placeholder cells', () => {
  it('isBlank reads conventional missing values and nothing longer', () => {
    for (const s of ['', '  ', 'NA', ' n/a ', 'NULL', '#N/A', 'None', '-', '?', '\u00a0nan\u00a0']) expect(isBlank(s), s).toBe(true);
    for (const s of ['nulls', 'none.', 'N/A-1', '12345', 'a', '0']) expect(isBlank(s), s).toBe(false);
  });
  it('isPlaceholderId: zeros and words are placeholders, an id starting with another digit is not', () => {
    for (const s of ['0', '000', ' 0 ', 'N/A', '(blank)', 'Unknown']) expect(isPlaceholderId(s), s).toBe(true);
    for (const s of ['4664-NJCMS-0', '10', '9', '0042-A', 'C-0']) expect(isPlaceholderId(s), s).toBe(false);
  });
});
