/** The churn window for logs, chosen from the gaps between a customer's consecutive purchase-days. */
import type { PurchaseLog } from './types';

export interface GapWindow {
  /** window in days */
  days: number;
  /** gaps (days between consecutive purchase-days of one customer) it was chosen from */
  gaps: number;
  /** the gap quantile used */
  quantile: number;
  /** in words, for the user */
  note: string;
}

/**
 * Window = the `quantile` (default 0.9) of the gaps between repeat purchase-days, rounded up to a
 * week and kept in [14, 365] days; 90 days when there are fewer than 20 gaps.
 */
export function gapWindow(log: PurchaseLog, quantile = 0.9): GapWindow {
  const gaps: number[] = [];
  for (let k = 1; k < log.day.length; k++) if (log.customer[k] === log.customer[k - 1]) gaps.push(log.day[k] - log.day[k - 1]);
  if (gaps.length < 20)
    return { days: 90, gaps: gaps.length, quantile, note: `Only ${gaps.length} repeat purchase(s): the churn window stays at 90 days.` };
  gaps.sort((a, b) => a - b);
  const q = gaps[Math.min(gaps.length - 1, Math.floor(quantile * gaps.length))];
  const days = Math.min(365, Math.max(14, Math.ceil(q / 7) * 7));
  return {
    days,
    gaps: gaps.length,
    quantile,
    note: `${Math.round(quantile * 100)}% of the ${gaps.length} gaps between a customer's purchases are at most ${q} days, so the churn window is ${days} days.`,
  };
}
