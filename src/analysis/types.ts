/**
 * Shared plain-data contracts of the analysis engine. Everything here crosses comlink
 * (structured clone) and lives in IndexedDB: no classes, no methods, no tensors.
 */

/** Column types detected by schema inference ('personal': a person's name or contact detail, data/personalNames.ts, never a feature). */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'date' | 'id' | 'text' | 'personal';

/** Roles a column can play. Customer tables use id/target/tenure/monthly/total, and for the lifetime
 *  models an RFM summary (repeats/recency/age/avgSpend, see data/rfmTable.ts);
 *  transaction logs use id/date/quantity/price/amount/invoice. */
export type Role =
  | 'id'
  | 'target'
  | 'tenure'
  | 'monthly'
  | 'total'
  | 'date'
  | 'quantity'
  | 'price'
  | 'amount'
  | 'invoice'
  | 'repeats'
  | 'recency'
  | 'age'
  | 'avgSpend';

/** The unit the recency and customer-age columns of an RFM summary count in (converted to weeks for the fit). */
export type RfmUnit = 'days' | 'weeks' | 'months';

/** Column name per role (absent role = not present / not used). */
export type Roles = Partial<Record<Role, string>>;

export type TableKind = 'customers' | 'transactions';

/** What the churn flag records. 'left': the customer already left (history, as in a snapshot such
 *  as IBM's Telco file); 'will-leave': the customer leaves in the next period (a label about the
 *  future, everyone in the file is still a customer). */
export type FlagMeaning = 'left' | 'will-leave';

/** The unit a tenure column counts in; the engine converts it to months (survival, CLV, cohorts). */
export type TenureUnit = 'months' | 'years' | 'days';

/** A parsed CSV, dictionary-encoded per column: value of row i = levels[codes[i]].
 *  Blank cells keep their own level ('' or whitespace) so cleaning can report them. */
export interface RawColumn {
  name: string;
  codes: RawCodes;
  levels: string[];
}
/** Level codes as narrow as the column's level count allows (tableBuilder.ts): 100x Telco's 21 columns
 *  take 20 MB instead of 59 MB as Int32 (issue 19, the 100x memory peak). */
export type RawCodes = Uint8Array | Uint16Array | Int32Array;
/** A categorical feature's codes (-1 = missing), as narrow as its level count allows (cleanColumns.ts). */
export type LevelCodes = Int8Array | Int16Array | Int32Array;
export interface RawTable {
  fileName: string;
  nRows: number;
  columns: RawColumn[];
  /** Problems seen while parsing (ragged rows, duplicate headers...). */
  parseWarnings: Warning[];
  /** the field delimiter (',' ';' tab '|' or 'whitespace'); hints at number and date conventions */
  delimiter?: string;
  /** Excel workbooks: every sheet's name and the one read */
  workbook?: { sheets: string[]; sheet: string };
}

/** A finding in the data or the analysis; shown to the user, never only logged. */
export interface Warning {
  code: string;
  message: string;
  count: number;
  /** column the finding is about, if any */
  column?: string;
  /** up to 5 example 1-based data row numbers (header excluded) */
  examples?: number[];
  /** data rows of the file this finding left out of the analysis. The accounting rule (accounting.ts):
   *  customer tables: customers analysed + the sum of `dropped` = data rows in the file; transaction
   *  logs (rows are lines): lines aggregated into customers + the sum of `dropped` = data lines */
  dropped?: number;
}

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  missing: number;
  unique: number;
  /** role this column plays, if any */
  role?: Role;
  /** excluded from model features, and why */
  excluded?: string;
  /** the non-blank values with their counts, most frequent first (columns of at most 12 distinct values) */
  values?: { value: string; count: number }[];
  /** smallest and largest value (numeric: the number; date: ms since 1970) */
  min?: number;
  max?: number;
}

/** Clean per-customer frame: the input to segmentation, churn and business layers.
 *  One row per customer. Numeric NaN never appears here (cleaning imputes). */
export interface NumericFeature {
  name: string;
  values: Float64Array;
  /** 1 where the cell was blank or invalid in the file and `values` holds the cleaning's fill (the median); absent when none */
  missing?: Uint8Array;
  /** columns the engine derives: what they count ('money' or a plural noun such as "days"), for sentences (features/columnUnits.ts) */
  unit?: string;
}
export interface CategoricalFeature {
  name: string;
  /** -1 = missing (encoded as its own "(missing)" level by encoders) */
  codes: LevelCodes;
  levels: string[];
}
export interface CustomerFrame {
  kind: TableKind;
  n: number;
  ids: string[];
  /** churn target 1/0 per customer; null when the table has none */
  y: Uint8Array | null;
  targetName: string | null;
  /** months as customer (customers: tenure column; transactions: first purchase to the end of the log) */
  tenure: Float64Array | null;
  /** a log with a derived churn flag: months as a customer until leaving, for the retention curves and the churn
   *  hazard (survivalMonths in data/transactions.ts); absent: `tenure` is that */
  survivalMonths?: Float64Array;
  /** customer tables: the tenure column's name and the unit it counted in (tenure above is already in months) */
  tenureName?: string;
  tenureUnit?: TenureUnit;
  /** recurring revenue per month (customers: monthly charge; transactions: monetary / months active) */
  monthly: Float64Array | null;
  /** total spend to date */
  total: Float64Array | null;
  /** transactions only: days since last purchase, number of invoices, total monetary value */
  recency: Float64Array | null;
  frequency: Float64Array | null;
  monetary: Float64Array | null;
  /** transactions only: BG/NBD probability that the customer still buys (P(alive)), set by the lifetime
   *  stage; when present, revenue at risk and the call list use 1 - alive as the churn probability */
  alive?: Float64Array | null;
  /** model features (id, target and leaking columns already removed) */
  numeric: NumericFeature[];
  categorical: CategoricalFeature[];
  /** what the churn flag records; absent = guessed from targetName (business/population.ts) */
  flagMeaning?: FlagMeaning;
  /** how monthly was obtained when the file has no revenue column: the user's average value per customer */
  monthlyAssumed?: number;
  /** transaction logs: data lines aggregated into customers (the others are set aside by findings with `dropped`) */
  linesAggregated?: number;
  /** customer tables that carry an RFM summary (data/rfmTable.ts): per customer, repeat purchases x,
   *  recency t_x and customer age T in weeks, and mean repeat spend m (0 when x = 0 or no spend column) */
  rfm?: RfmColumns | null;
  /** RFM customer tables without a churn flag: the lifetime models' discounted 12-month value per customer
   *  (set with `alive` by the lifetime stage); the business layer values customers with it */
  lifetimeClv?: Float64Array | null;
  /** monthly was estimated from the RFM summary (no monthly charge column): not a column a saved model can read */
  monthlyFromRfm?: boolean;
}

export interface RfmColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array;
  /** the unit the file counted recency and T in, and why */
  unit: RfmUnit;
  unitReason: string;
  /** whether the file has a spend column at all */
  hasSpend: boolean;
}

/** Progress events from long work; stage is one of the pipeline stages. */
export interface Progress {
  stage: string;
  /** 0..1 within the stage */
  fraction: number;
  detail?: string;
}
export type OnProgress = (p: Progress) => void;

/** Business inputs the user can change (campaign economics). */
export interface BusinessOptions {
  /** cost of one retention offer, $ (default 50) */
  offerCost: number;
  /** share of contacted would-be churners kept by the offer (default 0.3) */
  saveRate: number;
  /** campaign budget, $ (default 10000) */
  budget: number;
  /** customer acquisition cost, $ (default 300) */
  cac: number;
  /** gross margin on revenue (default 0.7) */
  margin: number;
  /** annual discount rate for CLV (default 0.1) */
  discountRate: number;
  /** ISO 4217 code every money figure is written in (default: detected from the file, else "USD") */
  currency: string;
}

/** The seed of every analysis unless the options name another (same file + same options = same result). */
export const DEFAULT_SEED = 42;

export interface AnalysisOptions {
  /** default DEFAULT_SEED */
  seed: number;
  /** user overrides of detected roles; null value = role explicitly unset */
  roles?: Partial<Record<Role, string | null>>;
  /** user overrides of detected column types, by column name */
  types?: Record<string, ColumnType>;
  kind?: TableKind;
  /** columns the user set to Ignore: left out of every part of the analysis */
  ignore?: string[];
  /** user's reading of columns whose decimal separator was ambiguous, by column name */
  decimals?: Record<string, 'dot' | 'comma'>;
  /** user's day/month order of date columns whose values were all ambiguous, by column name */
  dateOrders?: Record<string, 'mdy' | 'dmy'>;
  /** transaction logs: the analysis date and the churn cutoff (ISO yyyy-mm-dd); default: the last
   *  date in the log and that date minus the churn window */
  analysisDate?: string;
  churnCutoff?: string;
  /** segmentation: fixed K (else chosen automatically), K range, feature columns */
  k?: number;
  kRange?: [number, number];
  segmentFeatures?: string[];
  /** churn: CV folds (default 5) */
  folds?: number;
  /** which models to run (default all) */
  models?: string[];
  business?: Partial<BusinessOptions>;
  /** what the churn flag records (default: guessed from the target column's name) */
  flagMeaning?: FlagMeaning;
  /** ISO 4217 currency of the file's amounts ("EUR"); absent = detected from symbols in cells and headers, else USD */
  currency?: string;
  /** unit of the tenure column; absent = detected from its name and values (data/tenureUnit.ts) */
  tenureUnit?: TenureUnit;
  /** monthly value per customer when the file has no revenue column; absent = go on without money */
  valuePerCustomer?: number;
  /** transaction logs: churn window in days for the window label (default: from the gaps between purchases) */
  churnWindowDays?: number;
  /** customer tables with an RFM summary: unit of the recency and customer-age columns (absent = detected; asked when the names and values leave it open) */
  rfmUnit?: RfmUnit;
  /** customer tables with an RFM summary: the spend column is a total of the repeat purchases, not their average (absent = read from its name) */
  rfmSpendTotal?: boolean;
  /** transaction logs: back-test calibration end, "YYYY-MM-DD" (default: the last third of the log is held out) */
  calibrationEnd?: string;
  /** tfjs backend preference; default automatic */
  backend?: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
}
