/** Revenue charts and the campaign simulator (pure, main-thread, recomputed on every input). */
import type { ProfitPoint, RevenueImpact } from '../analysis/business/types';
import { baseLayout, colorOf, MUTED, type Figure } from './theme';

/** Monthly revenue at risk (expected churn x monthly charge) per segment. */
export function riskBySegmentFigure(revenue: RevenueImpact): Figure {
  const rows = revenue.bySegment.slice().sort((a, b) => b.atRiskMonthly - a.atRiskMonthly);
  return {
    data: [
      {
        type: 'bar', x: rows.map((r) => r.segment), y: rows.map((r) => r.atRiskMonthly),
        marker: { color: rows.map((_, i) => colorOf(i)) },
        text: rows.map((r) => `$${Math.round(r.atRiskMonthly).toLocaleString('en-US')}`), textposition: 'outside',
        customdata: rows.map((r) => r.customers),
        hovertemplate: '%{x}<br>$%{y:,.0f} per month at risk<br>%{customdata:,} customers<extra></extra>',
      },
    ],
    layout: baseLayout('Monthly revenue at risk by segment', {
      showlegend: false, yaxis: { title: { text: 'Revenue at risk ($ / month)' }, tickprefix: '$', tickformat: ',.0f' },
    }),
  };
}

/** Pareto curve: cumulative share of revenue by cumulative share of customers. */
export function paretoFigure(revenue: RevenueImpact): Figure {
  const { customerShare, revenueShare } = revenue.pareto;
  let at20 = 0;
  for (let i = 0; i < customerShare.length; i++) if (customerShare[i] <= 0.2) at20 = revenueShare[i];
  return {
    data: [
      {
        type: 'scatter', mode: 'lines', name: 'Revenue captured', x: customerShare, y: revenueShare,
        line: { color: '#2563eb', width: 2.5 }, fill: 'tozeroy', fillcolor: 'rgba(37,99,235,0.08)',
        hovertemplate: 'Top %{x:.0%} of customers bring %{y:.0%} of revenue<extra></extra>',
      },
      { type: 'scatter', mode: 'lines', name: 'Equal share', x: [0, 1], y: [0, 1], line: { color: MUTED, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
    ],
    layout: baseLayout('Revenue concentration (Pareto)', {
      xaxis: { title: { text: 'Share of customers (highest revenue first)' }, tickformat: '.0%', range: [0, 1] },
      yaxis: { title: { text: 'Share of revenue' }, tickformat: '.0%', range: [0, 1.02] },
      annotations: [
        { x: 0.2, y: at20, text: `Top 20% → ${(at20 * 100).toFixed(0)}% of revenue`, showarrow: true, arrowhead: 2, ax: 60, ay: 30 },
      ],
    }),
  };
}

export interface CampaignInputs {
  offerCost: number;
  saveRate: number;
  budget: number;
  cac: number;
}

export interface RankedCustomers {
  /** customer indices, highest churn probability x CLV first (the business layer's order) */
  order: Int32Array;
  /** per ranked position: p x CLV, the value at stake */
  stake: Float64Array;
  /** per ranked position: churn probability */
  p: Float64Array;
}

/** Orders customers by value at stake p_i x CLV_i, as the business layer ranks expected value
 *  saved (p x CLV x saveRate - offerCost has the same order for any save rate and offer cost). */
export function rankCustomers(probability: ArrayLike<number>, clv: ArrayLike<number>): RankedCustomers {
  const n = Math.min(probability.length, clv.length);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = probability[i] * clv[i];
    raw[i] = Number.isFinite(v) ? v : 0;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => raw[b] - raw[a] || a - b);
  const stake = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    stake[k] = raw[order[k]];
    p[k] = probability[order[k]];
  }
  return { order, stake, p };
}

export interface CampaignPoint extends ProfitPoint {
  /** expected customers kept: sum of p x save rate */
  customersSaved: number;
}

export interface CampaignPlan {
  /** profit by number targeted (thinned to about 200 points) */
  curve: ProfitPoint[];
  /** the most profitable number of customers to contact */
  best: CampaignPoint;
  /** what the budget buys: the top min(budget / offer cost, best) customers */
  campaign: CampaignPoint;
  /** offers the budget pays for */
  affordable: number;
  /** offer spend per expected customer kept (compare with CAC), null when nobody is kept */
  costPerSave: number | null;
}

/** Profit of contacting the top t ranked customers: saved = saveRate x sum(p x CLV), cost = t x offerCost.
 *  O(n) per call, so the simulator updates instantly. Same rule as the business layer. */
export function planCampaign(ranked: RankedCustomers, inp: CampaignInputs): CampaignPlan {
  const n = ranked.stake.length;
  const affordable = inp.offerCost > 0 ? Math.min(n, Math.floor(inp.budget / inp.offerCost)) : n;
  const step = Math.max(1, Math.ceil(n / 200));
  const curve: ProfitPoint[] = [{ targeted: 0, cost: 0, saved: 0, profit: 0 }];
  const savedAt = new Float64Array(n + 1);
  const keptAt = new Float64Array(n + 1);
  let bestK = 0;
  let bestProfit = 0;
  for (let t = 1; t <= n; t++) {
    savedAt[t] = savedAt[t - 1] + inp.saveRate * ranked.stake[t - 1];
    keptAt[t] = keptAt[t - 1] + inp.saveRate * ranked.p[t - 1];
    const profit = savedAt[t] - t * inp.offerCost;
    if (profit > bestProfit) {
      bestProfit = profit;
      bestK = t;
    }
    if (t % step === 0 || t === n) curve.push({ targeted: t, cost: t * inp.offerCost, saved: savedAt[t], profit });
  }
  const point = (t: number): CampaignPoint => ({
    targeted: t, cost: t * inp.offerCost, saved: savedAt[t], profit: savedAt[t] - t * inp.offerCost, customersSaved: keptAt[t],
  });
  const campaign = point(Math.min(affordable, bestK));
  return {
    curve, best: point(bestK), campaign, affordable,
    costPerSave: campaign.customersSaved > 0 ? campaign.cost / campaign.customersSaved : null,
  };
}

/** Profit curve with the best point and the budget point marked. */
export function profitCurveFigure(plan: CampaignPlan): Figure {
  const c = plan.curve;
  return {
    data: [
      {
        type: 'scatter', mode: 'lines', name: 'Expected profit', x: c.map((p) => p.targeted), y: c.map((p) => p.profit),
        line: { color: '#2563eb', width: 2.5 }, hovertemplate: 'Contact top %{x:,} customers<br>Profit $%{y:,.0f}<extra></extra>',
      },
      {
        type: 'scatter', mode: 'markers+text', name: 'Best', x: [plan.best.targeted], y: [plan.best.profit],
        marker: { color: colorOf(2), size: 12 }, text: ['Best'], textposition: 'top center', hoverinfo: 'skip',
      },
      {
        type: 'scatter', mode: 'markers+text', name: 'Your campaign', x: [plan.campaign.targeted], y: [plan.campaign.profit],
        marker: { color: colorOf(3), size: 12, symbol: 'diamond' }, text: ['Your campaign'], textposition: 'bottom center', hoverinfo: 'skip',
      },
    ],
    layout: baseLayout('Campaign profit by number of customers contacted', {
      xaxis: { title: { text: 'Customers contacted (highest churn risk x CLV first)' }, tickformat: ',d' },
      yaxis: { title: { text: 'Expected profit ($)' }, tickprefix: '$', tickformat: ',.0f' },
    }),
  };
}

/** The churn probabilities the business layer used, recovered from its expected value saved
 *  (EV = p x CLV x saveRate - offerCost, so p = (EV + offerCost) / (CLV x saveRate)); `fallback`
 *  where that cannot be inverted (CLV or save rate of 0). Keeps the simulator on the same numbers. */
export function probabilityFromBusiness(
  ev: ArrayLike<number>, clv: ArrayLike<number>, o: { offerCost: number; saveRate: number }, fallback: ArrayLike<number> | null,
): Float64Array {
  const p = new Float64Array(ev.length);
  for (let i = 0; i < ev.length; i++) {
    const denom = clv[i] * o.saveRate;
    p[i] = denom > 0 ? Math.min(1, Math.max(0, (ev[i] + o.offerCost) / denom)) : (fallback?.[i] ?? 0);
  }
  return p;
}
