/** What the mapping step shows of a loaded table (part of the engine's API, api.ts, which
 *  re-exports these; defined here so the data stage needs nothing above it). */
import type { ColumnInfo, RfmUnit, Roles, TableKind, Warning } from '../types';
import type { CurrencyGuess } from './currency';

/** What the mapping step shows: detected kind, roles and column types, and a sample of rows. */
export interface TableSummary {
  fileName: string;
  nRows: number;
  kind: TableKind;
  roles: Roles;
  columns: ColumnInfo[];
  header: string[];
  /** first rows as text (for display as text only) */
  sample: string[][];
  warnings: Warning[];
  /** the currency read from symbols in cells and column names (USD when the file shows none) */
  currency?: CurrencyGuess;
  /** what only the user can decide: columns whose number or date format the values left open */
  questions?: FormatQuestions;
  /** transaction logs: the dates the churn label is derived from (ISO yyyy-mm-dd) */
  period?: LogPeriod;
  /** Excel workbooks: every sheet's name and the one read */
  workbook?: { sheets: string[]; sheet: string };
  /** per column holding placeholder ids ("(blank)", "N/A", "0", ...): the rows that would be set
   *  aside if it were the id column (shown at the mapping step) */
  placeholderIds?: SetAsideIds[];
  /** customer tables with an RFM summary (repeat purchases, recency, customer age): the unit guessed
   *  for recency and age (null: the user is asked) and why, and whether the spend column reads as a total */
  rfm?: { unit: RfmUnit | null; reason: string; spendTotal: boolean };
}

/** Rows set aside for a placeholder id: count, the values met (most frequent first), first rows. */
export interface SetAsideIds {
  column: string;
  count: number;
  values: { value: string; count: number }[];
  examples: number[];
}

export interface FormatQuestions {
  /** "2.345": two thousand three hundred forty-five, or two point three four five? */
  numbers: { column: string; example: string; asDot: number; asComma: number }[];
  /** dates whose day and month can be swapped: three examples with both readings */
  dates: { column: string; examples: { raw: string; mdy: string; dmy: string }[] }[];
}

export interface LogPeriod {
  column: string;
  first: string;
  last: string;
  /** default analysis date (the last date) and churn cutoff (90 days before it) */
  analysisDate: string;
  churnCutoff: string;
  churnWindowDays: number;
}
