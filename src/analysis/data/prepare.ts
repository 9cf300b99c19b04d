/**
 * From a parsed table to what the analysis needs: inferred types, detected (and user-overridden)
 * roles, the mapping-step summary, and the cleaned CustomerFrame with its cleaning report.
 */
import { own } from '../dict';
import type { AnalysisOptions, ColumnInfo, CustomerFrame, RawTable, Roles, TableKind, Warning } from '../types';
import type { SetAsideIds, TableSummary } from './summary';
import { placeholderIds } from './placeholders';
import { aggregateTransactions } from './transactions';
import { cleanCustomerTable } from './clean';
import { inferColumn, type InferredColumn } from './infer';
import { applyRoleOverrides, detectRoles } from './roles';
import { profileColumn } from './profile';
import { checkMapping } from './mappingChecks';
import { guessTenureUnit, tenureInMonths } from './tenureUnit';
import { detectCurrency } from './currency';
import { guessRfmUnit, hasRfm, spendIsTotal } from './rfmRoles';
import { DEFAULT_CURRENCY, fmtMoney } from '../format';
import { CHURN_WINDOW_DAYS, formatQuestions, isoDay, logPeriod, withFormatAnswers } from './questions';

export interface Inspected {
  raw: RawTable;
  inferred: InferredColumn[];
  kind: TableKind;
  roles: Roles;
}

/** Infer column types and detect the table kind and roles. */
export function inspectTable(raw: RawTable): Inspected {
  const inferred = raw.columns.map((c) => inferColumn(c, raw.nRows, raw.delimiter));
  const { kind, roles } = detectRoles(inferred, raw.nRows);
  return { raw, inferred, kind, roles };
}

/** The mapping step's view of a table: roles, column types and the first rows as text. */
export function summarize(ins: Inspected, sampleRows = 8): TableSummary {
  const { raw } = ins;
  const roleOf = new Map(Object.entries(ins.roles).map(([r, c]) => [c, r]));
  const columns: ColumnInfo[] = ins.inferred.map((c, i) => ({
    name: c.name,
    type: c.type,
    missing: c.missing,
    unique: c.unique,
    ...(roleOf.has(c.name) ? { role: roleOf.get(c.name) as ColumnInfo['role'] } : {}),
    ...(sampleRows > 0 ? profileColumn(raw.columns[i], c) : {}),
  }));
  const period = logPeriod(ins, ins.kind, ins.roles);
  const sample: string[][] = [];
  for (let i = 0; i < Math.min(sampleRows, raw.nRows); i++) sample.push(raw.columns.map((c) => c.levels[c.codes[i]]));
  return {
    fileName: raw.fileName,
    nRows: raw.nRows,
    kind: ins.kind,
    roles: ins.roles,
    columns,
    header: raw.columns.map((c) => c.name),
    sample,
    warnings: raw.parseWarnings,
    currency: detectCurrency(raw),
    questions: formatQuestions(ins),
    ...(period ? { period } : {}),
    ...(raw.workbook ? { workbook: raw.workbook } : {}),
    placeholderIds: setAsideIds(ins),
    ...(ins.kind === 'customers' && hasRfm(ins.roles) ? { rfm: { ...guessRfmUnit(raw, ins.inferred, ins.roles), spendTotal: spendIsTotal(ins.roles.avgSpend) } } : {}),
  };
}

/** Per column with placeholder ids, what choosing it as the id column sets aside (as the engine does). */
function setAsideIds(ins: Inspected): SetAsideIds[] {
  const out: SetAsideIds[] = [];
  for (const col of ins.raw.columns) {
    const p = placeholderIds(col, ins.kind);
    if (p) out.push({ column: p.column, count: p.count, values: p.values.slice(0, 6), examples: p.examples });
  }
  return out;
}

export type PrepareResult =
  | { ok: true; frame: CustomerFrame; kind: TableKind; roles: Roles; columns: ColumnInfo[]; warnings: Warning[] }
  | { ok: false; code: string; message: string };

/** Apply the user's role overrides and clean the table into a CustomerFrame. */
/** `aggregate`: how a log becomes one row per customer (default aggregateTransactions; the CLI's
 *  DuckDB engine passes the result of its own out-of-core aggregation of the whole file). */
export function prepareFrame(given: Inspected, options: Partial<AnalysisOptions>, aggregate: typeof aggregateTransactions = aggregateTransactions): PrepareResult {
  const names = given.raw.columns.map((c) => c.name);
  const typeUnknown = Object.keys(options.types ?? {}).filter((n) => !names.includes(n));
  const ignoreUnknown = (options.ignore ?? []).filter((n) => !names.includes(n));
  const { ins, ignored } = withoutIgnored(withFormatAnswers(withTypeOverrides(given, options.types), options), options.ignore);
  const { roles, unknown } = applyRoleOverrides(ins.roles, options.roles, names);
  unknown.push(...typeUnknown, ...ignoreUnknown);
  if (unknown.length > 0)
    return { ok: false, code: 'unknown-column', message: `The mapping names column(s) ${unknown.map((u) => `"${u}"`).join(', ')} that are not in this file. Check the column mapping.` };
  const kind = options.kind ?? ins.kind;
  const blocking = checkMapping(roleColumns(ins, [roles.target, roles.tenure, roles.id]), kind, roles).filter((c) => c.blocking);
  if (blocking.length > 0) return { ok: false, code: 'mapping-invalid', message: blocking.map((c) => c.message).join(' ') };
  const warnings: Warning[] = [...ins.raw.parseWarnings];
  if (kind === 'transactions') {
    const agg = aggregate(ins.raw, ins.inferred, roles, options.churnWindowDays ?? CHURN_WINDOW_DAYS, { analysisDate: isoDay(options.analysisDate), cutoff: isoDay(options.churnCutoff) });
    if (!agg.ok) return agg;
    const columns = summarize({ ...ins, roles }, 0).columns;
    return { ok: true, frame: withChoices(agg.frame, options, warnings), kind, roles, columns: [...columns, ...ignored], warnings: [...warnings, ...agg.warnings] };
  }
  const res = cleanCustomerTable(ins.raw, ins.inferred, roles, { rfmUnit: options.rfmUnit, rfmSpendTotal: options.rfmSpendTotal });
  if (!res.ok) return res;
  return { ok: true, frame: withChoices(res.frame, options, warnings), kind, roles, columns: [...res.columns, ...ignored], warnings: [...warnings, ...res.warnings] };
}

/** The infos (with profiles) of the named columns only: profiling every column of a large file is not free. */
function roleColumns(ins: Inspected, names: (string | undefined)[]): ColumnInfo[] {
  const want = new Set(names.filter(Boolean));
  const out: ColumnInfo[] = [];
  ins.inferred.forEach((c, i) => {
    if (want.has(c.name)) out.push({ name: c.name, type: c.type, missing: c.missing, unique: c.unique, ...profileColumn(ins.raw.columns[i], c) });
  });
  return out;
}

/** The table without the columns the user set to Ignore (and without any role they had), and
 *  those columns' infos, marked as excluded by the user. */
function withoutIgnored(ins: Inspected, ignore: string[] | undefined): { ins: Inspected; ignored: ColumnInfo[] } {
  const drop = new Set(ignore ?? []);
  if (drop.size === 0) return { ins, ignored: [] };
  const keep = ins.raw.columns.map((c) => !drop.has(c.name));
  const roles: Roles = {};
  for (const [r, c] of Object.entries(ins.roles) as [keyof Roles, string][]) if (!drop.has(c)) roles[r] = c;
  const ignored: ColumnInfo[] = ins.inferred
    .filter((c) => drop.has(c.name))
    .map((c) => ({ name: c.name, type: c.type, missing: c.missing, unique: c.unique, excluded: 'set to Ignore in the mapping step' }));
  return {
    ins: { ...ins, roles, raw: { ...ins.raw, columns: ins.raw.columns.filter((_, i) => keep[i]) }, inferred: ins.inferred.filter((_, i) => keep[i]) },
    ignored,
  };
}

/** The user's mapping-step choices: what the churn flag means, and a value per customer when the file has no revenue column. */
function withChoices(frame: CustomerFrame, options: Pick<AnalysisOptions, 'flagMeaning' | 'valuePerCustomer' | 'currency' | 'tenureUnit'>, warnings: Warning[]): CustomerFrame {
  if (options.flagMeaning) frame.flagMeaning = options.flagMeaning;
  if (frame.kind === 'customers' && frame.tenure) {
    let max = -Infinity;
    for (const t of frame.tenure) if (t > max) max = t;
    const guess = guessTenureUnit(frame.tenureName ?? 'tenure', Number.isFinite(max) ? max : undefined);
    const unit = options.tenureUnit ?? guess.unit;
    frame.tenureUnit = unit;
    if (unit !== 'months') {
      frame.tenure = tenureInMonths(frame.tenure, unit);
      warnings.push({
        code: 'tenure-unit', column: frame.tenureName, count: frame.n,
        message: `Tenure is counted in ${unit} (${options.tenureUnit ? 'as you chose' : guess.reason}) and converted to months for retention curves, lifetime value and the survival model.`,
      });
    }
  }
  const v = options.valuePerCustomer;
  if (!frame.monthly && v !== undefined && Number.isFinite(v) && v > 0) {
    frame.monthly = new Float64Array(frame.n).fill(v);
    frame.monthlyAssumed = v;
    warnings.push({ code: 'value-assumed', message: `No revenue column: every customer is valued at the ${fmtMoney(v, options.currency ?? DEFAULT_CURRENCY)} a month you entered, so money figures are estimates.`, count: frame.n });
  }
  return frame;
}

/** The table with the user's column types in place of the inferred ones (numeric: cells that do not parse count as missing). */
function withTypeOverrides(ins: Inspected, types: AnalysisOptions['types']): Inspected {
  if (!types || Object.keys(types).length === 0) return ins;
  return {
    ...ins,
    inferred: ins.inferred.map((c) => {
      const t = own(types, c.name);
      return t ? { ...c, type: t } : c;
    }),
  };
}

