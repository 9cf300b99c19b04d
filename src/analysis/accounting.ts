/**
 * The accounting rule (issue 12): every data row of the file is either used or reported as set
 * aside by a finding (its `dropped`), never lost silently. Customer tables: customers analysed +
 * rows set aside = data rows. Transaction logs count lines: lines aggregated into customers +
 * lines set aside = data lines (customers who bought only after the churn cutoff are aggregated
 * lines, reported separately as unscored customers).
 */
import type { AnalysisResult } from './result';

export interface Accounting {
  unit: 'rows' | 'lines';
  /** data rows (logs: lines) read from the file */
  data: number;
  /** customers analysed (logs: lines aggregated into customers) */
  used: number;
  /** rows (lines) the findings report as set aside */
  setAside: number;
}

/** The result's accounting: used + setAside equals data when the rule holds. */
export function accounting(r: Pick<AnalysisResult, 'kind' | 'rows' | 'inputRows' | 'warnings' | 'linesAggregated'>): Accounting {
  const setAside = r.warnings.reduce((s, w) => s + (w.dropped ?? 0), 0);
  const logs = r.kind === 'transactions';
  return { unit: logs ? 'lines' : 'rows', data: r.inputRows, used: logs ? (r.linesAggregated ?? r.inputRows - setAside) : r.rows, setAside };
}
