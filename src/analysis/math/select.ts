/**
 * The k-th smallest value of an array without sorting it (Hoare's quickselect, median-of-three
 * pivots): O(n) on average where a native sort of 704,300 scores held the page's main thread for
 * ~100 ms+. Values compare as a numeric sort orders them, except that -0 and +0 count as equal
 * (so the value returned is equal (===) to the sorted array's k-th, not always the same zero).
 * Reorders `a` in place; NaN is not supported (callers check). With `from`/`to` (inclusive), only
 * a[from..to] is searched and reordered: the rank k counts from the start of `a`, as when every value
 * before `from` is no larger and every value after `to` no smaller (a range an earlier call left).
 */
export function kthSmallest(a: Float64Array, k: number, from = 0, to = a.length - 1): number {
  if (!(k >= from && k <= to && from >= 0 && to < a.length)) throw new RangeError(`kthSmallest: k=${k} must be in [${from}, ${to}] within [0, ${a.length})`);
  let lo = from;
  let hi = to;
  while (lo < hi) {
    // median of three as the pivot (sorted data stays linear)
    const mid = lo + ((hi - lo) >> 1);
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    // Hoare partition: both scans stop on values equal to the pivot, so ties split evenly
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between equals the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Order statistics of the finite values of `v` (the array is copied once). */
export interface FiniteOrder {
  /** how many values are finite */
  count: number;
  /** the value at ascending rank r (0 <= r < count) */
  at(r: number): number;
}

/** The finite values' order statistics by quickselect: at(r) is, bit for bit, element r of
 *  `Array.from(v).filter(Number.isFinite).sort((p, q) => p - q)` (whose stable comparator sort keeps
 *  -0 and +0 in input order). A few ranks of 704,300 values (a saved model's deciles and median)
 *  cost ~2-3 passes instead of a sort. Each call searches only between the nearest ranks already
 *  selected (quickselect leaves the array partitioned around them). */
export function finiteOrder(v: ArrayLike<number>): FiniteOrder {
  const a = new Float64Array(v.length);
  let m = 0;
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) a[m++] = v[i];
  const work = m === v.length ? a : a.subarray(0, m);
  const fixed: number[] = []; // ranks already selected, ascending
  /** the zeros in input order, and how many values are negative; null until a rank lands on a zero */
  let zeros: { negatives: number; inOrder: Float64Array } | null = null;
  // the sorted zeros' block starts after the negatives and keeps the zeros' input order
  const zeroAt = (r: number): number => {
    if (!zeros) {
      let negatives = 0, count = 0;
      for (let i = 0; i < m; i++) {
        if (work[i] < 0) negatives++;
        else if (work[i] === 0) count++;
      }
      const inOrder = new Float64Array(count);
      for (let i = 0, j = 0; i < v.length; i++) if (v[i] === 0) inOrder[j++] = v[i];
      zeros = { negatives, inOrder };
    }
    return zeros.inOrder[r - zeros.negatives];
  };
  return {
    count: m,
    at(r: number): number {
      if (!(r >= 0 && r < m)) throw new RangeError(`finiteOrder: rank ${r} must be in [0, ${m})`);
      let t = 0;
      while (t < fixed.length && fixed[t] < r) t++;
      let x: number;
      if (fixed[t] === r) x = work[r];
      else {
        x = kthSmallest(work, r, t > 0 ? fixed[t - 1] + 1 : 0, t < fixed.length ? fixed[t] - 1 : m - 1);
        fixed.splice(t, 0, r);
      }
      // quickselect does not tell -0 from +0: the sign is the one the sorted order has at rank r
      return x === 0 ? zeroAt(r) : x;
    },
  };
}

/** Median of the finite values (mean of the middle two for an even count); 0 when none. */
export function medianOf(o: FiniteOrder): number {
  if (o.count === 0) return 0;
  const m = o.count >> 1;
  return o.count % 2 ? o.at(m) : (o.at(m - 1) + o.at(m)) / 2;
}
