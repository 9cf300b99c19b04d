/**
 * The mapping step's checks, in words a business user understands. The same function guards
 * analyze() (a blocking problem stops it with its message) and the mapping screen (which shows
 * every problem and keeps "Analyse" disabled until the blocking ones are fixed).
 */
import type { ColumnInfo, RfmUnit, Role, TableKind } from '../types';
import { chooseClasses, groupTargetValues } from './targetCoding';
import { isPlaceholderId } from './placeholders';

export interface MappingCheck {
  code: string;
  /** blocking problems stop the analysis; the others are stated and the analysis goes on */
  blocking: boolean;
  role: Role;
  column: string;
  message: string;
}

/** Share of a churn flag's rows that may hold a third, stray value (left out and stated) before
 *  the column no longer counts as a two-value flag. */
export const MAX_STRAY_SHARE = 0.05;

export interface TargetProfile {
  /** the value that means "left" and the one that means "stayed" */
  positive: string;
  negative: string;
  /** share of rows with one of the two values that have the "left" value */
  rate: number;
  /** rows with the two values, and rows with any other (stray) value */
  counted: number;
  strays: { value: string; count: number }[];
  /** the "left" value was picked as the smaller class, not by its name */
  guessed: boolean;
}

/** The churn flag read from a column's listed values: which value means "left", the churn rate
 *  among rows with one of the two values, and the stray values. Null when the column lists no values. */
export function targetProfile(col: ColumnInfo): TargetProfile | null {
  if (!col.values || col.values.length < 2) return null;
  const choice = chooseClasses(groupTargetValues(col.values.map((v) => ({ l: v.value, n: v.count }))));
  const pos = choice.classes.find((c) => c.value === 1);
  const neg = choice.classes.find((c) => c.value === 0);
  if (!pos || !neg) return null;
  const chosen = new Set(choice.classes.flatMap((c) => c.spellings.map((sp) => sp.l)));
  const counted = choice.classes.reduce((s, c) => s + c.n, 0);
  const posN = choice.classes.filter((c) => c.value === 1).reduce((s, c) => s + c.n, 0);
  return {
    positive: pos.l, negative: neg.l, rate: counted > 0 ? posN / counted : 0, counted,
    strays: col.values.filter((v) => !chosen.has(v.value)), guessed: choice.guessed,
  };
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const quoteList = (vals: string[], max = 4): string =>
  vals.slice(0, max).map((v) => `"${v}"`).join(', ') + (vals.length > max ? ` and ${vals.length - max} more` : '');

function checkTarget(col: ColumnInfo): MappingCheck[] {
  const base = { role: 'target' as Role, column: col.name };
  const block = (code: string, message: string): MappingCheck[] => [{ ...base, code, blocking: true, message }];
  if (col.type === 'numeric' && (!col.values || col.values.some((v) => /[.,]\d*[1-9]/.test(v.value))))
    return block('target-continuous', `"${col.name}" holds numbers with ${fmt(col.unique)} different values${col.min !== undefined ? ` (from ${fmt(col.min)} to ${fmt(col.max!)})` : ''}. A churn flag needs exactly two kinds of value, such as Yes/No or 1/0: choose another column as the churn flag.`);
  if (col.type === 'date' || col.type === 'id' || col.type === 'text' || col.type === 'personal')
    return block('target-not-flag', `"${col.name}" holds ${col.type === 'date' ? 'dates' : col.type === 'id' ? 'identifiers' : col.type === 'personal' ? 'names or contact details' : 'free text'}, not a churn flag. A churn flag needs exactly two kinds of value, such as Yes/No.`);
  if (!col.values) return block('target-many-values', `"${col.name}" has ${fmt(col.unique)} different values. A churn flag needs exactly two kinds of value, such as Yes/No.`);
  if (col.values.length < 2)
    return block('target-one-value', `Every row of "${col.name}" has the same value${col.values[0] ? ` ("${col.values[0].value}")` : ''}, so nobody can be told apart as leaving or staying. A churn flag needs exactly two kinds of value.`);
  const t = targetProfile(col);
  if (!t) return block('target-many-values', `"${col.name}" has no two values that read as left / stayed. A churn flag needs exactly two kinds of value, such as Yes/No.`);
  const strayRows = t.strays.reduce((s, v) => s + v.count, 0);
  if (strayRows === 0) return [];
  if (strayRows > MAX_STRAY_SHARE * (t.counted + strayRows))
    return block('target-many-values', `"${col.name}" has ${col.values.length} kinds of value (${quoteList(col.values.map((v) => v.value))}). A churn flag needs exactly two kinds of value, such as Yes/No; here ${fmt(strayRows)} rows hold a third kind.`);
  return [{ ...base, code: 'target-strays', blocking: false, message: `${fmt(strayRows)} row(s) of "${col.name}" hold other values (${quoteList(t.strays.map((v) => v.value))}); they will be left out of the churn analysis.` }];
}

/** The id column must tell customers apart: not one value on every row, not only placeholders. */
function checkId(col: ColumnInfo): MappingCheck[] {
  if (!col.values) return [];
  const rows = col.values.reduce((s, v) => s + v.count, 0) + col.missing;
  const real = col.values.filter((v) => !isPlaceholderId(v.value));
  const fix = 'Choose the column that identifies customers, or none to count each row as a customer.';
  if (real.length === 0 && rows > 0)
    return [{ code: 'no-real-ids', blocking: true, role: 'id', column: col.name, message: `"${col.name}" holds no real customer id on any of its ${fmt(rows)} rows, only placeholders (${col.values.length ? quoteList(col.values.map((v) => v.value)) : 'blank cells'}). ${fix}` }];
  if (real.length === 1 && rows > 2 && real[0].count > rows / 2)
    return [{ code: 'ids-all-same', blocking: true, role: 'id', column: col.name, message: `Every customer id in "${col.name}" is the same ("${real[0].value}", on ${fmt(real[0].count)} of ${fmt(rows)} rows): these are duplicates, not one id per customer. ${fix}` }];
  return [];
}

/** Every problem of a mapping: the churn flag must have exactly two kinds of value (a few stray
 *  rows are stated and left out), and tenure must be a number that is never negative. */
export function checkMapping(columns: ColumnInfo[], kind: TableKind, roles: Partial<Record<Role, string | null>>, rfm?: { unit: RfmUnit | null }): MappingCheck[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out: MappingCheck[] = [];
  const target = roles.target ? byName.get(roles.target) : undefined;
  if (target && kind === 'customers') out.push(...checkTarget(target));
  const id = roles.id ? byName.get(roles.id) : undefined;
  if (id) out.push(...checkId(id));
  const tenure = roles.tenure ? byName.get(roles.tenure) : undefined;
  if (tenure && kind === 'customers') {
    if (tenure.type !== 'numeric')
      out.push({ code: 'tenure-not-number', blocking: true, role: 'tenure', column: tenure.name, message: `Tenure must be a number (of months, years or days), but "${tenure.name}" holds ${tenure.type === 'date' ? 'dates' : tenure.type === 'personal' ? 'names or contact details' : 'text'}.` });
    else if (tenure.min !== undefined && tenure.min < 0)
      out.push({ code: 'tenure-negative', blocking: true, role: 'tenure', column: tenure.name, message: `Tenure cannot be negative, but "${tenure.name}" goes down to ${fmt(tenure.min)}. Choose the column that counts how long each customer has been with you.` });
  }
  if (kind === 'customers' && roles.repeats && roles.recency) out.push(...checkRfm(roles, rfm));
  return out;
}

/** An RFM summary for the lifetime models needs customer age T and a known time unit: asked here
 *  (blocking when there is no churn flag, else the churn analysis runs without the lifetime models). */
function checkRfm(roles: Partial<Record<Role, string | null>>, rfm: { unit: RfmUnit | null } | undefined): MappingCheck[] {
  const base = { role: 'age' as Role, column: roles.age ?? '' };
  if (!roles.age)
    return [{
      ...base, code: 'rfm-no-age', blocking: !roles.target,
      message: `Which column gives each customer's age, the time from their first purchase to the end of the data (“T” in lifetimes)? The lifetime models need it beside "${roles.repeats}" and "${roles.recency}"${roles.target ? '; without it the churn analysis runs without them' : ''}. Set it in the table below.`,
    }];
  if (rfm && rfm.unit === null)
    return [{ ...base, role: 'recency', code: 'rfm-unit-unknown', blocking: true, message: `Are "${roles.recency}" and "${roles.age}" counted in days, weeks or months? Choose the unit under “Lifetime columns” above.` }];
  return [];
}
