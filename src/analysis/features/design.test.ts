import { describe, it, expect } from 'vitest';
import { fitDesign, transformDesign } from './design';
import type { CustomerFrame } from '../types';

function frame(): CustomerFrame {
  return {
    kind: 'customers', n: 4, ids: ['a', 'b', 'c', 'd'], y: Uint8Array.from([0, 1, 0, 1]), targetName: 'Churn',
    tenure: null, monthly: null, total: null, recency: null, frequency: null, monetary: null,
    numeric: [{ name: 'tenure', values: Float64Array.from([1, 3, 5, 100]) }],
    categorical: [
      { name: 'Contract', levels: ['Month-to-month', 'One year', 'Two year'], codes: Int32Array.from([0, 1, -1, 2]) },
      { name: 'customerCode', levels: Array.from({ length: 60 }, (_, i) => `c${i}`), codes: Int32Array.from([0, 1, 2, 3]) },
    ],
  };
}

describe('design matrix', () => {
  it('blank numeric cells: a "=(blank)" indicator beside the filled value, and NaN in the value for tree models that learn it', () => {
    const f = frame();
    // cleaning filled row 1's blank tenure with the median 5
    f.numeric[0] = { name: 'tenure', values: Float64Array.from([1, 5, 5, 100]), missing: Uint8Array.from([0, 1, 0, 0]) };
    const d = fitDesign(f, Int32Array.from([0, 1, 2]));
    expect(d.names.slice(0, 2)).toEqual(['tenure', 'tenure=(blank)']);
    expect(d.groups[0]).toEqual({ name: 'tenure', kind: 'numeric', start: 0, count: 2 });
    const lin = transformDesign(d, f, Int32Array.from([0, 1])).X;
    const tree = transformDesign(d, f, Int32Array.from([0, 1]), true).X;
    const s = d.numeric[0].sd;
    expect(lin.data[0]).toBeCloseTo((1 - 11 / 3) / s, 12);
    expect([lin.data[1], lin.data[lin.d], lin.data[lin.d + 1]]).toEqual([0, (5 - 11 / 3) / s, 1]);
    expect([tree.data[tree.d], tree.data[tree.d + 1]]).toEqual([NaN, 1]);
    // no blank among the training rows: no indicator
    expect(fitDesign(f, Int32Array.from([0, 2, 3])).names[1]).toBe('Contract=Month-to-month');
  });

  it('fits scaling and levels on training rows only', () => {
    const f = frame();
    const d = fitDesign(f, Int32Array.from([0, 1, 2]));
    expect(d.names).toEqual(['tenure', 'Contract=Month-to-month', 'Contract=One year', 'Contract=(missing)']);
    expect(d.numeric[0].mean).toBe(3); // row 3 (tenure 100) is not a training row
    expect(d.numeric[0].sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(d.warnings.map((w) => w.code)).toEqual(['design/too-many-levels']);
    const m = transformDesign(d, f, Int32Array.from([2, 3]));
    const s = Math.sqrt(8 / 3);
    // row 2: missing contract; row 3: "Two year" unseen in training -> all zeros
    expect(Array.from(m.X.data)).toEqual([2 / s, 0, 0, 1, 97 / s, 0, 0, 0]);
    expect([m.X.n, m.X.d]).toEqual([2, 4]);
    // chunk after chunk into one buffer (left dirty by the last chunk): the same matrices, in the buffer's start
    const into = new Float64Array(3 * 4).fill(7);
    expect(Array.from(transformDesign(d, f, Int32Array.from([0, 1, 3]), false, into).X.data)).toEqual(Array.from(transformDesign(d, f, Int32Array.from([0, 1, 3])).X.data));
    const again = transformDesign(d, f, Int32Array.from([2, 3]), false, into).X;
    expect(Array.from(again.data)).toEqual(Array.from(m.X.data));
    expect(again.data.buffer).toBe(into.buffer);
    expect(() => transformDesign(d, f, Int32Array.from([0, 1, 2, 3]), false, into)).toThrow(/into has 12 cells, 4 x 4 needed/);
    expect(structuredClone(d)).toEqual(d);
  });
  it('rejects bad rows and mismatched frames', () => {
    const f = frame();
    expect(() => fitDesign(f, new Int32Array(0))).toThrow(expect.objectContaining({ code: 'design/empty' }));
    expect(() => fitDesign(f, Int32Array.from([7]))).toThrow(expect.objectContaining({ code: 'design/bad-rows' }));
    const d = fitDesign(f, Int32Array.from([0, 1]));
    expect(() => transformDesign(d, { ...f, numeric: [] }, Int32Array.from([0]))).toThrow(expect.objectContaining({ code: 'design/schema' }));
  });
});
