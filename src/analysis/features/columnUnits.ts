/**
 * What a numeric column counts, so a sentence can say "up to 7 months" or "$3,044 and up" instead of
 * a bare number. From what the mapping knows: tenure (months after conversion, or the unit the file
 * counted in for its raw column), the monthly charge and total spend (the analysis's currency), and a
 * unit the engine gave a column it derived ("Recency (days)", a log's spend columns), a column named for an
 * amount ("Balance", "EstimatedSalary": money). Other columns have no known unit and read as plain numbers.
 */
import { columnWords } from '../format/groups';
import type { CustomerFrame, NumericFeature } from '../types';
import { fmtMoneyText, fmtQuantity, fmtValue, type CurrencyCode } from '../format';

/** 'money', a plural noun ("months", "days", "orders"), or null when the column's unit is unknown. */
export type ColumnUnit = 'money' | string | null;

/** The unit of a numeric column of the frame (matched by its values array, then by its name). */
export function columnUnit(frame: CustomerFrame, f: Pick<NumericFeature, 'name' | 'values' | 'unit'>): ColumnUnit {
  if (f.unit) return f.unit;
  if (frame.tenure && f.values === frame.tenure) return 'months';
  if (frame.tenureName !== undefined && f.name === frame.tenureName) return frame.tenureUnit ?? 'months';
  if (frame.monthlyAssumed === undefined && frame.monthly && f.values === frame.monthly) return 'money';
  if ((frame.total && f.values === frame.total) || (frame.monetary && f.values === frame.monetary)) return 'money';
  const named = /\((days|weeks|months|years|orders|invoices|purchases)\)$/i.exec(f.name);
  if (named) return named[1].toLowerCase();
  return MONEY_WORD.test(columnWords(f.name)) ? 'money' : null;
}

/** A column whose name ends in a money word holds an amount ("Balance", "EstimatedSalary", "annual_income"): a bank
 *  file's drivers said "153,896 and up" for its balance. Conservative: counts and scores ("NumOfProducts", "CreditScore")
 *  end in other words. */
const MONEY_WORD = /(^| )(balance|salary|income|revenue|spend|spending|charges?|price|cost|fees?|payments?)$/i;

/** A value of a column with its unit, for a sentence: "$85" (format/money.ts fmtMoneyText), "7 months", "1 day", "0.35" (no unit known). */
export function fmtWithUnit(v: number, unit: ColumnUnit, currency: CurrencyCode): string {
  if (unit === 'money') return fmtMoneyText(v, currency);
  return unit ? fmtQuantity(v, unit) : fmtValue(v);
}
