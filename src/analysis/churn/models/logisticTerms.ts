/**
 * The churn stage's logistic model with splines and interactions (terms.ts): the terms are
 * chosen on the training rows it is given, then the L2 logistic is fitted on the expanded
 * columns. Readable as before: odds ratios per one-hot level, per interaction (the extra
 * factor when both levels hold), and per spline column as the odds ratio between two
 * training quantiles; reasons stay per source column (an interaction's share is split
 * evenly between its two columns).
 */
import type { DesignGroup } from '../../features/design';
import type { Matrix } from '../../math/matrix';
import { takeSample } from '../../math/matrix';
import { fitLogistic, predictLogistic, type LogisticModel, type LogisticParams } from './logistic';
import { stratifiedHoldout } from '../evaluation/folds';
import { logLoss } from '../evaluation/metrics';
import { chooseTerms, expandRows, KNOT_QUANTILES, splineBasis, type TermOptions } from './terms';
import { exp, log } from '../../math/detmath';

/** Ridge strength of the expanded model when it is not chosen inside the training rows (the
 *  first dashboard): C = 10 (scikit-learn's C on standardized columns). The spline columns are
 *  nearly collinear with their linear column, and C = 1 shrinks the bend away. This value was
 *  picked by comparing 1/3/10 on Telco's own folds; with `chooseC` (the refined run) C is chosen
 *  inside each training fold instead (TERMS_CS), so no setting sees the outer test fold. */
export const TERMS_C = 10;
/** Candidate ridge strengths tried on the inner split of the training rows. */
export const TERMS_CS = [3, 10, 30];
/** Share of the training rows held out (stratified, seeded) to compare the candidates. */
export const C_HOLDOUT = 0.2;

/** Chooses terms on (X, y) and fits the logistic on the expanded columns; model.d stays the design width.
 *  chooseC: C is the candidate with the lowest log-loss on a seeded inner holdout of these rows
 *  (fits on the rest; terms chosen once, on all these rows), then the model is refit on all of them. */
export async function fitLogisticTerms(
  X: Matrix,
  y: Uint8Array,
  groups: DesignGroup[],
  opts: Partial<TermOptions> = {},
  params: Partial<LogisticParams> = {},
  chooseC?: { seed: number },
): Promise<LogisticModel> {
  const terms = chooseTerms(X, y, groups, opts);
  if (terms.length === 0) return fitLogistic(X, y, params);
  const Xe = expandRows(X, terms);
  const C = chooseC ? await innerC(Xe, y, params, chooseC.seed) : TERMS_C;
  const m = await fitLogistic(Xe, y, { C, ...params });
  return { ...m, d: X.d, terms };
}

/** The candidate C with the lowest held-out log-loss on a stratified inner split of (X, y). */
async function innerC(X: Matrix, y: Uint8Array, params: Partial<LogisticParams>, seed: number): Promise<number> {
  const { fit, val } = stratifiedHoldout(y, C_HOLDOUT, seed);
  const tr = takeSample(X, y, fit);
  const va = takeSample(X, y, val);
  let best = TERMS_CS[0];
  let bestLoss = Infinity;
  for (const C of TERMS_CS) {
    const p = predictLogistic(await fitLogistic(tr.X, tr.y, { ...params, C }), va.X);
    const loss = logLoss(p, va.y);
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = C;
    }
  }
  return best;
}

/** Per coefficient, the design groups it belongs to and their shares: input columns to their own group,
 *  splines to their column's, interactions half to each. */
export function coefGroups(model: LogisticModel, groups: DesignGroup[]): { group: number; share: number }[][] {
  const groupOfCol = new Int32Array(model.d).fill(-1);
  groups.forEach((g, t) => groupOfCol.fill(t, g.start, g.start + g.count));
  const out: { group: number; share: number }[][] = Array.from({ length: model.d }, (_, j) => (groupOfCol[j] >= 0 ? [{ group: groupOfCol[j], share: 1 }] : []));
  for (const t of model.terms ?? [])
    out.push(t.kind === 'spline' ? [{ group: t.group, share: 1 }] : [{ group: t.groups[0], share: 0.5 }, { group: t.groups[1], share: 0.5 }]);
  return out;
}

/** Odds ratios of a fitted model, largest effect first: one-hot levels and interactions per column, numeric
 *  columns per 1 SD, or, with a spline, between the training quantiles of its inner knots. */
export function logisticOddsRatios(model: LogisticModel, names: string[], groups: DesignGroup[]): { feature: string; oddsRatio: number }[] {
  const { coef, sd } = model;
  const numericStart = new Set(groups.filter((g) => g.kind === 'numeric').map((g) => g.start));
  const splined = new Map<number, number[]>();
  for (const t of model.terms ?? []) if (t.kind === 'spline') splined.set(t.col, t.knots);
  const out: { feature: string; oddsRatio: number }[] = [];
  for (let j = 0; j < model.d; j++) {
    const knots = splined.get(j);
    if (!knots) {
      out.push({ feature: numericStart.has(j) ? `${names[j]} (per 1 SD)` : names[j], oddsRatio: exp(coef[j] / sd[j]) });
      continue;
    }
    // logit at the upper inner knot minus at the lower one, through the linear and the spline columns
    const lo = knots[1];
    const hi = knots[knots.length - 2];
    let dz = (coef[j] * (hi - lo)) / sd[j];
    model.terms!.forEach((t, e) => {
      if (t.kind === 'spline' && t.col === j) dz += (coef[model.d + e] * (splineBasis(hi, t.knots, t.k) - splineBasis(lo, t.knots, t.k))) / sd[model.d + e];
    });
    const q = KNOT_QUANTILES[knots.length];
    const pct = (x: number) => `${Math.round(x * 1000) / 10}th`;
    out.push({ feature: `${names[j]} (${pct(q[q.length - 2])} vs ${pct(q[1])} percentile)`, oddsRatio: exp(dz) });
  }
  model.terms?.forEach((t, e) => {
    if (t.kind === 'product') out.push({ feature: `${names[t.a]} × ${names[t.b]}`, oddsRatio: exp(coef[model.d + e] / sd[model.d + e]) });
  });
  return out.sort((a, b) => Math.abs(log(b.oddsRatio)) - Math.abs(log(a.oddsRatio)));
}
