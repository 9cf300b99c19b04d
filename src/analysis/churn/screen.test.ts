/** Univariate screening of wide tables: fitted on training rows only, keeps the informative columns. */
import { describe, it, expect } from 'vitest';
import { fitDesign, screenDesign } from '../features/design';
import { frameFromCsv } from '../testing/frames';
import { mulberry32 } from '../random';

function wideCsv(n: number, extra: number): string {
  const rng = mulberry32(3);
  const head = ['id', 'signal', 'plan', ...Array.from({ length: extra }, (_, j) => `noise${j}`), 'churn'];
  const lines = [head.join(',')];
  for (let i = 0; i < n; i++) {
    const signal = rng() * 10;
    const plan = rng() < 0.5 ? 'monthly' : 'yearly';
    const churn = rng() < (plan === 'monthly' ? 0.2 : 0.05) + signal / 20 ? 'Yes' : 'No';
    lines.push([i, signal.toFixed(3), plan, ...Array.from({ length: extra }, () => Math.floor(rng() * 97)), churn].join(','));
  }
  return lines.join('\n');
}

describe('screenDesign', () => {
  it('keeps at most maxColumns, the informative columns among them, chosen from the training rows only', async () => {
    const f = await frameFromCsv(wideCsv(400, 300), { id: 'id', target: 'churn' });
    const train = Int32Array.from({ length: 300 }, (_, i) => i);
    const full = fitDesign(f, train);
    expect(full.d).toBeGreaterThan(300);
    const s = screenDesign(full, f, train, f.y!, 50);
    expect(s.d).toBeLessThanOrEqual(50);
    expect(s.names).toContain('signal');
    expect(s.groups.map((g) => g.name)).toContain('plan');
    expect(s.warnings.map((w) => w.code)).toContain('design/screened');
    // group starts are contiguous and names line up
    let at = 0;
    for (const g of s.groups) {
      expect(g.start).toBe(at);
      at += g.count;
    }
    expect(at).toBe(s.d);
    // held-out labels do not change the choice
    const y2 = Uint8Array.from(f.y!, (v, i) => (i >= 300 ? 1 - v : v));
    expect(screenDesign(full, f, train, y2, 50).names).toEqual(s.names);
    expect(screenDesign(full, f, train, f.y!, 1000)).toBe(full);
  });
});
