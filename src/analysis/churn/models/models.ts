/** Registry of churn model types: one fit/predict pair per name, all over plain data. */
import { fitForest, predictForest, type ForestModel } from './forest';
import { fitGbdt, predictGbdt, type GbdtModel } from './gbdt';
import { searchGbdt } from './gbdtSearch';
import { predictLogistic, type LogisticModel } from './logistic';
import { fitLogisticTerms } from './logisticTerms';
import type { DesignGroup } from '../../features/design';
import type { Matrix } from '../../math/matrix';
import { fitMlp, predictMlp, type MlpModel } from './mlp';

export type ChurnModel = LogisticModel | MlpModel | GbdtModel | ForestModel;

export interface ModelSpec {
  name: 'logistic' | 'mlp' | 'gbdt' | 'forest';
  label: string;
  /** seed is mixed into the model's own params; groups: the design's source columns (X's column blocks; without them the logistic has no extra terms);
   *  tune: choose the model's settings on an inner split of these rows (GBDT search, ridge C) instead of the defaults */
  fit: (X: Matrix, y: Uint8Array, seed: number, groups?: DesignGroup[], tune?: boolean) => Promise<ChurnModel>;
  predict: (model: ChurnModel, X: Matrix) => Float64Array;
  /** training rows above this are subsampled (seeded) for this model, to bound time and memory */
  maxTrain?: number;
  /** the model learns where missing values go: blank numeric cells reach it as NaN (transformDesign) */
  missingAsNaN?: boolean;
  /** fit's `tune` changes this model (else a tuned run's jobs give the same bits as a plain run's) */
  tunable?: boolean;
}

export const MODEL_SPECS: ModelSpec[] = [
  {
    name: 'logistic',
    label: 'Logistic regression (L2, splines and interactions)',
    fit: (X, y, seed, groups, tune) => fitLogisticTerms(X, y, groups ?? [], {}, {}, tune ? { seed } : undefined),
    predict: (m, X) => predictLogistic(m as LogisticModel, X),
    maxTrain: 30_000,
    tunable: true,
  },
  {
    name: 'gbdt',
    label: 'Gradient-boosted trees',
    fit: async (X, y, seed, _groups, tune) => (tune ? searchGbdt(X, y, { seed }).model : fitGbdt(X, y, { seed })),
    predict: (m, X) => predictGbdt(m as GbdtModel, X),
    maxTrain: 20_000,
    missingAsNaN: true,
    tunable: true,
  },
  {
    name: 'forest',
    label: 'Random forest',
    fit: (X, y, seed) => fitForest(X, y, { seed }),
    predict: (m, X) => predictForest(m as ForestModel, X),
    maxTrain: 20_000,
  },
  {
    name: 'mlp',
    label: 'Neural network (MLP)',
    fit: (X, y, seed) => fitMlp(X, y, { seed }),
    predict: (m, X) => predictMlp(m as MlpModel, X),
    maxTrain: 10_000,
  },
];

export const MODEL_NAMES = MODEL_SPECS.map((s) => s.name);

/** The warning for models trained on a subsample. */
export function subsampleWarning(specs: ModelSpec[]): { code: string; message: string; count: number } {
  const what = specs.map((s) => `${s.label} (${(s.maxTrain ?? 0).toLocaleString('en-US')})`).join(', ');
  return {
    code: 'churn/subsampled',
    message: `To keep training fast on this many rows, these models were trained on a random subsample of the training rows: ${what}`,
    count: specs.length,
  };
}

/** The settings a fitted model was given or chose (the model table's "For analysts" fold says them). */
export function modelSettings(m: ChurnModel): Record<string, number> | null {
  if (m.kind === 'gbdt') return { depth: m.params.maxDepth, learningRate: m.params.learningRate, minLeafWeight: m.params.minChildWeight, trees: m.nTrees };
  if (m.kind === 'logistic') return { C: m.params.C };
  return null;
}
