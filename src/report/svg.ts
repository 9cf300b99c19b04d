/** Tiny static SVG charts for the offline HTML report (no script, no network). All text escaped. */
import { colorOf } from '../charts/theme';
import { esc } from '../charts/text';

export { esc };

export interface BarSpec {
  title: string;
  labels: string[];
  values: number[];
  format: (v: number) => string;
  /** one colour per bar (segment colours by id); default: the series palette */
  colors?: string[];
}

/** Horizontal bar chart, one colour per bar (segment colours). */
export function barSvg(spec: BarSpec): string {
  const rowH = 30, labelW = 190, chartW = 360, valueW = 90, top = 30;
  const h = top + rowH * spec.labels.length + 10;
  const max = Math.max(1e-9, ...spec.values.map((v) => Math.abs(v)));
  const rows = spec.labels.map((label, i) => {
    const y = top + i * rowH;
    const w = Math.max(1, (Math.abs(spec.values[i]) / max) * chartW);
    return `<text x="${labelW - 8}" y="${y + 19}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${labelW}" y="${y + 5}" width="${w.toFixed(1)}" height="${rowH - 10}" rx="3" fill="${spec.colors?.[i] ?? colorOf(i)}"/>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 19}">${esc(spec.format(spec.values[i]))}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(spec.title)}" viewBox="0 0 ${labelW + chartW + valueW} ${h}" width="100%" font-family="system-ui, sans-serif" font-size="13" fill="#1f2937">` +
    `<text x="0" y="16" font-weight="600" font-size="14">${esc(spec.title)}</text>${rows.join('')}</svg>`;
}

export interface LineSeries {
  name: string;
  /** default: the series palette by position */
  color?: string;
  x: number[];
  y: number[];
}
export interface LineSpec {
  title: string;
  series: LineSeries[];
  xLabel: string;
  yFormat: (v: number) => string;
  yMax?: number;
  /** draw as steps (survival curves) */
  step?: boolean;
}

/** Line chart with axes, 5 y ticks and a legend below. */
export function lineSvg(spec: LineSpec): string {
  const W = 640, left = 56, right = 16, top = 30, plotH = 240, bottom = 40;
  const legendRows = Math.ceil(spec.series.length / 3);
  const H = top + plotH + bottom + legendRows * 20;
  const xs = spec.series.flatMap((s) => s.x);
  const xMax = Math.max(1e-9, ...xs), xMin = Math.min(0, ...xs);
  const yMax = spec.yMax ?? Math.max(1e-9, ...spec.series.flatMap((s) => s.y));
  const px = (x: number) => left + ((x - xMin) / (xMax - xMin || 1)) * (W - left - right);
  const py = (y: number) => top + plotH - (y / yMax) * plotH;
  const grid: string[] = [];
  for (let t = 0; t <= 4; t++) {
    const v = (yMax * t) / 4, y = py(v).toFixed(1);
    grid.push(`<line x1="${left}" x2="${W - right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${left - 6}" y="${y}" dy="4" text-anchor="end" font-size="11">${esc(spec.yFormat(v))}</text>`);
  }
  const paths = spec.series.map((s, i) => {
    let d = '';
    for (let k = 0; k < s.x.length; k++) {
      const X = px(s.x[k]).toFixed(1), Y = py(s.y[k]).toFixed(1);
      if (k === 0) d += `M${X},${Y}`;
      else d += spec.step ? `H${X}V${Y}` : `L${X},${Y}`;
    }
    return `<path d="${d}" fill="none" stroke="${s.color ?? colorOf(i)}" stroke-width="2"/>`;
  });
  const legend = spec.series.map((s, i) => {
    const x = left + (i % 3) * 200, y = top + plotH + bottom + Math.floor(i / 3) * 20;
    return `<rect x="${x}" y="${y - 9}" width="12" height="4" fill="${s.color ?? colorOf(i)}"/><text x="${x + 18}" y="${y}" font-size="12">${esc(s.name)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(spec.title)}" viewBox="0 0 ${W} ${H}" width="100%" font-family="system-ui, sans-serif" font-size="12" fill="#1f2937">` +
    `<text x="0" y="16" font-weight="600" font-size="14">${esc(spec.title)}</text>${grid.join('')}` +
    `<line x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#9ca3af"/>` +
    `<text x="${left}" y="${top + plotH + 16}" font-size="11">${esc(String(Math.round(xMin)))}</text>` +
    `<text x="${W - right}" y="${top + plotH + 16}" font-size="11" text-anchor="end">${esc(String(Math.round(xMax)))}</text>` +
    `<text x="${(left + W - right) / 2}" y="${top + plotH + 28}" text-anchor="middle" font-size="12">${esc(spec.xLabel)}</text>` +
    `${paths.join('')}${legend.join('')}</svg>`;
}
