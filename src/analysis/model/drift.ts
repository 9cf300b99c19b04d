/**
 * Drift report of a scored file against the saved model's training distributions: PSI per
 * feature (flagged above 0.1 "moderate" and above 0.25 "major", the usual credit-scoring
 * bands), the score distribution compared, and, when the file carries the churn flag, an
 * out-of-time check: predicted vs actual churn and ROC-AUC on the new period.
 */
import type { Warning } from '../types';
import { rocAuc } from '../churn/evaluation/metrics';
import { binShares, psi, MISSING_LEVEL, NEW_LEVEL } from './reference';
import type { SavedModel } from './types';
import type { Scored } from './score';

export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;

export interface FeatureDrift {
  name: string;
  psi: number;
  flag: 'stable' | 'moderate' | 'major';
  /** bin labels, training shares, this file's shares */
  bins: string[];
  reference: number[];
  current: number[];
}

export interface DriftReport {
  /** population: every row of the scored file */
  rows: number;
  features: FeatureDrift[];
  score: { psi: number; flag: FeatureDrift['flag']; bins: string[]; reference: number[]; current: number[] } | null;
  /** customers whose churn flag is known in the new file */
  outcome: { customers: number; predictedRate: number; actualRate: number; rocAuc: number | null; trainingRocAuc: number | null } | null;
  findings: Warning[];
}

const flagOf = (v: number): FeatureDrift['flag'] => (v > PSI_MAJOR ? 'major' : v > PSI_MODERATE ? 'moderate' : 'stable');
const fmt = (x: number) => String(Number(x.toPrecision(4)));
const rangeLabels = (edges: number[]) => edges.length === 0 ? ['all'] : [`<= ${fmt(edges[0])}`, ...edges.slice(1).map((e, i) => `${fmt(edges[i])} - ${fmt(e)}`), `> ${fmt(edges[edges.length - 1])}`];

/** PSI per feature and for the score; the out-of-time check when the flag is present. */
export function driftReport(model: SavedModel, s: Scored): DriftReport {
  const features: FeatureDrift[] = [];
  const findings: Warning[] = [];
  for (const ref of model.reference.features) {
    let current: number[];
    let bins: string[];
    if (ref.kind === 'numeric') {
      const v = s.columns.numeric.get(ref.name);
      if (!v) continue;
      current = binShares(v, ref.edges);
      bins = rangeLabels(ref.edges);
    } else {
      const vals = s.columns.categorical.get(ref.name);
      if (!vals) continue;
      const known = ref.levels.slice(0, -2);
      const pos = new Map(known.map((l, k) => [l, k]));
      const c = new Array<number>(ref.levels.length).fill(0);
      for (const v of vals) c[v === null ? known.length : (pos.get(v) ?? known.length + 1)]++;
      current = c.map((x) => x / Math.max(1, vals.length));
      bins = [...known, MISSING_LEVEL, NEW_LEVEL];
    }
    const value = psi(ref.shares, current);
    features.push({ name: ref.name, psi: value, flag: flagOf(value), bins, reference: ref.shares, current });
  }
  features.sort((a, b) => b.psi - a.psi);
  for (const f of features)
    if (f.flag !== 'stable')
      findings.push({ code: `drift/${f.flag}`, message: `"${f.name}" has shifted since training (PSI ${f.psi.toFixed(3)}, ${f.flag === 'major' ? 'above 0.25: a major shift' : 'above 0.1: a moderate shift'}).`, count: 1, column: f.name });
  let score: DriftReport['score'] = null;
  if (model.reference.score && s.probability) {
    const { edges, shares } = model.reference.score;
    const current = binShares(s.probability, edges);
    const v = psi(shares, current);
    score = { psi: v, flag: flagOf(v), bins: rangeLabels(edges), reference: shares, current };
  }
  let outcome: DriftReport['outcome'] = null;
  if (s.actual && s.probability) {
    const p: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < s.n; i++) if (s.actual[i] >= 0) {
        p.push(s.probability[i]);
        y.push(s.actual[i]);
      }
    if (p.length > 0) {
      const pos = y.reduce((a, b) => a + b, 0);
      outcome = {
        customers: p.length,
        predictedRate: p.reduce((a, b) => a + b, 0) / p.length,
        actualRate: pos / p.length,
        rocAuc: pos > 0 && pos < p.length ? rocAuc(p, y) : null,
        trainingRocAuc: model.churn && Number.isFinite(model.churn.cvRocAuc) ? model.churn.cvRocAuc : null,
      };
    }
  }
  return { rows: s.n, features, score, outcome, findings };
}
