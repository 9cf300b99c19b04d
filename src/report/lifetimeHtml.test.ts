/** The report's lifetime section and the lifetime columns of customers.csv, for a transaction log. */
import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { buildReportHtml } from './html';
import { customersCsv } from './csv';
import { collapseLines, runLifetime } from '../analysis/lifetime/index';
import { simulateLog, DEMO_BGNBD, DEMO_SPEND } from '../analysis/lifetime/synthetic';

describe('lifetime in the report', () => {
  const base = fixtureResult();
  const lines = simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers: 300, weeks: 52, seed: 9 });
  const log = collapseLines(lines);
  const ids = ['C001', 'C002', 'C003', 'C004', 'C005', '<b>nobody</b>'];
  const lifetime = runLifetime(log, ids, { seed: 1, discountRate: 0.1, margin: 0.7 });
  const r = { ...base, ids, lifetime };

  it('has a short section with the model, the back-test and revenue movements', () => {
    const html = buildReportHtml(r);
    expect(html).toContain('<h2>Lifetime value and cohorts</h2>');
    expect(html).toContain(`${lifetime.backtest!.actual.toLocaleString('en-US')} actual repeat purchase-days`);
    expect(html).toContain('Quick Ratio');
    expect(buildReportHtml(base)).not.toContain('Lifetime value and cohorts');
  });

  it('customers.csv carries P(alive), expected purchases and the 12-month CLV (blank for a customer not in the log)', () => {
    const lines = customersCsv(r).trim().split('\r\n');
    expect(lines[0]).toContain('p_alive,expected_purchases_3m,expected_purchases_6m,expected_purchases_12m,expected_spend_per_purchase_usd,lifetime_clv_12m');
    const col = lines[0].split(',').indexOf('p_alive');
    const p = Number(lines[1].split(',')[col]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
  });
});
