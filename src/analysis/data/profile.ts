/** A column's profile for the mapping step: its few values with counts, or its numeric/date range. */
import type { ColumnInfo, RawColumn } from '../types';
import type { InferredColumn } from './infer';
import { isBlank, parseDate, parseNumber } from './values';

/** Columns with at most this many distinct values list them (with counts) in the summary. */
export const LISTED_VALUES = 12;

/** values (<= LISTED_VALUES distinct, most frequent first) and min/max for numeric and date columns. */
export function profileColumn(col: RawColumn, inf: InferredColumn): Pick<ColumnInfo, 'values' | 'min' | 'max'> {
  const out: Pick<ColumnInfo, 'values' | 'min' | 'max'> = {};
  if (inf.unique <= LISTED_VALUES) {
    out.values = col.levels
      .map((value, i) => ({ value, count: inf.counts[i] }))
      .filter((v) => v.count > 0 && !isBlank(v.value))
      .sort((a, b) => b.count - a.count);
  }
  if (inf.type === 'numeric' || inf.type === 'date') {
    let min = Infinity;
    let max = -Infinity;
    col.levels.forEach((l, i) => {
      if (inf.counts[i] === 0 || isBlank(l)) return;
      const v = inf.type === 'numeric' ? parseNumber(l, inf.decimal) : parseDate(l);
      if (Number.isNaN(v)) return;
      if (v < min) min = v;
      if (v > max) max = v;
    });
    if (min <= max) Object.assign(out, { min, max });
  }
  return out;
}
