/** Target-leak checks: a column that names the target's outcome, or alone predicts it almost perfectly. */

/** Names that describe the churn outcome itself (IBM's extended Telco: "Churn Score", "Churn Reason"...). */
export const LEAK_NAME = /churn|attrition|exit(ed)?[ _-]?(date|reason)|cancel(l)?ation[ _-]?(date|reason)|leave[ _-]?reason|^(cltv)$/i;

/** Rank AUC of a numeric score against y (0/1), ties averaged. Returns 0.5 when a class is empty. */
export function rankAuc(score: Float64Array, y: Uint8Array): number {
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

/** Accuracy of predicting y by the majority class within each level of a coded column. */
export function levelPurity(codes: Int32Array, nLevels: number, y: Uint8Array): number {
  const pos = new Float64Array(nLevels + 1);
  const tot = new Float64Array(nLevels + 1);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] < 0 ? nLevels : codes[i];
    tot[c]++;
    pos[c] += y[i];
  }
  let correct = 0;
  for (let c = 0; c <= nLevels; c++) correct += Math.max(pos[c], tot[c] - pos[c]);
  return correct / codes.length;
}

/** True when the column alone separates churners almost perfectly (AUC >= 0.99 or purity >= 0.99 beyond the base rate). */
export function isPerfectPredictor(
  col: { values: Float64Array } | { codes: Int32Array; levels: string[] },
  y: Uint8Array,
): boolean {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const base = Math.max(pos, y.length - pos) / y.length;
  if (y.length < 20 || base > 0.99) return false;
  if ('values' in col) {
    const auc = rankAuc(col.values, y);
    return auc >= 0.99 || auc <= 0.01;
  }
  if (col.levels.length > 50) return false;
  return levelPurity(col.codes, col.levels.length, y) >= 0.99;
}
