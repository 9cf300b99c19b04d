/**
 * `npm run analyze` on a customer table that carries an RFM summary: the CDNOW calibration summary
 * built at test time (../shared/data/cdnow, via the engine's log aggregation) into a temp CSV.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdnowSummaryCsv, haveCdnow } from '../analysis/testing/cdnow';
import { runCli } from './analyze';

/** The CLI in this process (the process wiring is analyze.test's): runCli's return is the exit status. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { status, stdout, stderr };
}

describe.skipIf(!haveCdnow())('CLI on an RFM customer table', () => {
  it('fits BG/NBD + Gamma-Gamma on the CDNOW summary and writes P(alive) per customer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-rfm-'));
    const file = join(dir, 'cdnow_summary.csv');
    writeFileSync(file, cdnowSummaryCsv('weeks'));
    const r = await cli([file, '--out', join(dir, 'out'), '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4; Gamma-Gamma p=6.25 q=3.74 gamma=15.44; fitted on the table');
    const a = JSON.parse(readFileSync(join(dir, 'out', 'analysis.json'), 'utf8'));
    expect(a).toMatchObject({ kind: 'customers', rows: 2357, inputRows: 2357, roles: { repeats: 'frequency', recency: 'recency', age: 'T', avgSpend: 'monetary_value' } });
    expect(a.lifetime).toMatchObject({ source: 'table', backtest: null, customers: 2357, repeatBuyers: 946 });
    expect(a.churn).toBeNull();
    expect(a.business.revenue.atRiskMonthly).toBeGreaterThan(0);
    const csv = readFileSync(join(dir, 'out', 'customers.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2358);
    const head = csv[0].split(',');
    const row = csv[1].split(',');
    // no churn flag: the churn probability is 1 - P(alive)
    expect(Number(row[head.indexOf('churn_probability')]) + Number(row[head.indexOf('p_alive')])).toBeCloseTo(1, 3);
    // and each customer's value at stake is the lifetime models' discounted 12-month value (one number, shown twice)
    expect(row[head.indexOf('clv_usd')]).toBe(row[head.indexOf('lifetime_clv_12m_usd')]);
    expect(a.warnings.map((w: { code: string }) => w.code)).toContain('clv-from-lifetime');
  });

  it('a table whose unit the names and values leave open exits 1 asking for --time-unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-rfm-'));
    const file = join(dir, 'open.csv');
    writeFileSync(file, ['id,frequency,recency,T', ...Array.from({ length: 40 }, (_, i) => `c${i},${i % 3},${i % 3 ? 5 : 0},${20 + i}`)].join('\n'));
    const r = await cli([file, '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/days, weeks or months.*--time-unit/);
    const ok = await cli([file, '--out', join(dir, 'out'), '--time-unit', 'weeks', '--backend', 'cpu']);
    expect(ok.status).toBe(0);
  });
});
