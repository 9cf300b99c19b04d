/**
 * The column names of a transaction log's per-customer table (model/logFeatures.ts builds and scores
 * it): plain names only, no scoring code, so the page can label a log's features (featureColumns.ts)
 * without its bundle reaching the saved model's scorer and, through the model registry, tfjs.
 */

/** Full-period role columns, under these column names in the table (distinct from the churn
 *  features' names in any letter case: warehouses compare column names case-insensitively). */
export const LOG_RFM = { recency: 'Recency, whole log (days)', frequency: 'Orders, whole log', monetary: 'Spend, whole log' } as const;

/** A log's segmentation feature ("log1p(recency)") as the table column it reads ("log1p(Recency, whole log (days))"). */
export function logFeatureName(f: string): string {
  const m = /^log1p\((.+)\)$/.exec(f);
  const base = m ? m[1] : f;
  const col = Object.prototype.hasOwnProperty.call(LOG_RFM, base) ? LOG_RFM[base as keyof typeof LOG_RFM] : base;
  return m ? `log1p(${col})` : col;
}
