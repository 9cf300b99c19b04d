/**
 * Lifetime value from each customer's own survival curve, as SQL (issue 15; survivalModel.ts in
 * SQL). Per row: the Cox linear predictor over the saved survival design, r = EXP(eta), and the
 * months stayed t0 from the tenure column. Two constant tables: the Breslow baseline cumulative
 * hazard H0 on the month grid (sv_grid) and the discount factor v^m of each month ahead
 * (sv_month). Each row is joined to every month m = 1..M and to H0 at t0 + m, the conditional
 * survival S(m) = EXP(-(H0(t0 + m) - H0(t0)) r) (past the longest training tenure: the
 * customer's constant tail hazard) is summed with the discount factors per row, and the tail
 * after month M is added: CLV = margin x monthly x [sum_m S(m) v^m + S(M) v^M rho / (1 - rho)].
 * When every event time is a whole month (tenure in months or years), H0(t) = H0(FLOOR(t)), so one
 * row per whole month stayed g holds every H0(g + m) - H0(g) (sv_wide): one equality join per
 * customer, then the M terms as one sum per row (no row multiplication: 1,000,000 customers cost a
 * join and 72 EXPs each). Otherwise the grid holds H0's steps and each customer is joined to every
 * month and to the step holding t0 + m (a range join, lo <= t < hi), summed per row key
 * (ROW_NUMBER). Only CASE, COALESCE, EXP, FLOOR, GREATEST/LEAST, arithmetic, joins, ROW_NUMBER and
 * SUM are used.
 */
import type { SavedSurvival } from '../savedModel';
import { baselineAt } from '../survival/curves';
import { num } from './dialect';
import { sum, type Cte } from './models';

/** Constant tables, written as UNION ALL of one-row SELECTs (every dialect reads that). */
export function survivalTables(s: SavedSurvival): string[] {
  const base = { times: Float64Array.from(s.times), cumHazard: Float64Array.from(s.cumHazard) };
  const whole = wholeMonths(s);
  if (whole) {
    // per whole month stayed g = 0..cap: H0(cap) - H0(g) and H0(g + m) - H0(g) for m = 1..M (0 where g + m > cap: never read)
    const G = Math.floor(s.capMonths);
    const hCap = baselineAt(base, s.capMonths);
    const rows = Array.from({ length: G + 1 }, (_, g) => {
      const h0 = baselineAt(base, g);
      const d = Array.from({ length: s.months }, (_, k) => `${num(g + k + 1 <= s.capMonths ? baselineAt(base, g + k + 1) - h0 : 0)} AS sv_d${k + 1}`);
      return `SELECT ${num(g)} AS sv_g, ${num(hCap - h0)} AS sv_e, ${d.join(', ')}`;
    });
    return [`sv_wide AS (\n  ${rows.join('\n  UNION ALL ')}\n)`];
  }
  const grid = whole
    ? Array.from({ length: Math.floor(s.capMonths) + 1 }, (_, g) => `SELECT ${num(g)} AS sv_lo, ${num(baselineAt(base, g))} AS sv_h`)
    : s.times.map((t, k) => `SELECT ${num(t)} AS sv_lo, ${num(k + 1 < s.times.length ? s.times[k + 1] : Number.MAX_VALUE)} AS sv_hi, ${num(s.cumHazard[k])} AS sv_h`);
  // v^m as the engine builds it (repeated products: business/survivalClv.ts discountedMonths)
  const v = 1 / (1 + s.monthlyRate);
  const months: string[] = [];
  for (let m = 1, vm = 1; m <= s.months; m++) months.push(`SELECT ${num(m)} AS sv_m, ${num((vm *= v))} AS sv_vm`);
  return [`sv_grid AS (\n  ${grid.join('\n  UNION ALL ')}\n)`, `sv_month AS (\n  ${months.join('\n  UNION ALL ')}\n)`];
}

/** Whether every event time is a whole number of months (then H0(t) = H0(FLOOR(t)) for t >= 0). */
export function wholeMonths(s: SavedSurvival): boolean {
  return s.times.every((t) => Number.isInteger(t));
}

/** The encoded survival design columns u0.. (stored with the churn design in `enc`), as the churn design's x columns. */
export function survivalEta(s: SavedSurvival): string {
  return sum(s.beta.map((b, j) => `((u${j} - ${num(s.mean[j])}) / ${num(s.scale[j])}) * ${num(b)}`));
}

/**
 * The CTEs after the scoring steps: `carry` are the output columns kept (customer_id, segment, ...),
 * `monthly` the monthly column's alias; the chain's last step must carry `carry`, `monthly`, sv_r, sv_t0.
 * The last CTE adds lifetime_value.
 */
export function survivalCtes(s: SavedSurvival, carry: string[], monthly: string): Cte[] {
  const whole = wholeMonths(s);
  if (whole) return wideCtes(s, carry, monthly);
  const at = (t: string) => (whole ? `sv_lo = FLOOR(${t})` : `sv_lo <= ${t} AND ${t} < sv_hi`);
  const cap = num(s.capMonths);
  const hCap = num(baselineAt({ times: Float64Array.from(s.times), cumHazard: Float64Array.from(s.cumHazard) }, s.capMonths));
  const v = 1 / (1 + s.monthlyRate);
  let vM = 1;
  for (let m = 1; m <= s.months; m++) vM *= v;
  const keep = [...carry, monthly];
  const row = [...keep, 'sv_row', 'sv_rho'];
  return [
    {
      name: 'sv_a', materialize: true, only: [...keep, 'sv_r', 'sv_t0'],
      cols: [['sv_row', 'ROW_NUMBER() OVER ()'], ['sv_tail', `GREATEST(${num(s.tailRate)} * sv_r, ${num(s.tailHazardMin)})`]],
    },
    // H0 at the months already stayed (capped at the longest training tenure); rho = e^-h v of the tail
    {
      name: 'sv_b', from: `sv_a LEFT JOIN sv_grid ON ${at(`LEAST(sv_t0, ${cap})`)}`, only: [...keep, 'sv_r', 'sv_t0', 'sv_row', 'sv_tail'],
      cols: [['sv_h0', 'COALESCE(sv_h, 0.0e0)'], ['sv_rho', `EXP(-GREATEST(sv_tail, ${num(s.hazardMin)})) * ${num(v)}`]],
    },
    // one row per customer and month ahead: the conditional survival S(m)
    {
      name: 'sv_p', from: `sv_b CROSS JOIN sv_month LEFT JOIN sv_grid ON ${at('sv_t0 + sv_m')}`, only: [...row, 'sv_m', 'sv_vm'],
      cols: [['sv_s', `CASE WHEN sv_t0 + sv_m <= ${cap} THEN EXP(-(COALESCE(sv_h, 0.0e0) - sv_h0) * sv_r) ELSE EXP(-(${hCap} - sv_h0) * sv_r - sv_tail * (sv_t0 + sv_m - GREATEST(sv_t0, ${cap}))) END`]],
    },
    {
      name: 'sv_sum', groupBy: row, only: row,
      cols: [['sv_l', 'SUM(sv_s * sv_vm)'], ['sv_sm', `SUM(CASE WHEN sv_m = ${num(s.months)} THEN sv_s ELSE 0.0e0 END)`]],
    },
    {
      name: 'sv_clv', only: carry,
      cols: [['lifetime_value', `${num(s.margin)} * GREATEST(${monthly}, 0.0e0) * (sv_l + sv_sm * ${num(vM)} * (sv_rho / (1.0e0 - sv_rho)))`]],
    },
  ];
}

/** Whole-month event times: one join to sv_wide per customer, the curve as M columns, one sum per row. */
function wideCtes(s: SavedSurvival, carry: string[], monthly: string): Cte[] {
  const cap = num(s.capMonths);
  const v = 1 / (1 + s.monthlyRate);
  const M = s.months;
  const vm: number[] = [];
  for (let m = 1, p = 1; m <= M; m++) vm.push((p *= v));
  const keep = [...carry, monthly];
  const d = Array.from({ length: M }, (_, k) => `sv_d${k + 1}`);
  // as conditionalSurvival: within the data EXP(-(H0(t0 + m) - H0(t0)) r), past cap the customer's tail hazard
  const curve: [string, string][] = Array.from({ length: M }, (_, k) => [
    `sv_s${k + 1}`,
    `CASE WHEN sv_t0 + ${num(k + 1)} <= ${cap} THEN EXP(-sv_d${k + 1} * sv_r) ELSE EXP(-sv_e * sv_r - sv_tail * (sv_t0 + ${num(k + 1)} - GREATEST(sv_t0, ${cap}))) END`,
  ]);
  // the engine's order of additions (discountedMonths): ((s1 v1 + s2 v2) + ...) + s_M v^M rho / (1 - rho)
  const L = curve.map(([a], k) => `${a} * ${num(vm[k])}`).join('\n      + ');
  return [
    {
      name: 'sv_a', from: `${'{prev}'} LEFT JOIN sv_wide ON sv_g = FLOOR(LEAST(sv_t0, ${cap}))`, only: [...keep, 'sv_r', 'sv_t0', 'sv_e', ...d],
      cols: [['sv_tail', `GREATEST(${num(s.tailRate)} * sv_r, ${num(s.tailHazardMin)})`]],
    },
    { name: 'sv_b', only: keep, cols: [...curve, ['sv_rho', `EXP(-GREATEST(sv_tail, ${num(s.hazardMin)})) * ${num(v)}`]] },
    {
      name: 'sv_clv', only: carry,
      cols: [['lifetime_value', `${num(s.margin)} * GREATEST(${monthly}, 0.0e0) * (${L}\n      + sv_s${M} * ${num(vm[M - 1])} * (sv_rho / (1.0e0 - sv_rho)))`]],
    },
  ];
}
