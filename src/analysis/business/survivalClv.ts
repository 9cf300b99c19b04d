/**
 * Lifetime value from each active customer's own survival curve (issue 15): with the Cox model's
 * conditional curve S_i(m) = P(still a customer m months from now | stayed so far),
 *   CLV_i = margin x monthly_i x [ sum_{m=1..M} S_i(m) v^m + S_i(M) x rho_i / (1 - rho_i) ],
 * v = 1 / (1 + r_m) the monthly discount factor and rho_i = exp(-h_i) v, h_i the customer's monthly
 * hazard past the curve's last month (floored at HAZARD_MIN). Replaces one average hazard scaled by
 * the churn probability (clv.ts) when a survival model exists; that stays the fallback.
 */
import type { SurvivalResult } from '../survival/run';
import type { BusinessOptions } from '../types';
import type { Kpi, Kpis } from './types';
import { HAZARD_MIN } from './clv';
import { exp as detExp } from '../math/detmath';
import { monthlyDiscount } from './options';
import { fmtInt as count, fmtMoney, fmtPct as pct } from '../format';

export type SurvivalCurves = Pick<SurvivalResult, 'curves' | 'months'> & { active: Pick<SurvivalResult['active'], 'rows' | 'tailHazard'> };

/** Discounted expected months ahead from one conditional curve (entries 0..M) and the monthly hazard past it. */
export function discountedMonths(curve: ArrayLike<number>, tailHazard: number, rm: number): number {
  const v = 1 / (1 + rm);
  const M = curve.length - 1;
  let L = 0;
  let vm = 1;
  for (let m = 1; m <= M; m++) {
    vm *= v;
    L += curve[m] * vm;
  }
  const rho = detExp(-Math.max(tailHazard, HAZARD_MIN)) * v;
  return L + curve[M] * vm * (rho / (1 - rho));
}

/** Per-customer CLV (length n): active customers from their curves, NaN for everyone else. */
export function survivalClv(n: number, monthly: ArrayLike<number>, s: SurvivalCurves, margin: number, annualRate: number): Float64Array {
  const rm = monthlyDiscount(annualRate);
  const out = new Float64Array(n).fill(NaN);
  const m1 = s.months + 1;
  s.active.rows.forEach((i, k) => {
    out[i] = margin * Math.max(0, monthly[i]) * discountedMonths(s.curves.subarray(k * m1, (k + 1) * m1), s.active.tailHazard[k], rm);
  });
  return out;
}

/** The CLV and CAC/CLV KPIs when the values come from the curves: the mean over active customers. */
export function curveClvKpis(clv: Float64Array, s: SurvivalCurves, base: Kpis['clv'], o: BusinessOptions): { clv: Kpis['clv']; cacToClv: Kpi } {
  let total = 0;
  for (const i of s.active.rows) total += clv[i];
  const nActive = s.active.rows.length;
  const value = nActive > 0 ? total / nActive : null;
  const rm = monthlyDiscount(o.discountRate);
  const money = (v: number) => fmtMoney(v, o.currency);
  const method =
    `CLV from each customer's survival curve: a Cox model (tenure as time, churn flag as event) gives every active customer the chance of still being a customer ` +
    `1, 2, 3... months from now, given the months already stayed; each month's chance x monthly charge x margin ${pct(o.margin, 0)} is discounted at ${pct(rm, 3)} a month ` +
    `(${pct(o.discountRate, 0)} a year), and past the longest observed tenure the customer's own monthly hazard continues. ` +
    `Mean over ${count(nActive)} active customers = ${value === null ? '-' : money(value)}; total ${money(total)}.` +
    (base.value !== null ? ` One average hazard for everyone would say ${money(base.value)} per customer (${base.formula}).` : '');
  return {
    clv: {
      ...base,
      value,
      method,
      // arithmetic with the user's numbers, as the average-hazard formula (clv.ts)
      formula: `CLV = mean over ${count(nActive)} active customers of margin ${pct(o.margin, 0)} x monthly charge x expected months (each month's chance of still being a customer, from the customer's own survival curve, discounted at ${pct(o.discountRate, 0)} a year) = ${value === null ? '-' : money(value)}`,
      lifetimeMonths: null,
      basis: 'survival-curves',
      basisText: "per active customer, from each customer's survival curve",
      population: 'active customers',
      total,
    },
    cacToClv: value !== null && value > 0
      ? { value: o.cac / value, formula: `CAC / CLV = ${money(o.cac)} / ${money(value)} = ${(o.cac / value).toFixed(3)} (CLV: mean over active customers from their survival curves; CAC is your input)` }
      : { value: null, formula: 'CAC / CLV: needs a CLV' },
  };
}
