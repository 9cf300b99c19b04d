/** Cell-level value parsing: blanks and booleans here; numbers in numbers.ts, dates in dates.ts. */

export { detectNumberFormat, isNonFiniteNumber, parseNumber, type DecimalStyle } from './numbers';
export { detectDateOrder, parseDate, type DateOrder } from './dates';

const BLANKS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '?', '#n/a']);

/** True for an empty or conventional missing-value cell ("", " ", NA, null, ...). */
export function isBlank(s: string): boolean {
  if (s.length > 24) return s.trim() === '';
  // longer than any BLANKS entry with nothing to trim (printable ASCII at both ends): not blank
  if (s.length > 4 && printable(s.charCodeAt(0)) && printable(s.charCodeAt(s.length - 1))) return false;
  return BLANKS.has(s.trim().toLowerCase());
}

const printable = (c: number) => c > 32 && c < 127;

const TRUE = new Set(['yes', 'y', 'true', 't', '1', 'churned', 'churn', 'exited', 'left', '1.0']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0', 'stayed', 'retained', 'active', '0.0', 'existing customer']);

/** 1 / 0 for a boolean-like cell, -1 when it is neither. */
export function parseBoolean(raw: string): 1 | 0 | -1 {
  if (raw.length > 24) return -1;
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return 1;
  if (FALSE.has(s)) return 0;
  if (s === 'attrited customer') return 1;
  return -1;
}
