import { beforeAll, expect, it } from 'vitest';
import { scoreFile } from './score';
import { driftReport } from './drift';
import { parseSavedModel, parseSavedModelText } from './validate';
import { telcoAnalysis } from '../testing/telcoAnalysis';
import { TELCO_REL, describeWithShared, hasShared } from '../testing/shared';
import { mulberry32 } from '../random';
import type { RawTable } from '../types';
import type { AnalysisResult } from '../result';
import type { SavedModel } from './types';
import { customerClv, customerHazards } from '../business/clv';

let result: AnalysisResult;
let model: SavedModel;
let raw: RawTable;
beforeAll(async () => {
  if (!hasShared(TELCO_REL)) return; // the suites below are skipped, named with the missing path
  ({ result, model, raw } = await telcoAnalysis(['gbdt', 'forest']));
}, 180_000);

/** A seeded bootstrap resample of the rows of a raw table. */
function resample(t: RawTable, seed: number): RawTable {
  const rng = mulberry32(seed);
  const rows = Int32Array.from({ length: t.nRows }, () => Math.floor(rng() * t.nRows));
  return { ...t, columns: t.columns.map((c) => ({ ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) })) };
}
const mapColumn = (t: RawTable, name: string, f: (level: string) => string): RawTable => ({
  ...t,
  columns: t.columns.map((c) => (c.name === name ? { ...c, levels: c.levels.map(f) } : c)),
});

describeWithShared(TELCO_REL, 'saved model (Telco, GBDT + forest analysis)', () => {
  it('re-scores its own file with the analysis probabilities, segments and CLV', () => {
    // the 3 x 5-fold means choose the tuned GBDT alone (its average with the forest ranks lower)
    expect(result.churn!.best).toBe('gbdt');
    expect(result.churn!.repeatedCv!.best).toBe('gbdt');
    expect(parseSavedModel(model).ok).toBe(true);
    const s = scoreFile(model, raw);
    expect(s.n).toBe(7043);
    expect(Array.from(s.probability!)).toEqual(Array.from(result.churn!.probability));
    expect(Array.from(s.segment!)).toEqual(Array.from(result.segmentation!.labels));
    // The analysis values its 5,174 active customers from each one's survival curve (issue 15); the
    // saved model (version 2) keeps the Cox model, and re-scoring conditions each curve on the tenure
    // read from the file: the same values for every active customer. Every scored row is valued as a
    // current customer (a new month's file), so the 1,869 who left get a value too.
    const bclv = result.business!.clv;
    expect(result.business!.kpis.clv.basis).toBe('survival-curves');
    expect(model.version).toBe(2);
    expect(s.clvMethod.method).toBe('survival-curves');
    const active = Array.from(bclv.keys()).filter((i) => Number.isFinite(bclv[i]));
    expect(active.length).toBe(7043 - 1869);
    let worst = 0;
    for (const i of active) worst = Math.max(worst, Math.abs(bclv[i] - s.clv![i]) / Math.max(1, bclv[i]));
    expect(worst).toBe(0);
    expect(s.clv!.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(s.ids).toEqual(result.ids);
    // the only finding is the 11 blank TotalCharges, filled by the training rule
    expect(s.findings.map((f) => [f.code, f.count])).toEqual([['score/imputed', 11]]);
  });

  it('flags drift on the one column moved in a seeded resample, and checks out of time', () => {
    const plain = driftReport(model, scoreFile(model, resample(raw, 7)));
    expect(plain.features.every((f) => f.flag === 'stable')).toBe(true);
    const moved = mapColumn(resample(raw, 7), 'MonthlyCharges', (l) => String(Number(l) + 25));
    const s = scoreFile(model, moved);
    const d = driftReport(model, s);
    expect(d.features[0].name).toBe('MonthlyCharges');
    expect(d.features[0].flag).toBe('major');
    expect(d.features[0].psi).toBeGreaterThan(0.25);
    for (const f of d.features.slice(1)) expect(f.psi, f.name).toBeLessThan(0.1);
    expect(d.findings.map((f) => f.column)).toEqual(['MonthlyCharges']);
    // the resample keeps the churn flag: an out-of-time check with AUC in a sane band
    expect(d.outcome!.customers).toBe(7043);
    expect(d.outcome!.rocAuc!).toBeGreaterThan(0.75);
    expect(d.outcome!.rocAuc!).toBeLessThan(1);
    expect(d.score!.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('turns missing columns, new categories and type changes into findings, never a crash', () => {
    let t: RawTable = { ...raw, columns: raw.columns.filter((c) => c.name !== 'Contract') };
    t = mapColumn(t, 'PaymentMethod', (l) => (l === 'Electronic check' ? 'Crypto wallet' : l));
    t = mapColumn(t, 'tenure', (l) => `${l} months`);
    const s = scoreFile(model, t);
    const codes = new Map(s.findings.map((f) => [f.code + ':' + f.column, f.count]));
    expect(codes.get('score/missing-column:Contract')).toBe(7043);
    expect(codes.get('score/new-category:PaymentMethod')).toBe(2365);
    expect(codes.get('score/type-changed:tenure')).toBe(7043);
    expect(s.probability!.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('still loads a version 1 model (no survival part) and values customers with one average hazard, saying so', () => {
    const { survival: _, ...rest } = model;
    const v1 = parseSavedModel({ ...rest, version: 1 });
    expect(v1.ok).toBe(true);
    const s = scoreFile((v1 as { model: SavedModel }).model, raw);
    expect(s.clvMethod.method).toBe('average-hazard');
    expect(s.clvMethod.text).toContain('version 1');
    const b = result.business!;
    const avg = customerClv(s.columns.numeric.get('MonthlyCharges')!, customerHazards(b.probability!, b.kpis.monthlyHazard.value!), b.options.margin, b.options.discountRate);
    let worst = 0;
    avg.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - s.clv![i]) / Math.max(1, v))));
    expect(worst).toBeLessThan(1e-12);
    expect(Array.from(s.probability!)).toEqual(Array.from(result.churn!.probability));
  });

  it('rejects a damaged or foreign model file with a message naming the field', () => {
    expect(parseSavedModelText('{')).toMatchObject({ ok: false, code: 'model-invalid' });
    expect(parseSavedModel({ type: 'x' })).toMatchObject({ ok: false, code: 'model-invalid' });
    expect(parseSavedModel({ ...model, version: 99 })).toMatchObject({ ok: false, code: 'model-version' });
    expect(parseSavedModel({ ...model, survival: { ...model.survival!, beta: [1] } })).toMatchObject({ ok: false, message: 'This saved model is damaged: model.survival sizes do not match its design.' });
    const broken = { ...model, segmentation: { ...model.segmentation!, mean: 'no' } };
    expect(parseSavedModel(broken)).toEqual({ ok: false, code: 'model-invalid', message: 'This saved model is damaged: model.segmentation.mean must be a list.' });
  });
});
