/** Cell-level value parsing: numbers (dot or comma decimals), booleans, dates, blanks. */

export type DecimalStyle = 'dot' | 'comma';

const BLANKS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '?', '#n/a']);

/** True for an empty or conventional missing-value cell ("", " ", NA, null, ...). */
export function isBlank(s: string): boolean {
  if (s.length > 24) return s.trim() === '';
  return BLANKS.has(s.trim().toLowerCase());
}

const DOT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/;
const COMMA = /^[-+]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?$/;

/** Parse a number cell ("$1,234.5", "12%", "1.234,56" with comma style); NaN when not a number. */
export function parseNumber(raw: string, style: DecimalStyle = 'dot'): number {
  if (raw.length > 40) return NaN; // long text is never a number; skip the regexes
  let s = raw.trim();
  if (s === '') return NaN;
  s = s.replace(/^[$€£]\s?|\s?[$€£%]$/g, '');
  if (style === 'dot') {
    if (!DOT.test(s) || !/\d/.test(s)) return NaN;
    return Number(s.replace(/,/g, ''));
  }
  if (!COMMA.test(s) || !/\d/.test(s)) return NaN;
  return Number(s.replace(/\./g, '').replace(',', '.'));
}

/** Which decimal style parses more of the given distinct values (weights = counts). */
export function detectDecimalStyle(levels: string[], counts: number[]): DecimalStyle {
  let dot = 0;
  let comma = 0;
  levels.forEach((l, i) => {
    if (!Number.isNaN(parseNumber(l, 'dot'))) dot += counts[i];
    if (!Number.isNaN(parseNumber(l, 'comma'))) comma += counts[i];
  });
  // "1,5" parses under both readings only when ambiguous; prefer comma only when it wins.
  return comma > dot ? 'comma' : 'dot';
}

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

const ISO = /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$/;

/** Milliseconds since epoch (UTC) for ISO or m/d/y (d/m/y when the first part > 12) dates; NaN otherwise. */
export function parseDate(raw: string): number {
  if (raw.length > 40) return NaN;
  const s = raw.trim();
  if (ISO.test(s)) {
    const t = Date.parse(s.includes('T') || s.length <= 10 ? s : s.replace(' ', 'T') + (/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? '' : 'Z'));
    return t;
  }
  const m = SLASH.exec(s);
  if (!m) return NaN;
  let a = Number(m[1]);
  let b = Number(m[2]);
  let y = Number(m[3]);
  if (y < 100) y += 2000;
  if (a > 12) [a, b] = [b, a]; // day first
  if (a < 1 || a > 12 || b < 1 || b > 31) return NaN;
  let ms = Date.UTC(y, a - 1, b);
  if (m[4]) {
    const [hh, mm, ss] = m[4].trim().split(':').map(Number);
    ms += ((hh * 60 + mm) * 60 + (ss || 0)) * 1000;
  }
  return ms;
}
