/**
 * Test-only CustomerFrame builders (never imported by the engine): CSV text through the real data
 * layer (parse, inspect, prepare: the same cleaning as the app and the CLI), and small seeded
 * hand-made tables (a customers table in three groups, a transaction-derived RFM table).
 */
import { parseCsv } from '../data/parse';
import { inspectTable, prepareFrame } from '../data/prepare';
import type { AnalysisOptions, CustomerFrame } from '../types';
import { mulberry32 } from '../random';

/** The frame the app would analyse for this CSV text: roles detected, then overridden by `roles` (id, target, ...). */
export async function frameFromCsv(text: string, roles: AnalysisOptions['roles'] = {}, fileName = 'test.csv'): Promise<CustomerFrame> {
  const parsed = await parseCsv(text, fileName);
  if (!parsed.ok) throw new Error(parsed.message);
  const prep = prepareFrame(inspectTable(parsed.table), { roles });
  if (!prep.ok) throw new Error(prep.message);
  return prep.frame;
}

/** An empty customers frame with n rows and ids c0..c{n-1}. */
export const emptyFrame = (n: number): CustomerFrame => ({
  kind: 'customers',
  n,
  ids: Array.from({ length: n }, (_, i) => `c${i}`),
  y: null,
  targetName: null,
  tenure: null,
  monthly: null,
  total: null,
  recency: null,
  frequency: null,
  monetary: null,
  numeric: [],
  categorical: [],
});

/** Customers in three seeded groups: new/cheap, long/cheap (loyal), long/expensive; churn and a contract column. */
export function smallCustomers(seed: number, per = 30): CustomerFrame {
  const rng = mulberry32(seed);
  const groups = [
    { tenure: 3, monthly: 30, churn: 0.5, contract: 0 },
    { tenure: 60, monthly: 25, churn: 0.05, contract: 2 },
    { tenure: 50, monthly: 100, churn: 0.15, contract: 1 },
  ];
  const n = groups.length * per;
  const tenure = new Float64Array(n);
  const monthly = new Float64Array(n);
  const y = new Uint8Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = groups[Math.floor(i / per)];
    tenure[i] = Math.max(0, g.tenure + Math.round((rng() - 0.5) * 6));
    monthly[i] = g.monthly * (1 + (rng() - 0.5) * 0.2);
    y[i] = rng() < g.churn ? 1 : 0;
    codes[i] = rng() < 0.8 ? g.contract : Math.floor(rng() * 3);
  }
  const total = Float64Array.from(tenure, (t, i) => t * monthly[i]);
  return {
    ...emptyFrame(n),
    y,
    targetName: 'Churn',
    tenure,
    monthly,
    total,
    numeric: [{ name: 'Spend', values: monthly }],
    categorical: [{ name: 'Contract', codes, levels: ['Month-to-month', 'One year', 'Two year'] }],
  };
}

/** RFM groups (per customer: days since last purchase, invoices, total value), as a transaction log aggregates to. */
export const RFM_GROUPS = {
  champions: { recency: 4, frequency: 25, monetary: 2500 },
  atRisk: { recency: 160, frequency: 18, monetary: 1800 },
  dormant: { recency: 330, frequency: 1.5, monetary: 40 },
  newBuyers: { recency: 6, frequency: 1, monetary: 45 },
} as const;

/** A transactions-kind frame with `per` customers in each RFM group, in the order of RFM_GROUPS. */
export function rfmCustomers(seed: number, per = 25): CustomerFrame {
  const rng = mulberry32(seed);
  const gs = Object.values(RFM_GROUPS);
  const n = gs.length * per;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = gs[Math.floor(i / per)];
    const jitter = () => 1 + (rng() - 0.5) * 0.3;
    recency[i] = Math.max(0, Math.round(g.recency * jitter()));
    frequency[i] = Math.max(1, Math.round(g.frequency * jitter()));
    monetary[i] = g.monetary * jitter();
  }
  return { ...emptyFrame(n), kind: 'transactions', recency, frequency, monetary };
}
