/**
 * Test helper (Node only): builds a CustomerFrame from a CSV file with papaparse, so the
 * churn tests do not depend on the data layer. Numeric = every non-blank cell parses as a
 * number (blank numeric cells become 0, the reference policy for Telco's TotalCharges).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { CustomerFrame } from '../types';
import { mulberry32 } from '../random';

/** Path of the shared Telco CSV (outside the repo). */
export const TELCO_PATH = fileURLToPath(new URL('../../../../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv', import.meta.url));

export interface CsvFrameOptions {
  id?: string;
  target: string;
  /** target cell -> churned? (default: yes/true/1) */
  positive?: (cell: string) => boolean;
}

/** Frame from CSV text: id and target removed from the features. */
export function frameFromCsv(text: string, o: CsvFrameOptions): CustomerFrame {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const rows = parsed.data;
  const cols = parsed.meta.fields ?? [];
  const isPos = o.positive ?? ((c: string) => /^(yes|true|1|y)$/i.test(c.trim()));
  const frame: CustomerFrame = {
    kind: 'customers',
    n: rows.length,
    ids: rows.map((r, i) => (o.id ? r[o.id] : String(i + 1))),
    y: Uint8Array.from(rows, (r) => (isPos(r[o.target] ?? '') ? 1 : 0)),
    targetName: o.target,
    tenure: null,
    monthly: null,
    total: null,
    recency: null,
    frequency: null,
    monetary: null,
    numeric: [],
    categorical: [],
  };
  for (const c of cols) {
    if (c === o.id || c === o.target) continue;
    const cells = rows.map((r) => (r[c] ?? '').trim());
    if (cells.every((v) => v === '' || Number.isFinite(Number(v))))
      frame.numeric.push({ name: c, values: Float64Array.from(cells, (v) => (v === '' ? 0 : Number(v))) });
    else {
      const levels = [...new Set(cells.filter((v) => v !== ''))].sort();
      const at = new Map(levels.map((l, i) => [l, i]));
      frame.categorical.push({ name: c, levels, codes: Int32Array.from(cells, (v) => (v === '' ? -1 : at.get(v)!)) });
    }
  }
  return frame;
}

/** The real Telco file as a frame (customerID id, Churn target; 7,043 rows). */
export function telcoFrame(): CustomerFrame {
  return frameFromCsv(readFileSync(TELCO_PATH, 'utf8'), { id: 'customerID', target: 'Churn' });
}

/** Synthetic churn matrix for tree tests, n x d (d >= 3): two continuous columns in [0, 100), the
 *  rest 0/1 (one-hot like); churn depends on x0, x2 and x1 (seeded). */
export function synthChurn(n: number, d: number, seed: number): { X: Float64Array; y: Uint8Array } {
  const rng = mulberry32(seed);
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = j < 2 ? rng() * 100 : rng() < 0.3 ? 1 : 0;
    y[i] = rng() < (X[i * d] < 30 ? 0.6 : 0.15) + (X[i * d + 2] ? 0.2 : 0) + (X[i * d + 1] > 80 ? 0.15 : 0) ? 1 : 0;
  }
  return { X, y };
}
