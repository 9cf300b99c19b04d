/**
 * Issue 14's rule for every invoice log of the corpus: a cohort grid and monthly revenue
 * movements are there, and a cell is null ("not enough history") exactly past the log's end,
 * never 0. Used by the CLI corpus test (analysis.json) and the page corpus run (the drawn heat
 * map's z).
 */

/** Months since year 0 of a "YYYY-MM" label. */
const monthIndex = (label: string): number => {
  const [y, m] = label.split('-').map(Number);
  return y * 12 + m - 1;
};

/** Problems of a cohort grid's share rows (empty when it is right). `cohorts`: acquisition months
 *  (the first is the log's first month); `share[i][k]`: month fromOffset + k after cohort i's first
 *  purchase (the chart drops month 0: fromOffset 1); the columns reach the log's last month.
 *  Before that month every cell is a number, after it every cell is null; in the last month
 *  itself (perhaps partly covered) all cohorts agree. Month 0 is always a number. */
export function cohortProblems(cohorts: string[], share: (number | null)[][], fromOffset = 0): string[] {
  if (cohorts.length === 0) return ['no cohorts'];
  if (share.length !== cohorts.length || share.some((r) => r.length !== share[0].length)) return ['the rows do not match the cohorts'];
  const lastMonth = monthIndex(cohorts[0]) + fromOffset + share[0].length - 1;
  const out: string[] = [];
  const atLast = new Set<boolean>();
  share.forEach((row, i) => row.forEach((v, k) => {
    const off = fromOffset + k;
    const m = monthIndex(cohorts[i]) + off;
    const where = `${cohorts[i]} month ${off}`;
    if (v !== null && !Number.isFinite(v)) out.push(`${where}: ${v}`);
    else if (off === 0 || m < lastMonth) {
      if (v === null) out.push(`${where}: observed but null`);
    } else if (m > lastMonth) {
      if (v !== null) out.push(`${where}: past the log's end but ${v} (must be null: not enough history)`);
    } else atLast.add(v === null);
  }));
  if (atLast.size > 1) out.push('the last month is observed for some cohorts and not for others');
  return out;
}
