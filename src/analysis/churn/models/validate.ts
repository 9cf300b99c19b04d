/** Input checks at the public doors of the churn estimators (STYLE.md habit 2). */
import { AnalysisError } from '../../errors';
import type { Matrix } from '../../math/matrix';

/** Throws AnalysisError unless X is n x d finite (NaN allowed as missing when allowNaN; never infinities), y is 0/1 of
 *  length n with both classes (when needClasses). Returns n. */
export function checkXy(who: string, X: Matrix, y: Uint8Array | null, needClasses = true, allowNaN = false): number {
  const { d, data } = X;
  if (!Number.isInteger(d) || d < 1) throw new AnalysisError('churn/bad-shape', `${who}: d=${d} must be an integer >= 1`);
  if (data.length === 0) throw new AnalysisError('churn/empty', `${who}: X is empty`);
  if (data.length !== X.n * d)
    throw new AnalysisError('churn/bad-shape', `${who}: X has ${data.length} values, expected n*d=${X.n}*${d}`);
  const n = X.n;
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i]) && !(allowNaN && data[i] !== data[i]))
      throw new AnalysisError('churn/non-finite', `${who}: X[${Math.floor(i / d)}, ${i % d}]=${data[i]} must be finite`);
  if (y) {
    if (y.length !== n) throw new AnalysisError('churn/bad-shape', `${who}: y length ${y.length} must equal n=${n}`);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] > 1) throw new AnalysisError('churn/bad-label', `${who}: y[${i}]=${y[i]} must be 0 or 1`);
      pos += y[i];
    }
    if (needClasses && (pos === 0 || pos === n))
      throw new AnalysisError('churn/single-class', `${who}: y has only class ${pos ? 1 : 0}; both classes are needed`);
  }
  return n;
}

/** Throws unless X has the model's d columns and finite values (NaN too when allowNaN) (predict door). Returns n. */
export function checkX(who: string, X: Matrix, d: number, allowNaN = false): number {
  if (X.d !== d) throw new AnalysisError('churn/bad-shape', `${who}: X has d=${X.d} columns, the model was fitted on d=${d}`);
  return checkXy(who, X, null, false, allowNaN);
}
