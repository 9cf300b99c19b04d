/**
 * Customer tables that carry an RFM summary for the lifetime models (issue 14, point 1): the output
 * of Python lifetimes' summary_data_from_transaction_data (frequency, recency, T, monetary_value) or
 * a CRM export ("repeat orders", "days between first and last order", "days since first order",
 * "avg order value"). Roles from names, the time unit from names and values, and whether the spend
 * column is a total rather than an average. Every guess says why; the user can change each one.
 */
import type { RawTable, Roles, RfmUnit } from '../types';
import type { InferredColumn } from './infer';
import { parseNumber } from './values';

type RfmRole = 'repeats' | 'recency' | 'age' | 'avgSpend';

/** Name patterns per role, strongest first (lifetimes' own names, then CRM wordings). */
const RFM_NAMES: [RfmRole, RegExp[]][] = [
  ['repeats', [/^frequency$/i, /^(frequency[ _-]?cal|x)$/i, /repeat[ _-]?(orders?|purchases?|transactions?|buys|visits)|number[ _-]?of[ _-]?repeat/i]],
  ['recency', [/^recency$/i, /^(recency[ _-]?cal|t[ _-]?x)$/i, /between[ _-]?(the[ _-]?)?first[ _-]?and[ _-]?last|first[ _-]?to[ _-]?last/i]],
  ['age', [/^T$/, /^T[ _-]?cal$/i, /customer[ _-]?age|since[ _-]?(the[ _-]?)?first[ _-]?(order|purchase|transaction|visit)|first[ _-]?purchase[ _-]?age|age[ _-]?in[ _-]?(days|weeks|months)/i]],
  ['avgSpend', [/^monetary[ _-]?value$/i, /^(monetary[ _-]?value[ _-]?cal|m[ _-]?x)$/i, /(avg|average|mean)[ _-]?(repeat[ _-]?)?(order|spend|purchase|transaction|basket|sale)s?|aov/i, /repeat[ _-]?(spend|revenue|value|amount)|monetary/i]],
];

export const RFM_ROLES: readonly RfmRole[] = ['repeats', 'recency', 'age', 'avgSpend'];

/** The RFM columns found by name among numeric columns (or 0/1 ones: a column of zeros reads as Yes/No): repeat purchases and recency always, and
 *  customer age T too unless the table has a churn flag (then without T it is an ordinary churn
 *  table whose "Recency" may mean days since the last purchase). Empty when not an RFM summary. */
export function detectRfmRoles(cols: InferredColumn[], hasTarget: boolean): Roles {
  const out: Roles = {};
  const used = new Set<string>();
  for (const [role, names] of RFM_NAMES)
    outer: for (const re of names)
      for (const c of cols)
        if ((c.type === 'numeric' || c.type === 'boolean') && !used.has(c.name) && re.test(c.name.trim())) {
          out[role] = c.name;
          used.add(c.name);
          break outer;
        }
  if (!out.repeats || !out.recency || (hasTarget && !out.age)) return {};
  return out;
}

/** True when the roles name repeat purchases, recency and customer age: the lifetime models can run. */
export const hasRfm = (roles: Partial<Record<string, string | null>>): boolean => Boolean(roles.repeats && roles.recency && roles.age);

export interface RfmUnitGuess {
  /** null: the names and values leave it open, the user is asked */
  unit: RfmUnit | null;
  reason: string;
}

const WORD: Record<RfmUnit, RegExp> = { days: /^(days?|d)$/, weeks: /^(weeks?|wks?|w)$/, months: /^(months?|mths?|mo|mos)$/ };

function nameUnit(name: string): RfmUnit | null {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
  for (const u of ['days', 'weeks', 'months'] as const) if (words.some((w) => WORD[u].test(w))) return u;
  return null;
}

/** Distinct finite values of a column (its levels, parsed): enough to judge the unit. */
function levelValues(raw: RawTable, inferred: InferredColumn[], name: string | undefined): number[] {
  const i = name ? raw.columns.findIndex((c) => c.name === name) : -1;
  if (i < 0) return [];
  return raw.columns[i].levels.map((l) => parseNumber(l, inferred[i].decimal)).filter((v) => Number.isFinite(v));
}

/** The unit of the recency and customer-age columns: from their names, else from their values. */
export function guessRfmUnit(raw: RawTable, inferred: InferredColumn[], roles: Roles): RfmUnitGuess {
  for (const col of [roles.age, roles.recency]) {
    const u = col ? nameUnit(col) : null;
    if (u) return { unit: u, reason: `the name “${col}” says ${u}` };
  }
  const vals = [...levelValues(raw, inferred, roles.age), ...levelValues(raw, inferred, roles.recency)];
  if (vals.length === 0) return { unit: null, reason: 'no values to judge by' };
  const whole = vals.every((v) => Math.abs(v - Math.round(v)) < 1e-6);
  const sevenths = vals.every((v) => Math.abs(v * 7 - Math.round(v * 7)) < 1e-4);
  const max = Math.max(...vals);
  if (!whole && sevenths) return { unit: 'weeks', reason: 'the values are whole sevenths: weeks counted from days, as lifetimes writes them' };
  if (whole && max > 400) return { unit: 'days', reason: `the values are whole numbers up to ${Math.round(max)}: more than 7 years if they were weeks, so read as days` };
  return { unit: null, reason: `the names do not say and the values (up to ${Number(max.toPrecision(4))}) could be days, weeks or months` };
}

/** Weeks in one unit (the lifetime models count in weeks; a month is 52 / 12 weeks, as their forecasts use). */
export const WEEKS_PER: Readonly<Record<RfmUnit, number>> = Object.freeze({ days: 1 / 7, weeks: 1, months: 52 / 12 });

/** Whether the spend column holds the total of the repeat purchases rather than their average (from its name). */
export function spendIsTotal(name: string | undefined): boolean {
  if (!name) return false;
  return /total|sum|lifetime|cumulative/i.test(name) && !/avg|average|mean|per[ _-]?(order|purchase)|aov/i.test(name);
}
