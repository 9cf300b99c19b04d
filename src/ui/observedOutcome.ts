/** The observed churn outcome per customer (churn.actual: 1 = churned, in the order of
 *  result.ids), or null when the result does not carry it (e.g. older saved analyses). */
import type { AnalysisResult } from '../analysis/result';

export function targetOf(result: AnalysisResult): ArrayLike<number> | null {
  const y = result.churn?.actual ?? null;
  return y && y.length === result.rows ? y : null;
}
