/** Headline KPIs, each with the formula shown to the user and the period it covers. */
import type { BusinessOptions, CustomerFrame } from '../types';
import type { Kpi, Kpis } from './types';
import { monthlyHazard, subscriptionClv, type BaseClv, type HazardEstimate } from './clv';
import { purchaseRates, rfmClv } from './rfm';
import { paretoCurve, type Pareto } from './pareto';
import { fmtInt as count, fmtMoney, fmtPct as pct } from '../format';

export interface KpiBundle {
  kpis: Kpis;
  hazard: HazardEstimate | null;
  baseClv: BaseClv;
  pareto: Pareto;
  arpu: number | null;
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : 0;
}

/** Which period the churn flag covers, in words. */
export function periodText(frame: CustomerFrame): string {
  if (!frame.y) return 'No churn flag in this table, so churn and retention rates are not available.';
  const name = frame.targetName ?? 'the churn flag';
  if (frame.kind === 'transactions')
    return `Share of customers flagged by ${name} over the span of the transaction log.`;
  return (
    `Snapshot: the share of customers in the file flagged by ${name}, i.e. the period the flag covers ` +
    `(for the IBM Telco file: customers who left within the last month). It is not an annual rate; ` +
    `the monthly hazard (churn events / customer-months of tenure) is the per-month figure.`
  );
}

/** Computes every KPI; null values with a reason in the formula when the table lacks a column. */
export function computeKpis(frame: CustomerFrame, o: BusinessOptions): KpiBundle {
  const money = (v: number) => fmtMoney(v, o.currency);
  const n = frame.n;
  const y = frame.y;
  let churned = 0;
  if (y) for (let i = 0; i < n; i++) churned += y[i] ? 1 : 0;
  const churnRate = y && n > 0 ? churned / n : null;
  const kChurn: Kpi = churnRate === null
    ? { value: null, formula: 'needs a churn flag column' }
    : { value: churnRate, formula: `churned customers / all customers = ${count(churned)} / ${count(n)} = ${pct(churnRate, 2)}` };

  const arpu = frame.monthly ? mean(frame.monthly) : null;
  const kArpu: Kpi = arpu === null
    ? { value: null, formula: 'needs a monthly revenue column' }
    : { value: arpu, formula: `mean monthly revenue per customer = sum of monthly charges / ${count(n)} customers = ${money(arpu)}` };

  const isTx = frame.kind === 'transactions';
  const hazard = y && frame.tenure ? monthlyHazard(frame.survivalMonths ?? frame.tenure, y, isTx ? 1 : 0) : null;
  const kHazard: Kpi = hazard && hazard.hazard !== null
    ? { value: hazard.hazard, formula: `churn events / customer-months ${frame.survivalMonths ? 'as a customer (up to the last purchase for those who left)' : 'of tenure'} = ${count(hazard.events)} / ${count(hazard.exposure)} = ${pct(hazard.hazard, 2)} per month` }
    : { value: null, formula: 'needs tenure and a churn flag' };

  const kRetention: Kpi = churnRate === null
    ? { value: null, formula: 'needs a churn flag column' }
    : {
        value: 1 - churnRate,
        formula:
          `1 - churn rate = ${pct(1 - churnRate, 2)} of customers not flagged by ${frame.targetName ?? 'the churn flag'}, over the ` +
          `period that flag covers (a snapshot, not a year)` +
          (hazard && hazard.hazard !== null ? `; per month, 1 - hazard = ${pct(1 - hazard.hazard, 2)} stay each month` : ''),
      };

  const rates = isTx ? purchaseRates(frame) : null;
  const kFreq: Kpi = rates
    ? { value: rates.frequency, formula: `invoices / customer-months active = ${count(rates.invoices)} / ${count(rates.monthsActive)} = ${rates.frequency.toFixed(2)} purchases per customer per month` }
    : isTx
      ? { value: null, formula: 'needs invoice counts per customer' }
      : { value: 1, formula: 'subscription table: one billing event per customer per month' };

  const baseClv = rates
    ? rfmClv(frame, rates, hazard, o.margin, o.discountRate, o.currency)
    : arpu !== null && hazard
      ? subscriptionClv(arpu, hazard, churnRate, o.margin, o.discountRate, o.currency)
      : subscriptionClv(arpu ?? 0, { events: 0, exposure: 0, hazard: null }, churnRate, o.margin, o.discountRate, o.currency);

  const clvV = baseClv.value;
  const kCac: Kpi = clvV && clvV > 0
    ? { value: o.cac / clvV, formula: `CAC / CLV = ${money(o.cac)} / ${money(clvV)} = ${(o.cac / clvV).toFixed(3)} (a customer returns ${(clvV / o.cac).toFixed(1)}x what it costs to acquire; CAC is your input)` }
    : { value: null, formula: 'CAC / CLV: needs a CLV' };

  const revenueBasis = isTx ? frame.monetary : frame.total ?? frame.monthly;
  const basisName = isTx ? 'total spend' : frame.total ? 'total charges to date' : 'monthly charges';
  const pareto = revenueBasis ? paretoCurve(revenueBasis, basisName) : paretoCurve([], basisName);
  const kTop: Kpi = pareto.top20Share === null
    ? { value: null, formula: 'needs a revenue column' }
    : { value: pareto.top20Share, formula: `${basisName} of the top 20% of customers / ${basisName} of all customers = ${pct(pareto.top20Share, 1)} (the 80/20 rule would be 80%)` };

  return {
    kpis: {
      churnRate: kChurn,
      retentionRate: kRetention,
      arpu: kArpu,
      clv: { value: clvV, method: baseClv.method, naive: baseClv.naive, formula: baseClv.formula, hazardGross: baseClv.hazardGross, lifetimeMonths: baseClv.lifetimeMonths, ...(rates ? {} : { basis: 'average-hazard' as const, basisText: 'per customer, from one average hazard' }) },
      purchaseFrequency: kFreq,
      cacToClv: kCac,
      top20RevenueShare: kTop,
      monthlyHazard: kHazard,
      period: periodText(frame),
    },
    hazard,
    baseClv,
    pareto,
    arpu,
  };
}
