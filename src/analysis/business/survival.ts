/** Retention curves: Kaplan-Meier over tenure for the whole base, per segment and per chosen columns. */
import type { CustomerFrame, Warning, CategoricalFeature } from '../types';
import type { SurvivalCurve } from './types';
import type { Groups } from './groups';
import { conditionalSurvival, kaplanMeierGroups, medianLifetime, survivalAt, timeSlots, type KmCurve } from './kaplanMeier';
import { conditionalPairs, isWholeYears, wholeYearCurve } from './tenureWords';
/** Curves longer than this are thinned for the result (statistics use the full curve). */
const MAX_POINTS = 400;

/** `years`: a whole-year file (tenureWords.ts): the curve moves on 12 months and has no 6-month mark. */
function toCurve(raw: KmCurve, group: string, by: string, years: boolean): SurvivalCurve {
  const km = years ? wholeYearCurve(raw) : raw;
  const idx: number[] = [];
  const step = km.times.length > MAX_POINTS ? Math.ceil(km.times.length / MAX_POINTS) : 1;
  for (let i = 0; i < km.times.length; i += step) idx.push(i);
  if (idx[idx.length - 1] !== km.times.length - 1) idx.push(km.times.length - 1);
  return {
    group,
    by,
    times: idx.map((i) => km.times[i]),
    survival: idx.map((i) => km.survival[i]),
    atRisk: idx.map((i) => km.atRisk[i]),
    medianLifetime: medianLifetime(km),
    at: { m6: years ? null : survivalAt(km, 6), m12: survivalAt(km, 12), m24: survivalAt(km, 24) },
    n: km.n,
    observedUntil: km.times.length ? km.times[km.times.length - 1] : 0,
  };
}

/** Churn rate per level of a categorical column (levels with fewer than minCount customers skipped). */
function levelRates(col: CategoricalFeature, y: Uint8Array, minCount: number): number[] {
  const c = new Float64Array(col.levels.length);
  const s = new Float64Array(col.levels.length);
  for (let i = 0; i < y.length; i++) {
    const l = col.codes[i];
    if (l < 0) continue;
    s[l]++;
    c[l] += y[i] ? 1 : 0;
  }
  const out: number[] = [];
  for (let l = 0; l < s.length; l++) if (s[l] >= minCount) out.push(c[l] / s[l]);
  return out;
}

/**
 * Columns to split curves by: the user's list when given; else a column named like 'Contract';
 * else the categorical column (2..6 levels) with the biggest churn-rate spread between levels.
 */
export function pickSurvivalColumns(frame: CustomerFrame, survivalBy: string[] | undefined, warnings: Warning[]): CategoricalFeature[] {
  const byName = new Map(frame.categorical.map((c) => [c.name, c]));
  if (survivalBy && survivalBy.length) {
    const out: CategoricalFeature[] = [];
    for (const name of survivalBy) {
      const c = byName.get(name);
      if (c) out.push(c);
      else warnings.push({ code: 'survival-column-missing', message: `Retention curves: column "${name}" is not a categorical column; skipped.`, count: 1, column: name });
    }
    return out;
  }
  const contract = frame.categorical.find((c) => /contract/i.test(c.name));
  if (contract) return [contract];
  if (!frame.y) return [];
  let best: CategoricalFeature | null = null;
  let bestSpread = -1;
  const minCount = Math.max(10, Math.ceil(0.01 * frame.n));
  for (const c of frame.categorical) {
    if (c.levels.length < 2 || c.levels.length > 6) continue;
    const r = levelRates(c, frame.y, minCount);
    if (r.length < 2) continue;
    const spread = Math.max(...r) - Math.min(...r);
    if (spread > bestSpread) { bestSpread = spread; best = c; }
  }
  return best ? [best] : [];
}

export interface SurvivalBundle {
  curves: SurvivalCurve[];
  base: KmCurve | null;
  conditional: { from: number; to: number; probability: number }[];
  /** tenure counted in whole years: curves and pairs read in years (tenureWords.ts) */
  years: boolean;
}

/** All curves; empty when the table has no tenure or no churn flag (a warning says so). */
export function buildSurvival(frame: CustomerFrame, groups: Groups, survivalBy: string[] | undefined, warnings: Warning[]): SurvivalBundle {
  if (!frame.tenure || !frame.y) {
    warnings.push({
      code: 'survival-unavailable',
      message: `Retention curves need ${!frame.tenure ? 'a tenure column' : 'a churn flag'}; none drawn.`,
      count: 1,
    });
    return { curves: [], base: null, conditional: [], years: false };
  }
  const t = frame.survivalMonths ?? frame.tenure, y = frame.y;
  const all = new Int32Array(frame.n);
  const slots = timeSlots(t);
  const [base] = kaplanMeierGroups(t, y, all, 1, slots);
  const years = isWholeYears(t, frame.tenureUnit);
  const curves: SurvivalCurve[] = [toCurve(base, 'All customers', 'all', years)];
  if (groups.fromSegmentation) {
    const segCurves = kaplanMeierGroups(t, y, groups.labels, groups.names.length, slots);
    segCurves.forEach((c, g) => curves.push(toCurve(c, groups.names[g], 'segment', years)));
  }
  for (const col of pickSurvivalColumns(frame, survivalBy, warnings)) {
    const colCurves = kaplanMeierGroups(t, y, col.codes, col.levels.length, slots);
    colCurves.forEach((c, l) => { if (c.n > 0) curves.push(toCurve(c, col.levels[l], col.name, years)); });
  }
  const conditional: { from: number; to: number; probability: number }[] = [];
  const read = years ? wholeYearCurve(base) : base;
  for (const [from, to] of conditionalPairs(years)) {
    const p = conditionalSurvival(read, from, to);
    if (p !== null) conditional.push({ from, to, probability: p });
  }
  return { curves, base, conditional, years };
}
