/** One colour per segment (issue 18, point 8): every chart that draws segments, the page's dots and
 *  cards (segmentColor) and the HTML report give a segment the colour of its id, whatever order a
 *  chart sorts it in. The fixture's revenue-at-risk bars sort "New & risky" (id 1) first. */
import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { elbowFigure, pcaFigure, profileHeatmapFigure, silhouetteFigure } from './segments';
import { survivalFigure, survivalGroupings } from './retention';
import { paretoFigure, profitCurveFigure, riskBySegmentFigure } from './revenue';
import { plotText } from './text';
import { segmentColor, type Figure } from './theme';
import { buildReportHtml } from '../report/html';
import { esc } from '../report/svg';

const r = fixtureResult();
const seg = r.segmentation!;

/** Every chart built from the fixture that can show segments. */
function figures(): [string, Figure][] {
  const b = r.business!;
  const out: [string, Figure][] = [['elbow', elbowFigure(seg)], ['silhouette', silhouetteFigure(seg)], ['pca', pcaFigure(seg)], ['profile', profileHeatmapFigure(seg)]];
  for (const by of survivalGroupings(b.survival)) out.push([`survival ${by}`, survivalFigure(b.survival, by, null, seg)]);
  out.push(['risk', riskBySegmentFigure(b.revenue!, 'USD', seg)], ['pareto', paretoFigure(b.revenue!)], ['profit', profitCurveFigure(b.plan!, 'USD')]);
  return out;
}

type Trace = { name?: string; x?: unknown[]; marker?: { color?: string | string[] }; line?: { color?: string } };

/** [figure, segment name, colour] for every place a figure colours a segment: a trace named after
 *  it (legend entries, e.g. "Loyal (3 customers)") or a bar labelled with it. */
function segmentColours(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [fig, f] of figures()) {
    for (const t of f.data as Trace[]) {
      for (const s of seg.segments) {
        const label = plotText(s.name);
        const traceColor = typeof t.marker?.color === 'string' ? t.marker.color : t.line?.color;
        if (t.name !== undefined && (t.name === label || t.name.startsWith(`${label} (`)) && traceColor) out.push([fig, s.name, traceColor]);
        if (Array.isArray(t.marker?.color) && Array.isArray(t.x)) {
          const k = t.x.indexOf(label);
          if (k >= 0) out.push([fig, s.name, t.marker.color[k]]);
        }
      }
    }
  }
  return out;
}

describe('one colour per segment', () => {
  it('every chart colours a segment by its id', () => {
    const seen = segmentColours();
    const charts = new Set(seen.map(([f]) => f));
    // the segment charts are all found: PCA, retention by segment, revenue at risk
    expect([...charts].sort()).toEqual(['pca', 'risk', 'survival segment']);
    for (const [fig, name, colour] of seen) {
      const s = seg.segments.find((x) => x.name === name)!;
      expect(colour, `${fig}: ${name}`).toBe(segmentColor(s.id));
    }
    // the revenue chart sorts New & risky first, yet it keeps segment 1's colour
    const risk = figures().find(([f]) => f === 'risk')![1].data[0] as Trace;
    expect(risk.x![0]).toBe(plotText('New & risky'));
    expect((risk.marker!.color as string[])[0]).toBe(segmentColor(1));
    expect(segmentColor(0)).not.toBe(segmentColor(1));
  });

  it('the HTML report uses the same colours: cards, bars and the retention legend', () => {
    const html = buildReportHtml(r, new Date('2024-03-02T00:00:00Z'));
    for (const s of seg.segments) {
      const c = segmentColor(s.id);
      expect(html).toContain(`style="--c:${c}"><h3>${esc(s.name)}</h3>`);
      // a bar: the label text, then its rect in the segment colour
      const bars = [...html.matchAll(new RegExp(`>${esc(s.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</text><rect [^>]*rx="3" fill="([^"]+)"`, 'g'))].map((m) => m[1]);
      expect(bars.length).toBeGreaterThanOrEqual(3); // customers, churn rate, revenue at risk
      for (const b of bars) expect(b, s.name).toBe(c);
      // the retention legend: a swatch in the segment colour before the name
      expect(html).toMatch(new RegExp(`fill="${c}"/><text [^>]*>${esc(s.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</text>`));
    }
  });
});
