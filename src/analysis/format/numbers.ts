/**
 * Counts, shares, scores and durations as text: the one formatter for the page, the charts, the
 * HTML report, the CSV exports and the sentences the engine writes (insights, plans, formulas).
 * Money lives beside it in money.ts. English number style (1,234.5) throughout; a missing or
 * non-finite value reads as an en dash, never "NaN".
 */

/** What a missing number reads as. */
export const DASH = '–';

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const upTo1Fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const upTo2Fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dec1Fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const missing = (v: number | null | undefined): v is null | undefined => v == null || !Number.isFinite(v);

/** A count with thousands separators, rounded half up: 7043 -> "7,043". */
export function fmtInt(v: number | null | undefined): string {
  return missing(v) ? DASH : intFmt.format(Math.round(v) + 0);
}

/** A share given as 0..1, as a percentage: 0.2654 -> "26.5%" (digits after the point, default 1). */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  return missing(v) ? DASH : `${(v * 100).toFixed(digits)}%`;
}

/** A difference of two rates, in percentage points with one decimal (signed: "+" or "-" in front):
 *  25.73 -> "25.7 percentage points", (-3.2, true) -> "-3.2 percentage points"; 1 -> "1.0 percentage point". */
export function fmtPoints(v: number | null | undefined, signed = false): string {
  if (missing(v)) return DASH;
  const text = Math.abs(v).toFixed(1);
  return `${signed ? (v < 0 && text !== '0.0' ? '-' : '+') : ''}${text} percentage point${text === '1.0' ? '' : 's'}`;
}

/** One decimal with separators below 1,000, whole above: 1234.56 -> "1,235", 12.34 -> "12.3". */
export function fmtNum(v: number | null | undefined): string {
  if (missing(v)) return DASH;
  return Math.abs(v) >= 1000 ? intFmt.format(v) : dec1Fmt.format(v);
}

/** A score such as a ROC AUC with fixed digits (default 3): 0.8234 -> "0.823". */
export function fmtScore(v: number | null | undefined, digits = 3): string {
  return missing(v) ? DASH : v.toFixed(digits);
}

/** Milliseconds as "850 ms" or "2.4 s". */
export function fmtMs(v: number | null | undefined): string {
  if (missing(v)) return DASH;
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`;
}

/** Months, whole or with one decimal: 12 -> "12 months", 7.25 -> "7.3 months"; null -> "not reached". */
export function fmtMonths(v: number | null | undefined): string {
  if (missing(v)) return 'not reached';
  return `${Number.isInteger(v) ? v : v.toFixed(1)} months`;
}

/** A value read from a column: whole with separators from 100 up, up to 1 decimal from 10, up to 2 below,
 *  no trailing zeros: 3044.4 -> "3,044", 35.43 -> "35.4", 15.0 -> "15", 0.347 -> "0.35". */
export function fmtValue(v: number | null | undefined): string {
  if (missing(v)) return DASH;
  const a = Math.abs(v);
  return (a >= 100 ? intFmt : a >= 10 ? upTo1Fmt : upTo2Fmt).format(v).replace(/^-0$/, '0');
}

/** A value with a plural unit, singular at exactly 1: (7, "months") -> "7 months", (1, "days") -> "1 day". */
export function fmtQuantity(v: number | null | undefined, unit: string): string {
  if (missing(v)) return DASH;
  const text = fmtValue(v);
  return `${text} ${text === '1' && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}
