/**
 * The one CSV cell writer of every export (customers, call list, scores, the engine's priorities):
 * a text cell that a spreadsheet would run as a formula gets a leading single quote, so it shows as
 * text. That is a cell beginning with = + - @ after any leading whitespace, or beginning with a
 * tab, CR or LF (spreadsheets skip those before a formula).
 */

const FORMULA_START = /^\s*[=+\-@]|^[\t\r\n]/;

/** True when a spreadsheet could read text cell `s` as a formula. */
export function isFormulaLike(s: string): boolean {
  return FORMULA_START.test(s);
}

/** One CSV cell: text neutralised against formulas and quoted when needed; numbers as-is. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (isFormulaLike(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180). */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
