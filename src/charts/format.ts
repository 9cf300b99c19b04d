/** Number formatting for the page, charts and reports: units and thousands separators. */

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec1Fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const moneyFmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const money2Fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const dash = '–';

/** 7043 -> "7,043". */
export function fmtInt(v: number | null | undefined): string {
  return v == null || !Number.isFinite(v) ? dash : intFmt.format(v);
}

/** 0.2654 -> "26.5%" (share given as 0..1). */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  if (v == null || !Number.isFinite(v)) return dash;
  return `${(v * 100).toFixed(digits)}%`;
}

/** Dollars: whole dollars from $100 up, cents below. */
export function fmtMoney(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return dash;
  return Math.abs(v) >= 100 ? moneyFmt.format(v) : money2Fmt.format(v);
}

/** Compact dollars for big numbers: 1234567 -> "$1.23M". */
export function fmtMoneyShort(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return dash;
  const a = Math.abs(v);
  if (a >= 1e9) return `${v < 0 ? '-' : ''}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${v < 0 ? '-' : ''}$${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${v < 0 ? '-' : ''}$${(a / 1e3).toFixed(1)}k`;
  return fmtMoney(v);
}

/** 0.8234 -> "0.823" (scores such as AUC). */
export function fmtScore(v: number | null | undefined, digits = 3): string {
  return v == null || !Number.isFinite(v) ? dash : v.toFixed(digits);
}

/** One decimal with separators: 1234.56 -> "1,234.6". */
export function fmtNum(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return dash;
  return Math.abs(v) >= 1000 ? intFmt.format(v) : dec1Fmt.format(v);
}

/** Milliseconds as "850 ms" or "2.4 s". */
export function fmtMs(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return dash;
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`;
}
