/** The mapping step's vocabulary and its one state change: giving a column a role, Ignore, or
 *  Feature, and saying in words what that did to any other column (nothing changes silently). */
import { dict, own } from '../../analysis/dict';
import type { TableSummary } from '../../analysis/api';
import type { AnalysisOptions, ColumnType, FlagMeaning, RfmUnit, Role, TableKind, TenureUnit } from '../../analysis/types';

export const ROLE_LABELS: Record<Role, string> = {
  id: 'Customer ID', target: 'Churned? (churn flag)', tenure: 'Tenure', monthly: 'Monthly charge', total: 'Total spend',
  date: 'Date', quantity: 'Quantity', price: 'Unit price', amount: 'Amount', invoice: 'Invoice number',
  repeats: 'Repeat purchases (frequency)', recency: 'Recency (first to last purchase)', age: 'Customer age T (first purchase to end of data)', avgSpend: 'Average spend per repeat purchase',
};
export const KIND_ROLES: Record<TableKind, Role[]> = {
  customers: ['id', 'target', 'tenure', 'monthly', 'total', 'repeats', 'recency', 'age', 'avgSpend'],
  transactions: ['id', 'date', 'quantity', 'price', 'amount', 'invoice', 'target'],
};
export const TYPE_LABELS: Record<ColumnType, string> = {
  numeric: 'Number', categorical: 'Category', boolean: 'Yes / No', date: 'Date', id: 'Identifier', text: 'Free text', personal: 'Personal detail',
};
/** The role select's values besides roles: '' = a feature, IGNORE = left out of the analysis. */
export const FEATURE = '';
export const IGNORE = 'ignore';
export const FEATURE_LABEL = 'Feature (describes the customer)';
export const IGNORE_LABEL = 'Ignore (leave out)';
/** A role-less column of a transaction log (featureLabel) */
export const LOG_DETAIL_LABEL = 'Not used: detail of a purchase line';

export interface Mapping {
  kind: TableKind;
  roles: Partial<Record<Role, string | null>>;
  /** the user's column types, only where they differ from the detected type (a null-prototype
   *  object keyed by column name, replaced on change, never mutated: see analysis/dict.ts) */
  types: Record<string, ColumnType>;
  /** columns set to Ignore */
  ignore: string[];
  saveRecipe: boolean;
  /** what the churn flag records (FlagAndValue.svelte); absent = guessed from the column name */
  flagMeaning?: FlagMeaning;
  /** monthly value per customer when the file has no revenue column; absent = go on without money */
  valuePerCustomer?: number;
  /** columns segments are built on (SegmentColumns.svelte); absent = chosen automatically */
  segmentFeatures?: string[];
  /** answers to the format questions (Formats.svelte): decimal styles, day/month orders, log dates */
  formats?: Pick<AnalysisOptions, 'decimals' | 'dateOrders' | 'analysisDate' | 'churnCutoff'>;
  /** ISO code of the file's amounts (SummaryBar.svelte); absent = the detected one */
  currency?: string;
  /** unit of the tenure column (SummaryBar.svelte); absent = the detected one */
  tenureUnit?: TenureUnit;
  /** customer tables with an RFM summary: the unit of recency and customer age, and whether the spend column is a total (LifetimeColumns.svelte); absent = detected */
  rfmUnit?: RfmUnit;
  rfmSpendTotal?: boolean;
  /** transaction logs: churn window in days (blank: chosen from the gaps between purchases) */
  churnWindowDays?: number | null;
  /** transaction logs: back-test calibration end, YYYY-MM-DD (blank: the last third is held out) */
  calibrationEnd?: string;
}

/** What a column is used as: a role, IGNORE or FEATURE. */
export function useOf(m: Mapping, col: string): string {
  for (const [r, c] of Object.entries(m.roles)) if (c === col) return r;
  return m.ignore.includes(col) ? IGNORE : FEATURE;
}

/** useOf for every column at once (a column absent from the map is a FEATURE): one pass over the
 *  mapping for the columns table instead of one per row (on a cold page each row's pass read every
 *  role through the reactive mapping, a share of the mapping step's longest main-thread task). */
export function usesOf(m: Mapping): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of m.ignore) out.set(c, IGNORE);
  const roleOf = new Map<string, string>();
  for (const [r, c] of Object.entries(m.roles)) if (typeof c === 'string' && !roleOf.has(c)) roleOf.set(c, r);
  for (const [c, r] of roleOf) out.set(c, r);
  return out;
}

/** Column types the analysis never turns into a feature (data/clean.ts leaves them out), in words. */
const NOT_A_FEATURE: Partial<Record<ColumnType, string>> = { id: 'identifier', personal: 'personal detail', text: 'free text', date: 'date' };

/** The words of the Feature choice for a column of this type: FEATURE_LABEL, or what really happens
 *  to a column the analysis leaves out ("Not used: identifier", "Not used: personal detail"). In a
 *  transaction log every customer's features are their purchases' recency, frequency and spend
 *  (data/transactions.ts): a column without a role is a detail of the line, not used. */
export function featureLabel(type: ColumnType | undefined, kind: TableKind = 'customers'): string {
  const why = type === undefined ? undefined : NOT_A_FEATURE[type];
  if (why) return `Not used: ${why}`;
  return kind === 'transactions' ? LOG_DETAIL_LABEL : FEATURE_LABEL;
}

const useLabel = (use: string, type: ColumnType | undefined, kind: TableKind): string => (use === IGNORE ? IGNORE_LABEL : use === FEATURE ? featureLabel(type, kind) : ROLE_LABELS[use as Role]);

/** Sets a column's use (mutates m). When the role was held by another column, that column loses
 *  it: a former churn flag becomes Ignore (as a feature it would leak the answer), any other
 *  becomes a Feature (said as featureLabel of its type, `typeOf`). Returns a sentence saying so,
 *  or null when no other column changed. */
export function setUse(m: Mapping, col: string, use: string, typeOf?: (col: string) => ColumnType | undefined): string | null {
  const prev = useOf(m, col);
  if (prev === use) return null;
  if (prev !== IGNORE && prev !== FEATURE) m.roles[prev as Role] = null;
  m.ignore = m.ignore.filter((c) => c !== col);
  if (use === IGNORE) m.ignore.push(col);
  if (use === IGNORE || use === FEATURE) return null;
  const role = use as Role;
  const other = m.roles[role];
  m.roles[role] = col;
  if (!other || other === col) return null;
  const otherUse = role === 'target' ? IGNORE : FEATURE;
  if (otherUse === IGNORE) m.ignore.push(other);
  return `"${other}" was the ${ROLE_LABELS[role].toLowerCase()}; it is now set to ${useLabel(otherUse, typeOf?.(other), m.kind)}${role === 'target' ? ', because as a feature it would give the answer away' : ''}. Change it below if that is not what you want.`;
}

/** The given column types that name a column of the table and differ from its detected type. */
export function changedTypes(summary: TableSummary, types: Record<string, ColumnType> | undefined): Record<string, ColumnType> {
  const out = dict<ColumnType>();
  if (!types) return out;
  for (const c of summary.columns) {
    const t = own(types, c.name);
    if (t && t !== c.type) out[c.name] = t;
  }
  return out;
}

type MappingChoices = Pick<AnalysisOptions, 'flagMeaning' | 'valuePerCustomer' | 'churnWindowDays' | 'calibrationEnd' | 'segmentFeatures' | 'currency' | 'tenureUnit' | 'rfmUnit' | 'rfmSpendTotal'>;

/** The mapping's answers to the churn-flag, money, currency and tenure-unit questions, as analysis options (only those the user gave). */
export function mappingChoices(m: Mapping): MappingChoices {
  const out: MappingChoices = {};
  if (m.currency) out.currency = m.currency;
  if (m.tenureUnit && m.kind === 'customers' && m.roles.tenure) out.tenureUnit = m.tenureUnit;
  if (m.kind === 'customers' && m.roles.recency) {
    if (m.rfmUnit) out.rfmUnit = m.rfmUnit;
    if (m.rfmSpendTotal !== undefined && m.roles.avgSpend) out.rfmSpendTotal = m.rfmSpendTotal;
  }
  if (m.segmentFeatures && m.segmentFeatures.length > 0) out.segmentFeatures = [...m.segmentFeatures];
  if (m.kind === 'transactions') {
    if (typeof m.churnWindowDays === 'number' && m.churnWindowDays > 0) out.churnWindowDays = Math.round(m.churnWindowDays);
    if (m.calibrationEnd) out.calibrationEnd = m.calibrationEnd;
  }
  if (m.flagMeaning) out.flagMeaning = m.flagMeaning;
  if (m.valuePerCustomer !== undefined && Number.isFinite(m.valuePerCustomer) && m.valuePerCustomer > 0 && !m.roles.monthly) out.valuePerCustomer = m.valuePerCustomer;
  return out;
}

/** A fresh copy of a mapping to edit (types stay a null-prototype dict). */
export const copyMapping = (m: Mapping): Mapping => ({ ...m, roles: { ...m.roles }, types: Object.assign(dict(), m.types), ignore: [...m.ignore] });
