/**
 * Retention read in the tenure column's own unit. A bank file's Tenure counts completed years
 * (0..10): a customer who left with Tenure 3 left during their 4th year, so the curve's step at
 * 36 months is "still here after 4 years". Such curves move on 12 months (wholeYearCurve) and
 * their sentences speak of years ("after 1 year", "within 9 years"); month files read as before.
 */
import type { KmCurve } from './kaplanMeier';
import type { TenureUnit } from '../types';
import { fmtInt } from '../format';

/** True when tenure (in months, after conversion) came from whole years: every value a multiple of 12. */
export function isWholeYears(tenure: Float64Array, unit: TenureUnit | undefined): boolean {
  if (unit !== 'years') return false;
  for (let i = 0; i < tenure.length; i++) if (!Number.isInteger(tenure[i] / 12)) return false;
  return true;
}

/** The curve with every step moved on 12 months (a churn at Tenure k years happened by the end of year k + 1), starting at 1 at month 0. */
export function wholeYearCurve(km: KmCurve): KmCurve {
  return {
    times: [0, ...km.times.map((t) => t + 12)],
    survival: [1, ...km.survival],
    atRisk: [km.n, ...km.atRisk],
    events: [0, ...km.events],
    n: km.n,
  };
}

/** Conditional retention pairs (from, to) in months: whole years for a whole-year file, else months. */
export function conditionalPairs(years: boolean): [number, number][] {
  return years ? [[12, 24], [24, 36], [36, 60], [60, 84]] : [[6, 12], [12, 24], [14, 20], [24, 36], [36, 48]];
}

/** A span in words: "12 months", or in years for a whole-year file ("1 year", "5 years"). */
export function spanWords(months: number, years: boolean): string {
  if (years && months % 12 === 0) return months === 12 ? '1 year' : `${fmtInt(months / 12)} years`;
  return `${fmtInt(months)} months`;
}

/** When half have left: "by month 30", or "within 9 years" for a whole-year file; "in their first month" when
 *  more than half leave at once (a purchase log where most customers never bought again). */
export function halfLeftWords(months: number, years: boolean): string {
  if (months < 1) return 'in their first month';
  return years && months % 12 === 0 ? `within ${spanWords(months, true)}` : `by month ${fmtInt(months)}`;
}

/** The milestones table's "Half have left by" cell: "month 30", "their first month", or halfLeftWords in years. */
export function halfLeftCell(months: number, years: boolean): string {
  if (months < 1) return 'their first month';
  return years ? halfLeftWords(months, true) : `month ${fmtInt(months)}`;
}

/** "Of customers already at 14 months, 80% are still here at 20." / "... already 1 year in, ... after 2 years." */
export function conditionalWords(c: { from: number; to: number }, share: string, years: boolean): string {
  return years
    ? `Of customers already ${spanWords(c.from, true)} in, ${share} are still here after ${spanWords(c.to, true)}.`
    : `Of customers already at ${fmtInt(c.from)} months, ${share} are still here at ${fmtInt(c.to)}.`;
}
