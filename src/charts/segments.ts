/** Segmentation charts: elbow and silhouette curves, PCA scatter, profile heat-map. */
import type { SegmentationResult } from '../analysis/segment/types';
import { baseLayout, segmentColor, type Figure } from './theme';
import { plotText } from './text';
import { fmtInt, fmtPct } from '../analysis/format';

function kCurve(seg: SegmentationResult, key: 'inertia' | 'silhouette', title: string, yTitle: string): Figure {
  const xs = seg.kSweep.map((e) => e.k);
  const ys = seg.kSweep.map((e) => e[key]);
  const chosen = seg.kSweep.find((e) => e.k === seg.k);
  // room above the highest point for the "K = k" label (it was cut when the chosen K was the top)
  const finite = ys.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lo = Math.min(...finite), hi = Math.max(...finite), pad = (hi - lo || Math.abs(hi) || 1) * 0.18;
  const data: Record<string, unknown>[] = [
    {
      type: 'scatter', mode: 'lines+markers', name: yTitle, x: xs, y: ys,
      line: { color: '#2563eb', width: 2 }, marker: { size: 7 },
      hovertemplate: `K = %{x}<br>${yTitle} = %{y:,.3f}<extra></extra>`,
    },
  ];
  if (chosen) {
    data.push({
      type: 'scatter', mode: 'markers+text', name: `Chosen K = ${seg.k}`, x: [seg.k], y: [chosen[key]],
      marker: { size: 14, color: '#ef4444', symbol: 'star' }, text: [`K = ${seg.k}`], textposition: 'top center', cliponaxis: false,
      hovertemplate: `Chosen K = %{x}<extra></extra>`,
    });
  }
  return {
    data,
    layout: baseLayout(title, {
      yaxis: { title: { text: yTitle }, ...(finite.length ? { range: [lo - pad, hi + pad * 1.6] } : {}) },
      xaxis: { title: { text: 'Number of segments (K)' }, dtick: 1, range: [Math.min(...xs) - 0.4, Math.max(...xs) + 0.4] },
      showlegend: false,
      shapes: chosen
        ? [{ type: 'line', x0: seg.k, x1: seg.k, yref: 'paper', y0: 0, y1: 1, line: { color: '#ef4444', dash: 'dot', width: 1 } }]
        : [],
    }),
  };
}

/** Elbow curve: within-cluster inertia by K, chosen K marked. */
export const elbowFigure = (seg: SegmentationResult): Figure =>
  kCurve(seg, 'inertia', 'Elbow: within-segment spread by K', 'Inertia');

/** Silhouette by K, chosen K marked. */
export const silhouetteFigure = (seg: SegmentationResult): Figure =>
  kCurve(seg, 'silhouette', 'Silhouette score by K (higher = better separated)', 'Silhouette');

/** PCA scatter coloured by segment; DBSCAN outliers drawn as crosses. At most `maxPoints` points. */
export function pcaFigure(seg: SegmentationResult, maxPoints = 3000): Figure {
  const { x, y, index } = seg.pca;
  const n = Math.min(x.length, index.length);
  const step = n > maxPoints ? n / maxPoints : 1;
  const bySeg = seg.segments.map(() => ({ x: [] as number[], y: [] as number[] }));
  const out = { x: [] as number[], y: [] as number[] };
  for (let f = 0; f < n; f += step) {
    const j = Math.floor(f);
    const c = index[j];
    const s = seg.labels[c];
    if (seg.outlier[c] === 1) {
      out.x.push(x[j]);
      out.y.push(y[j]);
    } else if (bySeg[s]) {
      bySeg[s].x.push(x[j]);
      bySeg[s].y.push(y[j]);
    }
  }
  const data: Record<string, unknown>[] = seg.segments.map((s, i) => ({
    type: 'scatter', mode: 'markers', name: plotText(s.name), x: bySeg[i].x, y: bySeg[i].y,
    marker: { color: segmentColor(s.id), size: 5, opacity: 0.6 },
    hovertemplate: `${plotText(s.name)}<extra></extra>`,
  }));
  data.push({
    type: 'scatter', mode: 'markers', name: `Outliers (${fmtInt(seg.outliers)})`, x: out.x, y: out.y,
    marker: { color: '#111827', size: 7, symbol: 'x' }, hovertemplate: 'Outlier<extra></extra>',
  });
  const [e1, e2] = seg.pca.explained;
  return {
    data,
    layout: baseLayout('Customers on the two main axes of variation (PCA)', {
      xaxis: { title: { text: `PC1 (${fmtPct(e1, 0)} of variance)` }, zeroline: false },
      yaxis: { title: { text: `PC2 (${fmtPct(e2, 0)} of variance)` }, zeroline: false },
    }),
  };
}

/** Profile heat-map: each segment's mean of each numeric feature as an index (100 = base average).
 *  label: a feature's name on the page (model/featureColumns.ts featureLabel: the user's column names); default as stored. */
export function profileHeatmapFigure(seg: SegmentationResult, label: (feature: string) => string = (f) => f): Figure {
  const features = Object.keys(seg.segments[0]?.profile.baseMeans ?? {});
  const z: (number | null)[][] = [];
  const text: string[][] = [];
  for (const s of seg.segments) {
    const row: (number | null)[] = [];
    const trow: string[] = [];
    for (const f of features) {
      const m = s.profile.means[f];
      const b = s.profile.baseMeans[f];
      const idx = Number.isFinite(m) && Number.isFinite(b) && b !== 0 ? (m / b) * 100 : null;
      row.push(idx == null ? null : Math.round(idx));
      trow.push(Number.isFinite(m) ? m.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '');
    }
    z.push(row);
    text.push(trow);
  }
  return {
    data: [
      {
        type: 'heatmap', z, x: features.map((f) => plotText(label(f))), y: seg.segments.map((s) => plotText(s.name)), text,
        texttemplate: '%{text}', colorscale: [[0, '#2563eb'], [0.5, '#f8fafc'], [1, '#ef4444']],
        zmid: 100, colorbar: { title: { text: '% of<br>average' }, thickness: 14 },
        hovertemplate: '%{y}<br>%{x}: %{text} (%{z}% of the average customer)<extra></extra>',
      },
    ],
    layout: baseLayout('Segment averages by column (red: above average, blue: below)', {
      // the axes' automargin fits the segment names and column labels; no fixed 160 px (a phone's chart is ~340 px wide)
      margin: { l: 20, r: 20, t: 48, b: 40 },
      xaxis: { tickangle: -35 },
      yaxis: { autorange: 'reversed' },
    }),
  };
}
