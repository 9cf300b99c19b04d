/**
 * Placeholder customer ids: "(blank)", "N/A", "unknown", "null", "none", "-", "0", empty cells.
 * They are not a customer: rows carrying one are set aside (counted, with their values and first
 * rows) instead of becoming one giant customer, e.g. every unattributed line of an invoice log.
 */
import type { RawColumn, TableKind, Warning } from '../types';
import type { InferredColumn } from './infer';
import { fmtInt } from '../format/numbers';

const PLACEHOLDERS = new Set([
  '', '(blank)', 'blank', '(empty)', 'empty', 'n/a', 'na', '#n/a', 'n.a.', 'unknown', '(unknown)', 'null', '(null)',
  'none', '(none)', 'nil', 'undefined', 'nan', '-', '--', '?', 'tbd', 'not available', 'no id', 'missing', '(missing)',
]);

/** True for a cell that stands for "no id" rather than naming a customer ("0", "000" included). */
export function isPlaceholderId(raw: string): boolean {
  if (raw.length > 24) return false;
  // no placeholder starts with a digit other than 0 ("4664-NJCMS", "2003.97"): no trim, no lower case
  const c = raw.charCodeAt(0);
  if (c > 48 && c <= 57) return false;
  const s = raw.trim().toLowerCase();
  return PLACEHOLDERS.has(s) || /^0+$/.test(s);
}

export interface PlaceholderIds {
  column: string;
  /** rows set aside */
  count: number;
  /** the placeholder values met, most frequent first */
  values: { value: string; count: number }[];
  /** first data rows (1-based) */
  examples: number[];
  /** per level of the column: 1 when that value is a placeholder */
  isPlaceholder: Uint8Array;
}

/** The rows of `col` whose id is a placeholder (null when there are none). One check per distinct
 *  value. In a customer table a lone "0" is kept: it is a row counter starting at 0, not a placeholder. */
export function placeholderIds(col: RawColumn, kind: TableKind): PlaceholderIds | null {
  const isPh = col.levels.map(isPlaceholderId);
  if (!isPh.some(Boolean)) return null;
  const perLevel = new Float64Array(col.levels.length);
  for (let i = 0; i < col.codes.length; i++) perLevel[col.codes[i]]++;
  if (kind === 'customers') col.levels.forEach((l, k) => isPh[k] && perLevel[k] === 1 && /^\s*0+\s*$/.test(l) && (isPh[k] = false));
  const examples: number[] = [];
  let count = 0;
  for (let i = 0; i < col.codes.length; i++) {
    if (!isPh[col.codes[i]]) continue;
    count++;
    if (examples.length < 5) examples.push(i + 1);
  }
  if (count === 0) return null;
  const values = col.levels
    .map((value, k) => ({ value: value.trim() === '' ? '(empty)' : value, count: isPh[k] ? perLevel[k] : 0 }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count);
  return { column: col.name, count, values, examples, isPlaceholder: Uint8Array.from(isPh, Number) };
}

/** A short list of the values met: `"(blank)" ×12, "N/A" ×3`. */
export function placeholderList(p: PlaceholderIds, max = 4): string {
  const shown = p.values.slice(0, max).map((v) => `"${v.value}" ×${v.count.toLocaleString('en-US')}`);
  return shown.join(', ') + (p.values.length > max ? ` and ${p.values.length - max} more` : '');
}

/** The finding for rows set aside; `unit` names what a row is ("row", "invoice line"). */
export function placeholderWarning(p: PlaceholderIds, unit: 'row' | 'line'): Warning {
  const what = unit === 'line' ? 'line(s) of the log' : 'row(s)';
  return {
    code: 'placeholder-ids',
    message: `${p.count.toLocaleString('en-US')} ${what} have no real customer id in "${p.column}" (${placeholderList(p)}); they were set aside rather than counted as one customer.`,
    count: p.count,
    column: p.column,
    examples: p.examples,
    // the accounting rule: rows (customer tables) or lines (logs) of the file left out
    dropped: p.count,
  };
}

/** Why fewer than 2 customers remain, when the id column is the reason: (nearly) every id a
 *  placeholder, or one id repeated on (nearly) every row. Null when the id column is not to blame. */
export function idProblem(column: string, nRows: number, ph: PlaceholderIds | null, dup: { count: number; first: string }, kept: number): { code: string; message: string } | null {
  const rows = nRows.toLocaleString('en-US');
  if (ph && ph.count > dup.count)
    return {
      code: 'no-real-ids',
      message: `${ph.count.toLocaleString('en-US')} of the ${rows} rows have no real customer id in "${column}" (${placeholderList(ph)}), so no customers are left to analyse. Choose the column that identifies customers in the mapping step (or none, to count each row as a customer).`,
    };
  if (dup.count > 0)
    return {
      code: 'ids-all-same',
      message: `The id column "${column}" holds the same value ("${dup.first}") on ${(dup.count + kept).toLocaleString('en-US')} of the ${rows} rows: those are duplicates, not one id per customer, so only ${fmtInt(kept)} customer(s) would remain. Choose the column that identifies customers in the mapping step (or none, to count each row as a customer).`,
    };
  return null;
}

/** The finding for a column recognised as an id from its values (whatever its name) and kept out
 *  of the model features: a row counter, or a different value on (nearly) every row. */
export function idFromValuesWarning(column: string, inf: InferredColumn, nRows: number): Warning {
  const rows = (nRows - inf.missing).toLocaleString('en-US');
  const why =
    inf.idFromValues === 'counter'
      ? `is a row counter (one unbroken run of whole numbers, a different one on each of its ${rows} rows)`
      : `has a different value on ${inf.unique.toLocaleString('en-US')} of its ${rows} rows`;
  return {
    code: 'id-like-values',
    message: `Column "${column}" ${why}, so it labels rows rather than describing customers; it is not used as a model feature. Set its type in the mapping step if it is a real measure.`,
    count: 1,
    column,
  };
}
