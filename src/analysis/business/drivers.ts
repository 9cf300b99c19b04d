/**
 * Churn drivers with direction, in business terms, from the data: for a categorical column the
 * churn rate of its riskiest level against its safest ("Contract: 42.7% churn among the 3,875 customers
 * on month-to-month contracts vs 2.8% among customers on two year contracts", groups in words: format/groups.ts); for a numeric column the churn rate of its lowest fifth against its highest
 * ("tenure: 47.4% churn in the lowest fifth (up to 6 months) vs 6.6% in the highest (61 months and up)"),
 * each cut in the column's unit (columnUnits.ts: months, the currency, days); a 0/1 column its two groups.
 * Observed rates over every customer in the file (the flag's history), strongest spread first.
 */
import type { CustomerFrame } from '../types';
import type { Driver } from './types';
import { customersIn, fmtInt as count, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';
import { columnUnit, fmtWithUnit, type ColumnUnit } from '../features/columnUnits';
import { isWholeYears } from './tenureWords';
import { kthSmallest } from '../math/select';

/** Up to `max` drivers (default 6); levels or fifths with fewer than max(10, 1% of n) customers are skipped.
 *  Money cuts are written in `currency` (default USD). */
export function churnDrivers(frame: CustomerFrame, max = 6, currency: CurrencyCode = DEFAULT_CURRENCY): Driver[] {
  const y = frame.y;
  if (!y) return [];
  const n = frame.n;
  const minCount = Math.max(10, 0.01 * n);
  const out: Driver[] = [];
  for (const c of frame.categorical) {
    if (c.levels.length < 2 || c.levels.length > 20) continue;
    const s = new Float64Array(c.levels.length), d = new Float64Array(c.levels.length);
    for (let i = 0; i < n; i++) if (c.codes[i] >= 0) { s[c.codes[i]]++; d[c.codes[i]] += y[i] ? 1 : 0; }
    let hi = -1, lo = -1;
    for (let l = 0; l < s.length; l++) {
      if (s[l] < minCount) continue;
      if (hi < 0 || d[l] / s[l] > d[hi] / s[hi]) hi = l;
      if (lo < 0 || d[l] / s[l] < d[lo] / s[lo]) lo = l;
    }
    if (hi < 0 || hi === lo) continue;
    const rh = d[hi] / s[hi], rl = d[lo] / s[lo];
    out.push({
      column: c.name, kind: 'categorical', high: rh, low: rl, spread: rh - rl, highLabel: c.levels[hi], lowLabel: c.levels[lo],
      text: `${c.name}: ${pct(rh)} churn among the ${count(s[hi])} ${customersIn(c.name, c.levels[hi])} vs ${pct(rl)} among ${customersIn(c.name, c.levels[lo])}`,
    });
  }
  const seen = new Set<Float64Array>();
  // tenure in months (converted when the file counts years or days): its raw column is not listed again
  // (a whole-year Tenure, as bank files count it, is cut in years: "up to 2 years", tenureWords.ts)
  const tenureName = frame.tenureName ?? 'tenure';
  const years = frame.tenure !== null && isWholeYears(frame.tenure, frame.tenureUnit);
  // A log's churn is derived from its last window (data/transactions.ts): its role arrays count the whole log, so
  // its monthly spend is higher for whoever bought in the window (the flag itself); its drivers are the features
  // counted before the window (frame.numeric), as the models read them.
  const roles = frame.kind !== 'transactions';
  const numeric: { name: string; values: Float64Array; unit: ColumnUnit }[] = [
    ...(roles && frame.tenure && years ? [{ name: tenureName, values: frame.tenure.map((t) => t / 12), unit: 'years' }] : []),
    ...(roles && frame.tenure && !years ? [{ name: frame.tenureUnit && frame.tenureUnit !== 'months' ? `${tenureName} in months` : tenureName, values: frame.tenure, unit: 'months' }] : []),
    // the monthly charge under the file's own column name ("MonthlyCharges", as "How they differ" names it)
    ...(roles && frame.monthly && frame.monthlyAssumed === undefined ? [{ name: frame.numeric.find((f) => f.values === frame.monthly)?.name ?? 'monthly charge', values: frame.monthly, unit: 'money' }] : []),
    ...frame.numeric.filter((f) => !(frame.tenure && f.name === tenureName)).map((f) => ({ name: f.name, values: f.values, unit: columnUnit(frame, f) })),
  ];
  for (const f of numeric) {
    if (seen.has(f.values)) continue;
    seen.add(f.values);
    const fifth = Math.floor(n / 5);
    if (fifth < minCount || f.values.length !== n) continue; // (a test's frame may not replicate every column)
    const yn = zeroOne(f.values, y);
    if (yn) {
      // a 0/1 column (IsActiveMember, HasCrCard): its two groups, not fifths ("up to 0" says nothing)
      if (Math.min(yn.n0, yn.n1) < minCount || yn.r0 === yn.r1) continue;
      const [hiYes, ra, rb] = yn.r1 > yn.r0 ? [true, yn.r1, yn.r0] : [false, yn.r0, yn.r1];
      const a = customersIn(f.name, hiYes ? '1' : '0'), b = customersIn(f.name, hiYes ? '0' : '1');
      out.push({ column: f.name, kind: 'numeric', high: ra, low: rb, spread: ra - rb, highLabel: a, lowLabel: b, text: `${f.name}: ${pct(ra)} churn among the ${count(hiYes ? yn.n1 : yn.n0)} ${a} vs ${pct(rb)} among ${b}` });
      continue;
    }
    const { lowCut, highCut, rl, rh } = fifths(f.values, y, fifth);
    if (!(highCut > lowCut)) continue;
    const fmt = (v: number) => fmtWithUnit(v, f.unit, currency);
    const lowText = `the lowest fifth (up to ${fmt(lowCut)})`, highText = `the highest fifth (${fmt(highCut)} and up)`;
    const [a, b, ra, rb] = rl >= rh ? [lowText, highText, rl, rh] : [highText, lowText, rh, rl];
    out.push({
      column: f.name, kind: 'numeric', high: ra, low: rb, spread: ra - rb, highLabel: a, lowLabel: b,
      text: `${f.name}: ${pct(ra)} churn in ${a} vs ${pct(rb)} in ${b}`,
    });
  }
  return out.sort((p, q) => q.spread - p.spread || (p.column < q.column ? -1 : 1)).slice(0, max);
}

/** A column holding only 0 and 1 (both): each group's size and churn rate; null for any other column. */
function zeroOne(v: Float64Array, y: ArrayLike<number>): { n0: number; n1: number; r0: number; r1: number } | null {
  let n0 = 0, n1 = 0, c0 = 0, c1 = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === 0) { n0++; c0 += y[i] ? 1 : 0; }
    else if (v[i] === 1) { n1++; c1 += y[i] ? 1 : 0; }
    else return null;
  }
  return n0 > 0 && n1 > 0 ? { n0, n1, r0: c0 / n0, r1: c1 / n1 } : null;
}

/** The lowest and highest fifth (`fifth` rows each) of `v` in ascending order, ties in row order
 *  (a stable sort's order): the values at their inner edges and their churn rates. Two quickselects
 *  and one pass instead of a sort (704,300 rows: the radix sort per column was ~0.1-0.3 s): the
 *  rows below the low cut are all in the lowest fifth, and the cut's ties fill it in row order
 *  (the highest fifth takes the last ties in row order), so rates and cuts are those of the
 *  sorted order. With NaN, the comparator sort as before (its order then depends on the engine's sort). */
export function fifths(v: Float64Array, y: ArrayLike<number>, fifth: number): { lowCut: number; highCut: number; rl: number; rh: number } {
  const n = v.length;
  for (let i = 0; i < n; i++) if (v[i] !== v[i]) return sortedFifths(v, y, fifth);
  const work = v.slice();
  const lo = kthSmallest(work, fifth - 1);
  const hi = kthSmallest(work, n - fifth);
  let below = 0, above = 0, tiesHi = 0;
  let churnBelow = 0, churnAbove = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < lo) {
      below++;
      churnBelow += y[i] ? 1 : 0;
    }
    if (x > hi) {
      above++;
      churnAbove += y[i] ? 1 : 0;
    } else if (x === hi) tiesHi++;
  }
  // the low cut's first (fifth - below) ties in row order; the high cut's last (fifth - above)
  let needLo = fifth - below, skipHi = tiesHi - (fifth - above);
  let lowCut = lo, highCut = hi;
  for (let i = 0; i < n && needLo > 0; i++)
    if (v[i] === lo) {
      churnBelow += y[i] ? 1 : 0;
      if (--needLo === 0) lowCut = v[i];
    }
  for (let i = 0; i < n; i++)
    if (v[i] === hi) {
      if (skipHi-- > 0) continue;
      if (skipHi === -1) highCut = v[i];
      churnAbove += y[i] ? 1 : 0;
    }
  return { lowCut, highCut, rl: churnBelow / fifth, rh: churnAbove / fifth };
}

/** fifths() from the comparator sort of the row indices, ties in row order (columns holding NaN;
 *  drivers.test holds fifths() to it bit for bit). */
export function sortedFifths(v: Float64Array, y: ArrayLike<number>, fifth: number): { lowCut: number; highCut: number; rl: number; rh: number } {
  const n = v.length;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => v[a] - v[b]);
  const rate = (from: number, to: number) => {
    let c = 0;
    for (let k = from; k < to; k++) c += y[order[k]] ? 1 : 0;
    return c / (to - from);
  };
  return { lowCut: v[order[fifth - 1]], highCut: v[order[n - fifth]], rl: rate(0, fifth), rh: rate(n - fifth, n) };
}
