/**
 * Who is still a customer. In a customer snapshot the churn flag usually records history: a flagged
 * customer already left, so every forward-looking number (revenue at risk, the call list, the
 * campaign, remaining lifetime value) covers only the others. When the flag says who will leave
 * in the next period, everyone in the file is still active. Customers who left are reported
 * apart: how many, the monthly revenue that left with them, how they differ, a win-back list.
 */
import type { CustomerFrame, FlagMeaning } from '../types';
import type { LostCustomers, Population } from './types';
import { columnUnit, fmtWithUnit } from '../features/columnUnits';
import { customersIn, fmtInt as count, fmtMoneyText, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';

/** Names that speak of the future ("will_churn", "churn_next_month", "at_risk") mean 'will-leave'; else 'left'. */
export function flagMeaningFromName(name: string | null | undefined): FlagMeaning {
  return /will|next|future|upcoming|predict|forecast|expected|risk|intend|plan/i.test(name ?? '') ? 'will-leave' : 'left';
}

/** The flag meaning in use: the frame's (set from the user's choice), else guessed from the name. */
export function flagMeaningOf(frame: CustomerFrame): FlagMeaning {
  return frame.flagMeaning ?? flagMeaningFromName(frame.targetName);
}

/** Per customer 1 = still active. Without a flag, or when the flag means 'will leave', everyone. */
export function activeMask(frame: CustomerFrame): Uint8Array {
  const a = new Uint8Array(frame.n).fill(1);
  if (frame.y && flagMeaningOf(frame) === 'left') for (let i = 0; i < frame.n; i++) if (frame.y[i]) a[i] = 0;
  return a;
}

/** Counts and the words every headline number uses for its population. */
export function describePopulation(frame: CustomerFrame, active: Uint8Array): Population {
  let nActive = 0;
  for (let i = 0; i < active.length; i++) nActive += active[i];
  // plain words for a retention manager: which column, what it marks, whom the plans cover
  // a log's flag is the engine's rule ("No purchase in last 196 days"), not a column of the file
  const flag = !frame.targetName ? 'The churn flag' : frame.kind === 'transactions' ? `The rule “${frame.targetName}”` : `The ${frame.targetName} column`;
  const meaning = frame.y ? flagMeaningOf(frame) : null;
  const note = !frame.y
    ? 'No churn flag: every customer in the file counts as active.'
    : meaning === 'left'
      ? `${flag} marks ${count(frame.n - nActive)} customers who have already left, so plans, revenue at risk and lifetime value cover the other ${count(nActive)}, the active customers.`
      : `${flag} marks who is expected to leave soon: all ${count(frame.n)} customers are still with you and every plan covers them.`;
  return {
    flagMeaning: meaning,
    flagMeaningGuessed: frame.flagMeaning === undefined,
    customers: frame.n,
    active: nActive,
    lost: frame.n - nActive,
    label: `of ${count(nActive)} active customers`,
    note,
  };
}

/** Customers who already left: how many, the monthly revenue that left, how they differ, who to win back. */
export function lostCustomers(frame: CustomerFrame, active: Uint8Array, winBackMax = 100, currency: CurrencyCode = DEFAULT_CURRENCY): LostCustomers | null {
  const n = frame.n;
  let lost = 0;
  for (let i = 0; i < n; i++) lost += active[i] ? 0 : 1;
  if (lost === 0) return null;
  const nActive = n - lost;
  let monthly: number | null = null;
  if (frame.monthly) {
    monthly = 0;
    for (let i = 0; i < n; i++) if (!active[i]) monthly += frame.monthly[i];
  }
  const differences: LostCustomers['differences'] = [];
  if (nActive > 0) {
    for (const f of frame.numeric) {
      const unit = columnUnit(frame, f);
      const fmt = (v: number) => fmtWithUnit(v, unit, currency);
      let sl = 0, sa = 0;
      for (let i = 0; i < n; i++) {
        if (active[i]) sa += f.values[i];
        else sl += f.values[i];
      }
      const ml = sl / lost, ma = sa / nActive;
      let v = 0;
      for (let i = 0; i < n; i++) v += (f.values[i] - (sa + sl) / n) ** 2;
      const sd = Math.sqrt(v / n);
      // a 0/1 column's average is the share of ones: "customers who are active members: 35.0% of those who left vs ..."
      const text = f.values.every((x) => x === 0 || x === 1)
        ? `${customersIn(f.name, '1')}: ${pct(ml)} of those who left vs ${pct(ma)} of active customers`
        : `${f.name}: average ${fmt(ml)} among those who left vs ${fmt(ma)} among active customers`;
      if (sd > 0) differences.push({ feature: f.name, lost: ml, active: ma, kind: 'mean', effect: Math.abs(ml - ma) / sd, text });
    }
    for (const c of frame.categorical) {
      if (c.levels.length > 20) continue;
      const cl = new Float64Array(c.levels.length), ca = new Float64Array(c.levels.length);
      for (let i = 0; i < n; i++) if (c.codes[i] >= 0) (active[i] ? ca : cl)[c.codes[i]]++;
      let best = -1, gap = 0;
      for (let l = 0; l < c.levels.length; l++) {
        const d = Math.abs(cl[l] / lost - ca[l] / nActive);
        if (d > gap) { gap = d; best = l; }
      }
      if (best >= 0)
        differences.push({ feature: `${c.name} = ${c.levels[best]}`, lost: cl[best] / lost, active: ca[best] / nActive, kind: 'share', effect: gap * 2, text: `${customersIn(c.name, c.levels[best])}: ${pct(cl[best] / lost)} of those who left vs ${pct(ca[best] / nActive)} of active customers` });
    }
  }
  differences.sort((a, b) => b.effect - a.effect);
  // win-back: the lost customers who brought the most each month (by index when there is no revenue)
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!active[i]) idx.push(i);
  const m = frame.monthly;
  const winBack = m ? firstByRevenue(idx, m, winBackMax) : idx.slice(0, winBackMax);
  return {
    customers: lost,
    share: lost / n,
    monthlyRevenue: monthly,
    summary:
      `${count(lost)} of ${count(n)} customers (${pct(lost / n)}) already left` +
      (monthly !== null ? `, taking ${fmtMoneyText(monthly, currency)} of monthly revenue with them.` : '.'),
    differences: differences.slice(0, 6),
    winBack,
  };
}

/** The first `k` of `idx` ordered by monthly revenue, highest first, ties by row: what sorting all of them
 *  gives, in one pass keeping the best k (704,300 rows: the sort of ~187,000 who left took 0.3-0.5 s).
 *  With a NaN revenue, the comparator sort as before (its order then depends on the engine's sort). */
export function firstByRevenue(idx: number[], m: ArrayLike<number>, k: number): number[] {
  const before = (a: number, b: number) => m[b] - m[a] || a - b;
  for (const i of idx) if (m[i] !== m[i]) return idx.sort(before).slice(0, k);
  const top: number[] = [];
  if (k <= 0) return top;
  for (const i of idx) {
    if (top.length === k && before(i, top[k - 1]) >= 0) continue;
    let lo = 0, hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(i, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** The "Already left" KPI's note, on the page and in the HTML report: "35.9% of all 7,043 customers · $174,624 a month left with them". */
export function lostKpiNote(lost: LostCustomers, rows: number, currency: CurrencyCode): string {
  return `${pct(lost.share)} of all ${count(rows)} customers` + (lost.monthlyRevenue !== null ? ` · ${fmtMoneyText(lost.monthlyRevenue, currency)} a month left with them` : '');
}

/** Who is on the win-back list, both counts in one phrase (the Customers headline, the page's win-back view and
 *  its button say it with this): "the 100 highest-paying of the 281 customers who already left". */
export function winBackWho(lost: LostCustomers): string {
  const wb = lost.winBack.length, all = lost.customers;
  if (wb >= all) return all === 1 ? 'the one customer who already left' : `all ${count(all)} customers who already left`;
  return lost.monthlyRevenue !== null
    ? `the ${count(wb)} highest-paying of the ${count(all)} customers who already left`
    : `the first ${count(wb)} (in file order) of the ${count(all)} customers who already left`;
}
