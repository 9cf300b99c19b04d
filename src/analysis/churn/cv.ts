/**
 * Stratified k-fold cross-validation of several model types. Every preprocessing step
 * (encoding levels, numeric scaling, tree bins, internal standardization) is fitted on the
 * training rows of each fold only; scores and importances come from the held-out rows.
 */
import type { CustomerFrame, Warning } from '../types';
import { fitDesign, transformDesign } from '../features/design';
import { mulberry32, sampleIndices } from '../random';
import { permutationImportance } from './importance';
import { rocAuc } from './metrics';
import { splitFold } from './folds';
import { capRows, subsampleWarning, type ModelSpec } from './models';

/** Held-out rows used for permutation importance per fold. */
export const IMPORTANCE_ROWS = 1_000;
/** Held-out rows encoded and scored at a time (bounds the memory of the design matrix). */
export const PREDICT_CHUNK = 50_000;

/** rows[idx[t]] for each t. */
export function pick(rows: Int32Array, idx: Int32Array): Int32Array {
  return Int32Array.from(idx, (t) => rows[t]);
}

export interface CvModelResult {
  oof: Float64Array;
  foldAuc: number[];
  /** mean AUC drop per source column, over folds */
  importance: { feature: string; value: number }[];
  fitMs: number;
}

/** Runs every spec on every fold; progress counts one step per model fold out of `totalSteps`. */
export async function crossValidate(
  frame: CustomerFrame,
  y: Uint8Array,
  specs: ModelSpec[],
  fold: Int32Array,
  k: number,
  seed: number,
  progress: (detail: string) => void,
  warnings: Warning[],
): Promise<CvModelResult[]> {
  const n = frame.n;
  const res: CvModelResult[] = specs.map(() => ({ oof: new Float64Array(n), foldAuc: [], importance: [], fitMs: 0 }));
  const imp = specs.map(() => new Map<string, number>());
  const sampled = new Set<ModelSpec>();
  for (let f = 0; f < k; f++) {
    const { train, test } = splitFold(fold, f);
    const design = fitDesign(frame, train);
    if (f === 0) warnings.push(...design.warnings);
    const d = design.d;
    // only the training rows some model uses are encoded (bounded memory on big files)
    const cap = Math.max(...specs.map((s) => s.maxTrain ?? Infinity));
    const pool = train.length > cap ? pick(train, sampleIndices(train.length, cap, mulberry32(seed * 31 + f + 7919))) : train;
    const tr = transformDesign(design, frame, pool);
    const ytr = Uint8Array.from(pool, (r) => y[r]);
    const yte = Uint8Array.from(test, (r) => y[r]);
    const rng = mulberry32(seed * 31 + f);
    const impRows = sampleIndices(test.length, IMPORTANCE_ROWS, rng);
    const Ximp = transformDesign(design, frame, pick(test, impRows)).X;
    const yimp = Uint8Array.from(impRows, (r) => yte[r]);
    const single = test.length <= PREDICT_CHUNK ? transformDesign(design, frame, test).X : null;
    for (let s = 0; s < specs.length; s++) {
      const spec = specs[s];
      const { X, y: yy } = capRows(tr.X, ytr, d, spec.maxTrain, rng);
      if (train.length > (spec.maxTrain ?? Infinity)) sampled.add(spec);
      const t0 = performance.now();
      const model = await spec.fit(X, yy, d, seed + 1000 * (f + 1));
      res[s].fitMs += performance.now() - t0;
      const p = new Float64Array(test.length);
      for (let a = 0; a < test.length; a += PREDICT_CHUNK) {
        const Xc = single ?? transformDesign(design, frame, test.subarray(a, a + PREDICT_CHUNK)).X;
        p.set(spec.predict(model, Xc), a);
      }
      test.forEach((r, t) => (res[s].oof[r] = p[t]));
      res[s].foldAuc.push(rocAuc(p, yte));
      const drops = permutationImportance((Xq) => spec.predict(model, Xq), Ximp, yimp, d, design.groups, rng);
      design.groups.forEach((g, t) => imp[s].set(g.name, (imp[s].get(g.name) ?? 0) + drops[t] / k));
      progress(`${spec.name} fold ${f + 1}/${k}`);
    }
  }
  if (sampled.size > 0) warnings.push(subsampleWarning(specs.filter((s) => sampled.has(s))));
  specs.forEach((_, s) => {
    res[s].fitMs /= k;
    res[s].importance = [...imp[s]].map(([feature, value]) => ({ feature, value })).sort((a, b) => b.value - a.value);
  });
  return res;
}
