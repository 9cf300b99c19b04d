/** Churn-model charts: ROC, precision-recall, calibration, importance, probability histogram,
 *  and the confusion matrix at a threshold. */
import type { ChurnResult, ModelReport } from '../analysis/churn/types';
import { baseLayout, colorOf, MUTED, thin, type Figure } from './theme';
import { plotText } from './text';
import { fmtPct, fmtScore } from '../analysis/format';

function modelColor(churn: ChurnResult, m: ModelReport): string {
  return colorOf(churn.models.indexOf(m));
}

/** A legend entry from an engine label (never file text), broken into lines of at most `max` characters:
 *  "Average of Gradient-boosted trees and Logistic regression (L2, splines and interactions)" would not
 *  fit a phone, and inside the plot it covered the curves. */
export function legendLines(s: string, max = 44): string[] {
  const lines: string[] = [];
  for (const w of s.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + w.length <= max) lines[last] += ` ${w}`;
    else lines.push(w);
  }
  return lines;
}

/** The layout part that puts the legend under the plot, one model per entry, the figure taller by its lines. */
function legendBelow(names: string[][]): Record<string, unknown> {
  const lines = names.reduce((a, n) => a + n.length, 0);
  const legendPx = 20 * lines + 10;
  const height = 330 + legendPx, top = 48, bottom = 62 + legendPx;
  return {
    height,
    margin: { l: 60, r: 20, t: top, b: bottom },
    legend: { orientation: 'v', x: 0, xanchor: 'left', y: -58 / (height - top - bottom), yanchor: 'top', tracegroupgap: 2 },
  };
}

/** ROC curves of every model (out-of-fold), chance diagonal dashed. */
export function rocFigure(churn: ChurnResult): Figure {
  const names = [...churn.models.map((m) => legendLines(`${m.label} (AUC ${fmtScore(m.cvRocAuc.mean)})`)), ['Chance']];
  const data: Record<string, unknown>[] = churn.models.map((m, k) => ({
    type: 'scatter', mode: 'lines', name: names[k].map(plotText).join('<br>'),
    x: thin(m.roc).map((p) => p.x), y: thin(m.roc).map((p) => p.y),
    line: { color: modelColor(churn, m), width: m.name === churn.best ? 3 : 1.5 },
    hovertemplate: 'False positive rate %{x:.2f}<br>True positive rate %{y:.2f}<extra></extra>',
  }));
  data.push({ type: 'scatter', mode: 'lines', name: 'Chance', x: [0, 1], y: [0, 1], line: { color: MUTED, dash: 'dash', width: 1 }, hoverinfo: 'skip' });
  return {
    data,
    layout: baseLayout('ROC curve (out-of-fold)', {
      ...legendBelow(names),
      xaxis: { title: { text: 'False positive rate' }, range: [0, 1] },
      yaxis: { title: { text: 'True positive rate (recall)' }, range: [0, 1.02] },
    }),
  };
}

/** Precision-recall curves of every model, base rate dashed. */
export function prFigure(churn: ChurnResult): Figure {
  const names = [...churn.models.map((m) => legendLines(`${m.label} (AP ${fmtScore(m.prAuc)})`)), [`Base rate ${fmtPct(churn.positiveRate)}`]];
  const data: Record<string, unknown>[] = churn.models.map((m, k) => ({
    type: 'scatter', mode: 'lines', name: names[k].map(plotText).join('<br>'),
    x: thin(m.pr).map((p) => p.x), y: thin(m.pr).map((p) => p.y),
    line: { color: modelColor(churn, m), width: m.name === churn.best ? 3 : 1.5 },
    hovertemplate: 'Recall %{x:.2f}<br>Precision %{y:.2f}<extra></extra>',
  }));
  data.push({
    type: 'scatter', mode: 'lines', name: `Base rate ${fmtPct(churn.positiveRate)}`, x: [0, 1],
    y: [churn.positiveRate, churn.positiveRate], line: { color: MUTED, dash: 'dash', width: 1 }, hoverinfo: 'skip',
  });
  return {
    data,
    layout: baseLayout('Precision–recall curve (out-of-fold)', {
      ...legendBelow(names),
      xaxis: { title: { text: 'Recall' }, range: [0, 1] },
      yaxis: { title: { text: 'Precision' }, range: [0, 1.02] },
    }),
  };
}

/** Reliability diagram: predicted vs observed churn rate per bin. */
export function calibrationFigure(churn: ChurnResult): Figure {
  const bins = churn.calibration.filter((b) => b.count > 0);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'Perfect calibration', x: [0, 1], y: [0, 1], line: { color: MUTED, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
      {
        type: 'scatter', mode: 'lines+markers', name: 'Model', x: bins.map((b) => b.predicted), y: bins.map((b) => b.observed),
        marker: { size: bins.map((b) => 6 + 14 * Math.sqrt(b.count / maxCount)), color: '#2563eb' },
        customdata: bins.map((b) => b.count),
        hovertemplate: 'Predicted %{x:.0%}<br>Observed %{y:.0%}<br>%{customdata:,} customers<extra></extra>',
      },
    ],
    layout: baseLayout('Calibration: predicted vs. actual churn', {
      legend: { x: 0.02, xanchor: 'left', y: 0.98, yanchor: 'top', bgcolor: 'rgba(255,255,255,0.85)' },
      xaxis: { title: { text: 'Predicted churn probability' }, range: [0, 1], tickformat: '.0%' },
      yaxis: { title: { text: 'Observed churn rate' }, range: [0, 1], tickformat: '.0%' },
    }),
  };
}

/** Horizontal bars of the best model's feature importance (top `top`). */
export function importanceFigure(churn: ChurnResult, top = 15): Figure {
  const best = churn.models.find((m) => m.name === churn.best) ?? churn.models[0];
  const items = (best?.importance ?? []).slice().sort((a, b) => b.value - a.value).slice(0, top).reverse();
  return {
    data: [
      {
        type: 'bar', orientation: 'h', x: items.map((i) => i.value), y: items.map((i) => plotText(i.feature)),
        marker: { color: '#2563eb' }, hovertemplate: '%{y}: %{x:.3f}<extra></extra>',
      },
    ],
    layout: baseLayout('What drives churn (importance in the best model)', {
      margin: { l: 200, r: 20, t: 48, b: 50 }, showlegend: false,
      xaxis: { title: { text: 'Importance' } },
      height: Math.max(320, 28 * items.length + 100),
    }),
  };
}

/** Histogram of churn probabilities (20 bins), split by actual outcome when `y` is given. */
export function probabilityHistogramFigure(probability: ArrayLike<number>, y?: ArrayLike<number> | null, nBins = 20): Figure {
  const counts = [new Array(nBins).fill(0), new Array(nBins).fill(0)];
  for (let i = 0; i < probability.length; i++) {
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(probability[i] * nBins)));
    counts[y ? (y[i] ? 1 : 0) : 0][b]++;
  }
  const centers = Array.from({ length: nBins }, (_, i) => (i + 0.5) / nBins);
  const data: Record<string, unknown>[] = y
    ? [
        { type: 'bar', name: 'Stayed', x: centers, y: counts[0], marker: { color: '#10b981' }, hovertemplate: '%{x:.0%}: %{y:,} customers<extra>Stayed</extra>' },
        { type: 'bar', name: 'Churned', x: centers, y: counts[1], marker: { color: '#ef4444' }, hovertemplate: '%{x:.0%}: %{y:,} customers<extra>Churned</extra>' },
      ]
    : [{ type: 'bar', name: 'Customers', x: centers, y: counts[0], marker: { color: '#2563eb' }, hovertemplate: '%{x:.0%}: %{y:,} customers<extra></extra>' }];
  return {
    data,
    layout: baseLayout('Distribution of churn probability', {
      barmode: 'stack', bargap: 0.05,
      xaxis: { title: { text: 'Predicted churn probability' }, tickformat: '.0%', range: [0, 1] },
      yaxis: { title: { text: 'Customers' }, tickformat: ',d' },
    }),
  };
}

