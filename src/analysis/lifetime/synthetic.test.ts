/** The fits recover the known parameters of the synthetic BG/NBD + Gamma-Gamma log. */
import { describe, expect, it } from 'vitest';
import { DEMO_BGNBD, DEMO_SPEND, simulateLog, simulatedCsv } from './synthetic';
import { collapseLines } from './log';
import { summarize, spendSummary } from './summary';
import { fitBgnbd } from './bgnbd';
import { fitGammaGamma } from './gammaGamma';

describe('synthetic BG/NBD + Gamma-Gamma log', () => {
  it('recovers r, alpha, a, b, p, q, gamma within 10% on 20,000 customers', () => {
    const lines = simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers: 20_000, seed: 7 });
    const log = collapseLines(lines);
    const s = summarize(log, log.day.reduce((m, d) => Math.max(m, d), 0));
    const bg = fitBgnbd(s);
    const gg = fitGammaGamma(spendSummary(s));
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(bg.params[k] / DEMO_BGNBD[k] - 1)).toBeLessThan(0.1);
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(gg.params[k] / DEMO_SPEND[k] - 1)).toBeLessThan(0.1);
  });

  it('is deterministic for a seed and writes a CSV with a header', () => {
    expect(simulatedCsv(50, 3)).toBe(simulatedCsv(50, 3));
    expect(simulatedCsv(50, 3)).not.toBe(simulatedCsv(50, 4));
    expect(simulatedCsv(5, 1).split('\n')[0]).toBe('customer_id,invoice_date,amount');
  });
});
