/**
 * What the mapping step asks the user about formats (ambiguous decimal separators and day/month
 * orders), the dates of a transaction log (analysis date, churn cutoff), and how the user's
 * answers are applied to the inferred columns.
 */
import type { FormatQuestions, LogPeriod } from './summary';
import type { AnalysisOptions, Roles, TableKind } from '../types';
import { outlierDates, parseDate } from './dates';
import type { Inspected } from './prepare';

const DAY = 86_400_000;
/** Default churn window of a transaction log (days before the analysis date). */
export const CHURN_WINDOW_DAYS = 90;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Columns whose number or date format the values leave open (only columns in use: numeric or date). */
export function formatQuestions(ins: Inspected): FormatQuestions {
  const numbers: FormatQuestions['numbers'] = [];
  const dates: FormatQuestions['dates'] = [];
  for (const c of ins.inferred) {
    if (c.type === 'numeric' && c.numberAmbiguous) numbers.push({ column: c.name, ...c.numberAmbiguous });
    if (c.type === 'date' && c.dateAmbiguous)
      dates.push({
        column: c.name,
        examples: c.dateAmbiguous.examples.map((raw) => ({ raw, mdy: iso(parseDate(raw, 'mdy')), dmy: iso(parseDate(raw, 'dmy')) })),
      });
  }
  return { numbers, dates };
}

/** The period of a transaction log and its default analysis date and churn cutoff; null if not a log. */
export function logPeriod(ins: Inspected, kind: TableKind, roles: Roles): LogPeriod | null {
  const i = ins.raw.columns.findIndex((c) => c.name === roles.date);
  if (kind !== 'transactions' || i < 0) return null;
  const col = ins.raw.columns[i];
  const dv = col.levels.map((l) => parseDate(l, ins.inferred[i].dateOrder));
  const far = outlierDates(dv, col.codes);
  let first = Infinity;
  let last = -Infinity;
  dv.forEach((d, k) => {
    if (!Number.isFinite(d) || far[k]) return;
    if (d < first) first = d;
    if (d > last) last = d;
  });
  if (!Number.isFinite(first)) return null;
  return { column: col.name, first: iso(first), last: iso(last), analysisDate: iso(last), churnCutoff: iso(last - CHURN_WINDOW_DAYS * DAY), churnWindowDays: CHURN_WINDOW_DAYS };
}

/** The inferred columns with the user's decimal and day/month answers applied. */
export function withFormatAnswers(ins: Inspected, options: Pick<AnalysisOptions, 'decimals' | 'dateOrders'>): Inspected {
  const dec = options.decimals ?? {};
  const ord = options.dateOrders ?? {};
  if (Object.keys(dec).length === 0 && Object.keys(ord).length === 0) return ins;
  const inferred = ins.inferred.map((c) => {
    const d = Object.hasOwn(dec, c.name) ? dec[c.name] : undefined;
    const o = Object.hasOwn(ord, c.name) ? ord[c.name] : undefined;
    return d || o ? { ...c, ...(d ? { decimal: d } : {}), ...(o ? { dateOrder: o } : {}) } : c;
  });
  return { ...ins, inferred };
}

/** An ISO yyyy-mm-dd option as ms (UTC), or undefined when absent or unreadable. */
export function isoDay(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = parseDate(s);
  return Number.isFinite(t) ? t : undefined;
}
