import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { elbowFigure, pcaFigure, profileHeatmapFigure, profileValueText, silhouetteFigure } from './segments';
import { confusionAt } from '../analysis/churn/evaluation/metrics';
import { calibrationFigure, importanceFigure, legendLines, prFigure, probabilityHistogramFigure, rocFigure } from './churn';
import { survivalFigure, survivalGroupings } from './retention';
import { paretoFigure, profitCurveFigure, riskBySegmentFigure } from './revenue';
import { fmtInt, fmtMoney, fmtMoneyShort, fmtPct } from '../analysis/format';

const r = fixtureResult();
type T = { x: number[]; y: number[]; name?: string; z?: (number | null)[][] };

describe('segment charts', () => {
  it('elbow and silhouette mark the chosen K', () => {
    const e = elbowFigure(r.segmentation!);
    expect((e.data[0] as unknown as T).x).toEqual([2, 3, 4]);
    expect((e.data[1] as unknown as T).x).toEqual([2]);
    expect((e.data[1] as unknown as T).y).toEqual([100]);
    expect((silhouetteFigure(r.segmentation!).data[1] as unknown as T).y).toEqual([0.31]);
  });
  it('PCA scatter has one trace per segment plus outliers, every point once', () => {
    const f = pcaFigure(r.segmentation!);
    expect(f.data).toHaveLength(3);
    const xs = f.data.map((d) => (d as unknown as T).x);
    expect(xs[0]).toEqual([1, 2, 1.5]);
    expect(xs[1]).toEqual([-1, -2]);
    expect(xs[2]).toEqual([-3]);
  });
  it('heat-map indexes segment means against the base (100 = average)', () => {
    const z = (profileHeatmapFigure(r.segmentation!).data[0] as unknown as T).z!;
    expect(z[0]).toEqual([200, 129]); // 40/20, 90/70
    expect(z[1]).toEqual([25, 79]);
  });
  it('heat-map cells and hovers carry units; a phone gets it turned, columns down the side', () => {
    // units as the engine keeps them (segment/profiles.ts profileUnits); "constructor" has none, whatever the object's prototype
    const seg = { ...r.segmentation!, units: { tenure: 'months', MonthlyCharges: 'money' } };
    const d = profileHeatmapFigure(seg, undefined, { currency: 'EUR' }).data[0] as unknown as T & { text: string[][]; customdata: string[][]; showscale: boolean };
    expect(d.text[0]).toEqual(['40 months', '€90']);
    expect(d.customdata[0]).toEqual(['20 months', '€70']); // the average customer, in the hover
    expect(d.showscale).toBe(true);
    const phone = profileHeatmapFigure(seg, undefined, { currency: 'EUR', narrow: true }).data[0] as unknown as T & { text: string[][]; showscale: boolean };
    expect(phone.y).toEqual(['tenure', 'MonthlyCharges']);
    expect(phone.text).toEqual([['40 months', '5 months'], ['€90', '€55']]);
    expect(phone.z).toEqual([[200, 25], [129, 79]]);
    expect(phone.showscale).toBe(false);
    expect(profileValueText({ units: { SeniorCitizen: 'share' } }, 'SeniorCitizen', 0.162)).toBe('16%');
    expect(profileValueText({ units: JSON.parse('{}') }, 'constructor', 3.25)).toBe('3.25');
    expect(profileValueText({}, 'tenure', 28.34)).toBe('28.3'); // saved before units were kept: the bare number
    expect(profileValueText({ units: { tenure: 'months' } }, 'tenure', 14.3)).toBe('14 months'); // whole from 10 up, as the descriptions
    expect(profileValueText({ units: { tenure: 'months' } }, 'tenure', 7.25)).toBe('7.25 months');
  });
});

describe('churn charts', () => {
  it('ROC and PR carry one trace per model plus a reference line', () => {
    expect(rocFigure(r.churn!).data).toHaveLength(2);
    expect((prFigure(r.churn!).data[1] as unknown as T).y[0]).toBeCloseTo(1 / 3);
    expect((calibrationFigure(r.churn!).data[1] as unknown as T).x).toEqual([0.1, 0.7]);
  });
  it('long model names wrap in a legend under the plot, the figure taller by their lines', () => {
    const long = 'Average of Gradient-boosted trees and Logistic regression (L2, splines and interactions) (AUC 0.865)';
    expect(legendLines(long)).toEqual(['Average of Gradient-boosted trees and', 'Logistic regression (L2, splines and', 'interactions) (AUC 0.865)']);
    expect(legendLines('Chance')).toEqual(['Chance']);
    const one = rocFigure(r.churn!).layout, two = rocFigure({ ...r.churn!, models: [r.churn!.models[0], { ...r.churn!.models[0], name: 'gbdt', label: long }] }).layout;
    expect((one.legend as { y: number }).y).toBeLessThan(0); // below the x axis, never over the curves
    expect(two.height as number).toBeGreaterThan(one.height as number);
  });
  it('importance is sorted with the largest at the top', () => {
    expect((importanceFigure(r.churn!).data[0] as unknown as { y: string[] }).y).toEqual(['tenure', 'Contract=Month-to-month']);
  });
  it('histogram counts every customer once, split by outcome', () => {
    const f = probabilityHistogramFigure(r.churn!.probability, Uint8Array.from([0, 1, 0, 0, 0, 1]), 10);
    const total = f.data.flatMap((d) => (d as unknown as T).y).reduce((a, b) => a + b, 0);
    expect(total).toBe(6);
    expect((f.data[1] as unknown as T).y[8]).toBe(1); // p = 0.8 churner
    expect((f.data[1] as unknown as T).y[9]).toBe(1); // p = 0.9 churner
  });
  it('confusion matrix at a threshold', () => {
    const c = confusionAt([0.1, 0.8, 0.6, 0.3], [0, 1, 0, 1], 0.5);
    expect(c).toMatchObject({ tp: 1, fp: 1, tn: 1, fn: 1, precision: 0.5, recall: 0.5, accuracy: 0.5, flagged: 2 });
    expect(confusionAt([0.5], [1], 0.5).tp).toBe(1);
  });
});

describe('retention and revenue charts', () => {
  it('survival groupings and curves', () => {
    expect(survivalGroupings(r.business!.survival)).toEqual(['segment', 'Contract']);
    const f = survivalFigure(r.business!.survival, 'segment');
    expect(f.data).toHaveLength(3); // 2 segments + all customers
    const notes = (survivalFigure(r.business!.survival, 'segment', 'Segments are built on tenure').layout.annotations as { text: string }[]).map((a) => a.text);
    expect(notes).toEqual(['not enough history beyond 20 months', 'Segments are built on tenure']);
  });
  it('a year file counts the x axis in years, a tick a year; a month file in months', () => {
    const curve = (group: string, by: string) => ({ group, by, times: [0, 12, 24, 36], survival: [1, 0.9, 0.8, 0.7], atRisk: [10, 9, 8, 7], medianLifetime: null, at: { m6: null, m12: 0.9, m24: 0.8 }, n: 10, observedUntil: 36 });
    const curves = [curve('All customers', 'all'), curve('France', 'Geography')];
    type L = { xaxis: { title: { text: string }; dtick?: number }; annotations: { text: string }[] };
    const y = survivalFigure(curves, 'Geography', null, null, true);
    expect((y.layout as L).xaxis).toMatchObject({ title: { text: 'Years as customer' }, tick0: 0, dtick: 1 });
    expect((y.data[0] as unknown as T).x).toEqual([0, 1, 2, 3]);
    expect((y.data[0] as unknown as { text: string[] }).text[1]).toBe('1 year');
    expect((y.data[1] as unknown as { hovertemplate: string }).hovertemplate).toBe('All customers<br>After %{text}: %{y:.1%}<extra></extra>');
    expect((y.layout as L).annotations[0].text).toBe('not enough history beyond 3 years');
    const m = survivalFigure(curves, 'Geography');
    expect((m.layout as L).xaxis).toMatchObject({ title: { text: 'Months as customer' } });
    expect((m.layout as L).xaxis.dtick).toBeUndefined();
    expect((m.data[0] as unknown as T).x).toEqual([0, 12, 24, 36]);
    expect((m.layout as L).annotations[0].text).toBe('not enough history beyond 36 months');
  });
  it("a purchase log's curve: drawn from 100% when it drops at month 0, fractional months said to one decimal", () => {
    const log = { group: 'All customers', by: 'all', times: [0, 4.25, 17.938398], survival: [0.48, 0.3, 0.23], atRisk: [100, 40, 20], medianLifetime: 0, at: { m6: 0.3, m12: 0.23, m24: null }, n: 100, observedUntil: 17.938398 };
    const f = survivalFigure([log], 'all');
    expect((f.data[0] as unknown as T).x).toEqual([0, 0, 4.25, 17.938398]);
    expect((f.data[0] as unknown as { y: number[] }).y).toEqual([1, 0.48, 0.3, 0.23]);
    expect((f.data[0] as unknown as { hovertemplate: string }).hovertemplate).toContain('Month %{x:.1~f}');
    expect((f.layout as { annotations: { text: string }[] }).annotations[0].text).toBe('not enough history beyond 17.9 months');
  });
  it('revenue at risk sorted, pareto passes through', () => {
    expect((riskBySegmentFigure(r.business!.revenue!, 'USD', r.segmentation).data[0] as unknown as { x: string[] }).x[0]).toBe('New &amp; risky'); // labels are escaped for Plotly (text.ts)
    expect((paretoFigure(r.business!.revenue!).data[0] as unknown as T).y).toEqual([0, 0.31, 0.7, 1]);
    // the curve names whom it covers and what it sums (every number names its population)
    const rev = r.business!.revenue!;
    const named = paretoFigure({ ...rev, pareto: { ...rev.pareto, basis: 'total charges to date', customers: 7043 } }).layout as { title: { text: string }; xaxis: { title: { text: string } } };
    expect(named.title.text).toBe('Share of total charges to date from the top customers (all 7,043 customers)');
    expect(named.xaxis.title.text).toBe('Share of customers (highest first)');
    expect((paretoFigure(rev).layout as { title: { text: string } }).title.text).toBe('Share of revenue from the top customers (all customers)'); // saved before the basis was kept
  });
  it('profit curve figure marks the plan and the unlimited-budget what-if', () => {
    const f = profitCurveFigure(r.business!.plan!, 'USD');
    expect(f.data).toHaveLength(3);
    expect((f.data[2] as unknown as T).x).toEqual([r.business!.plan!.campaign.targeted]);
    expect((paretoFigure(r.business!.revenue!).layout.annotations as { text: string }[])[0].text).toContain('31%');
  });
});

describe('format', () => {
  it('uses units and thousands separators', () => {
    expect(fmtInt(7043)).toBe('7,043');
    expect(fmtPct(0.26537)).toBe('26.5%');
    expect(fmtMoney(64.761, 'USD')).toBe('$64.76');
    expect(fmtMoney(16056.2, 'USD')).toBe('$16,056');
    expect(fmtMoneyShort(1_234_567, 'USD')).toBe('$1.23M');
    expect(fmtPct(null)).toBe('–');
  });
});

describe('fitTitle', () => {
  it('breaks a long title at spaces to fit a phone, leaves a short one alone', async () => {
    const { fitTitle } = await import('./theme');
    expect(fitTitle('Elbow', 300)).toBe('Elbow');
    const t = fitTitle('Silhouette score by K (higher = better separated)', 300);
    expect(t.split('<br>').length).toBe(2);
    for (const line of t.split('<br>')) expect(line.length).toBeLessThanOrEqual(36);
    expect(t.replace(/<br>/g, ' ')).toBe('Silhouette score by K (higher = better separated)');
  });
});
