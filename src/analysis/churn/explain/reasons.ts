/**
 * Per-customer top reasons. Every model's reasons are per source column (design group)
 * contributions in probability points; names read like "Contract=Month-to-month" (the
 * customer's level) or "tenure (low)" / "tenure (high)" (below or above a numeric cut).
 * The logistic model's contribution of a column is coef x standardized value (one-hot
 * columns and its spline columns summed, half of each interaction it is part of), converted to points as p(customer) - p(customer with that column at the
 * average); tree models' come from their decision paths (pathReasons.ts).
 */
import type { Design } from '../../features/design';
import type { Matrix } from '../../math/matrix';
import type { CustomerReasons } from '../types';
import { sigmoid, type LogisticModel } from '../models/logistic';
import { coefGroups } from '../models/logisticTerms';
import { termValue } from '../models/terms';

/** Reasons smaller than this many probability points are not shown. */
export const MIN_REASON_POINTS = 0.05;

/** Reason names of a design: one per categorical column, "(low)" then "(high)" per numeric group. */
export interface ReasonNaming {
  reasonNames: string[];
  /** name index per design column (categorical columns), -1 elsewhere */
  colName: Int32Array;
  /** per group: index of its "(low)" name (numeric), -1 for categorical groups */
  lowName: Int32Array;
}

export function reasonNaming(design: Design): ReasonNaming {
  const reasonNames: string[] = [];
  const colName = new Int32Array(design.d).fill(-1);
  const lowName = new Int32Array(design.groups.length).fill(-1);
  design.groups.forEach((g, t) => {
    if (g.kind === 'numeric') {
      lowName[t] = reasonNames.length;
      reasonNames.push(`${g.name} (low)`, `${g.name} (high)`);
      // a "=(blank)" indicator follows the value column
      if (g.count > 1) reasonNames.push(`${g.name} (blank)`);
    } else
      for (let c = g.start; c < g.start + g.count; c++) {
        colName[c] = reasonNames.length;
        reasonNames.push(design.names[c]);
      }
  });
  return { reasonNames, colName, lowName };
}

/** nameOf[t] = the reason name of group t for the row of X starting at `row`: the level whose one-hot column is 1
 *  (-1 when none, e.g. an unseen level), numeric groups "(high)" when X >= cut[start]. */
export function rowReasonNames(design: Design, naming: ReasonNaming, X: Float64Array, row: number, cut: ArrayLike<number>, nameOf: Int32Array): void {
  const groups = design.groups;
  for (let t = 0; t < groups.length; t++) {
    const g = groups[t];
    if (g.kind === 'numeric') nameOf[t] = naming.lowName[t] + (g.count > 1 && X[row + g.start + 1] === 1 ? 2 : X[row + g.start] >= cut[g.start] ? 1 : 0);
    else {
      let name = -1;
      for (let j = g.start; j < g.start + g.count; j++) if (X[row + j] === 1) name = naming.colName[j];
      nameOf[t] = name;
    }
  }
}

/** Writes the top R groups by |pts| (named, |pts| >= MIN_REASON_POINTS) at reasonFeature/reasonValue[at .. at + R);
 *  nameOf is consumed (set to -1 for the chosen groups). */
export function pickTopReasons(pts: ArrayLike<number>, nameOf: Int32Array, R: number, reasonFeature: Int16Array, reasonValue: Float32Array, at: number): void {
  const G = nameOf.length;
  for (let r = 0; r < R; r++) {
    let best = -1;
    for (let t = 0; t < G; t++) if (nameOf[t] >= 0 && (best < 0 || Math.abs(pts[t]) > Math.abs(pts[best]))) best = t;
    if (best < 0 || Math.abs(pts[best]) < MIN_REASON_POINTS) break;
    reasonFeature[at + r] = nameOf[best];
    reasonValue[at + r] = pts[best];
    nameOf[best] = -1;
  }
}

/** Top `R` (default 3) reasons per row of X (n x d, encoded with `design`), largest |points| first. */
export function logisticReasons(model: LogisticModel, design: Design, Xm: Matrix, R = 3): CustomerReasons {
  const { d, coef, mean, sd } = model;
  const { n, data: X } = Xm;
  const naming = reasonNaming(design);
  const G = design.groups.length;
  const reasonFeature = new Int16Array(n * R).fill(-1);
  const reasonValue = new Float32Array(n * R);
  const pts = new Float64Array(G);
  const nameOf = new Int32Array(G);
  // every coefficient's column goes to its source column(s): splines to theirs, interactions half to each
  const owners = coefGroups(model, design.groups);
  const terms = model.terms ?? [];
  for (let i = 0; i < n; i++) {
    let z = model.intercept;
    const row = i * d;
    pts.fill(0);
    for (let j = 0; j < coef.length; j++) {
      const x = j < d ? X[row + j] : termValue(terms[j - d], X, row);
      const c = (coef[j] * (x - mean[j])) / sd[j];
      for (const o of owners[j]) pts[o.group] += c * o.share;
      z += c;
    }
    rowReasonNames(design, naming, X, row, mean, nameOf);
    const p = sigmoid(z);
    for (let t = 0; t < G; t++) pts[t] = 100 * (p - sigmoid(z - pts[t]));
    pickTopReasons(pts, nameOf, R, reasonFeature, reasonValue, i * R);
  }
  return { reasonsPerCustomer: R, reasonNames: naming.reasonNames, reasonFeature, reasonValue };
}
