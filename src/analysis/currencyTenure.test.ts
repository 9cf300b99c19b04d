/**
 * Currency and tenure unit through the real data layer and pipeline: a file in euros writes every
 * money figure in euros (insights, plan, recommendations, formulas, warnings), and the same
 * customers with tenure in years or in months get the same retention, lifetime and CLV.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './data/parse';
import { inspectTable } from './data/prepare';
import { runAnalysis } from './pipeline';
import type { AnalysisOptions } from './types';
import type { AnalysisResult } from './result';

/** Seeded subscription table; `tenure` writes the tenure column (name and value) from whole years. */
function subscriptions(tenure: (years: number) => [string, string], money: (v: number) => string, n = 360, seed = 11): string {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = [`customerID,${tenure(0)[0]},Contract,SupportCalls,MonthlyCharges,Churn`];
  for (let i = 0; i < n; i++) {
    const years = Math.floor(rnd() * 7);
    const contract = rnd() < 0.5 ? 'Month-to-month' : rnd() < 0.5 ? 'One year' : 'Two year';
    const calls = Math.floor(rnd() * 6);
    const monthly = Math.round((20 + rnd() * 90) * 100) / 100;
    const z = 0.6 - 0.5 * years + (contract === 'Month-to-month' ? 1.2 : -0.8) + 0.2 * calls;
    const churn = rnd() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No';
    rows.push([`C${1000 + i}`, tenure(years)[1], contract, calls, `"${money(monthly)}"`, churn].join(','));
  }
  return rows.join('\n') + '\n';
}

async function analyse(csv: string, options: Partial<AnalysisOptions> = {}): Promise<AnalysisResult> {
  const parsed = await parseCsv(csv, 'subs.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const out = await runAnalysis(inspectTable(parsed.table), { seed: 42, folds: 3, models: ['logistic'], ...options });
  if (!out.ok) throw new Error(out.message);
  return out.result;
}

const months = (y: number): [string, string] => ['tenure', String(12 * y)];
const years = (y: number): [string, string] => ['tenure_years', String(y)];
const plain = (v: number) => v.toFixed(2);
const euro = (v: number) => `€${v.toFixed(2)}`;

/** Every sentence the engine wrote for the user about money. */
function moneyTexts(r: AnalysisResult): string[] {
  const b = r.business!;
  return [
    ...b.insights.map((i) => i.text),
    ...b.recommendations.map((x) => x.rationale),
    b.plan!.verdict,
    b.kpis.arpu.formula, b.kpis.clv.formula, b.kpis.clv.method, b.kpis.cacToClv.formula,
    b.lost?.summary ?? '',
    b.revenue!.campaign.rule,
  ];
}

describe('currency through the pipeline', () => {
  it('a file with € cells: every money figure the engine writes is in euros', async () => {
    const r = await analyse(subscriptions(months, euro));
    expect(r.currency).toBe('EUR');
    expect(r.business!.options.currency).toBe('EUR');
    const texts = moneyTexts(r).join('\n');
    expect(texts).toMatch(/€\d/);
    expect(texts).not.toContain('$');
    expect(r.business!.lost!.summary).toMatch(/taking €\d{1,3}(,\d{3})* of monthly revenue/);
  });

  it('the user setting wins over detection, and the numbers do not change with the currency', async () => {
    const detected = await analyse(subscriptions(months, euro));
    const chosen = await analyse(subscriptions(months, euro), { currency: 'GBP' });
    expect(chosen.currency).toBe('GBP');
    expect(moneyTexts(chosen).join('\n')).not.toMatch(/[€$]/);
    expect(chosen.business!.revenue!.atRiskMonthly).toBe(detected.business!.revenue!.atRiskMonthly);
    const dollars = await analyse(subscriptions(months, plain));
    expect(dollars.currency).toBe('USD');
    expect(dollars.business!.revenue!.atRiskMonthly).toBe(detected.business!.revenue!.atRiskMonthly);
  });

  it('a code that is no currency is reported and the detected one used', async () => {
    const r = await analyse(subscriptions(months, euro), { currency: 'EURO' });
    expect(r.currency).toBe('EUR');
    expect(r.warnings.find((w) => w.code === 'bad-currency')?.message).toContain('"EURO" is not a currency code');
  });
});

describe('tenure unit', () => {
  it('the same customers in years and in months give the same lifetime and CLV, the curve one year later', async () => {
    const m = await analyse(subscriptions(months, plain));
    const y = await analyse(subscriptions(years, plain));
    expect(m.tenureUnit).toBe('months');
    expect(y.tenureUnit).toBe('years');
    expect(y.warnings.find((w) => w.code === 'tenure-unit')?.message).toContain('counted in years');
    const [bm, by] = [m.business!, y.business!];
    expect(by.kpis.clv.lifetimeMonths).toBeCloseTo(bm.kpis.clv.lifetimeMonths!, 9);
    expect(by.kpis.clv.value).toBeCloseTo(bm.kpis.clv.value!, 6);
    // the retention curve reads whole years as completed years (45d4a00, business/tenureWords.ts): a churn at
    // Tenure k happened during year k + 1, so the year file's curve is the month file's one year later (and has no
    // 6-month mark); the lifetime and CLV above still read k years as 12k months, the same as the month file
    const [cy, cm] = [by.survival[0], bm.survival[0]];
    expect(cy.times).toEqual([0, ...cm.times.map((t) => t + 12)]);
    expect(cy.survival).toEqual([1, ...cm.survival]);
    expect(cy.at).toEqual({ m6: null, m12: cm.at.m6, m24: cm.at.m12 });
    let worst = 0;
    for (let i = 0; i < m.rows; i++) {
      if (Number.isNaN(bm.clv[i])) expect(by.clv[i]).toBeNaN();
      else worst = Math.max(worst, Math.abs(by.clv[i] - bm.clv[i]) / bm.clv[i]);
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('the user can say the unit: months read as years change the lifetime twelvefold', async () => {
    const m = await analyse(subscriptions(months, plain));
    const asYears = await analyse(subscriptions(months, plain), { tenureUnit: 'years' });
    expect(asYears.business!.kpis.monthlyHazard.value! * 12).toBeCloseTo(m.business!.kpis.monthlyHazard.value!, 9);
  });
});
