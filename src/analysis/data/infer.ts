/** Schema inference: each raw column's type from its distinct values and their counts. */
import type { ColumnType, RawColumn } from '../types';
import { detectDateOrder, detectNumberFormat, isBlank, isNonFiniteNumber, parseBoolean, parseDate, parseNumber, type DateOrder, type DecimalStyle } from './values';
import type { NumberFormat } from './numbers';
import type { DateFormat } from './dates';
import { isPersonalName } from './personalNames';

export interface InferredColumn {
  name: string;
  type: ColumnType;
  /** blank cells, plus cells that do not parse for numeric/date columns */
  missing: number;
  /** non-blank cells that failed to parse as the column's type (numeric/date) */
  invalid: number;
  unique: number;
  decimal: DecimalStyle;
  /** day/month order of a date column */
  dateOrder: DateOrder;
  /** the values left the decimal style open: the example the user is asked about */
  numberAmbiguous?: NumberFormat['ambiguous'];
  /** every date read both ways: examples the user is asked about */
  dateAmbiguous?: DateFormat['ambiguous'];
  /** cells holding a number too large to use or an infinity literal (numeric columns) */
  nonFinite: number;
  /** per level: occurrence count */
  counts: number[];
  /** an id recognised from its values, not its name: different on (nearly) every row, or a row counter */
  idFromValues?: 'unique' | 'counter';
}

/** True when the values are the whole numbers k..k+n-1 (a row counter), each once. */
function isCounter(levels: string[], decimal: DecimalStyle, filled: number): boolean {
  if (levels.length !== filled) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const l of levels) {
    const v = parseNumber(l, decimal);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min === filled - 1 && (min === 0 || min === 1);
}

/** Occurrences of each level of a column. */
export function levelCounts(col: RawColumn): number[] {
  const counts = new Array<number>(col.levels.length).fill(0);
  for (let i = 0; i < col.codes.length; i++) counts[col.codes[i]]++;
  return counts;
}

const ID_NAME = /(^|[^a-z])(id|uuid|guid|key|number|no|code)$|^(customer|client|user|account|member|subscriber)[ _-]?(id|no|number|key|code)?$|^id$|rownumber|row_number|^index$/i;

/** Infer a column's type. n = number of rows; the file's delimiter hints at number and date conventions.
 *  A column named like a person's name or contact detail (personalNames.ts) is 'personal', unless it
 *  holds yes/no values ("Phone" as Yes/No says whether there is one). */
export function inferColumn(col: RawColumn, n: number, delimiter = ','): InferredColumn {
  const inf = inferFromValues(col, n, delimiter);
  if (inf.type === 'boolean' || !isPersonalName(col.name.trim())) return inf;
  const { idFromValues: _drop, ...rest } = inf;
  return { ...rest, type: 'personal' };
}

function inferFromValues(col: RawColumn, n: number, delimiter: string): InferredColumn {
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
  const base = { name: col.name, unique: nonBlankLevels, counts, decimal: 'dot' as DecimalStyle, dateOrder: 'mdy' as DateOrder, nonFinite: 0 };
  if (filled === 0) return { ...base, type: 'categorical', missing: n, invalid: 0 };

  const format = detectNumberFormat(levels, lvlCounts, delimiter);
  const decimal = format.style;
  let numericOk = 0;
  let nonFinite = 0;
  let integerOnly = true;
  let boolOk = 0;
  let dateOk = 0;
  let compactDates = 0;
  // Each reading stops once the check below that uses it can no longer pass (the same type, and
  // the same counts wherever they are used): an id or amount column of 700,000 distinct values
  // is not read as booleans or dates past its first few misses.
  let notNumber = 0;
  let notBool = 0;
  let notDate = 0;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    if (filled - notNumber >= filled * 0.9) {
      const v = parseNumber(l, decimal);
      if (!Number.isNaN(v)) {
        numericOk += lvlCounts[i];
        if (!Number.isInteger(v)) integerOnly = false;
      } else if (isNonFiniteNumber(l, decimal)) nonFinite += lvlCounts[i];
      else notNumber += lvlCounts[i];
    }
    if (notBool === 0) {
      if (parseBoolean(l) !== -1) boolOk += lvlCounts[i];
      else notBool += lvlCounts[i];
    }
    if (filled - notDate >= filled * 0.9) {
      const d = parseDate(l);
      if (!Number.isNaN(d)) {
        dateOk += lvlCounts[i];
        if (l.length === 8) compactDates += lvlCounts[i];
      } else notDate += lvlCounts[i];
    }
  }
  const uniqueRatio = nonBlankLevels / filled;
  function dateColumn(): InferredColumn {
    const f = detectDateOrder(levels, lvlCounts, delimiter);
    let ok = 0;
    levels.forEach((l, i) => {
      if (!Number.isNaN(parseDate(l, f.order))) ok += lvlCounts[i];
    });
    const invalid = filled - ok;
    return { ...base, decimal, dateOrder: f.order, ...(f.ambiguous ? { dateAmbiguous: f.ambiguous } : {}), type: 'date', missing: blank + invalid, invalid };
  }
  const idName = ID_NAME.test(col.name.trim());

  // Yes/No in any case and spacing ("Yes ", "YES", " no") is still one Yes and one No
  if (boolOk === filled && nonBlankLevels >= 1 && (nonBlankLevels <= 2 || new Set(levels.map((l) => l.trim().toLowerCase())).size <= 2)) {
    return { ...base, decimal, type: 'boolean', missing: blank, invalid: 0 };
  }
  if (dateOk >= filled * 0.9 && compactDates >= filled * 0.9) return dateColumn();
  if (numericOk + nonFinite >= filled * 0.9 && numericOk > 0) {
    if (idName && integerOnly && uniqueRatio > 0.95 && filled >= 20)
      return { ...base, decimal, type: 'id', missing: blank, invalid: 0 };
    // whatever its name: whole numbers different on (nearly) every row, or a row counter 1..n
    const counter = integerOnly && filled >= 20 && isCounter(levels, decimal, filled);
    if (counter || (integerOnly && filled >= 50 && uniqueRatio >= 0.99 && numericOk === filled))
      return { ...base, decimal, type: 'id', missing: blank, invalid: 0, idFromValues: counter ? 'counter' : 'unique' };
    const invalid = filled - numericOk;
    const ambiguous = format.ambiguous ? { numberAmbiguous: format.ambiguous } : {};
    return { ...base, ...ambiguous, decimal, nonFinite, type: 'numeric', missing: blank + invalid, invalid };
  }
  if (dateOk >= filled * 0.9) return dateColumn();
  if ((uniqueRatio > 0.95 && filled >= 20) || (idName && uniqueRatio > 0.5)) {
    const spaced = levels.slice(0, 200).filter((l) => /\s/.test(l.trim())).length;
    const type = idName || spaced < Math.min(levels.length, 200) / 2 ? 'id' : 'text';
    return { ...base, decimal, type, missing: blank, invalid: 0, ...(type === 'id' && !idName ? { idFromValues: 'unique' as const } : {}) };
  }
  if (nonBlankLevels > 100 && uniqueRatio > 0.2) return { ...base, decimal, type: 'text', missing: blank, invalid: 0 };
  return { ...base, decimal, type: 'categorical', missing: blank, invalid: 0 };
}
