/** Cell text is never markup in charts (issue 12): every chart spec built from an analysis of a
 *  table whose column names and category values are Plotly markup carries that text escaped. */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from '../analysis/engine';
import type { AnalysisResult } from '../analysis/result';
import { markupRows, field } from '../../scripts/corpus/markup';
import { calibrationFigure, importanceFigure, prFigure, probabilityHistogramFigure, rocFigure } from './churn';
import { elbowFigure, pcaFigure, profileHeatmapFigure, silhouetteFigure } from './segments';
import { survivalFigure, survivalGroupings } from './retention';
import { paretoFigure, profitCurveFigure, riskBySegmentFigure } from './revenue';
import { byFrequencyFigure, cohortFigure, cumulativeFigure, movementsFigure } from './lifetime';
import { runLifetime, collapseLines } from '../analysis/lifetime/index';
import { simulateLog, DEMO_BGNBD, DEMO_SPEND } from '../analysis/lifetime/synthetic';
import { plotText } from './text';
import type { Figure } from './theme';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

/** Every chart the dashboard draws for a result. */
function allFigures(r: AnalysisResult): [string, Figure][] {
  const out: [string, Figure][] = [];
  const seg = r.segmentation!;
  out.push(['elbow', elbowFigure(seg)], ['silhouette', silhouetteFigure(seg)], ['pca', pcaFigure(seg)], ['profile', profileHeatmapFigure(seg)]);
  const churn = r.churn!;
  out.push(['roc', rocFigure(churn)], ['pr', prFigure(churn)], ['calibration', calibrationFigure(churn)], ['importance', importanceFigure(churn, 100)]);
  out.push(['histogram', probabilityHistogramFigure(churn.oof, null)]);
  const curves = r.business!.survival;
  for (const by of survivalGroupings(curves)) out.push([`survival ${by}`, survivalFigure(curves, by, null, seg)]);
  const rev = r.business!.revenue!;
  out.push(['risk', riskBySegmentFigure(rev, 'USD', seg)], ['pareto', paretoFigure(rev)]);
  out.push(['profit', profitCurveFigure(r.business!.plan!, 'USD')]);
  // lifetime charts (transaction logs): a log whose customer ids are markup, and a markup file name
  const lines = simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers: 200, weeks: 52, seed: 2 });
  const log = collapseLines({ ...lines, id: Array.from(lines.id, (id) => `<a href="https://example.org/${id}">${id}</a>`) });
  const lt = runLifetime(log, log.ids, { seed: 1, discountRate: 0.1, margin: 0.7 });
  out.push(['cumulative', cumulativeFigure(lt.backtest!)], ['frequency', byFrequencyFigure(lt.backtest!)]);
  out.push(['cohorts', cohortFigure(lt.cohorts, 'share', 'USD')], ['cohort revenue', cohortFigure(lt.cohorts, 'revenue', 'USD')]);
  out.push(['movements', movementsFigure(lt.movements, 'USD', '<a href="https://example.org/f">file.csv</a>')]);
  return out;
}

/** The builders allFigures calls. */
const COVERED = ['elbowFigure', 'silhouetteFigure', 'pcaFigure', 'profileHeatmapFigure', 'rocFigure', 'prFigure', 'calibrationFigure', 'importanceFigure', 'probabilityHistogramFigure', 'survivalFigure', 'riskBySegmentFigure', 'paretoFigure', 'profitCurveFigure', 'cumulativeFigure', 'byFrequencyFigure', 'cohortFigure', 'movementsFigure'];

/** Every string in a spec, with its path. */
function strings(v: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`, out);
  return out;
}

/** The markup our own specs use on purpose; anything else with '<' came from data. */
const OURS = /<br>|<\/?extra>/g;

describe('chart specs from a table of markup names and values', () => {
  it('carry every data string escaped, and only our own <br>/<extra> as markup', async () => {
    const csv = markupRows(300).map((r) => r.map(field).join(',')).join('\n');
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.load(csv, 'markup.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    const res = await engine.analyze({ seed: 1, folds: 3, models: ['logistic'] });
    if (!res.ok) throw new Error(res.message);
    const figures = allFigures(res.result);
    const all = figures.flatMap(([name, f]) => strings(f, name));
    const live = all.filter(([, s]) => s.replace(OURS, '').includes('<'));
    expect(live).toEqual([]);
    // the data did reach the charts, escaped: names on the importance and heat-map axes, values in legends
    const text = all.map(([, s]) => s).join('\n');
    expect(text).toContain(plotText('<a href="https://example.org/n">Score</a>'));
    expect(text).toContain('&lt;span style=&#34;color:red&#34;&gt;Contract&lt;/span&gt;');
    expect(text).toContain(plotText('<a href="https://example.org/y">Two year</a>'));
    expect(text).toContain('&#37;{y} &lt;br&gt;&amp;amp; more');
    // the figures themselves hold no raw payload anywhere (titles, hover templates, ticks)
    expect(text).not.toMatch(/<(a|b|i|span|sub|sup)[\s>]/i);
  }, 60_000);

  it('covers every chart builder in src/charts (a new one must join allFigures above)', () => {
    const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts', '!./*.test-helper.ts'], { eager: true });
    const builders = Object.values(modules).flatMap((m) => Object.keys(m).filter((k) => k.endsWith('Figure') && typeof m[k] === 'function'));
    expect(builders.sort()).toEqual(COVERED.slice().sort());
  });

  it('plotText escapes & < > " \' and %, and leaves other text alone', () => {
    expect(plotText('<a href="x">R&D\'s 5%</a>')).toBe('&lt;a href=&#34;x&#34;&gt;R&amp;D&#39;s 5&#37;&lt;/a&gt;');
    expect(plotText('Month-to-month')).toBe('Month-to-month');
    expect(plotText(null)).toBe('');
  });
});
