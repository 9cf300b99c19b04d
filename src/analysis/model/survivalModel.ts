/**
 * The survival part of a saved model (issue 15): the Cox model the analysis valued its active
 * customers with, kept so a scored file is valued the same way. Each scored customer's curve is
 * conditioned on the tenure in the NEW file (survival/curves.ts), and the lifetime value is the
 * analysis's own formula (business/survivalClv.ts): margin x monthly x discounted expected months.
 */
import type { CustomerFrame, Roles } from '../types';
import type { SurvivalFit } from '../survival/run';
import type { BusinessOptions } from '../types';
import { conditionalSurvival, TAIL_HAZARD_MIN, tailBaselineRate } from '../survival/curves';
import { discountedMonths } from '../business/survivalClv';
import { HAZARD_MIN } from '../business/clv';
import { monthlyDiscount } from '../business/options';
import { MONTHS_PER } from '../data/tenureUnit';
import type { ReadColumns } from './columns';
import type { Matrix } from '../math/matrix';
import type { SavedDesign, SavedModel, SavedSurvival } from './types';

/** A fitted design as saved (levels by name, as the churn design is saved). */
export function saveDesign(d: SurvivalFit['design'], frame: CustomerFrame): SavedDesign {
  return {
    numeric: d.numeric.map((c) => ({ name: c.name, mean: c.mean, sd: c.sd, ...(c.blank ? { blank: true } : {}) })),
    categorical: d.categorical.map((c) => {
      const levels = frame.categorical.find((x) => x.name === c.name)!.levels;
      return { name: c.name, levels: c.codes.map((k) => levels[k]), missing: c.missing };
    }),
    names: d.names.slice(),
  };
}

/** The saved survival model, or null when the analysis did not value customers from curves
 *  (no Cox fit, no monthly revenue column, or a log). Mirrors runBusiness's choice. */
export function saveSurvival(fit: SurvivalFit | null, frame: CustomerFrame, roles: Roles, o: BusinessOptions): SavedSurvival | null {
  if (!fit || frame.kind !== 'customers' || !frame.monthly || !roles.monthly || !roles.tenure || frame.monthlyAssumed !== undefined) return null;
  const m = fit.full;
  const r = fit.result;
  return {
    tenure: roles.tenure,
    monthsPerUnit: MONTHS_PER[frame.tenureUnit ?? 'months'],
    monthly: roles.monthly,
    design: saveDesign(fit.design, frame),
    beta: Array.from(m.beta),
    mean: Array.from(m.mean),
    scale: Array.from(m.scale),
    times: Array.from(m.times),
    cumHazard: Array.from(m.cumHazard),
    capMonths: r.capMonths,
    tailRate: tailBaselineRate(m, r.capMonths),
    tailHazardMin: TAIL_HAZARD_MIN,
    hazardMin: HAZARD_MIN,
    months: r.months,
    margin: o.margin,
    monthlyRate: monthlyDiscount(o.discountRate),
    currency: o.currency,
  };
}

/** Rows encoded per block (bounds the design matrix's memory). */
const CHUNK = 50_000;

/**
 * Lifetime value of every scored row from its own conditional curve, with the months stayed read
 * from the scored file's tenure column (in months: x monthsPerUnit). `encode` is score.ts's
 * encodeRows (passed in: score.ts imports this file). Every row is valued as a current customer.
 */
export function survivalValues(s: SavedSurvival, cols: ReadColumns, encode: (d: SavedDesign, c: ReadColumns, a: number, b: number) => Matrix): Float64Array {
  const n = cols.n;
  const out = new Float64Array(n);
  const tenure = cols.numeric.get(s.tenure)!;
  const monthly = cols.numeric.get(s.monthly)!;
  const base = { times: Float64Array.from(s.times), cumHazard: Float64Array.from(s.cumHazard) };
  const d = s.beta.length;
  for (let a = 0; a < n; a += CHUNK) {
    const b = Math.min(n, a + CHUNK);
    const X = encode(s.design, cols, a, b).data;
    for (let i = a; i < b; i++) {
      // x.b as predictCoxRisk
      let eta = 0;
      for (let j = 0; j < d; j++) eta += ((X[(i - a) * d + j] - s.mean[j]) / s.scale[j]) * s.beta[j];
      const t0 = s.monthsPerUnit === 1 ? tenure[i] : tenure[i] * s.monthsPerUnit;
      const c = conditionalSurvival(base, eta, t0, s.months, s.capMonths, s.tailRate);
      out[i] = s.margin * Math.max(0, monthly[i]) * discountedMonths(c.curve, c.tailHazard, s.monthlyRate);
    }
  }
  return out;
}

export type ClvMethod = 'survival-curves' | 'average-hazard' | 'none';

/** Which lifetime value a saved model gives a scored customer table, and the sentence that says so. */
export function clvMethodOf(model: SavedModel): { method: ClvMethod; text: string } {
  if (model.kind === 'customers' && model.survival)
    return {
      method: 'survival-curves',
      text: `Lifetime value from each customer's own survival curve (the Cox model of ${model.source.fileName}): the chance of still being a customer 1, 2, 3... months ahead given the months already stayed in this file's "${model.survival.tenure}", x monthly charge x margin, discounted; past ${model.survival.capMonths} months the customer's own monthly hazard continues. Every row is valued as a current customer.`,
    };
  if (model.clv && model.churn)
    return {
      method: 'average-hazard',
      text: `Lifetime value from one average monthly hazard scaled by each customer's churn probability${model.version < 2 ? ' (this model was saved before survival curves were kept: version 1)' : ' (the analysis had no survival model)'}. Every row is valued as a current customer.`,
    };
  return { method: 'none', text: 'No lifetime value: the model has no monthly revenue column, churn flag or tenure.' };
}
