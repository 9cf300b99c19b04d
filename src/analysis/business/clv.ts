/**
 * Customer lifetime value. Subscriptions: a constant monthly hazard h = churn events /
 * exposure months (sum of tenure), expected remaining lifetime
 * L = sum_{t>=1} ((1 - h) / (1 + r_m))^t = q / (1 - q), and CLV = margin x monthly revenue x L.
 * The naive ARPU / churn-rate shortcut is reported beside it, never used.
 */
import { monthlyDiscount } from './options';
import { fmtMoney, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';

export interface HazardEstimate {
  events: number;
  /** customer-months observed */
  exposure: number;
  /** events / exposure; null when there is no exposure */
  hazard: number | null;
}

/** Monthly churn hazard from tenure (months) and churn flags; minExposure floors each customer's months (default 0). */
export function monthlyHazard(tenure: ArrayLike<number>, y: ArrayLike<number>, minExposure = 0): HazardEstimate {
  let events = 0;
  let exposure = 0;
  for (let i = 0; i < tenure.length; i++) {
    if (y[i]) events++;
    exposure += Math.max(tenure[i], minExposure);
  }
  return { events, exposure, hazard: exposure > 0 ? events / exposure : null };
}

/**
 * Expected remaining months, discounted: sum over t >= 1 of (1 - h)^t / (1 + rm)^t.
 * h: monthly hazard in [0, 1]; rm: monthly discount rate >= 0. null when infinite (h = 0 and rm = 0).
 */
export function expectedLifetime(h: number, rm: number): number | null {
  const q = (1 - h) / (1 + rm);
  if (q >= 1) return null;
  if (q <= 0) return 0;
  return q / (1 - q);
}

/** Discounted months over a fixed horizon T (used when there is no churn flag): sum_{t=1..T} 1/(1+rm)^t,
 *  in closed form (1 - (1+rm)^-T) / rm, which also serves a fractional T. */
export function annuityMonths(T: number, rm: number): number {
  const h = Math.max(0, T);
  if (rm === 0) return h;
  return (1 - Math.pow(1 + rm, -h)) / rm;
}

export interface BaseClv {
  value: number | null;
  method: string;
  formula: string;
  naive: number | null;
  /** ARPU / h: undiscounted, before margin, expected lifetime 1/h months (the like-for-like of the naive figure) */
  hazardGross: number | null;
  hazard: number | null;
  lifetimeMonths: number | null;
}

/** Base CLV for a subscription table (see the file header); churnRate is the snapshot share churned. */
export function subscriptionClv(
  arpu: number,
  hz: HazardEstimate,
  churnRate: number | null,
  margin: number,
  annualRate: number,
  currency: CurrencyCode = DEFAULT_CURRENCY,
): BaseClv {
  const money = (v: number) => fmtMoney(v, currency);
  const rm = monthlyDiscount(annualRate);
  const naive = churnRate && churnRate > 0 ? arpu / churnRate : null;
  const h = hz.hazard;
  if (h === null) {
    return {
      value: null, naive, hazardGross: null, hazard: null, lifetimeMonths: null,
      method: 'CLV needs tenure and a churn flag to estimate how long customers stay; not available for this table.',
      formula: 'margin x ARPU x expected remaining months',
    };
  }
  const L = expectedLifetime(h, rm);
  const value = L === null ? null : margin * arpu * L;
  const hazardGross = h > 0 ? arpu / h : null;
  const parts = [
    `Hazard-based CLV: monthly churn hazard h = ${hz.events.toLocaleString('en-US')} churn events / ` +
      `${Math.round(hz.exposure).toLocaleString('en-US')} customer-months of tenure = ${pct(h, 2)} per month; ` +
      `expected remaining lifetime = sum over months t>=1 of (1-h)^t / (1+r_m)^t with r_m = ${pct(rm, 3)} ` +
      `(${pct(annualRate, 0)} a year) = ${L === null ? 'unbounded' : L.toFixed(1)} months; ` +
      `CLV = margin ${pct(margin, 0)} x ARPU ${money(arpu)} x ${L === null ? '-' : L.toFixed(1)} = ${value === null ? '-' : money(value)}.`,
  ];
  if (hazardGross !== null)
    parts.push(
      `Undiscounted and before margin, ARPU / h = ${money(hazardGross)} (expected lifetime 1/h = ${(1 / h).toFixed(0)} months).`,
    );
  if (naive !== null && churnRate !== null)
    parts.push(
      `The naive shortcut ARPU / churn rate = ${money(arpu)} / ${pct(churnRate, 2)} = ${money(naive)} is not used: ` +
        `it treats the share of customers who churned in the data (${pct(churnRate, 1)}) as a monthly rate, implying an ` +
        `average lifetime of ${(1 / churnRate).toFixed(1)} months, while that share accumulated over all the months the ` +
        `customers were observed; the hazard divides churn events by those customer-months instead.`,
    );
  return {
    value, naive, hazardGross, hazard: h, lifetimeMonths: L,
    method: parts.join(' '),
    // arithmetic with the user's own numbers (the KPI's tooltip), not notation
    formula:
      L === null || value === null
        ? `CLV = margin ${pct(margin, 0)} x ${money(arpu)} a month x expected remaining months (unbounded: no churn in the file)`
        : `CLV = margin ${pct(margin, 0)} x ${money(arpu)} a month x ${L.toFixed(1)} expected months (each month's chance of staying, ${pct(1 - h, 2)}, discounted at ${pct(annualRate, 0)} a year) = ${money(value)}`,
  };
}

/** Bounds on a customer's monthly hazard (a 0.1% floor keeps lifetimes finite, 95% caps a sure churner). */
export const HAZARD_MIN = 0.001;
export const HAZARD_MAX = 0.95;

/**
 * Per-customer monthly hazard proxy: the base hazard scaled by the customer's churn probability
 * relative to the mean probability, h_i = clamp(h x p_i / mean(p), 0.1%, 95%). A probability is the
 * chance of being flagged churned in the snapshot, not a monthly rate, so it is used as relative risk.
 */
export function customerHazards(prob: ArrayLike<number>, baseHazard: number): Float64Array {
  const n = prob.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += prob[i];
  mean = n > 0 ? mean / n : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = mean > 0 ? (baseHazard * prob[i]) / mean : baseHazard;
    out[i] = Math.min(HAZARD_MAX, Math.max(HAZARD_MIN, h));
  }
  return out;
}

/** Per-customer CLV = margin x monthly_i x expectedLifetime(h_i, r_m). */
export function customerClv(
  monthly: ArrayLike<number>,
  hazards: ArrayLike<number>,
  margin: number,
  annualRate: number,
): Float64Array {
  const rm = monthlyDiscount(annualRate);
  const out = new Float64Array(monthly.length);
  for (let i = 0; i < monthly.length; i++) {
    const L = expectedLifetime(hazards[i], rm) ?? 0;
    out[i] = margin * Math.max(0, monthly[i]) * L;
  }
  return out;
}
