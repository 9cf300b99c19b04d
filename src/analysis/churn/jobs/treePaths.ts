/**
 * Per-customer attributions of a tree model's final refit (TreeSHAP within its budget, else the
 * decision-path walk), computed from the refit's fitted model and design only for the models whose
 * reasons are shown (assemble.ts: every scoring model is a tree model). They used to run inside
 * every tree model's final job; on Telco the logistic model is a scoring member, so its reasons are
 * shown and the GBDT's attributions (~0.1 s of TreeSHAP plus a reason name per row and group) were
 * thrown away (issue 19). A pure function of (plan, refit): the same bits wherever it runs.
 */
import type { Matrix } from '../../math/matrix';
import { transformDesign } from '../../features/design';
import { MODEL_SPECS } from '../models/models';
import type { ForestModel } from '../models/forest';
import type { GbdtModel } from '../models/gbdt';
import { reasonNaming, rowReasonNames } from '../explain/reasons';
import { forestGroupPoints, gbdtGroupPoints, groupOfColumns, type TreeAttribution } from '../explain/pathReasons';
import { TREESHAP_MAX_WORK, treeShapWork } from '../explain/treeShap';
import type { ChurnPlan } from './plan';
import { PATH_REASONS_MAX_ROWS, PREDICT_CHUNK, type FinalJobResult, type ModelName } from './jobs';

/** Per-customer, per-group reason points of one model (n x groups, row-major) with each cell's reason name. */
export interface PathPoints {
  groups: number;
  /** contribution in probability points */
  points: Float32Array;
  /** index into reasonNames (the customer's level, or the numeric group's low/high side), -1 = none */
  names: Int16Array;
  reasonNames: string[];
  /** exact TreeSHAP, or the Saabas path walk where TreeSHAP would cost too much (treeShap.ts TREESHAP_MAX_WORK) */
  method: TreeAttribution;
}

/** Whether a model's final refit attributes each customer's score itself: tree models, up to PATH_REASONS_MAX_ROWS rows. */
export const attributes = (model: ModelName, n: number): boolean => (model === 'forest' || model === 'gbdt') && n <= PATH_REASONS_MAX_ROWS;

/** The attributions of a tree model's final refit `r` (attributes(r.model, n) must hold) on every row of the plan's frame. */
export function treePaths(plan: ChurnPlan, r: FinalJobResult): PathPoints {
  const { frame } = plan;
  const n = frame.n;
  const { model, design } = r.fitted;
  const nan = MODEL_SPECS.find((s) => s.name === r.model)!.missingAsNaN === true;
  const d = design.d;
  const G = design.groups.length;
  const groupOf = groupOfColumns(design);
  const trees = (model as ForestModel | GbdtModel).trees;
  // exact TreeSHAP where its cost (leaves x path groups per row) fits the budget, else the path walk
  const method: TreeAttribution = n * treeShapWork(trees, groupOf) <= TREESHAP_MAX_WORK ? 'treeshap' : 'saabas';
  const points = (Xc: Matrix) => (r.model === 'forest' ? forestGroupPoints(model as ForestModel, Xc, groupOf, G, method) : gbdtGroupPoints(model as GbdtModel, Xc, groupOf, G, method));
  const naming = reasonNaming(design);
  const paths: PathPoints = { groups: G, points: new Float32Array(n * G), names: new Int16Array(n * G), reasonNames: naming.reasonNames, method };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const cut = new Float64Array(d); // numeric columns are standardized: low/high about the design mean
  const nameOf = new Int32Array(G);
  for (let a = 0; a < n; a += PREDICT_CHUNK) {
    const Xc = transformDesign(design, frame, all.subarray(a, a + PREDICT_CHUNK), nan).X;
    paths.points.set(points(Xc), a * G);
    for (let i = 0; i < Xc.n; i++) {
      rowReasonNames(design, naming, Xc.data, i * d, cut, nameOf);
      paths.names.set(nameOf, (a + i) * G);
    }
  }
  return paths;
}
