/**
 * Column-level steps of the cleaning (clean.ts): numbers parsed with invalid and non-finite cells
 * counted, 0/1 and yes/no booleans, categorical features with sorted levels, the constant check,
 * the services count and the findings for excluded columns.
 */
import type { CategoricalFeature, LevelCodes, NumericFeature, RawColumn, Warning } from '../types';
import type { InferredColumn } from './infer';
import { isBlank, isNonFiniteNumber, parseBoolean, parseNumber } from './values';
import { finiteOrder, medianOf } from '../math/select';

/** Yes/No columns that describe the person, not a service (not counted in ServicesCount). */
export const DEMOGRAPHIC = /gender|sex|partner|dependents|senior|paperless|married/i;

export function parseNumericColumn(col: RawColumn, inf: InferredColumn, keep: number[]) {
  const levelVal = col.levels.map((l) => parseNumber(l, inf.decimal));
  const levelBlank = col.levels.map((l) => isBlank(l));
  // Too-large numbers and infinity literals are reported apart from text (rare: only unparsed levels are checked).
  const levelHuge = col.levels.map((l, k) => Number.isNaN(levelVal[k]) && !levelBlank[k] && isNonFiniteNumber(l, inf.decimal));
  const values = new Float64Array(keep.length);
  const missing = new Uint8Array(keep.length);
  const invalid = { count: 0, examples: [] as number[], sample: '' };
  const nonFinite = { count: 0, examples: [] as number[], sample: '' };
  keep.forEach((i, r) => {
    const code = col.codes[i];
    const v = levelVal[code];
    values[r] = v;
    if (Number.isNaN(v)) {
      missing[r] = 1;
      if (!levelBlank[code]) {
        const acc = levelHuge[code] ? nonFinite : invalid;
        acc.count++;
        if (acc.examples.length < 5) acc.examples.push(i + 1);
        if (!acc.sample) acc.sample = col.levels[code].trim().slice(0, 30);
      }
    }
  });
  return { values, missing, invalid, nonFinite };
}

export function isNumericBoolean(col: RawColumn): boolean {
  return col.levels.every((l) => isBlank(l) || /^[01](\.0)?$/.test(l.trim()));
}

export function booleanValues(col: RawColumn, keep: number[]): Float64Array {
  const lv = col.levels.map((l) => Math.max(0, parseBoolean(l)));
  return Float64Array.from(keep, (i) => lv[col.codes[i]]);
}

export function categoricalFeature(col: RawColumn, keep: number[]): CategoricalFeature {
  const remap = new Int32Array(col.levels.length).fill(-2);
  const levels: string[] = [];
  const codes = new Int32Array(keep.length);
  keep.forEach((i, r) => {
    const c = col.codes[i];
    if (remap[c] === -2) {
      const l = col.levels[c];
      if (isBlank(l)) remap[c] = -1;
      else {
        remap[c] = levels.length;
        levels.push(l.trim());
      }
    }
    codes[r] = remap[c];
  });
  // Sorted levels give stable one-hot column order whatever the row order.
  const order = levels.map((_, i) => i).sort((a, b) => (levels[a] < levels[b] ? -1 : levels[a] > levels[b] ? 1 : 0));
  const rank = new Int32Array(levels.length);
  order.forEach((old, neu) => (rank[old] = neu));
  for (let r = 0; r < codes.length; r++) if (codes[r] >= 0) codes[r] = rank[codes[r]];
  return { name: col.name, codes: narrowCodes(codes, levels.length), levels: order.map((i) => levels[i]) };
}

/** The codes (-1 = missing) in the narrowest array that holds `nLevels` levels: the frame keeps
 *  them, and the churn worker gets a copy (100x Telco's 16 columns: 11 MB as Int8, 45 MB as Int32). */
export function narrowCodes(codes: Int32Array, nLevels: number): LevelCodes {
  return nLevels <= 127 ? new Int8Array(codes) : nLevels <= 32767 ? new Int16Array(codes) : codes;
}

export function isConstant(f: NumericFeature | CategoricalFeature): boolean {
  const a = 'values' in f ? f.values : f.codes;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

/** Number of service columns (Yes/No columns that are not demographics) a customer has. */
export function servicesCount(cats: CategoricalFeature[], n: number): NumericFeature | null {
  const service = cats.filter((c) => c.levels.includes('Yes') && !DEMOGRAPHIC.test(c.name));
  if (service.length < 3) return null;
  const values = new Float64Array(n);
  for (const c of service) {
    const yes = c.levels.indexOf('Yes');
    for (let r = 0; r < n; r++) if (c.codes[r] === yes) values[r]++;
  }
  return { name: 'ServicesCount', values, unit: 'services' };
}

/** Why columns were excluded: [singular verb phrase, plural verb phrase]. */
const EXCLUSION_TEXT: Record<string, [string, string]> = {
  'id-excluded': ['identifies customers rather than describing them, so it is not used to predict churn or to form segments', 'identify customers rather than describe them, so they are not used to predict churn or to form segments'],
  'personal-excluded': ['holds a person\'s name or contact details, which say who a customer is, not why they leave: it is not used to predict churn or to form segments (change its type in the mapping step to use it)', 'hold a person\'s name or contact details, which say who a customer is, not why they leave: they are not used to predict churn or to form segments (change their type in the mapping step to use them)'],
  'text-excluded': ['holds free text or dates, so it is not used to predict churn or to form segments', 'hold free text or dates, so they are not used to predict churn or to form segments'],
  'leak-name': ['describes the churn outcome itself and would leak the answer into the models; it was excluded', 'describe the churn outcome itself and would leak the answer into the models; they were excluded'],
  'leak-perfect': ['predicts churn almost perfectly on its own, which means it leaks the answer; it was excluded', 'predict churn almost perfectly on their own, which means they leak the answer; they were excluded'],
  'constant-column': ['has the same value in every row and was ignored', 'have the same value in every row and were ignored'],
  'high-cardinality': ['has too many distinct values to use as categories and was ignored', 'have too many distinct values to use as categories and were ignored'],
};

export function exclusionWarnings(excluded: Record<string, string[]>): Warning[] {
  return Object.entries(excluded).map(([code, cols]) => {
    const shown = cols.slice(0, 8).map((c) => `"${c}"`).join(', ') + (cols.length > 8 ? ` and ${cols.length - 8} more` : '');
    const [one, many] = EXCLUSION_TEXT[code];
    return { code, message: `${cols.length === 1 ? 'Column' : 'Columns'} ${shown} ${cols.length === 1 ? one : many}.`, count: cols.length, column: cols[0] };
  });
}

/** Median of the finite values (0 when none): the imputation value, also the saved model's (model/build.ts). */
export function median(v: Float64Array): number {
  return medianOf(finiteOrder(v));
}

export function round(x: number): string {
  return Number(x.toPrecision(6)).toLocaleString('en-US');
}
