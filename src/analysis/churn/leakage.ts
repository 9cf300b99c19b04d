/**
 * The target-leak screen, one for the whole engine: a column that names the churn outcome, or
 * that alone separates churners almost perfectly (ROC-AUC >= 0.99 either way). Used by the
 * cleaning step (columns excluded with a finding) and by the churn stage (features of any frame,
 * aggregated logs included, dropped with a warning). One measure for both kinds of column:
 * numbers by their values, categories by the churn rate of their level measured out of fold
 * (in-sample level rates called ordinary many-level columns perfect at small base rates). No claim at all with fewer than MIN_MINORITY rows in the smaller
 * class: a handful of churners is separated perfectly by chance.
 */
import type { CategoricalFeature, CustomerFrame, NumericFeature, Warning } from '../types';
import { MAX_LEVELS } from '../features/design';
import { mulberry32, sampleIndices } from '../random';

/** Names that describe the churn outcome itself (IBM's extended Telco: "Churn Score", "Churn Reason"...). */
export const LEAK_NAME = /churn|attrition|exit(ed)?[ _-]?(date|reason)|cancel(l)?ation[ _-]?(date|reason)|leave[ _-]?reason|^(cltv)$/i;

export const LEAK_AUC = 0.99;
/** The screen looks at a seeded sample of at most this many rows (an AUC of 0.99 is clear on far fewer). */
export const LEAK_ROWS = 50_000;
/** Fewest churners (or stayers) for any leak claim. */
export const MIN_MINORITY = 5;

/** Rank AUC of a numeric score against y (0/1), ties averaged. Returns 0.5 when a class is empty.
 *  Each class's scores are sorted natively and merged (no index sort with a comparator: that was
 *  most of the cleaning stage at 704,300 rows). The rank sum is a sum of half-integers below 2^52,
 *  so it is exact in any order: the same bits as summing rank by rank over an index sort. */
export function rankAuc(score: Float64Array, y: Uint8Array): number {
  const n = score.length;
  let pos = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) pos++;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  const p = new Float64Array(pos);
  const q = new Float64Array(neg);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const v = score[i];
    if (v !== v) return rankAucBySort(score, y); // NaN: keep the comparator sort's own ordering
    if (y[i] === 1) p[a++] = v;
    else q[b++] = v;
  }
  p.sort();
  q.sort();
  let rankSum = 0;
  for (let i = 0, j = 0, r = 0; i < pos || j < neg; ) {
    const v = i < pos && (j >= neg || p[i] <= q[j]) ? p[i] : q[j];
    const i0 = i;
    const j0 = j;
    while (i < pos && p[i] === v) i++;
    while (j < neg && q[j] === v) j++;
    const tied = i - i0 + (j - j0);
    rankSum += (i - i0) * ((2 * r + tied - 1) / 2 + 1);
    r += tied;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** rankAuc by an index sort: only for scores with NaN, where the comparator's order is its own. */
function rankAucBySort(score: Float64Array, y: Uint8Array): number {
  const n = score.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[idx[j + 1]] === score[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]] === 1) {
      pos++;
      rankSum += avgRank;
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Folds of the out-of-fold level rates. */
const LEVEL_FOLDS = 5;

/** Each row's churn rate of its level measured on the other folds (5 stratified folds; missing
 *  is a level; a level absent from the other folds scores their overall rate). Out of fold, not
 *  in-sample (churners' own levels would rank them first: many-level columns looked perfect at
 *  small base rates) and not leave-one-out (removing a row's own outcome ranks churners below
 *  stayers of the same level: few-level columns looked perfectly inverse). */
export function levelScore(codes: ArrayLike<number>, nLevels: number, y: Uint8Array): Float64Array {
  const { score, fold } = levelCells(codes, nLevels, y);
  return Float64Array.from({ length: y.length }, (_, i) => score[(codes[i] >= 0 ? codes[i] : nLevels) * LEVEL_FOLDS + fold[i]]);
}

/** levelScore per (level, fold) cell: every row of a cell scores the same, so the rank AUC needs
 *  only the cells (score, churners, rows), never a score per row. */
function levelCells(codes: ArrayLike<number>, nLevels: number, y: Uint8Array) {
  const n = y.length;
  const L = nLevels + 1;
  const pos = new Float64Array(L * LEVEL_FOLDS);
  const cnt = new Float64Array(L * LEVEL_FOLDS);
  const posAll = new Float64Array(L);
  const cntAll = new Float64Array(L);
  const foldPos = new Float64Array(LEVEL_FOLDS);
  const foldCnt = new Float64Array(LEVEL_FOLDS);
  // stratified folds: churners dealt round-robin over the folds, stayers too (row order cannot
  // put every churner in one fold)
  const fold = new Uint8Array(n);
  const dealt = [0, 0];
  for (let i = 0; i < n; i++) fold[i] = dealt[y[i]]++ % LEVEL_FOLDS;
  let all = 0;
  for (let i = 0; i < n; i++) {
    const k = codes[i] >= 0 ? codes[i] : nLevels;
    const f = fold[i];
    pos[k * LEVEL_FOLDS + f] += y[i];
    cnt[k * LEVEL_FOLDS + f]++;
    posAll[k] += y[i];
    cntAll[k]++;
    foldPos[f] += y[i];
    foldCnt[f]++;
    all += y[i];
  }
  const score = new Float64Array(L * LEVEL_FOLDS);
  for (let k = 0; k < L; k++)
    for (let f = 0; f < LEVEL_FOLDS; f++) {
      const c = cntAll[k] - cnt[k * LEVEL_FOLDS + f];
      score[k * LEVEL_FOLDS + f] = c > 0 ? (posAll[k] - pos[k * LEVEL_FOLDS + f]) / c : (all - foldPos[f]) / Math.max(1, n - foldCnt[f]);
    }
  return { score, pos, cnt, fold };
}

/** rankAuc over cells of tied rows: cell c holds cnt[c] rows scoring score[c], pos[c] of them
 *  churners (same exact rank sum as row by row; the scores are never NaN). */
function cellAuc(score: Float64Array, pos: Float64Array, cnt: Float64Array): number {
  const cells = Array.from({ length: score.length }, (_, c) => c)
    .filter((c) => cnt[c] > 0)
    .sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let n = 0;
  let rankSum = 0;
  for (let i = 0; i < cells.length; ) {
    let tied = 0;
    let tiedPos = 0;
    let j = i;
    for (; j < cells.length && score[cells[j]] === score[cells[i]]; j++) {
      tied += cnt[cells[j]];
      tiedPos += pos[cells[j]];
    }
    rankSum += tiedPos * ((2 * n + tied - 1) / 2 + 1);
    n += tied;
    nPos += tiedPos;
    i = j;
  }
  const neg = n - nPos;
  if (nPos === 0 || neg === 0) return 0.5;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * neg);
}

/** How well the column alone separates churners: max(AUC, 1 - AUC) on `rows` (default all), or
 *  NaN when no claim can be made (a class under MIN_MINORITY rows, or more than MAX_LEVELS levels). */
export function leakAuc(col: NumericFeature | CategoricalFeature, y: Uint8Array, rows: Int32Array | null = null): number {
  const ys = rows ? Uint8Array.from(rows, (r) => y[r]) : y;
  let pos = 0;
  for (let i = 0; i < ys.length; i++) pos += ys[i];
  if (Math.min(pos, ys.length - pos) < MIN_MINORITY) return NaN;
  let auc: number;
  if ('values' in col) auc = rankAuc(rows ? Float64Array.from(rows, (r) => col.values[r]) : col.values, ys);
  else {
    if (col.levels.length > MAX_LEVELS) return NaN; // id-like: the design skips it anyway
    const cells = levelCells(rows ? Int32Array.from(rows, (r) => col.codes[r]) : col.codes, col.levels.length, ys);
    auc = cellAuc(cells.score, cells.pos, cells.cnt);
  }
  return Math.max(auc, 1 - auc);
}

/** True when the column alone separates churners almost perfectly (leakAuc >= LEAK_AUC). */
export function isPerfectPredictor(col: NumericFeature | CategoricalFeature, y: Uint8Array): boolean {
  return leakAuc(col, y) >= LEAK_AUC;
}

/** The frame without leaking columns (shallow copy), plus one warning per removed column. Big
 *  frames are screened on a seeded sample of LEAK_ROWS rows. */
export function dropLeaks(frame: CustomerFrame, y: Uint8Array): { frame: CustomerFrame; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const rows = y.length > LEAK_ROWS ? sampleIndices(y.length, LEAK_ROWS, mulberry32(0x1ea4)) : null;
  const keep = (c: NumericFeature | CategoricalFeature) => {
    const a = leakAuc(c, y, rows);
    if (!(a >= LEAK_AUC)) return true;
    warnings.push({
      code: 'churn/target-leak',
      message: `${c.name} predicts churn almost perfectly on its own (ROC-AUC ${a.toFixed(3)}): it probably records the outcome itself, so it was left out of the models`,
      count: 1,
      column: c.name,
    });
    return false;
  };
  return { frame: { ...frame, numeric: frame.numeric.filter(keep), categorical: frame.categorical.filter(keep) }, warnings };
}
