/**
 * The RFM summary of a customer table, read for the lifetime models (roles and unit: rfmRoles.ts).
 * Each row must hold a whole number of repeat purchases >= 0, a recency and a customer age >= 0
 * with recency <= age, and recency 0 when there is no repeat purchase. Rows that break a rule are
 * set aside (left out of the whole analysis, counted per rule, so the accounting rule holds);
 * recency and age are converted to weeks; a spend total becomes an average per repeat purchase.
 */
import type { RawTable, RfmColumns, RfmUnit, Roles, Warning } from '../types';
import type { InferredColumn } from './infer';
import { parseNumber } from './values';
import { guessRfmUnit, spendIsTotal, WEEKS_PER } from './rfmRoles';
import { fmtInt } from '../format/numbers';

export interface RfmChoices {
  rfmUnit?: RfmUnit;
  rfmSpendTotal?: boolean;
}

type Rule = 'blank' | 'negative' | 'fraction' | 'recency-over-age' | 'recency-without-repeat';

const RULE_TEXT: Record<Rule, (r: Roles) => string> = {
  blank: (r) => `have a blank or non-numeric cell in "${r.repeats}", "${r.recency}" or "${r.age}"`,
  negative: () => 'hold a negative repeat count, recency, customer age or spend',
  fraction: (r) => `count a fraction of a purchase in "${r.repeats}" (repeat purchases are whole numbers)`,
  'recency-over-age': (r) => `have a recency ("${r.recency}") larger than the customer age ("${r.age}"): the last purchase cannot come after the end of the data`,
  'recency-without-repeat': (r) => `have no repeat purchase in "${r.repeats}" but a recency above 0 (with one purchase, first and last purchase are the same day)`,
};

/** A reader of the RFM columns over the table's rows: `check(row)` says whether a row obeys the
 *  rules (and counts the ones that do not); `finish(kept rows)` gives the columns and the findings. */
export interface RfmReader {
  check(row: number): boolean;
  /** `monthly`: also estimate monthly revenue (the table has no monthly charge column) */
  finish(keep: number[], monthly: boolean): { rfm: RfmColumns; warnings: Warning[]; monthly: Float64Array | null };
}

function column(raw: RawTable, inferred: InferredColumn[], name: string | undefined): Float64Array | null {
  const i = name ? raw.columns.findIndex((c) => c.name === name) : -1;
  if (i < 0) return null;
  const col = raw.columns[i];
  const lv = col.levels.map((l) => parseNumber(l, inferred[i].decimal));
  return Float64Array.from(col.codes, (c) => lv[c]);
}

/** A reader for the table, or a message when the unit is unknown (the user is asked) or customer
 *  age is missing; null when the roles do not name an RFM summary. */
export function rfmReader(raw: RawTable, inferred: InferredColumn[], roles: Roles, o: RfmChoices): RfmReader | { ok: false; code: string; message: string } | null {
  if (!roles.repeats || !roles.recency) return null;
  if (!roles.age)
    return {
      ok: false,
      code: 'rfm-no-age',
      message: `"${roles.repeats}" and "${roles.recency}" are chosen as repeat purchases and recency, but no column gives each customer's age (the time from the first purchase to the end of the data, "T" in lifetimes). Choose it in the mapping step: the lifetime models need all three.`,
    };
  const guess = guessRfmUnit(raw, inferred, roles);
  const unit = o.rfmUnit ?? guess.unit;
  if (!unit)
    return {
      ok: false,
      code: 'rfm-unit-unknown',
      message: `Are "${roles.recency}" and "${roles.age}" counted in days, weeks or months? ${guess.reason[0].toUpperCase()}${guess.reason.slice(1)}. Choose the unit in the mapping step (CLI: --time-unit days|weeks|months).`,
    };
  const x = column(raw, inferred, roles.repeats)!;
  const tx = column(raw, inferred, roles.recency)!;
  const T = column(raw, inferred, roles.age)!;
  const spend = column(raw, inferred, roles.avgSpend);
  const total = o.rfmSpendTotal ?? spendIsTotal(roles.avgSpend);
  const broken = new Map<Rule, { count: number; examples: number[] }>();
  const rule = (row: number): Rule | null => {
    const [a, b, c, m] = [x[row], tx[row], T[row], spend ? spend[row] : 0];
    if (![a, b, c].every(Number.isFinite)) return 'blank';
    if (a < 0 || b < 0 || c < 0 || m < 0) return 'negative';
    if (a !== Math.round(a)) return 'fraction';
    if (b > c * (1 + 1e-9)) return 'recency-over-age';
    if (a === 0 && b !== 0) return 'recency-without-repeat';
    return null;
  };
  return {
    check(row) {
      const r = rule(row);
      if (!r) return true;
      const b = broken.get(r) ?? { count: 0, examples: [] };
      b.count++;
      if (b.examples.length < 5) b.examples.push(row + 1);
      broken.set(r, b);
      return false;
    },
    finish(keep, wantMonthly) {
      const f = WEEKS_PER[unit];
      const warnings: Warning[] = [];
      for (const [r, b] of broken)
        warnings.push({ code: `rfm-${r}`, message: `${fmtInt(b.count)} row(s) ${RULE_TEXT[r](roles)}; they were set aside.`, count: b.count, dropped: b.count, examples: b.examples });
      let blankSpend = 0;
      const m = Float64Array.from(keep, (row) => {
        const v = spend ? spend[row] : NaN;
        if (x[row] === 0) return 0;
        if (!Number.isFinite(v)) {
          if (spend) blankSpend++;
          return 0;
        }
        return total ? v / x[row] : v;
      });
      warnings.push({
        code: 'rfm-unit',
        count: keep.length,
        message: `Recency ("${roles.recency}") and customer age ("${roles.age}") are counted in ${unit} (${o.rfmUnit ? 'as you chose' : guess.reason})${unit === 'weeks' ? '' : ' and converted to weeks for the lifetime models'}.`,
      });
      if (spend && total)
        warnings.push({
          code: 'rfm-spend-total',
          count: keep.length,
          column: roles.avgSpend,
          message: `"${roles.avgSpend}" is read as the total spend of each customer's repeat purchases (${o.rfmSpendTotal ? 'as you chose' : 'its name says total'}), so the average per purchase is total ÷ "${roles.repeats}". Convention: "${roles.repeats}" counts repeat purchases only (the first purchase is not counted, as in lifetimes), so the total must leave out the first purchase too.`,
        });
      if (blankSpend > 0)
        warnings.push({ code: 'rfm-spend-blank', count: blankSpend, column: roles.avgSpend, message: `${fmtInt(blankSpend)} repeat buyer(s) have no spend in "${roles.avgSpend}"; the spend model leaves them out and gives them the average customer's spend.` });
      if (!spend)
        warnings.push({ code: 'rfm-no-spend', count: keep.length, message: 'No spend column is chosen: the lifetime models predict purchases and P(alive), but no lifetime value in money.' });
      // revenue per month for revenue at risk: known repeat spend over months since the first purchase (at least one)
      const monthly = wantMonthly && spend ? Float64Array.from(keep, (row, k) => (x[row] * m[k]) / Math.max(1, (T[row] * f) / WEEKS_PER.months)) : null;
      if (monthly)
        warnings.push({ code: 'rfm-monthly', count: keep.length, message: `No monthly charge column: each customer's monthly revenue is their repeat spend ("${roles.repeats}" × average spend) over the months since their first purchase (at least one month); the first purchase's spend is not in the table.` });
      return {
        monthly,
        rfm: {
          x: Float64Array.from(keep, (row) => x[row]),
          tx: Float64Array.from(keep, (row) => tx[row] * f),
          T: Float64Array.from(keep, (row) => T[row] * f),
          m,
          unit,
          unitReason: o.rfmUnit ? 'as you chose' : guess.reason,
          hasSpend: spend !== null,
        },
        warnings,
      };
    },
  };
}
