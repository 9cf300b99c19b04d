/**
 * Churn drivers with direction, in business terms, from the data: for a categorical column the
 * churn rate of its riskiest level against its safest ("Contract = Month-to-month: 42.7% churn vs
 * 2.8% on Two year"); for a numeric column the churn rate of its lowest fifth against its highest
 * ("tenure: 47.4% churn in the lowest fifth (up to 6 months) vs 6.6% in the highest (61 months and up)"),
 * each cut in the column's unit (columnUnits.ts: months, the currency, days).
 * Observed rates over every customer in the file (the flag's history), strongest spread first.
 */
import type { CustomerFrame } from '../types';
import type { Driver } from './types';
import { fmtInt as count, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';
import { columnUnit, fmtWithUnit, type ColumnUnit } from './columnUnits';
import { orderDesc } from '../churn/evaluation/metrics';

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
      text: `${c.name} = ${c.levels[hi]}: ${pct(rh)} churn (${count(s[hi])} customers) vs ${pct(rl)} for ${c.levels[lo]}`,
    });
  }
  const seen = new Set<Float64Array>();
  // tenure in months (converted when the file counts years or days): its raw column is not listed again
  const tenureName = frame.tenureName ?? 'tenure';
  const numeric: { name: string; values: Float64Array; unit: ColumnUnit }[] = [
    ...(frame.tenure ? [{ name: frame.tenureUnit && frame.tenureUnit !== 'months' ? `${tenureName} in months` : tenureName, values: frame.tenure, unit: 'months' }] : []),
    ...(frame.monthly && frame.monthlyAssumed === undefined ? [{ name: 'monthly charge', values: frame.monthly, unit: 'money' }] : []),
    ...frame.numeric.filter((f) => !(frame.tenure && f.name === tenureName)).map((f) => ({ name: f.name, values: f.values, unit: columnUnit(frame, f) })),
  ];
  for (const f of numeric) {
    if (seen.has(f.values)) continue;
    seen.add(f.values);
    const order = ascending(f.values);
    const fifth = Math.floor(n / 5);
    if (fifth < minCount) continue;
    const rate = (from: number, to: number) => {
      let c = 0;
      for (let k = from; k < to; k++) c += y[order[k]] ? 1 : 0;
      return c / (to - from);
    };
    const lowCut = f.values[order[fifth - 1]], highCut = f.values[order[n - fifth]];
    if (!(highCut > lowCut)) continue;
    const rl = rate(0, fifth), rh = rate(n - fifth, n);
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

/** Row indices by value ascending, ties in row order (a stable sort's order): the radix sort of the
 *  negated values (704,300 rows: a comparator sort per column took ~1 s). With NaN, the comparator
 *  sort as before (its order then depends on the engine's sort). */
function ascending(v: Float64Array): ArrayLike<number> {
  const neg = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) return Array.from({ length: v.length }, (_, j) => j).sort((a, b) => v[a] - v[b]);
    neg[i] = -v[i];
  }
  return orderDesc(neg);
}
