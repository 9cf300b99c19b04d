/**
 * Spend per purchase for lifetime value: Gamma-Gamma when its assumption holds, else each
 * customer's own mean spend. Gamma-Gamma assumes spend per purchase is independent of how often a
 * customer buys; a correlation above 0.3 (in absolute value) between the two among repeat buyers
 * breaks it, and so do fewer than 10 repeat buyers, no convergence, or q <= 1 (an infinite mean).
 */
import type { Warning } from '../types';
import type { GammaGammaModel } from './types';
import type { CalibrationSummary } from './summary';
import { spendSummary } from './summary';
import { expectedSpend, fitGammaGamma } from './gammaGamma';

export interface SpendResult {
  model: GammaGammaModel | null;
  /** Pearson correlation of repeat purchases and mean repeat spend among repeat buyers (null: fewer than 3) */
  correlation: number | null;
  /** 'gamma-gamma' or 'observed mean' (the fallback) */
  method: 'gamma-gamma' | 'observed-mean';
  /** expected spend per purchase, per summarised customer */
  perCustomer: Float64Array;
}

function pearson(a: Float64Array, b: Float64Array): number | null {
  const n = a.length;
  if (n < 3) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

/** Expected spend per purchase for each customer of the summary (see the file header); findings into warnings. */
export function spendModel(s: CalibrationSummary, seed: number, warnings: Warning[]): SpendResult {
  const sp = spendSummary(s);
  const correlation = pearson(sp.x, sp.m);
  let overall = 0;
  let days = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (!Number.isFinite(s.mAll[i])) continue; // customer tables: no spend known for one-time buyers
    overall += s.mAll[i] * (s.x[i] + 1);
    days += s.x[i] + 1;
  }
  const fallback = (): SpendResult => ({ model, correlation, method: 'observed-mean', perCustomer: s.mAll.map((m) => (m > 0 ? m : overall / Math.max(1, days))) });
  let model: GammaGammaModel | null = null;
  if (sp.x.length < 10) {
    warnings.push({ code: 'lifetime-spend-few-repeat', message: `Only ${sp.x.length} repeat buyer(s) with spend: Gamma-Gamma needs 10; lifetime values use each customer's own mean spend.`, count: sp.x.length });
    return fallback();
  }
  if (correlation !== null && Math.abs(correlation) > 0.3) {
    warnings.push({
      code: 'lifetime-spend-correlated',
      message: `Among repeat buyers, spend per purchase correlates with how often they buy (r = ${correlation.toFixed(2)}), which breaks the Gamma-Gamma assumption; lifetime values use each customer's own mean spend instead.`,
      count: sp.x.length,
    });
    return fallback();
  }
  model = fitGammaGamma(sp, seed);
  if (!model.converged || !(model.params.q > 1)) {
    warnings.push({
      code: 'lifetime-spend-fit',
      message: `The Gamma-Gamma spend model did not give a usable fit (${model.converged ? `q = ${model.params.q.toFixed(2)} <= 1, an infinite mean` : 'no convergence'}); lifetime values use each customer's own mean spend.`,
      count: sp.x.length,
    });
    return fallback();
  }
  const per = new Float64Array(s.x.length);
  for (let i = 0; i < s.x.length; i++) per[i] = expectedSpend(model.params, s.mRepeat[i] > 0 ? s.x[i] : 0, s.mRepeat[i]);
  return { model, correlation, method: 'gamma-gamma', perCustomer: per };
}
