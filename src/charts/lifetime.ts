/**
 * Lifetime charts (pure): the back-test's cumulative repeat purchases and holdout purchases by
 * calibration frequency, the cohort grid (share who bought again, or revenue), and monthly revenue
 * movements. Labels here are months and counts the engine made; the file name passes plotText.
 */
import type { Backtest, CohortGrid, RevenueMonth } from '../analysis/lifetime/index';
import { baseLayout, MUTED, type Figure } from './theme';
import { plotText } from './text';
import { fmtInt, moneyPrefix, type CurrencyCode } from '../analysis/format';

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** Cumulative repeat purchase-days, actual vs BG/NBD, with the calibration end marked. */
export function cumulativeFigure(bt: Backtest): Figure {
  const x = Array.from(bt.cumulative.day, isoDay);
  const end = isoDay(bt.calibrationEnd);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'Actual', x, y: Array.from(bt.cumulative.actual), line: { color: '#1f2937', width: 2 }, hovertemplate: '%{x}<br>%{y:,.0f} repeat purchases (actual)<extra></extra>' },
      { type: 'scatter', mode: 'lines', name: 'BG/NBD expected', x, y: Array.from(bt.cumulative.expected), line: { color: '#2563eb', width: 2, dash: 'dash' }, hovertemplate: '%{x}<br>%{y:,.0f} repeat purchases (expected)<extra></extra>' },
    ],
    layout: baseLayout(`Cumulative repeat purchases, ${fmtInt(bt.customers)} customers who bought by ${end}`, {
      xaxis: { title: { text: 'Date' }, type: 'date' },
      yaxis: { title: { text: 'Repeat purchase-days (cumulative)' }, tickformat: ',.0f' },
      shapes: [{ type: 'line', x0: end, x1: end, yref: 'paper', y0: 0, y1: 1, line: { color: MUTED, dash: 'dot', width: 1 } }],
      annotations: [{ x: end, y: 1, yref: 'paper', text: 'calibration ends', showarrow: false, xanchor: 'right', yanchor: 'top', font: { color: MUTED, size: 11 } }],
    }),
  };
}

/** Mean holdout purchase-days per customer by number of repeat purchases in calibration. */
export function byFrequencyFigure(bt: Backtest): Figure {
  const x = bt.byFrequency.map((b) => b.label);
  const n = bt.byFrequency.map((b) => b.customers);
  return {
    data: [
      { type: 'bar', name: 'Actual', x, y: bt.byFrequency.map((b) => b.actual), customdata: n, marker: { color: '#1f2937' }, hovertemplate: '%{x} repeat purchases in calibration<br>%{y:.2f} per customer in the holdout (actual)<br>%{customdata:,} customers<extra></extra>' },
      { type: 'bar', name: 'BG/NBD expected', x, y: bt.byFrequency.map((b) => b.expected), customdata: n, marker: { color: '#2563eb' }, hovertemplate: '%{x} repeat purchases in calibration<br>%{y:.2f} per customer in the holdout (expected)<br>%{customdata:,} customers<extra></extra>' },
    ],
    layout: baseLayout(`Holdout purchases by calibration purchases (${Math.round(bt.holdoutWeeks)}-week holdout)`, {
      barmode: 'group',
      xaxis: { title: { text: 'Repeat purchases in the calibration period' }, type: 'category' },
      yaxis: { title: { text: 'Holdout purchase-days per customer' } },
    }),
  };
}

/** Cohort heat map: share of each acquisition month's customers who bought in each later month,
 *  or revenue as a share of the cohort's first month. Blank cells: not enough history. */
export function cohortFigure(g: CohortGrid, kind: 'share' | 'revenue', currency: CurrencyCode): Figure {
  const cur = moneyPrefix(currency);
  const z = kind === 'share' ? g.share : g.revenueShare;
  const maxOff = Math.max(0, ...z.map((row) => row.reduce<number>((m, v, k) => (v !== null ? k : m), 0)));
  const offsets = g.offsets.slice(1, maxOff + 1);
  const cut = (rows: (number | null)[][]) => rows.map((r) => r.slice(1, maxOff + 1));
  const custom = g.cohorts.map((_, i) => offsets.map((k) => [g.buyers[i][k] ?? -1, g.size[i], g.revenue[i][k] ?? -1]));
  const hover = kind === 'share'
    ? '%{y} cohort, month %{x}<br>%{z:.1%} bought again<br>%{customdata[0]:,} of %{customdata[1]:,} customers<extra></extra>'
    : `%{y} cohort, month %{x}<br>revenue %{z:.1%} of its first month<br>${cur}%{customdata[2]:,.0f}<extra></extra>`;
  return {
    data: [
      {
        type: 'heatmap', x: offsets, y: g.cohorts, z: cut(z), customdata: custom, hovertemplate: hover,
        colorscale: 'Blues', reversescale: true, zmin: 0, ...(kind === 'share' ? { zmax: Math.max(0.05, ...cut(z).flat().map((v) => v ?? 0)) } : {}),
        hoverongaps: false, colorbar: { tickformat: '.0%' },
      },
    ],
    layout: baseLayout(kind === 'share' ? 'Share of each cohort who bought again, by month since first purchase' : 'Revenue of each cohort by month since first purchase (share of month 0)', {
      xaxis: { title: { text: 'Months since first purchase (blank: not enough history yet)' }, dtick: 1 },
      yaxis: { title: { text: 'Acquisition month' }, type: 'category', autorange: 'reversed' },
    }),
  };
}

/** Monthly revenue movements as stacked bars, with net revenue retention on a second axis. */
export function movementsFigure(months: RevenueMonth[], currency: CurrencyCode, fileName = ''): Figure {
  const cur = moneyPrefix(currency);
  const x = months.map((m) => m.month);
  const bar = (name: string, key: 'new' | 'expansion' | 'reactivated' | 'contraction' | 'churned', color: string) => ({
    type: 'bar', name, x, y: months.map((m) => m[key]), marker: { color }, hovertemplate: `%{x}<br>${name}: ${cur}%{y:,.0f}<extra></extra>`,
  });
  return {
    data: [
      bar('New', 'new', '#10b981'),
      bar('Expansion', 'expansion', '#2563eb'),
      bar('Reactivated', 'reactivated', '#8b5cf6'),
      bar('Contraction', 'contraction', '#f59e0b'),
      bar('Churned', 'churned', '#ef4444'),
      { type: 'scatter', mode: 'lines+markers', name: 'Net revenue retention', x, y: months.map((m) => m.nrr), yaxis: 'y2', line: { color: '#1f2937' }, hovertemplate: '%{x}<br>NRR %{y:.0%}<extra></extra>' },
    ],
    layout: baseLayout(`Monthly revenue movements${fileName ? ` in ${plotText(fileName)}` : ''}`, {
      barmode: 'relative',
      yaxis: { title: { text: `Revenue change (${cur.trim()})` }, tickprefix: cur, tickformat: ',.0f' },
      // automargin: the right margin grows to hold the ticks and the title (they overlapped in 20 px)
      yaxis2: { title: { text: 'NRR' }, overlaying: 'y', side: 'right', tickformat: '.0%', rangemode: 'tozero', showgrid: false, automargin: true },
    }),
  };
}
