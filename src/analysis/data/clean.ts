/**
 * Validation and cleaning of a customer table: target coding, duplicate ids, non-numeric and
 * blank cells (imputed, and said how), constant, id-like and leaking columns. Produces the
 * CustomerFrame and the cleaning report (warnings + per-column info). Every finding is data.
 */
import type { CategoricalFeature, ColumnInfo, CustomerFrame, NumericFeature, RawTable, Roles, Warning } from '../types';
import type { InferredColumn } from './infer';
import { isPerfectPredictor, LEAK_NAME } from '../churn/leakage';
import { codeTarget } from './targetCoding';
import { rfmReader, type RfmChoices } from './rfmTable';
import { idFromValuesWarning, idProblem, placeholderIds, placeholderWarning } from './placeholders';
import { booleanValues, categoricalFeature, exclusionWarnings, isConstant, isNumericBoolean, median, parseNumericColumn, round, servicesCount } from './cleanColumns';
import { fmtInt } from '../format/numbers';

export { DEMOGRAPHIC } from './cleanColumns';

export type CleanResult =
  | { ok: true; frame: CustomerFrame; columns: ColumnInfo[]; warnings: Warning[] }
  | { ok: false; code: string; message: string };

const MAX_LEVELS = 50;

/** Clean a customer table given inferred column types and roles. */
export function cleanCustomerTable(raw: RawTable, inferred: InferredColumn[], roles: Roles, rfmChoices: RfmChoices = {}): CleanResult {
  const warnings: Warning[] = [];
  const byName = new Map(raw.columns.map((c, i) => [c.name, { raw: c, inf: inferred[i] }]));
  // an RFM summary (repeat purchases, recency, customer age) runs the lifetime models, with or without a churn flag
  const rfm = rfmReader(raw, inferred, roles, rfmChoices);
  const noTarget = !roles.target || !byName.has(roles.target);
  if (rfm && 'ok' in rfm) {
    if (noTarget) return rfm;
    warnings.push({ code: rfm.code, message: `${rfm.message} The churn analysis runs without them.`, count: 1 });
  }
  const reader = rfm && !('ok' in rfm) ? rfm : null;
  if (noTarget && !reader)
    return {
      ok: false,
      code: 'no-target',
      message:
        'No column says which customers churned (for example "Churn" with Yes/No values). Choose the churn column in the mapping step, or use a file that has one.',
    };

  // 1. Rows kept: a usable target value, and the first occurrence of each customer id.
  const t = noTarget ? null : byName.get(roles.target!)!;
  const coding = t ? codeTarget(t.raw, t.inf.counts) : { y: new Int8Array(raw.nRows), warnings: [] };
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
    if (reader && !reader.check(i)) continue;
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
      message: `${fmtInt(dup.count)} row(s) repeat a customer id already seen in "${roles.id}"; only the first row of each customer was kept.`,
      count: dup.count,
      dropped: dup.count,
      column: roles.id,
      examples: dup.examples,
    });
  const n = keep.length;
  if (n < 2) return { ok: false, code: 'too-few-rows', message: `Only ${fmtInt(n)} usable row(s) remain after cleaning; at least 2 customers are needed.` };

  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) y[r] = coding.y[keep[r]];
  const positives = y.reduce((s, v) => s + v, 0);
  const singleClass = noTarget || positives === 0 || positives === n;
  if (singleClass && !noTarget)
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
        message: `${fmtInt(nonFinite.count)} cell(s) in "${col.name}" hold a number too large to use or an infinity (e.g. "${nonFinite.sample}"); they were treated as missing.`,
        count: nonFinite.count,
        column: col.name,
        examples: nonFinite.examples,
      });
    if (invalid.count > 0)
      warnings.push({
        code: 'non-numeric-cells',
        message: `${fmtInt(invalid.count)} cell(s) in the numeric column "${col.name}" are not numbers (e.g. "${invalid.sample}"); they were treated as missing.`,
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
        message: `${fmtInt(count)} customer(s) had a blank "${name}" and were kept with a filled-in value: ${[zero > 0 ? `${fmtInt(zero)} with 0 (tenure 0: new customers not yet billed)` : '', count - zero > 0 ? `${fmtInt(count - zero)} with tenure × ${roles.monthly}` : ''].filter(Boolean).join(', ')}.`,
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
        message: `${fmtInt(count)} blank or invalid cell(s) in "${name}" were filled with the column median (${round(med)}); the churn models also see which cells were blank (the gradient-boosted trees learn where they go).`,
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
    if (inf.type === 'text' || inf.type === 'date' || inf.type === 'personal') {
      const personal = inf.type === 'personal';
      info.excluded = exclude(name, personal ? 'personal detail (a name or contact detail)' : inf.type === 'text' ? 'free text' : 'date', personal ? 'personal-excluded' : 'text-excluded');
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
    targetName: roles.target ?? null,
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
  if (reader) {
    const r = reader.finish(keep, !frame.monthly);
    frame.rfm = r.rfm;
    if (r.monthly) Object.assign(frame, { monthly: r.monthly, monthlyFromRfm: true });
    warnings.push(...r.warnings);
  }
  return { ok: true, frame, columns, warnings };
}
