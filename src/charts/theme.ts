/** Shared look of every chart: palette, fonts, margins. Pure data. */

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** Series colours (models, markers); segments use segmentColor. */
export const PALETTE = [
  '#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6',
  '#06b6d4', '#ec4899', '#84cc16', '#64748b', '#d97706',
];
/** The i-th series colour (not for segments: see segmentColor). */
export const colorOf = (i: number): string => PALETTE[i % PALETTE.length];

/** Colour of a group that is no segment (e.g. unassigned customers). */
export const NO_SEGMENT = '#9ca3af';

/** THE colour of a segment, keyed by its id: every chart, table dot, card and the report use it,
 *  so a segment looks the same everywhere whatever order a chart sorts its bars in. */
export function segmentColor(id: number | null | undefined): string {
  return id == null || !Number.isInteger(id) || id < 0 ? NO_SEGMENT : PALETTE[id % PALETTE.length];
}

/** Segment colour by segment name (for results that carry names, e.g. revenue by segment or
 *  retention curves): names map to ids through the segmentation (a Map: names come from data). */
export function segmentColorByName(seg: { segments: readonly { id: number; name: string }[] } | null | undefined): (name: string) => string {
  const ids = new Map((seg?.segments ?? []).map((s) => [s.name, s.id] as const));
  return (name) => segmentColor(ids.get(name));
}

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

/** A chart title broken into lines that fit `widthPx` (about 7.5 px a character at 15 px), so a
 *  long title is not cut off on a phone. Breaks only at spaces, with Plotly's <br>; the text is
 *  already escaped by the builders (plotText). */
export function fitTitle(text: string, widthPx: number): string {
  const max = Math.max(16, Math.floor((widthPx - 24) / 7.5));
  if (text.length <= max) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}
