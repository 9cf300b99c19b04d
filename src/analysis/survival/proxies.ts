/**
 * Duration-proxy detection: a covariate that encodes how long the customer has stayed lets a
 * survival model read the answer back (TotalCharges ~= tenure x MonthlyCharges leaks Telco's
 * C-index to 0.99). A numeric column is a proxy when its Spearman rank correlation with tenure
 * (alone, or after dividing the column by the monthly column) or with tenure x monthly (which
 * catches any monotone transform of a total, such as its log) reaches PROXY_RHO. Proxies are excluded and
 * named in a warning ('survival/duration-proxy'); the tenure column itself is always excluded.
 */
import type { NumericFeature, Warning } from '../types';

/** |Spearman rho| at or above which a column is treated as a duration proxy. */
export const PROXY_RHO = 0.9;

/** Average ranks (ties share their mean rank), 0-based. */
export function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const o = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let p = 0; p < n; ) {
    let q = p + 1;
    while (q < n && v[o[q]] === v[o[p]]) q++;
    for (let k = p; k < q; k++) r[o[k]] = (p + q - 1) / 2;
    p = q;
  }
  return r;
}

/** Spearman rank correlation over the rows where both values are finite; NaN when either is constant.
 *  `cache` keeps the ranks of arrays without blanks (tenure is ranked once for every column checked). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>, cache?: Map<ArrayLike<number>, Float64Array>): number {
  let ra: Float64Array;
  let rb: Float64Array;
  if (allFinite(a) && allFinite(b)) {
    ra = cachedRanks(a, cache);
    rb = cachedRanks(b, cache);
  } else {
    const xa: number[] = [];
    const xb: number[] = [];
    for (let i = 0; i < a.length; i++)
      if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
        xa.push(a[i]);
        xb.push(b[i]);
      }
    ra = ranks(xa);
    rb = ranks(xb);
  }
  const n = ra.length;
  if (n < 3) return NaN;
  const m = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function cachedRanks(a: ArrayLike<number>, cache?: Map<ArrayLike<number>, Float64Array>): Float64Array {
  const hit = cache?.get(a);
  if (hit) return hit;
  const r = ranks(a);
  cache?.set(a, r);
  return r;
}

export interface ProxyCheck {
  /** numeric column names to leave out of the survival covariates */
  excluded: string[];
  /** per checked column: rank correlation with tenure, and after dividing by monthly (NaN when not computed) */
  rho: { column: string; alone: number; perMonth: number; withMonthly: number }[];
  warnings: Warning[];
}

const sameValues = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Finds the tenure column and the duration proxies among `numeric`. */
export function detectDurationProxies(numeric: NumericFeature[], tenure: Float64Array, monthly: Float64Array | null): ProxyCheck {
  const excluded: string[] = [];
  const rho: ProxyCheck['rho'] = [];
  const warnings: Warning[] = [];
  const spend = monthly ? tenure.map((t, i) => t * monthly[i]) : null;
  const cache = new Map<ArrayLike<number>, Float64Array>();
  for (const col of numeric) {
    if (sameValues(col.values, tenure)) {
      excluded.push(col.name);
      continue;
    }
    const alone = spearman(col.values, tenure, cache);
    let perMonth = NaN;
    let withMonthly = NaN;
    if (monthly && spend && !sameValues(col.values, monthly)) {
      const ratio = col.values.map((v, i) => (monthly[i] > 0 ? v / monthly[i] : NaN));
      perMonth = spearman(ratio, tenure, cache);
      withMonthly = spearman(col.values, spend, cache);
    }
    rho.push({ column: col.name, alone, perMonth, withMonthly });
    const hit = (r: number) => Math.abs(r) >= PROXY_RHO;
    if (hit(alone) || hit(perMonth) || hit(withMonthly)) {
      excluded.push(col.name);
      const how = hit(perMonth)
        ? `divided by the monthly charge it has a rank correlation of ${perMonth.toFixed(3)} with tenure`
        : hit(withMonthly)
          ? `its rank correlation with tenure x monthly charge is ${withMonthly.toFixed(3)}`
          : `its rank correlation with tenure is ${alone.toFixed(3)}`;
      warnings.push({
        code: 'survival/duration-proxy',
        message: `"${col.name}" mostly measures how long a customer has stayed, so the retention (survival) model leaves it out: it would read the answer from it instead of learning what keeps customers. For analysts: ${how}`,
        count: 1,
        column: col.name,
      });
    }
  }
  return { excluded, rho, warnings };
}
