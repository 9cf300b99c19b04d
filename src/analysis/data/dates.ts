/**
 * Date cells: ISO dates and times, yyyymmdd, and d/m/y or m/d/y with / . or - (the order is a
 * column's, decided from its values by detectDateOrder); dates far outside the bulk of a log.
 */

/** 'mdy': 03/04/2020 is March 4; 'dmy': April 3. */
export type DateOrder = 'mdy' | 'dmy';

const ISO = /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$/;
const COMPACT = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/** Milliseconds since epoch (UTC); NaN when not a date. Without an order, m/d/y unless the first part > 12. */
export function parseDate(raw: string, order?: DateOrder): number {
  if (raw.length > 40) return NaN;
  const s = raw.trim();
  if (s.length === 8 && COMPACT.test(s)) return validUtc(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
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
  if (order === 'dmy' || (order === undefined && a > 12)) [a, b] = [b, a];
  let ms = validUtc(y, a, b);
  if (m[4] && !Number.isNaN(ms)) {
    const [hh, mm, ss] = m[4].trim().split(':').map(Number);
    ms += ((hh * 60 + mm) * 60 + (ss || 0)) * 1000;
  }
  return ms;
}

/** Date.UTC for a real calendar day (no 31 February); NaN otherwise. */
function validUtc(y: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const t = Date.UTC(y, month - 1, day);
  return new Date(t).getUTCDate() === day ? t : NaN;
}

export interface DateFormat {
  order: DateOrder;
  /** every value reads both ways (no part above 12): three examples to show the user */
  ambiguous?: { examples: string[] };
}

/** The day/month order of a column: any value whose first part is above 12 means day first,
 *  second part above 12 month first (majority when both occur); all ambiguous -> the delimiter's
 *  convention (`;` files day first), flagged for the user. */
export function detectDateOrder(levels: string[], counts: number[], delimiter = ','): DateFormat {
  let dmy = 0;
  let mdy = 0;
  let slashed = 0;
  const examples: string[] = [];
  for (let k = 0; k < levels.length; k++) {
    const m = SLASH.exec(levels[k].trim());
    if (!m) continue;
    slashed += counts[k];
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy += counts[k];
    else if (b > 12 && a <= 12) mdy += counts[k];
    else if (examples.length < 3 && a !== b) examples.push(levels[k].trim());
  }
  if (dmy > mdy) return { order: 'dmy' };
  if (mdy > 0) return { order: 'mdy' };
  const order: DateOrder = delimiter === ';' ? 'dmy' : 'mdy';
  return slashed > 0 && examples.length > 0 ? { order, ambiguous: { examples } } : { order };
}

const DAY = 86_400_000;
const YEAR_1900 = Date.UTC(1900, 0, 1);

/**
 * Per level of a date column: true when the date lies far outside the bulk of the rows (before
 * 1900, or beyond the 1st-99th percentile range widened by max(that range, one year) on either
 * side: a 2099 typo in a 2010-2011 log). `dates` per level (ms), `codes` per row.
 */
export function outlierDates(dates: ArrayLike<number>, codes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(dates.length);
  const rows: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const d = dates[codes[i]];
    if (Number.isFinite(d) && d >= YEAR_1900) rows.push(d);
  }
  rows.sort((x, y) => x - y);
  const lo = rows.length ? rows[Math.floor((rows.length - 1) * 0.01)] : 0;
  const hi = rows.length ? rows[Math.ceil((rows.length - 1) * 0.99)] : 0;
  const pad = Math.max(hi - lo, 365 * DAY);
  for (let k = 0; k < dates.length; k++) {
    const d = dates[k];
    if (Number.isFinite(d) && (d < YEAR_1900 || d < lo - pad || d > hi + pad)) out[k] = 1;
  }
  return out;
}
