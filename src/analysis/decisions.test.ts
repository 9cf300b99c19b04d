/**
 * Decisions on a schema that is not Telco, through the real data layer and pipeline: a bank-like
 * table with tenure, six behavioural numeric columns, a churn flag spelled for the future
 * ("will_churn_next_month") and no revenue column.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './data/parse';
import { inspectTable } from './data/prepare';
import { runAnalysis } from './pipeline';
import type { AnalysisOptions } from './types';
import type { AnalysisResult } from './result';

/** Seeded fixture: n customers; churn more likely with short tenure, few logins and one product. */
function bankCsv(n = 400, seed = 7): string {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = ['customer_id,tenure,Age,Balance,NumOfProducts,CreditScore,EstimatedSalary,Logins,will_churn_next_month'];
  for (let i = 0; i < n; i++) {
    const tenure = Math.floor(rnd() * 11);
    const age = 18 + Math.floor(rnd() * 60);
    const balance = rnd() < 0.3 ? 0 : Math.round(20000 + rnd() * 180000);
    const products = 1 + Math.floor(rnd() * 4);
    const score = 350 + Math.floor(rnd() * 500);
    const salary = Math.round(10000 + rnd() * 190000);
    const logins = Math.floor(rnd() * 30);
    const z = -0.5 - 0.2 * tenure - 0.08 * logins + (products === 1 ? 1 : 0) + 0.03 * (age - 45);
    const churn = rnd() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No';
    rows.push([`B${1000 + i}`, tenure, age, balance, products, score, salary, logins, churn].join(','));
  }
  return rows.join('\n') + '\n';
}

async function analyse(options: Partial<AnalysisOptions> = {}): Promise<AnalysisResult> {
  const parsed = await parseCsv(bankCsv(), 'bank.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const out = await runAnalysis(inspectTable(parsed.table), { seed: 42, folds: 3, models: ['logistic'], ...options });
  if (!out.ok) throw new Error(out.message);
  return out.result;
}

describe('decisions on a bank-like table', () => {
  it('segments use at least three behavioural columns and carry no value-based name', async () => {
    const r = await analyse();
    const seg = r.segmentation!;
    expect(seg.features.length).toBeGreaterThanOrEqual(3);
    expect(seg.features).toContain('tenure');
    expect(r.business!.segmentSurvivalNote).toMatch(/circular/);
    for (const s of seg.segments) expect(s.name).not.toMatch(/High-Value|Big Spenders|Price-Sensitive|Budget Newcomers/);
    console.log('roles', JSON.stringify(r.roles), 'features', seg.features.join(', '), '| names', seg.segments.map((s) => s.name).join(', '));
  });

  it('the flag meaning decides who is listed: "will leave" (default from the name) keeps flagged customers on the call list; "already left" removes them', async () => {
    const will = await analyse();
    const y = will.churn!.actual!;
    const flagged = y.reduce((a, v) => a + v, 0);
    expect(will.business!.population.flagMeaning).toBe('will-leave');
    expect(will.business!.population.flagMeaningGuessed).toBe(true);
    expect(will.business!.population.active).toBe(400);
    expect(will.business!.lost).toBeNull();
    const willCalls = Array.from(will.business!.callOrder.subarray(0, will.business!.plan!.campaign.targeted));
    expect(willCalls.some((i) => y[i] === 1)).toBe(true);

    const left = await analyse({ flagMeaning: 'left' });
    expect(left.business!.population.active).toBe(400 - flagged);
    expect(left.business!.population.flagMeaningGuessed).toBe(false);
    const leftCalls = Array.from(left.business!.callOrder.subarray(0, left.business!.plan!.campaign.targeted));
    for (const i of leftCalls) expect(y[i]).toBe(0);
    expect(left.business!.lost!.customers).toBe(flagged);
    expect(leftCalls).not.toEqual(willCalls);
  });

  it('no revenue column: no money figures and the call list by churn risk; an average value per customer brings them back', async () => {
    const r = await analyse();
    const b = r.business!;
    expect(b.money).toBe(false);
    expect(b.revenue).toBeNull();
    const p = b.probability!;
    for (let j = 1; j < b.callOrder.length; j++) expect(p[b.callOrder[j]]).toBeLessThanOrEqual(p[b.callOrder[j - 1]]);
    expect(r.warnings.map((w) => w.code)).toContain('business-no-money');
    const valued = await analyse({ valuePerCustomer: 40 });
    expect(valued.business!.money).toBe(true);
    expect(valued.business!.revenue!.atRiskMonthly).toBeGreaterThan(0);
    expect(valued.warnings.map((w) => w.code)).toContain('value-assumed');
  });
});
