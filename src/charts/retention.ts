/** Retention charts: Kaplan-Meier survival curves grouped by segment or by a column (the method is named in the
 *  Retention panel's "For analysts" fold, not in the title a manager reads). */
import type { SurvivalCurve } from '../analysis/business/types';
import { baseLayout, colorOf, MUTED, segmentColorByName, type Figure } from './theme';
import type { SegmentationResult } from '../analysis/segment/types';
import { plotText } from './text';
import { fmtInt, fmtValue } from '../analysis/format';
import { spanWords } from '../analysis/business/tenureWords';

/** The grouping keys present besides 'all' (e.g. 'segment', 'Contract'), 'segment' first. */
export function survivalGroupings(curves: readonly SurvivalCurve[]): string[] {
  const keys = [...new Set(curves.map((c) => c.by))].filter((b) => b !== 'all');
  return keys.sort((a, b) => (a === 'segment' ? -1 : b === 'segment' ? 1 : a.localeCompare(b)));
}

/** Step curves of the share of customers still active by month, one line per group of `by`,
 *  with the all-customers curve dashed for reference. `years` (result.business.retentionInYears:
 *  tenure in whole years, curves on multiples of 12 months): the x axis counts years, a tick a year. */
export function survivalFigure(curves: readonly SurvivalCurve[], by: string, note: string | null = null, seg: Pick<SegmentationResult, 'segments'> | null = null, years = false): Figure {
  const groups = curves.filter((c) => c.by === by);
  // segments keep their own colour (as in every chart); other groupings take the series palette
  const segColor = segmentColorByName(seg);
  const color = (c: SurvivalCurve, i: number) => (by === 'segment' ? segColor(c.group) : colorOf(i));
  const all = curves.find((c) => c.by === 'all');
  // a year file's points carry their span in words ("after 2 years"), a month file's read "Month 12"
  // a curve that drops at month 0 (a log's customers who never bought again) is drawn from 100%, so the drop shows
  const start = (c: SurvivalCurve) => (c.times[0] === 0 && c.survival[0] < 1 ? { times: [0, ...c.times], survival: [1, ...c.survival] } : c);
  const xy = (curve: SurvivalCurve) => {
    const c = start(curve);
    return years ? { x: c.times.map((t) => t / 12), y: c.survival, text: c.times.map((t) => spanWords(t, true)) } : { x: c.times, y: c.survival };
  };
  const at = years ? 'After %{text}' : 'Month %{x:.1~f}'; // a log's months are fractional (17.9), a table's whole (12)
  const data: Record<string, unknown>[] = groups.map((c, i) => ({
    type: 'scatter', mode: 'lines', line: { shape: 'hv', color: color(c, i), width: 2 },
    name: `${plotText(c.group)} (${fmtInt(c.n)} customers)`, ...xy(c),
    hovertemplate: `${plotText(c.group)}<br>${at}: %{y:.1%} still active<extra></extra>`,
  }));
  if (all && by !== 'all') {
    data.push({
      type: 'scatter', mode: 'lines', line: { shape: 'hv', color: MUTED, dash: 'dash', width: 1.5 },
      name: 'All customers', ...xy(all),
      hovertemplate: `All customers<br>${at}: %{y:.1%}<extra></extra>`,
    });
  }
  const label = by === 'segment' ? 'segment' : by === 'all' ? 'all customers' : plotText(by);
  // the curves end at the longest observed tenure: say so, instead of implying a value beyond
  const until = Math.max(0, ...groups.map((c) => c.observedUntil ?? c.times[c.times.length - 1] ?? 0));
  const annotations: Record<string, unknown>[] = [];
  if (until > 0)
    annotations.push({ x: years ? until / 12 : until, y: 1, xanchor: 'right', yanchor: 'bottom', showarrow: false, font: { size: 11, color: MUTED }, text: `not enough history beyond ${years ? spanWords(until, true) : `${fmtValue(until)} months`}` });
  if (note) annotations.push({ x: 0, y: 0.02, xref: 'paper', yref: 'paper', xanchor: 'left', showarrow: false, font: { size: 11, color: '#b45309' }, text: plotText(note) });
  return {
    data,
    layout: baseLayout(`Retention over time by ${label}`, {
      xaxis: years ? { title: { text: 'Years as customer' }, tick0: 0, dtick: 1 } : { title: { text: 'Months as customer' } },
      yaxis: { title: { text: 'Share still active' }, tickformat: '.0%', range: [0, 1.02] },
      annotations,
    }),
  };
}
