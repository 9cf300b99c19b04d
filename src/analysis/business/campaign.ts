/**
 * The campaign rule, in one place: who is on the call list (active customers, highest churn
 * probability x lifetime value first, or highest churn probability when there is no money), how
 * many the budget reaches (stopping where the next offer would lose money), what the plan costs
 * and returns, and whether it is worth doing, in words. The business layer and the simulator both
 * call these functions, so the call list, the simulator, the recommendations and the insights
 * share one set of customers. O(n) per plan, so the simulator can update as the user types.
 */
import type { ProfitPoint } from './types';
import { fmtInt as count, fmtMoney, fmtMoneyText, fmtPct as pct, DEFAULT_CURRENCY, type CurrencyCode } from '../format';
import { orderDesc } from '../churn/evaluation/metrics';

export interface CampaignInputs {
  /** cost of one offer, >= 0 */
  offerCost: number;
  /** share of contacted would-be churners kept, 0..1 */
  saveRate: number;
  /** campaign budget, > 0 */
  budget: number;
  /** cost to acquire a new customer (for comparison only) */
  cac: number;
  /** currency the verdict's amounts are written in (default USD) */
  currency?: CurrencyCode;
}

export interface RankedCustomers {
  /** active customer indices, best first */
  order: Int32Array;
  /** per ranked position: churn probability x lifetime value (null without money) */
  stake: Float64Array | null;
  /** per ranked position: churn probability */
  p: Float64Array;
}

/** Active customers ranked by p x value (ties by index); by p alone when value is null. */
export function rankForCampaign(p: ArrayLike<number>, value: ArrayLike<number> | null, active: ArrayLike<number>): RankedCustomers {
  let m = 0;
  for (let i = 0; i < p.length; i++) if (active[i]) m++;
  const rows = new Int32Array(m);
  const key = new Float64Array(m);
  for (let i = 0, t = 0; i < p.length; i++) {
    if (!active[i]) continue;
    const v = value ? p[i] * value[i] : p[i];
    rows[t] = i;
    key[t++] = Number.isFinite(v) ? v : 0;
  }
  // the radix order of the keys (descending, ties by position, so by index): at 704,300 customers
  // ~10x less CPU than the comparator sort it replaces, same order
  const rank = orderDesc(key);
  const order = new Int32Array(m);
  const stake = value ? new Float64Array(m) : null;
  const pr = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    order[t] = rows[rank[t]];
    if (stake) stake[t] = key[rank[t]];
    pr[t] = p[order[t]];
  }
  return { order, stake, p: pr };
}

export interface CampaignPoint extends ProfitPoint {
  /** expected customers kept: sum of p x save rate */
  customersSaved: number;
}

export interface CampaignPlan {
  /** active customers the plan chooses from */
  population: number;
  /** whether lifetime values were available (else no profit, saved or net figures) */
  money: boolean;
  /** profit by number contacted (about 200 points; empty without money) */
  curve: ProfitPoint[];
  /** what-if: the most profitable number to contact with an unlimited budget */
  best: CampaignPoint;
  /** the plan: the top min(budget / offer cost, best) customers (without money: the top-risk ones the budget pays for) */
  campaign: CampaignPoint;
  /** offers the budget pays for */
  affordable: number;
  /** offer spend per expected customer kept, null when nobody is kept */
  costPerSave: number | null;
  /** lifetime value of an expected kept customer, null without money */
  valuePerSave: number | null;
  /** false when the plan would lose money, keeps nobody, or each kept customer costs more than they are worth */
  recommended: boolean;
  /** the plan and its verdict in words */
  verdict: string;
}

/** The verdict's first words wherever the plan is shown: 'Recommended.', 'Not recommended.', or,
 *  for a file with no value per customer, 'Payback unknown.' (the plan keeps customers, but whether
 *  that is worth the offers' cost cannot be said without money). */
export function planLabel(plan: Pick<CampaignPlan, 'money' | 'recommended'>): string {
  return !plan.money ? 'Payback unknown.' : plan.recommended ? 'Recommended.' : 'Not recommended.';
}

/** The plan the inputs buy over the ranked active customers (see the file header). */
export function planCampaign(ranked: RankedCustomers, inp: CampaignInputs): CampaignPlan {
  const n = ranked.order.length;
  const affordable = inp.offerCost > 0 ? Math.min(n, Math.floor(inp.budget / inp.offerCost)) : n;
  const savedAt = new Float64Array(n + 1);
  const keptAt = new Float64Array(n + 1);
  const stake = ranked.stake;
  let bestK = stake ? 0 : affordable;
  let bestProfit = 0;
  const step = Math.max(1, Math.ceil(n / 200));
  const curve: ProfitPoint[] = stake ? [{ targeted: 0, cost: 0, saved: 0, profit: 0 }] : [];
  for (let t = 1; t <= n; t++) {
    keptAt[t] = keptAt[t - 1] + inp.saveRate * ranked.p[t - 1];
    if (!stake) continue;
    savedAt[t] = savedAt[t - 1] + inp.saveRate * stake[t - 1];
    const profit = savedAt[t] - t * inp.offerCost;
    if (profit > bestProfit) { bestProfit = profit; bestK = t; }
    if (t % step === 0 || t === n) curve.push({ targeted: t, cost: t * inp.offerCost, saved: savedAt[t], profit });
  }
  // the curve keeps the best point, so its maximum is the what-if's profit
  if (stake && bestK > 0 && !curve.some((q) => q.targeted === bestK)) {
    curve.push({ targeted: bestK, cost: bestK * inp.offerCost, saved: savedAt[bestK], profit: bestProfit });
    curve.sort((a, b) => a.targeted - b.targeted);
  }
  const point = (t: number): CampaignPoint => ({
    targeted: t, cost: t * inp.offerCost, saved: savedAt[t], profit: savedAt[t] - t * inp.offerCost, customersSaved: keptAt[t],
  });
  const campaign = point(Math.min(affordable, bestK));
  const costPerSave = campaign.customersSaved > 0 ? campaign.cost / campaign.customersSaved : null;
  const valuePerSave = stake && campaign.customersSaved > 0 ? campaign.saved / campaign.customersSaved : null;
  const { recommended, verdict } = judge(n, affordable, bestK, campaign, costPerSave, valuePerSave, !!stake, inp);
  return { population: n, money: !!stake, curve, best: point(bestK), campaign, affordable, costPerSave, valuePerSave, recommended, verdict };
}

function judge(
  n: number, affordable: number, bestK: number, c: CampaignPoint, costPerSave: number | null, valuePerSave: number | null, hasMoney: boolean, inp: CampaignInputs,
): { recommended: boolean; verdict: string } {
  const pop = `of ${count(n)} active customers`;
  const money = (v: number) => fmtMoneyText(v, inp.currency ?? DEFAULT_CURRENCY); // sentences (format/money.ts)
  if (n === 0) return { recommended: false, verdict: 'No active customers: there is nobody to contact.' };
  if (affordable === 0) return { recommended: false, verdict: `A budget of ${money(inp.budget)} pays for no offer at ${money(inp.offerCost)} each: not recommended.` };
  if (!hasMoney) {
    return {
      recommended: c.customersSaved > 0,
      verdict:
        `Contact the ${count(c.targeted)} customers at highest churn risk (${pop}) for ${money(c.cost)}: about ${count(c.customersSaved)} kept at a ${pct(inp.saveRate, 0)} save rate. ` +
        'With no value per customer the plan cannot say whether it pays back.',
    };
  }
  if (bestK === 0 || c.targeted === 0)
    return { recommended: false, verdict: `At ${money(inp.offerCost)} per offer and a ${pct(inp.saveRate, 0)} save rate no active customer's expected value kept covers the offer: any campaign loses money, so none is recommended.` };
  const cac = costPerSave !== null && inp.cac > 0 ? ` (acquiring a new customer costs ${money(inp.cac)})` : '';
  if (c.profit <= 0 || (costPerSave !== null && valuePerSave !== null && costPerSave > valuePerSave))
    return { recommended: false, verdict: `Contacting ${count(c.targeted)} customers costs ${money(c.cost)} and is expected to return ${money(c.saved)}: each kept customer costs ${money(costPerSave ?? 0)}, more than the ${money(valuePerSave ?? 0)} they are worth. Not recommended.` };
  return {
    recommended: true,
    verdict:
      `Contact the top ${count(c.targeted)} ${pop} for ${money(c.cost)}: expected ${money(c.saved)} of lifetime value kept, net ${money(c.profit)}; ` +
      `each kept customer costs ${money(costPerSave ?? 0)} in offers and is worth ${money(valuePerSave ?? 0)}${cac}.`,
  };
}

export type CampaignField = 'offerCost' | 'saveRate' | 'budget' | 'cac';

/** Checks raw simulator inputs (save rate in percent); every problem is a message for its field. */
export function checkCampaignInputs(raw: Record<CampaignField, number | string | null | undefined>, currency: CurrencyCode = DEFAULT_CURRENCY):
  | { ok: true; inputs: CampaignInputs }
  | { ok: false; errors: Partial<Record<CampaignField, string>> } {
  const errors: Partial<Record<CampaignField, string>> = {};
  const num = (f: CampaignField): number | null => {
    const v = raw[f];
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(x) ? x : null;
  };
  const offerCost = num('offerCost'), save = num('saveRate'), budget = num('budget'), cac = num('cac');
  if (offerCost === null) errors.offerCost = 'Enter the cost of one offer (0 or more).';
  else if (offerCost < 0) errors.offerCost = `An offer cannot cost ${fmtMoney(offerCost, currency)}: enter 0 or more.`;
  if (save === null) errors.saveRate = 'Enter a save rate between 0 and 100%.';
  else if (save < 0 || save > 100) errors.saveRate = `A save rate of ${save}% is impossible: enter 0 to 100%.`;
  if (budget === null) errors.budget = 'Enter the campaign budget.';
  else if (budget <= 0) errors.budget = budget === 0 ? `A budget of ${fmtMoney(0, currency)} pays for no offer: enter what you can spend.` : 'The budget cannot be negative.';
  if (cac === null) errors.cac = 'Enter the cost to acquire a customer (0 or more).';
  else if (cac < 0) errors.cac = 'The acquisition cost cannot be negative.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, inputs: { offerCost: offerCost!, saveRate: save! / 100, budget: budget!, cac: cac!, currency } };
}
