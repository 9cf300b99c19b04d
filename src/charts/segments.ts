/** Segmentation charts: elbow and silhouette curves, PCA scatter, profile heat-map. */
import type { SegmentationResult } from '../analysis/segment/types';
import { baseLayout, segmentColor, type Figure } from './theme';
import { plotText } from './text';
import { DEFAULT_CURRENCY, fmtInt, fmtPct, type CurrencyCode } from '../analysis/format';
import { fmtWithUnit } from '../analysis/features/columnUnits';

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

/** A segment's (or the base's) average of a profiled column with its unit (segmentation.units, profiles.ts): "$73", "29 months" (28.6),
 *  "16%" for a 0/1 column; a bare number when the unit is unknown (results saved before units were kept). */
export function profileValueText(seg: Pick<SegmentationResult, 'units'>, feature: string, v: number, currency: CurrencyCode = DEFAULT_CURRENCY): string {
  if (!Number.isFinite(v)) return '';
  // units may come back from a saved file as a plain object: own keys only ("constructor" is a column name too)
  const unit = seg.units && Object.hasOwn(seg.units, feature) ? seg.units[feature] : null;
  if (unit === 'share') return fmtPct(v, 0);
  // whole months, days or orders from 10 up, as the segment descriptions write them ("14 vs 28 months"): a phone's cell holds it
  return fmtWithUnit(unit && unit !== 'money' && Math.abs(v) >= 10 ? Math.round(v) : v, unit, currency);
}

/** Profile heat-map: each segment's mean of each numeric feature as an index (100 = base average), each cell and hover
 *  with its unit. label: a feature's name on the page (model/featureColumns.ts featureLabel: the user's column names);
 *  narrow (a phone): columns down the side and segments across, so the cells are wide enough for their text, no colour bar. */
export function profileHeatmapFigure(
  seg: SegmentationResult,
  label: (feature: string) => string = (f) => f,
  opts: { currency?: CurrencyCode; narrow?: boolean } = {},
): Figure {
  const features = Object.keys(seg.segments[0]?.profile.baseMeans ?? {});
  const text = (f: string, v: number) => profileValueText(seg, f, v, opts.currency);
  // rows x columns as drawn: segments x features, or features x segments on a phone
  const cell = (s: SegmentationResult['segments'][number], f: string) => {
    const m = s.profile.means[f];
    const b = s.profile.baseMeans[f];
    const idx = Number.isFinite(m) && Number.isFinite(b) && b !== 0 ? Math.round((m / b) * 100) : null;
    return { z: idx, text: text(f, m), base: text(f, b) };
  };
  const grid = opts.narrow ? features.map((f) => seg.segments.map((s) => cell(s, f))) : seg.segments.map((s) => features.map((f) => cell(s, f)));
  const segNames = seg.segments.map((s) => plotText(s.name));
  const colNames = features.map((f) => plotText(label(f)));
  return {
    data: [
      {
        type: 'heatmap',
        z: grid.map((r) => r.map((c) => c.z)),
        text: grid.map((r) => r.map((c) => c.text)),
        customdata: grid.map((r) => r.map((c) => c.base)),
        x: opts.narrow ? segNames : colNames,
        y: opts.narrow ? colNames : segNames,
        texttemplate: '%{text}', textfont: { size: opts.narrow ? 13 : 12 },
        colorscale: [[0, '#2563eb'], [0.5, '#f8fafc'], [1, '#ef4444']],
        zmid: 100, showscale: !opts.narrow, colorbar: { title: { text: '% of<br>average' }, thickness: 14 },
        hovertemplate: `${opts.narrow ? '%{x}<br>%{y}' : '%{y}<br>%{x}'}: %{text}, %{z}% of the average customer's %{customdata}<extra></extra>`,
        xgap: 2, ygap: 2,
      },
    ],
    layout: baseLayout('Segment averages by column (red: above average, blue: below)', {
      // the axes' automargin fits the segment names and column labels; no fixed 160 px (a phone's chart is ~340 px wide)
      margin: { l: 20, r: opts.narrow ? 8 : 20, t: 48, b: 40 },
      xaxis: { tickangle: opts.narrow ? -25 : -35 },
      yaxis: { autorange: 'reversed' },
    }),
  };
}
