/** Number formatting for the sentences the business layer writes (money, shares, months). */

/** "$1,234" (whole dollars; negatives as "-$1,234"). */
export function money(x: number): string {
  if (!Number.isFinite(x)) return '$-';
  const r = Math.round(x);
  const s = Math.abs(r).toLocaleString('en-US');
  return r < 0 ? `-$${s}` : `$${s}`;
}

/** "$64.76" (cents, for small per-customer amounts). */
export function money2(x: number): string {
  if (!Number.isFinite(x)) return '$-';
  const s = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return x < 0 ? `-$${s}` : `$${s}`;
}

/** 0.2654 -> "26.5%" (digits after the point, default 1). */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(digits)}%`;
}

/** 1234.5 -> "1,235" */
export function count(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** months with one decimal, "never reached" for null */
export function months(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'not reached';
  return `${Number.isInteger(x) ? x : x.toFixed(1)} months`;
}
