/** Schema inference: each raw column's type from its distinct values and their counts. */
import type { ColumnType, RawColumn } from '../types';
import { detectDecimalStyle, isBlank, parseBoolean, parseDate, parseNumber, type DecimalStyle } from './values';

export interface InferredColumn {
  name: string;
  type: ColumnType;
  /** blank cells, plus cells that do not parse for numeric/date columns */
  missing: number;
  /** non-blank cells that failed to parse as the column's type (numeric/date) */
  invalid: number;
  unique: number;
  decimal: DecimalStyle;
  /** per level: occurrence count */
  counts: number[];
}

/** Occurrences of each level of a column. */
export function levelCounts(col: RawColumn): number[] {
  const counts = new Array<number>(col.levels.length).fill(0);
  for (let i = 0; i < col.codes.length; i++) counts[col.codes[i]]++;
  return counts;
}

const ID_NAME = /(^|[^a-z])(id|uuid|guid|key|number|no|code)$|^(customer|client|user|account|member|subscriber)[ _-]?(id|no|number|key|code)?$|^id$|rownumber|row_number|^index$/i;

/** Infer a column's type. n = number of rows. */
export function inferColumn(col: RawColumn, n: number): InferredColumn {
  const counts = levelCounts(col);
  let blank = 0;
  let nonBlankLevels = 0;
  const levels: string[] = [];
  const lvlCounts: number[] = [];
  col.levels.forEach((l, i) => {
    if (isBlank(l)) blank += counts[i];
    else {
      nonBlankLevels++;
      levels.push(l);
      lvlCounts.push(counts[i]);
    }
  });
  const filled = n - blank;
  const base = { name: col.name, unique: nonBlankLevels, counts, decimal: 'dot' as DecimalStyle };
  if (filled === 0) return { ...base, type: 'categorical', missing: n, invalid: 0 };

  const decimal = detectDecimalStyle(levels, lvlCounts);
  let numericOk = 0;
  let integerOnly = true;
  let boolOk = 0;
  let dateOk = 0;
  levels.forEach((l, i) => {
    const v = parseNumber(l, decimal);
    if (!Number.isNaN(v)) {
      numericOk += lvlCounts[i];
      if (!Number.isInteger(v)) integerOnly = false;
    }
    if (parseBoolean(l) !== -1) boolOk += lvlCounts[i];
    if (!Number.isNaN(parseDate(l))) dateOk += lvlCounts[i];
  });
  const uniqueRatio = nonBlankLevels / filled;
  const idName = ID_NAME.test(col.name.trim());

  if (boolOk === filled && nonBlankLevels <= 2 && nonBlankLevels >= 1) {
    return { ...base, decimal, type: 'boolean', missing: blank, invalid: 0 };
  }
  if (numericOk >= filled * 0.9 && numericOk > 0) {
    if (idName && integerOnly && uniqueRatio > 0.95 && filled >= 20)
      return { ...base, decimal, type: 'id', missing: blank, invalid: 0 };
    const invalid = filled - numericOk;
    return { ...base, decimal, type: 'numeric', missing: blank + invalid, invalid };
  }
  if (dateOk >= filled * 0.9) {
    const invalid = filled - dateOk;
    return { ...base, decimal, type: 'date', missing: blank + invalid, invalid };
  }
  if ((uniqueRatio > 0.95 && filled >= 20) || (idName && uniqueRatio > 0.5)) {
    const spaced = levels.slice(0, 200).filter((l) => /\s/.test(l.trim())).length;
    const type = idName || spaced < Math.min(levels.length, 200) / 2 ? 'id' : 'text';
    return { ...base, decimal, type, missing: blank, invalid: 0 };
  }
  if (nonBlankLevels > 100 && uniqueRatio > 0.2) return { ...base, decimal, type: 'text', missing: blank, invalid: 0 };
  return { ...base, decimal, type: 'categorical', missing: blank, invalid: 0 };
}
