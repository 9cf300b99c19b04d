/**
 * Transaction logs: RFM-based CLV = margin x average order value x purchase frequency
 * (invoices per customer per month) x expected lifetime (months).
 */
import type { CustomerFrame } from '../types';
import { annuityMonths, expectedLifetime, type BaseClv, type HazardEstimate } from './clv';
import { monthlyDiscount } from './options';
import { fmtMoney, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';

export interface PurchaseRates {
  /** total monetary / total invoices */
  aov: number;
  /** total invoices / total months active (each customer counted >= 1 month; a log with a derived churn flag
   *  counts a customer who left up to their last purchase, as the churn hazard does: frame.survivalMonths) */
  frequency: number;
  invoices: number;
  monthsActive: number;
}

/** AOV and purchase frequency from frame.frequency / monetary / survivalMonths (else tenure); null when missing. */
export function purchaseRates(frame: CustomerFrame): PurchaseRates | null {
  if (!frame.frequency || !frame.monetary) return null;
  const months = frame.survivalMonths ?? frame.tenure;
  let invoices = 0, revenue = 0, monthsActive = 0;
  for (let i = 0; i < frame.n; i++) {
    invoices += frame.frequency[i];
    revenue += frame.monetary[i];
    monthsActive += Math.max(1, months ? months[i] : 1);
  }
  if (invoices <= 0 || monthsActive <= 0) return null;
  return { aov: revenue / invoices, frequency: invoices / monthsActive, invoices, monthsActive };
}

/** RFM CLV; lifetime from the churn hazard when there is a churn flag, else the mean observed lifespan (stated). */
export function rfmClv(frame: CustomerFrame, rates: PurchaseRates, hz: HazardEstimate | null, margin: number, annualRate: number, currency: CurrencyCode = DEFAULT_CURRENCY): BaseClv {
  const money = (v: number) => fmtMoney(v, currency);
  const rm = monthlyDiscount(annualRate);
  let L: number | null;
  let lifeText: string;
  if (hz && hz.hazard !== null) {
    L = expectedLifetime(hz.hazard, rm);
    lifeText =
      `expected lifetime from the monthly churn hazard h = ${hz.events} churn events / ${Math.round(hz.exposure)} ` +
      `customer-months = ${pct(hz.hazard, 2)}, discounted at ${pct(annualRate, 0)} a year: sum_{t>=1} ((1-h)/(1+r_m))^t = ` +
      `${L === null ? 'unbounded' : L.toFixed(1)} months`;
  } else {
    let span = 0;
    for (let i = 0; i < frame.n; i++) span += frame.tenure ? frame.tenure[i] : 0;
    const mean = frame.n > 0 ? span / frame.n : 0;
    L = annuityMonths(Math.max(1, mean), rm);
    lifeText =
      `no churn flag, so expected lifetime = the mean observed span from first purchase to the end of the log, ${Math.max(1, mean).toFixed(1)} ` +
      `months (a lower bound: active customers keep buying), discounted at ${pct(annualRate, 0)} a year = ${L.toFixed(1)} months`;
  }
  const value = L === null ? null : margin * rates.aov * rates.frequency * L;
  return {
    value,
    naive: null,
    hazardGross: hz && hz.hazard ? (rates.aov * rates.frequency) / hz.hazard : null,
    hazard: hz ? hz.hazard : null,
    lifetimeMonths: L,
    method:
      `RFM-based CLV = margin ${pct(margin, 0)} x average order value ${money(rates.aov)} x purchase frequency ` +
      `${rates.frequency.toFixed(2)} invoices per customer per month x ${lifeText} = ${value === null ? '-' : money(value)}.`,
    formula: 'CLV = margin x average order value x invoices per customer per month x expected lifetime (months)',
  };
}
