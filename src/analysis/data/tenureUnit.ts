/**
 * The unit a tenure column counts in (months, years or days), from its name first and its values
 * second, and the conversion to months that every tenure-based figure assumes (retention curves,
 * hazard and CLV, the survival model, conditional retention). The mapping step shows the guess and
 * its reason; the user can change it (AnalysisOptions.tenureUnit).
 */
import type { TenureUnit } from '../types';
import { fmtInt } from '../format';

export interface TenureGuess {
  unit: TenureUnit;
  /** why, in words: 'the name says years', 'values run 0 to 10: whole years, as in bank files' */
  reason: string;
}

/** Months in one unit: a year is 12, a day 12 / 365.25 (an average month is 30.44 days). */
export const MONTHS_PER: Readonly<Record<TenureUnit, number>> = Object.freeze({ months: 1, years: 12, days: 12 / 365.25 });

/** Above this many, tenure in months would mean more than 16 years: read as days. */
const DAYS_ABOVE = 200;
/** At most this many, with no unit in the name: whole years (bank files count 0..10 years). */
const YEARS_AT_MOST = 10;

/** The unit of a tenure column named `name` whose largest value is `max` (undefined: unknown). */
export function guessTenureUnit(name: string, max: number | undefined): TenureGuess {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const has = (re: RegExp) => words.some((w) => re.test(w));
  if (has(/^(years?|yrs?|yr|annual|y)$/)) return { unit: 'years', reason: `the name “${name}” says years` };
  if (has(/^(days?|d)$/)) return { unit: 'days', reason: `the name “${name}” says days` };
  if (has(/^(months?|mths?|mo|mos|m)$/)) return { unit: 'months', reason: `the name “${name}” says months` };
  if (max === undefined || !Number.isFinite(max)) return { unit: 'months', reason: 'no unit in the name: read as months' };
  if (max > DAYS_ABOVE) return { unit: 'days', reason: `values reach ${fmtInt(max)}: more than 16 years if they were months, so read as days` };
  if (max <= YEARS_AT_MOST) return { unit: 'years', reason: `values run up to ${fmtInt(max)}: read as whole years (as bank files count tenure)` };
  return { unit: 'months', reason: `values run up to ${fmtInt(max)}: read as months` };
}

/** Tenure in months from tenure in `unit` (a new array; the input is left alone). */
export function tenureInMonths(tenure: Float64Array, unit: TenureUnit): Float64Array {
  const f = MONTHS_PER[unit];
  return f === 1 ? tenure : tenure.map((t) => t * f);
}
