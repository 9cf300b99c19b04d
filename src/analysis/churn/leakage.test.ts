/** The one leak screen at small base rates (issue 12 point 12): ordinary columns are never
 *  called perfect predictors, a true leak still is, through the cleaning step and the churn stage. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/parse';
import { inspectTable, prepareFrame } from '../data/prepare';
import { mulberry32 } from '../random';
import { dropLeaks, leakAuc, levelScore, rankAuc } from './leakage';

const ORDINARY = ['Tenure', 'Monthly', 'Usage', 'Noise', 'Plan2', 'Region5', 'Store20', 'Branch50', 'Flag'];

/** n customers, exactly `churners` of them churned, ordinary columns (some related to churn),
 *  and two true leaks: DaysSinceCancel (> 0 only for churners) and Reason ('Active' for stayers). */
function csv(n: number, churners: number, seed: number): string {
  const rng = mulberry32(seed);
  const lines = [`customerID,${ORDINARY.join(',')},DaysSinceCancel,Reason,Churn`];
  for (let i = 0; i < n; i++) {
    const y = i * churners % n < churners ? 1 : 0; // spread evenly, exactly `churners` ones
    const tenure = Math.round(rng() * 70 + (y ? -10 : 5));
    lines.push([
      `C${i}`, Math.max(0, tenure), (20 + rng() * 100 + y * 15).toFixed(2), (rng() * 50).toFixed(1), rng().toFixed(4),
      rng() < 0.5 ? 'A' : 'B', `R${Math.floor(rng() * 5)}`, `S${Math.floor(rng() * 20)}`, `B${Math.floor(rng() * 50)}`, rng() < 0.3 ? 'Yes' : 'No',
      y ? 1 + Math.floor(rng() * 90) : 0, y ? ['Price', 'Service', 'Moved', 'Competitor'][Math.floor(rng() * 4)] : 'Active', y ? 'Yes' : 'No',
    ].join(','));
  }
  return lines.join('\n');
}

async function prepared(n: number, churners: number, seed: number) {
  const parsed = await parseCsv(csv(n, churners, seed), 'leaks.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const prep = prepareFrame(inspectTable(parsed.table), {});
  if (!prep.ok) throw new Error(prep.message);
  return prep;
}

describe('leak screen at small base rates', () => {
  it.each([
    [0.005, 2000, 1],
    [0.01, 2000, 2],
    [0.01, 1000, 3],
    [0.02, 2000, 4],
  ])('%f churners of %i customers (seed %i): only the two true leaks are excluded', async (rate, n, seed) => {
    const prep = await prepared(n, Math.round(rate * n), seed);
    const perfect = prep.columns.filter((c) => c.excluded && /predicts churn/.test(c.excluded)).map((c) => c.name);
    expect(perfect.sort()).toEqual(['DaysSinceCancel', 'Reason']);
    for (const name of ORDINARY) expect(prep.columns.find((c) => c.name === name)?.excluded ?? null, name).toBeNull();
    // the churn stage's screen, on the frame the cleaning step kept, claims nothing more
    expect(dropLeaks(prep.frame, prep.frame.y!).warnings).toEqual([]);
  });

  it('the churn stage drops the same true leaks when they reach it (e.g. features of an aggregated log)', async () => {
    const prep = await prepared(2000, 10, 5);
    const y = prep.frame.y!;
    const days = Float64Array.from(y, (v, i) => (v ? 1 + (i % 90) : 0));
    const frame = { ...prep.frame, numeric: [...prep.frame.numeric, { name: 'DaysSinceCancel', values: days }] };
    const out = dropLeaks(frame, y);
    expect(out.warnings.map((w) => w.column)).toEqual(['DaysSinceCancel']);
    expect(out.warnings[0].message).toMatch(/predicts churn almost perfectly on its own \(ROC-AUC 1\.000\)/);
    expect(out.frame.numeric.map((c) => c.name)).not.toContain('DaysSinceCancel');
  });

  it('makes no claim with fewer than five churners, and scores levels out of fold', () => {
    const y = Uint8Array.from({ length: 400 }, (_, i) => (i < 4 ? 1 : 0));
    expect(leakAuc({ name: 'x', values: Float64Array.from(y) }, y)).toBeNaN();
    // a level's rate never includes the row's own fold: a churner alone in its level scores the other folds' rate
    // stratified folds: churners (rows 0, 2, 5) go to folds 0, 1, 2; stayers (rows 1, 3, 4, 6) to folds 0, 1, 2, 3
    const s = levelScore([0, 0, 0, 0, 0, 1, 1], 2, Uint8Array.from([1, 0, 1, 0, 0, 1, 0]));
    expect(s[5]).toBe(0); // fold 2: level 1's other row (6, a stayer, fold 3)
    expect(s[0]).toBe(1 / 3); // fold 0 holds rows 0 and 1: level 0 elsewhere is rows 2, 3, 4
    expect(s[4]).toBe(2 / 4); // fold 2 holds rows 4 and 5: level 0 elsewhere is rows 0-3
  });
});

/** The rank AUC as it was computed before the merge of sorted classes: an index sort, rank by rank. */
function indexSortAuc(score: Float64Array, y: Uint8Array): number {
  const n = score.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[idx[j + 1]] === score[idx[i]]) j++;
    for (let k = i; k <= j; k++) if (y[idx[k]] === 1) {
      pos++;
      rankSum += (i + j) / 2 + 1;
    }
    i = j + 1;
  }
  const neg = n - pos;
  return pos === 0 || neg === 0 ? 0.5 : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

describe('rank AUC without an index sort (the cleaning stage at 704,300 rows)', () => {
  it('gives the same bits as the index sort: ties, signed zeros, infinities, NaN, levels, samples', () => {
    const rng = mulberry32(19);
    for (let t = 0; t < 40; t++) {
      const n = 50 + Math.floor(rng() * 3000);
      const y = Uint8Array.from({ length: n }, () => (rng() < 0.1 + (t % 5) * 0.1 ? 1 : 0));
      const spread = [3, 40, 1e9][t % 3]; // few values (many ties) to nearly all distinct
      const values = Float64Array.from({ length: n }, (_, i) => {
        const u = rng();
        if (t % 4 === 1 && u < 0.02) return [Infinity, -Infinity, -0, 0][i % 4];
        return Math.floor(u * spread) / 7 + y[i] * (t % 2) * 0.5;
      });
      expect(rankAuc(values, y)).toBe(indexSortAuc(values, y));
      const auc = indexSortAuc(values, y);
      if (Math.min(y.reduce((s, v) => s + v, 0), n - y.reduce((s, v) => s + v, 0)) >= 5) expect(leakAuc({ name: 'x', values }, y)).toBe(Math.max(auc, 1 - auc));
      const nLevels = 1 + Math.floor(rng() * 50);
      const codes = Int32Array.from({ length: n }, () => Math.floor(rng() * (nLevels + 1)) - 1); // -1: missing
      const rows = Int32Array.from({ length: Math.floor(n / 2) }, () => Math.floor(rng() * n));
      const ys = Uint8Array.from(rows, (r) => y[r]);
      const levelAuc = indexSortAuc(levelScore(Int32Array.from(rows, (r) => codes[r]), nLevels, ys), ys);
      const got = leakAuc({ name: 'c', codes, levels: Array.from({ length: nLevels }, (_, l) => `L${l}`) }, y, rows);
      if (Number.isNaN(got)) expect(Math.min(ys.reduce((s, v) => s + v, 0), ys.length - ys.reduce((s, v) => s + v, 0))).toBeLessThan(5);
      else expect(got).toBe(Math.max(levelAuc, 1 - levelAuc));
    }
    const withNaN = Float64Array.from([0.3, NaN, 0.1, 0.3, NaN, 0.9, 0.2]);
    const y = Uint8Array.from([1, 0, 0, 1, 1, 0, 1]);
    expect(rankAuc(withNaN, y)).toBe(indexSortAuc(withNaN, y));
  });
});
