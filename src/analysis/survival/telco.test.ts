import { expect, it } from 'vitest';
import { describeWithShared, TELCO_REL } from '../testing/shared';
import { telcoFrame } from '../testing/telco';
import { runSurvival } from './run';
import { detectDurationProxies } from './proxies';
import { runBusiness } from '../business/index';

describeWithShared(TELCO_REL, 'survival on the real Telco file', () => {
  // Reference (scikit-survival-like Cox, 3x5 CV, no duration proxies): 0.867 +/- 0.008;
  // with log TotalCharges included it leaks to 0.9925. Ours, stratified 5-fold seed 42: 0.8643 (sd 0.0062).
  it('Cox C-index out of fold (stratified 5-fold, seed 42) without duration proxies', async () => {
    const frame = await telcoFrame();
    const s = runSurvival(frame, { k: 5, seed: 42 });
    expect(s).not.toBeNull();
    if (!s) return;
    expect(s.excluded).toEqual(['tenure', 'TotalCharges']);
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'survival/duration-proxy', column: 'TotalCharges' }));
    expect(s.covariates.some((c) => c.startsWith('TotalCharges') || c === 'tenure')).toBe(false);
    expect(s.cIndex!.folds).toHaveLength(5);
    expect(s.cIndex!.mean).toBeGreaterThanOrEqual(0.86);
    expect(s.cIndex!.mean).toBeCloseTo(0.8643, 3);
    // time-dependent AUC (cumulative/dynamic, censoring weights from each training fold), same folds:
    // 12 months 0.9043 +/- 0.0093, 24 months 0.9260 +/- 0.0073
    expect(s.tdAuc!.months).toEqual([12, 24]);
    expect(s.tdAuc!.folds.every((f) => f.length === 5)).toBe(true);
    expect(s.tdAuc!.mean[0]).toBeCloseTo(0.9043, 3);
    expect(s.tdAuc!.mean[1]).toBeCloseTo(0.926, 3);
    // proportional hazards: Contract's effect changes most with tenure (Month-to-month rho -0.148), named in a finding
    const ph = s.proportionalHazards!;
    expect(ph.failing[0]).toBe('Contract');
    const m2m = ph.tests.find((t) => t.column === 'Contract=Month-to-month')!;
    expect(m2m.rho).toBeCloseTo(-0.148, 2);
    expect(m2m.p).toBeLessThan(1e-8);
    expect(ph.tests.find((t) => t.column === 'MonthlyCharges')!.p).toBeGreaterThan(0.01);
    const finding = s.warnings.find((w) => w.code === 'survival/non-proportional')!;
    expect(finding.column).toBe('Contract');
    expect(finding.message).toContain('"Contract" (Month-to-month): its effect weakens the longer customers stay');
    // active customers: conditional curves start at 1, never rise; the expected remaining months
    // are counted within the next `months` months (72: the longest tenure)
    const m1 = s.months + 1;
    expect(s.months).toBe(72);
    expect(s.active.rows.length).toBe(frame.n - frame.y!.reduce((a, b) => a + b, 0));
    for (let k = 0; k < s.active.rows.length; k += 97) {
      expect(s.curves[k * m1]).toBe(1);
      expect(s.curves[k * m1 + 12]).toBeLessThanOrEqual(s.curves[k * m1 + 11]);
      expect(s.active.expectedRemaining[k]).toBeLessThanOrEqual(s.months);
    }
    const mean = s.active.expectedRemaining.reduce((a, b) => a + b, 0) / s.active.rows.length;
    expect(mean).toBeCloseTo(44.0, 1);
    // lifetime value of the 5,174 active customers from their own curves (margin 70%, 10% a year),
    // against one average hazard scaled by churn probability (the fallback without a survival model)
    const total = (b: ReturnType<typeof runBusiness>) => b.clv.reduce((a, v) => (Number.isFinite(v) ? a + v : a), 0);
    const curves = runBusiness(frame, null, null, {}, undefined, s);
    expect(curves.kpis.clv.basis).toBe('survival-curves');
    expect(curves.kpis.clv.population).toBe('active customers');
    expect(total(curves)).toBeCloseTo(10_585_899.01, 1);
    expect(curves.kpis.clv.total!).toBeCloseTo(total(curves), 6);
    expect(curves.kpis.clv.value!).toBeCloseTo(10_585_899.01 / 5174, 2);
    const average = runBusiness(frame, null, null, {});
    expect(average.kpis.clv.basis).toBe('average-hazard');
    expect(total(average)).toBeCloseTo(13_608_262.54, 1);
  });

  it('detects log(TotalCharges) as a duration proxy too', async () => {
    const frame = await telcoFrame();
    const total = frame.numeric.find((c) => c.name === 'TotalCharges');
    expect(total).toBeDefined();
    const logTotal = { name: 'logTotalCharges', values: total!.values.map((v) => Math.log1p(v)) };
    const r = detectDurationProxies([...frame.numeric, logTotal], frame.tenure!, frame.monthly);
    expect(r.excluded).toEqual(['tenure', 'TotalCharges', 'logTotalCharges']);
    expect(r.warnings.map((w) => w.column)).toEqual(['TotalCharges', 'logTotalCharges']);
  });
});
