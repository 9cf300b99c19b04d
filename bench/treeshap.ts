/**
 * TreeSHAP against the Saabas path walk on Telco (`node --import tsx bench/treeshap.ts`): the final
 * models as the churn stage fits them (all rows, seed 42), process CPU time per call (median of 7,
 * after a warm-up; CPU, not wall time, as the machine may be shared) and how often the top reason (largest |points| group) is the same. Reads the shared
 * Telco file (outside the repo); prints JSON.
 */
import { fitDesign, screenDesign, transformDesign } from '../src/analysis/features/design';
import { dropLeaks } from '../src/analysis/churn/leakage';
import { MAX_DESIGN_COLUMNS } from '../src/analysis/churn/jobs/jobs';
import { MODEL_SPECS } from '../src/analysis/churn/models/models';
import { forestGroupPoints, gbdtGroupPoints, groupOfColumns, type TreeAttribution } from '../src/analysis/churn/explain/pathReasons';
import type { ForestModel } from '../src/analysis/churn/models/forest';
import type { GbdtModel } from '../src/analysis/churn/models/gbdt';
import { telcoFrame } from '../src/analysis/testing/telco';
import { TREESHAP_MAX_WORK, treeShapWork } from '../src/analysis/churn/explain/treeShap';

const frame0 = await telcoFrame();
const frame = dropLeaks(frame0, frame0.y!).frame;
const n = frame.n;
const all = Int32Array.from({ length: n }, (_, i) => i);
const design = screenDesign(fitDesign(frame, all), frame, all, frame.y!, MAX_DESIGN_COLUMNS);
const X = transformDesign(design, frame, all).X;
const y = frame.y!;
const G = design.groups.length;
const groupOf = groupOfColumns(design);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function top1(pts: Float64Array): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => {
    let b = 0;
    for (let g = 1; g < G; g++) if (Math.abs(pts[i * G + g]) > Math.abs(pts[i * G + b])) b = g;
    return b;
  });
}

const out: Record<string, unknown> = { rows: n, groups: G };
for (const name of ['gbdt', 'forest'] as const) {
  const spec = MODEL_SPECS.find((s) => s.name === name)!;
  const model = await spec.fit(X, y, 42);
  const run = (m: TreeAttribution) => (name === 'gbdt' ? gbdtGroupPoints(model as GbdtModel, X, groupOf, G, m) : forestGroupPoints(model as ForestModel, X, groupOf, G, m));
  const time = (m: TreeAttribution) => {
    run(m);
    const ts: number[] = [];
    for (let r = 0; r < 7; r++) {
      const c = process.cpuUsage();
      run(m);
      const u = process.cpuUsage(c);
      ts.push((u.user + u.system) / 1000);
    }
    return median(ts);
  };
  const saabas = time('saabas');
  const shap = time('treeshap');
  const a = top1(run('saabas'));
  const b = top1(run('treeshap'));
  let same = 0;
  for (let i = 0; i < n; i++) same += +(a[i] === b[i]);
  const trees = (model as GbdtModel | ForestModel).trees;
  out[name] = {
    trees: trees.roots.length, nodes: trees.feature.length, depth: name === 'gbdt' ? (model as GbdtModel).params.maxDepth : (model as ForestModel).params.maxDepth,
    treeShapWork: n * treeShapWork(trees, groupOf), reasonsUse: n * treeShapWork(trees, groupOf) <= TREESHAP_MAX_WORK ? 'treeshap' : 'saabas',
    saabasMs: +saabas.toFixed(1), treeShapMs: +shap.toFixed(1), costRatio: +(shap / saabas).toFixed(1), top1Agreement: +(same / n).toFixed(4),
  };
}
console.log(JSON.stringify(out, null, 1));
