/** The observed churn outcome per customer, when the result carries it (churn.y or y: 0/1 per
 *  customer, in the order of result.ids). Null when the engine did not include it. */
import type { AnalysisResult } from '../analysis/result';

export function targetOf(result: AnalysisResult): ArrayLike<number> | null {
  const c = result.churn as unknown as { y?: ArrayLike<number> } | null;
  const y = c?.y ?? (result as unknown as { y?: ArrayLike<number> }).y ?? null;
  return y && y.length === result.rows ? y : null;
}
