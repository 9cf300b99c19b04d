/**
 * Plain-text views of a result: analysis.json (summary, no per-customer arrays) and the scored
 * customers CSV. CSV cells are safe against spreadsheet formula injection.
 */
import type { AnalysisResult } from './result';

/** JSON-ready copy: typed arrays become number arrays; per-customer arrays are dropped unless asked. */
export function resultToJson(result: AnalysisResult, perCustomer = false): unknown {
  const n = result.rows;
  // Per-customer data: arrays with one entry per customer, the compact reasons and the PCA sample.
  const isPerCustomer = (v: unknown, key: string) =>
    (ArrayBuffer.isView(v) || Array.isArray(v)) ? (v as ArrayLike<unknown>).length === n && n > 1 && key !== 'columns' : key === 'pca' || (key === 'reasons' && !Array.isArray(v));
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, round);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'number') return round(v);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (perCustomer || !isPerCustomer(x, k)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(result);
}

function round(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return Number.isInteger(x) ? x : Number(x.toPrecision(10));
}

/** One CSV cell: quoted when needed; a leading = + - @ tab or CR is neutralised with a quote mark. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text from a header and rows. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Top reasons of customer i as readable strings ("Contract=Month-to-month (+18 pts)"). */
export function customerReasons(result: AnalysisResult, i: number): string[] {
  const r = result.churn?.reasons;
  if (!r) return [];
  const out: string[] = [];
  for (let j = 0; j < r.reasonsPerCustomer; j++) {
    const f = r.reasonFeature[i * r.reasonsPerCustomer + j];
    if (f < 0) continue;
    const v = r.reasonValue[i * r.reasonsPerCustomer + j] * 100;
    out.push(`${r.reasonNames[f]} (${v >= 0 ? '+' : ''}${v.toFixed(1)} pts)`);
  }
  return out;
}

/** Scored customers: id, segment, churn probability, CLV, expected value saved, outlier flag, top reasons. */
export function customersCsv(result: AnalysisResult): string {
  const seg = result.segmentation;
  const rows = result.ids.map((id, i) => [
    id,
    seg ? seg.segments[seg.labels[i]]?.name ?? '' : '',
    result.churn ? result.churn.probability[i].toFixed(4) : '',
    result.business ? result.business.clv[i].toFixed(2) : '',
    result.business ? result.business.expectedValueSaved[i].toFixed(2) : '',
    seg ? seg.outlier[i] : '',
    customerReasons(result, i).join('; '),
  ]);
  return toCsv(['customerId', 'segment', 'churnProbability', 'clv', 'expectedValueSaved', 'outlier', 'topReasons'], rows);
}
