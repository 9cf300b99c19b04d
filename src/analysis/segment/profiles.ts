/**
 * Segment profiles against the whole base: size, share of customers and of revenue,
 * churn rate, mean of every numeric column, role z-scores (for naming), and the
 * categorical levels most over- or under-represented ("82% month-to-month vs 55% overall").
 */
import { dict } from '../dict';
import type { CustomerFrame, NumericFeature } from '../types';
import { columnUnit } from '../features/columnUnits';
import type { CategoricalDifference } from './types';
import { ROLE_COLUMNS, type RoleColumn } from './features';

export interface SegmentStats {
  size: number;
  share: number;
  revenueShare: number;
  churnRate: number | null;
  means: Record<string, number>;
  baseMeans: Record<string, number>;
  /** (segment mean - base mean) / base sd, per role column present */
  roleZ: Partial<Record<RoleColumn, number>>;
  topDifferences: CategoricalDifference[];
}

/** Which revenue column revenue shares use: monthly, else monetary, else total (null: none). */
export function revenueColumn(frame: CustomerFrame): { name: RoleColumn; values: Float64Array } | null {
  for (const name of ['monthly', 'monetary', 'total'] as const) {
    const v = frame[name];
    if (v) return { name, values: v };
  }
  return null;
}

/** What each role column counts (tenure and a log's tenure in months, recency in days, frequency in orders; money in the currency). */
export const ROLE_UNIT: Readonly<Record<string, string>> = { tenure: 'months', recency: 'days', frequency: 'orders', monthly: 'money', total: 'money', monetary: 'money' };

/** The columns a profile averages, keyed as its means: the role columns, then the other numeric columns. */
function profileColumns(frame: CustomerFrame): { key: string; values: Float64Array; feature?: NumericFeature }[] {
  const cols: { key: string; values: Float64Array; feature?: NumericFeature }[] = [];
  for (const r of ROLE_COLUMNS) {
    // a log's total spend is its monetary value (data/transactions.ts): one column, "Spend, whole log"
    if (r === 'total' && frame.kind === 'transactions' && frame.monetary) continue;
    if (frame[r]) cols.push({ key: r, values: frame[r] as Float64Array });
  }
  // a role column is the same array as its source numeric column: list it once; a tenure counted in years is
  // converted to months, a new array: its own column is the same tenure ("Tenure in months" and "Tenure" side by side)
  const convertedTenure = frame.tenure && frame.tenureName ? frame.tenureName : null;
  for (const f of frame.numeric)
    if (f.name !== convertedTenure && !cols.some((c) => c.key === f.name || c.values === f.values)) cols.push({ key: f.name, values: f.values, feature: f });
  return cols;
}

/** What each profiled column's average is in, keyed as the profiles' means: 'money', a plural noun ("months", "days"; role
 *  columns as ROLE_UNIT, others as features/columnUnits.ts), or 'share' for a 0/1 column (its average is a share, "16%");
 *  a column of unknown unit has no key. For the segment heat-map's cells, which otherwise read as bare numbers. */
export function profileUnits(frame: CustomerFrame): Record<string, string> {
  const out = dict<string>(); // keyed by column names
  for (const c of profileColumns(frame)) {
    const unit = c.feature ? columnUnit(frame, c.feature) : ROLE_UNIT[c.key];
    if (unit) out[c.key] = unit;
    else if (c.values.length > 0 && zeroOne(c.values)) out[c.key] = 'share';
  }
  return out;
}

function zeroOne(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] !== 1) return false;
  return true;
}

/** Profiles of segments 0..k-1 given per-row labels; topN categorical differences (default 3, |diff| >= 0.05). */
export function profileSegments(frame: CustomerFrame, labels: Int32Array, k: number, topN = 3): SegmentStats[] {
  const n = frame.n;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const cols = profileColumns(frame);
  const segSum = cols.map(() => new Float64Array(k));
  const base = cols.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += c.values[i];
    const mean = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (c.values[i] - mean) ** 2;
    return { mean, sd: Math.sqrt(v / n) };
  });
  cols.forEach((c, ci) => {
    for (let i = 0; i < n; i++) segSum[ci][labels[i]] += c.values[i];
  });
  const rev = revenueColumn(frame);
  const segRev = new Float64Array(k);
  let totalRev = 0;
  if (rev) {
    for (let i = 0; i < n; i++) {
      segRev[labels[i]] += rev.values[i];
      totalRev += rev.values[i];
    }
  }
  const segChurn = new Float64Array(k);
  if (frame.y) for (let i = 0; i < n; i++) segChurn[labels[i]] += frame.y[i];
  const diffs = categoricalDifferences(frame, labels, k, sizes, topN);
  return Array.from({ length: k }, (_, c) => {
    // keyed by column names, which may be '__proto__' or 'constructor'
    const means = dict<number>();
    const baseMeans = dict<number>();
    const roleZ: Partial<Record<RoleColumn, number>> = {};
    cols.forEach((col, ci) => {
      means[col.key] = sizes[c] > 0 ? segSum[ci][c] / sizes[c] : 0;
      baseMeans[col.key] = base[ci].mean;
      if ((ROLE_COLUMNS as readonly string[]).includes(col.key)) {
        roleZ[col.key as RoleColumn] = base[ci].sd > 0 ? (means[col.key] - base[ci].mean) / base[ci].sd : 0;
      }
    });
    return {
      size: sizes[c],
      share: sizes[c] / n,
      revenueShare: totalRev !== 0 ? segRev[c] / totalRev : 0,
      churnRate: frame.y && sizes[c] > 0 ? segChurn[c] / sizes[c] : null,
      means,
      baseMeans,
      roleZ,
      topDifferences: diffs[c],
    };
  });
}

function categoricalDifferences(
  frame: CustomerFrame,
  labels: Int32Array,
  k: number,
  sizes: Float64Array,
  topN: number,
): CategoricalDifference[][] {
  const n = frame.n;
  const all: CategoricalDifference[][] = Array.from({ length: k }, () => []);
  for (const col of frame.categorical) {
    const L = col.levels.length + 1; // last slot = missing (-1)
    const baseCnt = new Float64Array(L);
    const segCnt = new Float64Array(k * L);
    for (let i = 0; i < n; i++) {
      const code = col.codes[i] < 0 ? L - 1 : col.codes[i];
      baseCnt[code]++;
      segCnt[labels[i] * L + code]++;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) continue;
      for (let l = 0; l < L; l++) {
        if (baseCnt[l] === 0) continue;
        all[c].push({
          column: col.name,
          level: l === L - 1 ? '(missing)' : col.levels[l],
          segmentShare: segCnt[c * L + l] / sizes[c],
          baseShare: baseCnt[l] / n,
        });
      }
    }
  }
  const gap = (d: CategoricalDifference) => Math.abs(d.segmentShare - d.baseShare);
  // one level per column (the largest gap; over-representation first on ties)
  return all.map((list) => {
    const seen = new Set<string>();
    return list
      .filter((d) => gap(d) >= 0.05)
      .sort(
        (a, b) =>
          gap(b) - gap(a) ||
          b.segmentShare - b.baseShare - (a.segmentShare - a.baseShare) ||
          a.column.localeCompare(b.column) ||
          a.level.localeCompare(b.level),
      )
      .filter((d) => !seen.has(d.column) && (seen.add(d.column), true))
      .slice(0, topN);
  });
}
