/**
 * Validation and cleaning of a customer table: target coding, duplicate ids, non-numeric and
 * blank cells (imputed, and said how), constant, id-like and leaking columns. Produces the
 * CustomerFrame and the cleaning report (warnings + per-column info). Every finding is data.
 */
import type { CategoricalFeature, ColumnInfo, CustomerFrame, NumericFeature, RawColumn, RawTable, Roles, Warning } from '../types';
import type { InferredColumn } from './infer';
import { isPerfectPredictor, LEAK_NAME } from '../churn/leakage';
import { codeTarget } from './target';
import { idFromValuesWarning, idProblem, placeholderIds, placeholderWarning } from './placeholders';
import { isBlank, isNonFiniteNumber, parseBoolean, parseNumber } from './values';

export type CleanResult =
  | { ok: true; frame: CustomerFrame; columns: ColumnInfo[]; warnings: Warning[] }
  | { ok: false; code: string; message: string };

const MAX_LEVELS = 50;
/** Yes/No columns that describe the person, not a service (not counted in ServicesCount). */
export const DEMOGRAPHIC = /gender|sex|partner|dependents|senior|paperless|married/i;

/** Clean a customer table given inferred column types and roles. */
export function cleanCustomerTable(raw: RawTable, inferred: InferredColumn[], roles: Roles): CleanResult {
  const warnings: Warning[] = [];
  const byName = new Map(raw.columns.map((c, i) => [c.name, { raw: c, inf: inferred[i] }]));
  if (!roles.target || !byName.has(roles.target))
    return {
      ok: false,
      code: 'no-target',
      message:
        'No column says which customers churned (for example "Churn" with Yes/No values). Choose the churn column in the mapping step, or use a file that has one.',
    };

  // 1. Rows kept: a usable target value, and the first occurrence of each customer id.
  const t = byName.get(roles.target)!;
  const coding = codeTarget(t.raw, t.inf.counts);
  warnings.push(...coding.warnings);
  const keep: number[] = [];
  const idCol = roles.id ? byName.get(roles.id)?.raw : undefined;
  // rows whose id is "(blank)", "N/A", "0", ... are set aside, not one customer
  const placeholders = idCol ? placeholderIds(idCol, 'customers') : null;
  let setAside = 0;
  const seen = new Set<string>();
  const dup = { count: 0, examples: [] as number[], first: '' };
  for (let i = 0; i < raw.nRows; i++) {
    if (coding.y[i] === -1) continue;
    if (idCol) {
      if (placeholders?.isPlaceholder[idCol.codes[i]]) {
        setAside++;
        continue;
      }
      const id = idCol.levels[idCol.codes[i]];
      if (seen.has(id)) {
        if (!dup.first) dup.first = id;
        dup.count++;
        if (dup.examples.length < 5) dup.examples.push(i + 1);
        continue;
      }
      seen.add(id);
    }
    keep.push(i);
  }
  if (placeholders && setAside > 0) warnings.push(placeholderWarning({ ...placeholders, count: setAside }, 'row'));
  if (idCol && keep.length < 2) {
    const problem = idProblem(idCol.name, raw.nRows, placeholders, dup, keep.length);
    if (problem) return { ok: false, ...problem };
  }
  if (dup.count > 0)
    warnings.push({
      code: 'duplicate-ids',
      message: `${dup.count} row(s) repeat a customer id already seen in "${roles.id}"; only the first row of each customer was kept.`,
      count: dup.count,
      dropped: dup.count,
      column: roles.id,
      examples: dup.examples,
    });
  const n = keep.length;
  if (n < 2) return { ok: false, code: 'too-few-rows', message: `Only ${n} usable row(s) remain after cleaning; at least 2 customers are needed.` };

  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) y[r] = coding.y[keep[r]];
  const positives = y.reduce((s, v) => s + v, 0);
  const singleClass = positives === 0 || positives === n;
  if (singleClass)
    warnings.push({
      code: 'target-single-class',
      message: `Every customer has the same value in "${roles.target}" (${positives === 0 ? 'nobody churned' : 'everybody churned'}), so churn cannot be predicted; segments and revenue figures are still shown.`,
      count: n,
      column: roles.target,
    });

  // 2. Numeric columns first (the total-spend imputation needs tenure and monthly).
  const numericValues = new Map<string, Float64Array>();
  const missingMask = new Map<string, Uint8Array>();
  for (const { raw: col, inf } of byName.values()) {
    if (inf.type !== 'numeric' || col.name === roles.target) continue;
    const { values, missing, invalid, nonFinite } = parseNumericColumn(col, inf, keep);
    numericValues.set(col.name, values);
    missingMask.set(col.name, missing);
    if (nonFinite.count > 0)
      warnings.push({
        code: 'non-finite-cells',
        message: `${nonFinite.count} cell(s) in "${col.name}" hold a number too large to use or an infinity (e.g. "${nonFinite.sample}"); they were treated as missing.`,
        count: nonFinite.count,
        column: col.name,
        examples: nonFinite.examples,
      });
    if (invalid.count > 0)
      warnings.push({
        code: 'non-numeric-cells',
        message: `${invalid.count} cell(s) in the numeric column "${col.name}" are not numbers (e.g. "${invalid.sample}"); they were treated as missing.`,
        count: invalid.count,
        column: col.name,
        examples: invalid.examples,
      });
  }
  // median-filled cells per column: the models see them as blank (design indicator, NaN for the GBDT)
  const medianFilled = new Map<string, Uint8Array>();
  for (const [name, values] of numericValues) {
    const missing = missingMask.get(name)!;
    const count = missing.reduce((s, v) => s + v, 0);
    if (count === 0) continue;
    const examples: number[] = [];
    for (let r = 0; r < n && examples.length < 5; r++) if (missing[r]) examples.push(keep[r] + 1);
    const tenure = roles.tenure ? numericValues.get(roles.tenure) : undefined;
    const monthly = roles.monthly ? numericValues.get(roles.monthly) : undefined;
    if (name === roles.total && tenure && monthly) {
      let zero = 0;
      for (let r = 0; r < n; r++)
        if (missing[r]) {
          const tn = Number.isFinite(tenure[r]) ? tenure[r] : 0;
          values[r] = tn > 0 && Number.isFinite(monthly[r]) ? tn * monthly[r] : 0;
          if (!(tn > 0)) zero++;
        }
      warnings.push({
        code: 'imputed-total',
        message: `${count} blank cell(s) in "${name}" were filled: ${zero} with 0 because tenure is 0 (new customers not yet billed), ${count - zero} with tenure × ${roles.monthly}.`,
        count,
        column: name,
        examples,
      });
    } else {
      const med = median(values);
      for (let r = 0; r < n; r++) if (missing[r]) values[r] = med;
      medianFilled.set(name, missing);
      warnings.push({
        code: 'imputed-median',
        message: `${count} blank or invalid cell(s) in "${name}" were filled with the column median (${round(med)}); the churn models also see which cells were blank (the gradient-boosted trees learn where they go).`,
        count,
        column: name,
        examples,
      });
    }
  }

  // 3. Build features, excluding id-like, constant, high-cardinality and leaking columns.
  const numeric: NumericFeature[] = [];
  const categorical: CategoricalFeature[] = [];
  const columns: ColumnInfo[] = [];
  const roleOf = new Map(Object.entries(roles).map(([r, c]) => [c, r as keyof Roles]));
  const excluded: Record<string, string[]> = {};
  const exclude = (col: string, why: string, code: string) => {
    (excluded[code] ??= []).push(col);
    return why;
  };
  for (const [name, { raw: col, inf }] of byName) {
    const role = roleOf.get(name);
    const info: ColumnInfo = { name, type: inf.type, missing: inf.missing, unique: inf.unique, ...(role ? { role } : {}) };
    columns.push(info);
    if (role === 'target') continue;
    if (role !== 'id' && inf.idFromValues) {
      info.excluded = 'identifier (from its values)';
      warnings.push(idFromValuesWarning(name, inf, raw.nRows));
      continue;
    }
    if (role === 'id' || inf.type === 'id') {
      info.excluded = exclude(name, 'identifier', 'id-excluded');
      continue;
    }
    if (inf.type === 'text' || inf.type === 'date') {
      info.excluded = exclude(name, inf.type === 'text' ? 'free text' : 'date', 'text-excluded');
      continue;
    }
    if (LEAK_NAME.test(name)) {
      info.excluded = exclude(name, 'describes the churn outcome (leaks the target)', 'leak-name');
      continue;
    }
    let feature: NumericFeature | CategoricalFeature;
    if (inf.type === 'numeric' || (inf.type === 'boolean' && isNumericBoolean(col))) {
      const filled = medianFilled.get(name);
      feature = { name, values: numericValues.get(name) ?? booleanValues(col, keep), ...(filled ? { missing: filled } : {}) };
    } else {
      feature = categoricalFeature(col, keep);
      if (feature.levels.length > MAX_LEVELS) {
        info.excluded = exclude(name, `too many distinct values (${feature.levels.length})`, 'high-cardinality');
        continue;
      }
    }
    if (isConstant(feature)) {
      info.excluded = exclude(name, 'the same value in every row', 'constant-column');
      continue;
    }
    if (!singleClass && isPerfectPredictor(feature, y)) {
      info.excluded = exclude(name, 'predicts churn almost perfectly on its own (leaks the target)', 'leak-perfect');
      continue;
    }
    if ('values' in feature) numeric.push(feature);
    else categorical.push(feature);
  }
  warnings.push(...exclusionWarnings(excluded));

  const services = servicesCount(categorical, n);
  if (services) numeric.push(services);
  const pick = (role: keyof Roles) => (roles[role] ? (numericValues.get(roles[role]!) ?? null) : null);
  const ids = idCol ? keep.map((i) => idCol.levels[idCol.codes[i]]) : keep.map((i) => String(i + 1));
  const frame: CustomerFrame = {
    kind: 'customers',
    n,
    ids,
    y: singleClass ? null : y,
    targetName: roles.target,
    tenure: pick('tenure'),
    ...(roles.tenure ? { tenureName: roles.tenure } : {}),
    monthly: pick('monthly'),
    total: pick('total'),
    recency: null,
    frequency: null,
    monetary: null,
    numeric,
    categorical,
  };
  return { ok: true, frame, columns, warnings };
}

function parseNumericColumn(col: RawColumn, inf: InferredColumn, keep: number[]) {
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

function isNumericBoolean(col: RawColumn): boolean {
  return col.levels.every((l) => isBlank(l) || /^[01](\.0)?$/.test(l.trim()));
}

function booleanValues(col: RawColumn, keep: number[]): Float64Array {
  const lv = col.levels.map((l) => Math.max(0, parseBoolean(l)));
  return Float64Array.from(keep, (i) => lv[col.codes[i]]);
}

function categoricalFeature(col: RawColumn, keep: number[]): CategoricalFeature {
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
  return { name: col.name, codes, levels: order.map((i) => levels[i]) };
}

function isConstant(f: NumericFeature | CategoricalFeature): boolean {
  const a = 'values' in f ? f.values : f.codes;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

/** Number of service columns (Yes/No columns that are not demographics) a customer has. */
function servicesCount(cats: CategoricalFeature[], n: number): NumericFeature | null {
  const service = cats.filter((c) => c.levels.includes('Yes') && !DEMOGRAPHIC.test(c.name));
  if (service.length < 3) return null;
  const values = new Float64Array(n);
  for (const c of service) {
    const yes = c.levels.indexOf('Yes');
    for (let r = 0; r < n; r++) if (c.codes[r] === yes) values[r]++;
  }
  return { name: 'ServicesCount', values };
}

/** Why columns were excluded: [singular verb phrase, plural verb phrase]. */
const EXCLUSION_TEXT: Record<string, [string, string]> = {
  'id-excluded': ['identifies customers rather than describing them and is not used as a model feature', 'identify customers rather than describe them and are not used as model features'],
  'text-excluded': ['holds free text or dates and is not used as a model feature', 'hold free text or dates and are not used as model features'],
  'leak-name': ['describes the churn outcome itself and would leak the answer into the models; it was excluded', 'describe the churn outcome itself and would leak the answer into the models; they were excluded'],
  'leak-perfect': ['predicts churn almost perfectly on its own, which means it leaks the answer; it was excluded', 'predict churn almost perfectly on their own, which means they leak the answer; they were excluded'],
  'constant-column': ['has the same value in every row and was ignored', 'have the same value in every row and were ignored'],
  'high-cardinality': ['has too many distinct values to use as categories and was ignored', 'have too many distinct values to use as categories and were ignored'],
};

function exclusionWarnings(excluded: Record<string, string[]>): Warning[] {
  return Object.entries(excluded).map(([code, cols]) => {
    const shown = cols.slice(0, 8).map((c) => `"${c}"`).join(', ') + (cols.length > 8 ? ` and ${cols.length - 8} more` : '');
    const [one, many] = EXCLUSION_TEXT[code];
    return { code, message: `${cols.length === 1 ? 'Column' : 'Columns'} ${shown} ${cols.length === 1 ? one : many}.`, count: cols.length, column: cols[0] };
  });
}

function median(v: Float64Array): number {
  const a = Array.from(v).filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
  if (a.length === 0) return 0;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

function round(x: number): string {
  return Number(x.toPrecision(6)).toLocaleString('en-US');
}
