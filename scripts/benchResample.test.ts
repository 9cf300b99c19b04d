/** Tests for the benchmark's seeded resampler (bench/resample.ts). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../src/analysis/random';
import { columnIndex, joinCsvLine, resampleFile, resampleRow, splitCsvLine } from '../bench/resample';

const header = ['customerID', 'tenure', 'Contract', 'MonthlyCharges', 'TotalCharges', 'Churn'];
const cols = columnIndex(header);

describe('resampleRow', () => {
  it('keeps tenure integer in 1..72, tenure 0 at 0, blanks blank, categoricals unchanged', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const a = resampleRow(['A-1', '72', 'Two year', '100.00', '7200.00', 'No'], i, cols, rng);
      const t = Number(a[1]);
      expect(Number.isInteger(t) && t >= 71 && t <= 72).toBe(true);
      expect(a[2]).toBe('Two year');
      expect(a[5]).toBe('No');
      const b = resampleRow(['B-2', '0', 'Month-to-month', '20.25', ' ', 'Yes'], i, cols, rng);
      expect(b[1]).toBe('0');
      expect(b[4]).toBe(' ');
      const c = resampleRow(['C-3', '1', 'One year', '50', '50', 'No'], i, cols, rng);
      expect(Number(c[1])).toBeGreaterThanOrEqual(1);
      expect(Number(c[1])).toBeLessThanOrEqual(2);
    }
  });

  it('jitters charges by about 1% (relative sd), two decimals, ids unique', () => {
    const rng = mulberry32(42);
    const rel: number[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const r = resampleRow(['X-9', '10', 'One year', '80.00', '800.00', 'No'], i, cols, rng);
      expect(r[3]).toMatch(/^\d+\.\d\d$/);
      rel.push(Number(r[3]) / 80 - 1);
      ids.add(r[0]);
    }
    expect(ids.size).toBe(5000);
    const mean = rel.reduce((s, v) => s + v, 0) / rel.length;
    const sd = Math.sqrt(rel.reduce((s, v) => s + (v - mean) ** 2, 0) / rel.length);
    expect(Math.abs(mean)).toBeLessThan(0.001);
    expect(sd).toBeGreaterThan(0.009);
    expect(sd).toBeLessThan(0.011);
  });

  it('round-trips quoted CSV fields', () => {
    const f = ['a,b', 'say "hi"', 'plain'];
    expect(splitCsvLine(joinCsvLine(f))).toEqual(f);
  });
});

describe('resampleFile', () => {
  it('writes the requested rows from the real Telco file, same seed same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-bench-'));
    try {
      await resampleFile({ out: join(dir, 'a.csv'), rows: 3000, seed: 5 });
      await resampleFile({ out: join(dir, 'b.csv'), rows: 3000, seed: 5 });
      const a = readFileSync(join(dir, 'a.csv'), 'utf8');
      expect(a).toBe(readFileSync(join(dir, 'b.csv'), 'utf8'));
      const lines = a.trim().split('\n');
      expect(lines.length).toBe(3001);
      const h = splitCsvLine(lines[0]);
      expect(h.length).toBe(21);
      const ci = columnIndex(h);
      const ids = new Set(lines.slice(1).map((l) => splitCsvLine(l)[ci.id]));
      expect(ids.size).toBe(3000);
      for (const l of lines.slice(1)) {
        const r = splitCsvLine(l);
        expect(r.length).toBe(21);
        const t = Number(r[ci.tenure]);
        expect(Number.isInteger(t) && t >= 0 && t <= 72).toBe(true);
        if (r[ci.total].trim() === '') expect(t).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
