/** Shared look of every chart: palette, fonts, margins. Pure data. */

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** Segment colours, stable by segment id. */
export const PALETTE = [
  '#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6',
  '#06b6d4', '#ec4899', '#84cc16', '#64748b', '#d97706',
];
export const colorOf = (i: number): string => PALETTE[i % PALETTE.length];

export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const GRID = '#e5e7eb';

/** A base layout; `extra` is merged on top (shallow, axes merged one level). */
export function baseLayout(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const axis = { gridcolor: GRID, zerolinecolor: GRID, linecolor: GRID, automargin: true };
  const { xaxis, yaxis, ...rest } = extra as { xaxis?: object; yaxis?: object };
  return {
    title: { text: title, font: { size: 15, color: INK }, x: 0, xanchor: 'left' },
    font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12, color: INK },
    margin: { l: 60, r: 20, t: 48, b: 50 },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    hoverlabel: { bgcolor: '#ffffff', bordercolor: GRID, font: { color: INK } },
    legend: { orientation: 'h', y: -0.28, yanchor: 'top' },
    xaxis: { ...axis, ...(xaxis ?? {}) },
    yaxis: { ...axis, ...(yaxis ?? {}) },
    ...rest,
  };
}

/** Evenly thin a series to at most `max` points (keeps first and last). */
export function thin<T>(xs: readonly T[], max = 200): T[] {
  if (xs.length <= max) return xs.slice();
  const out: T[] = [];
  const step = (xs.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(xs[Math.round(i * step)]);
  return out;
}
