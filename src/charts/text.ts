/**
 * The one door through which text from the user's file (column names, category values, ids,
 * names derived from them) enters a chart spec or the report's HTML. Plotly renders a subset of
 * HTML in titles, tick labels, legend entries, hover text and annotations (`<a href>`, `<b>`,
 * `<br>`, `<span style>`) and decodes HTML entities when it draws; escaped, such text is drawn
 * literally. Only labels pass here, never the numeric data arrays.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Plotly decodes only a few named entities (amp, lt, gt, ...), but every numeric one.
const PLOT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;', '%': '&#37;' };
const HTML_SPECIAL = /[&<>"']/g;
const PLOT_SPECIAL = /[&<>"'%]/g;

/** Escapes text for HTML/SVG content and attribute values (& < > " '). */
export function esc(v: unknown): string {
  return String(v ?? '').replace(HTML_SPECIAL, (c) => HTML[c]);
}

/** `s` as literal text in any Plotly string (label, name, title, part of a hovertemplate): as
 *  `esc`, with `%` too, so a name such as `%{x}` is not filled in by a hovertemplate. */
export function plotText(s: unknown): string {
  return String(s ?? '').replace(PLOT_SPECIAL, (c) => PLOT[c]);
}
