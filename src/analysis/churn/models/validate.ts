/** Input checks at the public doors of the churn estimators (STYLE.md habit 2). */
import { AnalysisError } from '../../errors';

/** Throws AnalysisError unless X is n x d finite (NaN allowed as missing when allowNaN; never infinities), y is 0/1 of
 *  length n with both classes (when needClasses). */
export function checkXy(who: string, X: Float64Array, y: Uint8Array | null, d: number, needClasses = true, allowNaN = false): number {
  if (!Number.isInteger(d) || d < 1) throw new AnalysisError('churn/bad-shape', `${who}: d=${d} must be an integer >= 1`);
  if (X.length === 0) throw new AnalysisError('churn/empty', `${who}: X is empty`);
  if (X.length % d !== 0)
    throw new AnalysisError('churn/bad-shape', `${who}: X length ${X.length} is not a multiple of d=${d}`);
  const n = X.length / d;
  for (let i = 0; i < X.length; i++)
    if (!Number.isFinite(X[i]) && !(allowNaN && X[i] !== X[i]))
      throw new AnalysisError('churn/non-finite', `${who}: X[${Math.floor(i / d)}, ${i % d}]=${X[i]} must be finite`);
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

/** Throws unless X has d columns and finite values (NaN too when allowNaN) (predict door). */
export function checkX(who: string, X: Float64Array, d: number, allowNaN = false): number {
  return checkXy(who, X, null, d, false, allowNaN);
}
