/** The 20/80 check: how much revenue the top 20% of customers bring, and the cumulative curve. */
import { fmtInt as count } from '../format';
import { orderDesc } from '../churn/evaluation/metrics';

export interface Pareto {
  top20Share: number | null;
  customerShare: number[];
  revenueShare: number[];
  /** what the customers are ranked and summed by, in words ("total charges to date"); absent in results saved before it */
  basis?: string;
  /** customers the curve covers (every customer in the file) */
  customers?: number;
}

/** revenue: per customer (>= 0 used); basis: what revenue is, in words; points: curve resolution (default 100). */
export function paretoCurve(revenue: ArrayLike<number>, basis = 'revenue', points = 100): Pareto {
  const n = revenue.length;
  // highest first: the radix order (orderDesc) of the values, the same array as a sort and a
  // reverse (704,300 customers: Float64Array.from with a map and sort() took 0.5-1 s under load)
  const pos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = revenue[i];
    pos[i] = Number.isFinite(x) && x > 0 ? x : 0;
  }
  const rank = orderDesc(pos);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = pos[rank[i]];
  let total = 0;
  for (let i = 0; i < n; i++) total += v[i];
  if (n === 0 || total <= 0) return { top20Share: null, customerShare: [], revenueShare: [], basis, customers: n };
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + v[i];
  const customerShare: number[] = [];
  const revenueShare: number[] = [];
  for (let j = 0; j <= points; j++) {
    const k = Math.round((j / points) * n);
    customerShare.push(k / n);
    revenueShare.push(cum[k] / total);
  }
  const top = Math.ceil(0.2 * n);
  return { top20Share: cum[top] / total, customerShare, revenueShare, basis, customers: n };
}

/** Whom the curve covers and by what, for its title and the insight: "all 7,043 customers, by total charges to date"
 *  (results saved before the basis was kept: "all customers, by revenue"). */
export function paretoPopulation(p: Pick<Pareto, 'basis' | 'customers'>): { who: string; basis: string } {
  return { who: p.customers != null ? `all ${count(p.customers)} customers` : 'all customers', basis: p.basis ?? 'revenue' };
}

/** The top-20% KPI's label and note (the page and the report): a short label that fits its tile at 1280 px on one
 *  or two lines, "Top 20%'s share", and a note naming the sum and the population: "of total charges to date,
 *  held by the top 20% of all 7,043 customers" (ranked by that sum). */
export function paretoKpiText(p: Pick<Pareto, 'basis' | 'customers'>): { label: string; note: string } {
  const { who, basis } = paretoPopulation(p);
  return { label: "Top 20%'s share", note: `of ${basis}, held by the top 20% of ${who}` };
}
