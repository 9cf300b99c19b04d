/** Revenue charts and the campaign simulator's profit curve (pure; the plan itself is business/campaign.ts). */
import type { RevenueImpact } from '../analysis/business/types';
import type { CampaignPlan } from '../analysis/business/campaign';
import { baseLayout, colorOf, MUTED, segmentColorByName, type Figure } from './theme';
import type { SegmentationResult } from '../analysis/segment/types';
import { paretoPopulation } from '../analysis/business/pareto';
import { plotText } from './text';
import { fmtInt, fmtMoney, fmtPct, moneyPrefix, type CurrencyCode } from '../analysis/format';

/** Monthly revenue at risk (expected churn x monthly charge) per segment, each bar in its segment's colour. */
export function riskBySegmentFigure(revenue: RevenueImpact, currency: CurrencyCode, seg: Pick<SegmentationResult, 'segments'> | null): Figure {
  const cur = moneyPrefix(currency);
  const rows = revenue.bySegment.slice().sort((a, b) => b.atRiskMonthly - a.atRiskMonthly);
  const color = segmentColorByName(seg);
  return {
    data: [
      {
        type: 'bar', x: rows.map((r) => plotText(r.segment)), y: rows.map((r) => r.atRiskMonthly),
        marker: { color: rows.map((r) => color(r.segment)) },
        text: rows.map((r) => fmtMoney(r.atRiskMonthly, currency)), textposition: 'outside', cliponaxis: false,
        customdata: rows.map((r) => r.customers),
        hovertemplate: `%{x}<br>${cur}%{y:,.0f} per month at risk<br>%{customdata:,} customers<extra></extra>`,
      },
    ],
    layout: baseLayout(`Monthly revenue at risk by segment (${revenue.population})`, {
      showlegend: false, yaxis: { title: { text: `Revenue at risk (${cur.trim()} / month)` }, tickprefix: cur, tickformat: ',.0f' },
    }),
  };
}

/** Pareto curve: cumulative share of revenue by cumulative share of customers. */
export function paretoFigure(revenue: RevenueImpact): Figure {
  const { customerShare, revenueShare } = revenue.pareto;
  const { who, basis } = paretoPopulation(revenue.pareto);
  // the same number as the KPI: both read the engine's top-20% share
  const at20 = revenue.pareto.top20Share ?? 0;
  return {
    data: [
      {
        type: 'scatter', mode: 'lines', name: 'Cumulative share', x: customerShare, y: revenueShare,
        line: { color: '#2563eb', width: 2.5 }, fill: 'tozeroy', fillcolor: 'rgba(37,99,235,0.08)',
        hovertemplate: `Top %{x:.0%} of customers bring %{y:.0%} of their ${basis}<extra></extra>`,
      },
      { type: 'scatter', mode: 'lines', name: 'Equal share', x: [0, 1], y: [0, 1], line: { color: MUTED, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
    ],
    layout: baseLayout(`Share of ${basis} from the top customers (${who})`, {
      xaxis: { title: { text: 'Share of customers (highest first)' }, tickformat: '.0%', range: [0, 1] },
      yaxis: { title: { text: `Share of ${basis}` }, tickformat: '.0%', range: [0, 1.02] },
      annotations: [
        { x: 0.2, y: at20, text: `Top 20% → ${fmtPct(at20, 0)}`, showarrow: true, arrowhead: 2, ax: 60, ay: 30 },
      ],
    }),
  };
}

/** Profit curve with the best point and the budget point marked. */
export function profitCurveFigure(plan: CampaignPlan, currency: CurrencyCode): Figure {
  const cur = moneyPrefix(currency);
  const c = plan.curve;
  // marker labels lean away from the nearer side, so they are not cut at the plot's edge
  const xMax = Math.max(1, ...c.map((p) => p.targeted));
  const lean = (x: number) => (x > xMax * 0.6 ? 'left' : 'right');
  return {
    data: [
      {
        type: 'scatter', mode: 'lines', name: 'Expected profit', x: c.map((p) => p.targeted), y: c.map((p) => p.profit),
        line: { color: '#2563eb', width: 2.5 }, hovertemplate: `Contact top %{x:,} active customers<br>Profit ${cur}%{y:,.0f}<extra></extra>`,
      },
      {
        type: 'scatter', mode: 'markers+text', name: 'What-if: unlimited budget', x: [plan.best.targeted], y: [plan.best.profit],
        marker: { color: colorOf(2), size: 12 }, text: ['Unlimited budget'], textposition: `top ${lean(plan.best.targeted)}`, cliponaxis: false, hoverinfo: 'skip',
      },
      {
        type: 'scatter', mode: 'markers+text', name: 'Your campaign', x: [plan.campaign.targeted], y: [plan.campaign.profit],
        marker: { color: colorOf(3), size: 12, symbol: 'diamond' }, text: ['Your campaign'], textposition: `bottom ${lean(plan.campaign.targeted)}`, cliponaxis: false, hoverinfo: 'skip',
      },
    ],
    layout: baseLayout('Campaign profit by number of customers contacted', {
      xaxis: { title: { text: `Active customers contacted, of ${fmtInt(plan.population)}<br>(most value to save first)` }, tickformat: ',d' },
      yaxis: { title: { text: `Expected profit (${cur.trim()})` }, tickprefix: cur, tickformat: ',.0f' },
      // both points are labelled on the curve; a legend only repeated them and overlapped the two-line axis title on phones
      showlegend: false,
    }),
  };
}
