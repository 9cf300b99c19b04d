/**
 * A seeded synthetic purchase log drawn from the BG/NBD process with Gamma-Gamma spend, with known
 * parameters: the second demo, and the recovery test of the fits. Each customer's first purchase
 * falls in the first `acquisitionWeeks`; purchases follow Poisson(λ), λ ~ Gamma(r, α); after each
 * repeat purchase the customer drops out with probability p ~ Beta(a, b); each purchase spends
 * Gamma(p_s, ν), ν ~ Gamma(q, γ). Times are rounded to days (one purchase per customer-day).
 */
import type { BgnbdParams, GammaGammaParams } from './types';
import type { Lines } from './log';
import { mulberry32 } from '../random';

export const DEMO_BGNBD: BgnbdParams = Object.freeze({ r: 0.6, alpha: 6, a: 0.7, b: 3 });
export const DEMO_SPEND: GammaGammaParams = Object.freeze({ p: 5, q: 4, gamma: 30 });

export interface SimOptions {
  customers: number;
  /** weeks observed from the first possible purchase (default 104) */
  weeks?: number;
  /** weeks during which customers arrive (default 13) */
  acquisitionWeeks?: number;
  /** first day (days since 1970-01-01 UTC; default 2024-01-01) */
  startDay?: number;
  seed?: number;
}

/** Standard normal (Box-Muller) and Gamma(shape, 1) (Marsaglia-Tsang) from a uniform generator. */
function gammaSampler(rng: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - rng(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - rng();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return gamma;
}

/** Simulate invoice lines (id, day, amount) from the process above; deterministic for a seed (default 42). */
export function simulateLog(bg: BgnbdParams, gg: GammaGammaParams, o: SimOptions): Lines {
  const rng = mulberry32(o.seed ?? 42);
  const gamma = gammaSampler(rng);
  const weeks = o.weeks ?? 104;
  const acq = o.acquisitionWeeks ?? 13;
  const start = o.startDay ?? Date.UTC(2024, 0, 1) / 86_400_000;
  const lastDay = start + Math.round(weeks * 7) - 1;
  const id: string[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const width = String(o.customers).length;
  for (let c = 0; c < o.customers; c++) {
    const lambda = gamma(bg.r) / bg.alpha;
    const ga = gamma(bg.a);
    const drop = ga / (ga + gamma(bg.b));
    const nu = gamma(gg.q) / gg.gamma;
    const name = `C${String(c + 1).padStart(width, '0')}`;
    const first = start + Math.floor(rng() * acq * 7);
    let t = 0; // weeks since the first purchase
    let prevDay = -1;
    for (let k = 0; ; k++) {
      const d = first + Math.floor(t * 7);
      if (d > lastDay) break;
      if (d !== prevDay) {
        id.push(name);
        day.push(d);
        amount.push(Math.round((gamma(gg.p) / nu) * 100) / 100);
        prevDay = d;
      }
      if (k > 0 && rng() < drop) break;
      t += -Math.log(1 - rng()) / lambda;
    }
  }
  return { id, day, amount };
}

/** The synthetic log as CSV text (customer_id,invoice_date,amount), for the demo button. */
export function simulatedCsv(customers = 5000, seed = 42): string {
  const lines = simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers, seed });
  const out = ['customer_id,invoice_date,amount'];
  for (let i = 0; i < lines.id.length; i++)
    out.push(`${lines.id[i]},${new Date(lines.day[i] * 86_400_000).toISOString().slice(0, 10)},${lines.amount[i].toFixed(2)}`);
  return out.join('\n') + '\n';
}
