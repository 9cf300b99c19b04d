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
  /** customer indices, most valuable to contact first */
  order: Int32Array;
  /** per ranked position: churn probability x (CLV + CAC), the value at stake */
  stake: Float64Array;
}

/** Orders customers by value at stake: p_i x (CLV_i + CAC) — losing a customer costs their future
 *  value plus what it takes to acquire a replacement. */
export function rankCustomers(probability: ArrayLike<number>, clv: ArrayLike<number>, cac: number): RankedCustomers {
  const n = Math.min(probability.length, clv.length);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = probability[i] * (Math.max(0, clv[i] || 0) + cac);
    raw[i] = Number.isFinite(v) ? v : 0;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => raw[b] - raw[a] || a - b);
  const stake = new Float64Array(n);
  for (let k = 0; k < n; k++) stake[k] = raw[order[k]];
  return { order, stake };
}

export interface CampaignPlan {
  /** profit by number targeted (thinned to <= 200 points plus the budget and best points) */
  curve: ProfitPoint[];
  best: ProfitPoint;
  /** what the budget buys */
  atBudget: ProfitPoint;
}

/** Profit of contacting the top t ranked customers: saved = saveRate x sum(stake), cost = t x offerCost.
 *  O(n) per call, so the simulator updates instantly. */
export function planCampaign(ranked: RankedCustomers, inp: CampaignInputs): CampaignPlan {
  const n = ranked.stake.length;
  const affordable = inp.offerCost > 0 ? Math.min(n, Math.floor(inp.budget / inp.offerCost)) : n;
  const step = Math.max(1, Math.ceil(n / 200));
  const curve: ProfitPoint[] = [{ targeted: 0, cost: 0, saved: 0, profit: 0 }];
  let best: ProfitPoint = curve[0];
  let atBudget: ProfitPoint = curve[0];
  let saved = 0;
  for (let t = 1; t <= n; t++) {
    saved += inp.saveRate * ranked.stake[t - 1];
    const cost = t * inp.offerCost;
    const profit = saved - cost;
    if (profit > best.profit) best = { targeted: t, cost, saved, profit };
    if (t === affordable) atBudget = { targeted: t, cost, saved, profit };
    if (t % step === 0 || t === n) curve.push({ targeted: t, cost, saved, profit });
  }
  return { curve, best, atBudget };
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
        type: 'scatter', mode: 'markers+text', name: 'Your budget', x: [plan.atBudget.targeted], y: [plan.atBudget.profit],
        marker: { color: colorOf(3), size: 12, symbol: 'diamond' }, text: ['Budget'], textposition: 'bottom center', hoverinfo: 'skip',
      },
    ],
    layout: baseLayout('Campaign profit by number of customers contacted', {
      xaxis: { title: { text: 'Customers contacted (highest value at stake first)' }, tickformat: ',d' },
      yaxis: { title: { text: 'Expected profit ($)' }, tickprefix: '$', tickformat: ',.0f' },
    }),
  };
}
