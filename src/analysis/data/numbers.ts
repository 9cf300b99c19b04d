/**
 * Number cells: one character scan per distinct value (no regex on the hot path). Reads
 * thousands separators, a decimal point or comma, currency symbols, percent signs, accounting
 * negatives `(1,234)` and exponents. Magnitudes above MAX_ABS (1e309, overflowing sums) and
 * infinity literals are not numbers: callers report them and treat the cell as missing.
 */

/** 'dot': 1,234.5 (thousands , ' or space); 'comma': 1.234,5 (thousands . ' or space). */
export type DecimalStyle = 'dot' | 'comma';

/** Larger magnitudes are not customer data, and sums of them overflow: treated as not a number. */
export const MAX_ABS = 1e15;

const CURRENCY = new Set([0x24, 0x20ac, 0xa3, 0xa5, 0x20b9, 0x20a9, 0x20bd]); // $ € £ ¥ ₹ ₩ ₽
const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x202f;

/** The value of a number cell under a style, before the MAX_ABS check (may be ±Infinity); NaN if not a number. */
export function scanNumber(raw: string, style: DecimalStyle = 'dot'): number {
  let end = raw.length;
  if (end === 0 || end > 40) return NaN; // long text is never a number
  let i = 0;
  while (i < end && isSpace(raw.charCodeAt(i))) i++;
  while (end > i && isSpace(raw.charCodeAt(end - 1))) end--;
  if (i === end) return NaN;
  let neg = false;
  if (raw.charCodeAt(i) === 40 && raw.charCodeAt(end - 1) === 41) {
    neg = true; // accounting negative (1,234)
    i++;
    end--;
  }
  let c0 = raw.charCodeAt(i);
  if (c0 === 45 || c0 === 0x2212) {
    neg = !neg;
    c0 = raw.charCodeAt(++i);
  } else if (c0 === 43) c0 = raw.charCodeAt(++i);
  if ((c0 < 48 || c0 > 57) && CURRENCY.has(c0)) {
    i++;
    while (i < end && isSpace(raw.charCodeAt(i))) i++;
    c0 = raw.charCodeAt(i);
    if (c0 === 45 || c0 === 0x2212) {
      neg = !neg;
      i++;
    } else if (c0 === 43) i++;
  }
  const last = raw.charCodeAt(end - 1);
  if (last === 37 || ((last < 48 || last > 57) && CURRENCY.has(last))) {
    end--;
    while (end > i && isSpace(raw.charCodeAt(end - 1))) end--;
  }
  const dec = style === 'dot' ? 46 : 44;
  let group = 0;
  let groups = 0;
  let thCode = -1;
  let decAt = -1;
  let expAt = -1;
  let mantissa = 0;
  let expDigits = 0;
  for (let k = i; k < end; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      group++;
      if (expAt < 0) mantissa++;
      else expDigits++;
      continue;
    }
    if (expAt < 0 && decAt < 0 && (thCode < 0 ? isThousands(c, style) : c === thCode)) {
      if (group === 0 || group > 3 || (groups > 0 && group !== 3)) return NaN;
      thCode = c;
      groups++;
      group = 0;
      continue;
    }
    if (c === dec && decAt < 0 && expAt < 0) {
      if (groups > 0 && group !== 3) return NaN;
      decAt = k;
      group = 0;
      continue;
    }
    if ((c === 101 || c === 69) && expAt < 0 && mantissa > 0) {
      if (groups > 0 && decAt < 0 && group !== 3) return NaN;
      expAt = k;
      const n = raw.charCodeAt(k + 1);
      if (n === 43 || n === 45) k++;
      continue;
    }
    return NaN;
  }
  if (mantissa === 0 || (expAt >= 0 && expDigits === 0)) return NaN;
  if (groups > 0 && decAt < 0 && expAt < 0 && group !== 3) return NaN;
  let text = raw.slice(i, end);
  if (groups > 0) text = text.split(String.fromCharCode(thCode)).join('');
  if (dec !== 46 && decAt >= 0) text = text.replace(',', '.');
  const v = Number(text);
  return neg ? -v : v;
}

function isThousands(c: number, style: DecimalStyle): boolean {
  if (c === 39 || c === 0x2019 || c === 0xa0 || c === 0x202f) return true; // ' ’ and non-breaking spaces
  return style === 'dot' ? c === 44 : c === 46 || c === 32;
}

/** Parse a number cell ("$1,234.5", "12%", "(1,234)", "1.234,56" with comma style); NaN when not a number or too large. */
export function parseNumber(raw: string, style: DecimalStyle = 'dot'): number {
  const v = scanNumber(raw, style);
  return v <= MAX_ABS && v >= -MAX_ABS ? v : NaN;
}

const INFINITY = new Set(['inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity', '∞', '-∞', '#num!', '#div/0!']);

/** True for a cell that is a number too large to use (1e309, 1e20) or an infinity literal. */
export function isNonFiniteNumber(raw: string, style: DecimalStyle = 'dot'): boolean {
  const v = scanNumber(raw, style);
  if (!Number.isNaN(v)) return !(v <= MAX_ABS && v >= -MAX_ABS);
  if (raw.length > 12) return false;
  const t = raw.trim();
  const c = t.charCodeAt(t.charCodeAt(0) === 45 || t.charCodeAt(0) === 43 ? 1 : 0);
  return (c === 105 || c === 73 || c === 0x221e || c === 35) && INFINITY.has(t.toLowerCase()); // i I ∞ #
}

/** How a column's numbers read: the style, and whether the values left it truly open. */
export interface NumberFormat {
  style: DecimalStyle;
  /** every separator fits both readings (e.g. only "2.345"): an example to ask the user about */
  ambiguous?: { example: string; asDot: number; asComma: number };
}

/**
 * The decimal style of a column from its distinct values (weights = counts): values that read
 * under one style only decide; when every separated value reads both ways ("2.345", "1,234"), a
 * `;`-separated file means comma decimals (European), a quoted "1,234" in a comma file means
 * thousands, and "2.345" in a comma file stays a decimal point but is flagged as ambiguous.
 */
export function detectNumberFormat(levels: string[], counts: number[], delimiter = ','): NumberFormat {
  let dotOnly = 0;
  let commaOnly = 0;
  let differ = 0;
  let example = '';
  let exampleHasComma = false;
  for (let k = 0; k < levels.length; k++) {
    const d = parseNumber(levels[k], 'dot');
    const c = parseNumber(levels[k], 'comma');
    const dn = Number.isNaN(d);
    const cn = Number.isNaN(c);
    if (!dn && cn) dotOnly += counts[k];
    else if (dn && !cn) commaOnly += counts[k];
    else if (!dn && d !== c) {
      differ += counts[k];
      if (!example) {
        example = levels[k].trim();
        exampleHasComma = example.includes(',');
      }
    }
  }
  if (commaOnly > dotOnly) return { style: 'comma' };
  if (dotOnly > 0 || differ === 0) return { style: 'dot' };
  if (delimiter === ';') return { style: 'comma' };
  if (exampleHasComma) return { style: 'dot' };
  return { style: 'dot', ambiguous: { example, asDot: parseNumber(example, 'dot'), asComma: parseNumber(example, 'comma') } };
}
