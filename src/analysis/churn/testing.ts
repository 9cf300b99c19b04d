/**
 * Test helper (Node only): builds a CustomerFrame from a CSV file with papaparse, so the
 * churn tests do not depend on the data layer. Numeric = every non-blank cell parses as a
 * number (blank numeric cells become 0, the reference policy for Telco's TotalCharges).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { CustomerFrame } from '../types';

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
