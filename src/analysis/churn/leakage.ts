/**
 * Target-leak screen: a feature that alone separates churners almost perfectly (ROC-AUC
 * >= 0.99, e.g. a "churn date" or "churn reason" column) is removed with a warning.
 */
import type { CustomerFrame, Warning } from '../types';
import { MAX_LEVELS } from '../features/design';
import { rocAuc } from './metrics';
import { mulberry32, sampleIndices } from '../random';

export const LEAK_AUC = 0.99;
/** The screen looks at a seeded sample of at most this many rows (an AUC of 0.99 is clear on far fewer). */
export const LEAK_ROWS = 50_000;

/** The frame without leaking columns (shallow copy), plus one warning per removed column. */
export function dropLeaks(frame: CustomerFrame, y: Uint8Array): { frame: CustomerFrame; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const leak = (name: string, auc: number) => {
    const a = Math.max(auc, 1 - auc);
    if (!(a >= LEAK_AUC)) return false;
    warnings.push({
      code: 'churn/target-leak',
      message: `${name} predicts churn almost perfectly on its own (ROC-AUC ${a.toFixed(3)}): it probably records the outcome itself, so it was left out of the models`,
      count: 1,
      column: name,
    });
    return true;
  };
  const rows = y.length > LEAK_ROWS ? sampleIndices(y.length, LEAK_ROWS, mulberry32(0x1ea4)) : null;
  const ys = rows ? Uint8Array.from(rows, (r) => y[r]) : y;
  const numeric = frame.numeric.filter((c) => !leak(c.name, rocAuc(rows ? Float64Array.from(rows, (r) => c.values[r]) : c.values, ys)));
  const categorical = frame.categorical.filter((c) => {
    if (c.levels.length > MAX_LEVELS) return true; // id-like: the design skips it anyway
    const pos = new Float64Array(c.levels.length + 1);
    const cnt = new Float64Array(c.levels.length + 1);
    for (let i = 0; i < y.length; i++) {
      const k = c.codes[i] >= 0 ? c.codes[i] : c.levels.length;
      pos[k] += y[i];
      cnt[k]++;
    }
    const score = Float64Array.from(rows ?? c.codes.keys(), (i) => {
      const code = c.codes[i];
      const k = code >= 0 ? code : c.levels.length;
      return pos[k] / cnt[k];
    });
    return !leak(c.name, rocAuc(score, ys));
  });
  return { frame: { ...frame, numeric, categorical }, warnings };
}
