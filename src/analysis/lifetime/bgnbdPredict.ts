/** BG/NBD expectations (Fader, Hardie & Lee 2005, eqs. 9 and 10); time in weeks. */
import type { BgnbdParams } from './types';
import { lnHyp2f1 } from './special';

// a = 1 makes (a - 1) vanish in a removable way; nudge it off the singular point
const aOf = (p: BgnbdParams) => (Math.abs(p.a - 1) < 1e-8 ? 1 + 1e-8 : p.a);

/** E[X(t)]: expected repeat purchases in the first t weeks after a customer's first purchase. */
export function expectedRepeat(p: BgnbdParams, t: number): number {
  if (t <= 0) return 0;
  const a = aOf(p);
  const z = t / (p.alpha + t);
  const lnTerm = p.r * Math.log(p.alpha / (p.alpha + t)) + lnHyp2f1(p.r, p.b, a + p.b - 1, z);
  return ((a + p.b - 1) / (a - 1)) * (1 - Math.exp(lnTerm));
}

/** The part of E[Y(t) | x, t_x, T] that does not depend on t_x (so callers can reuse it per (x, T)). */
export function expectedAlive(p: BgnbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const a = aOf(p);
  const z = t / (p.alpha + T + t);
  const lnTerm = (p.r + x) * Math.log((p.alpha + T) / (p.alpha + T + t)) + lnHyp2f1(p.r + x, p.b + x, a + p.b + x - 1, z);
  return ((a + p.b + x - 1) / (a - 1)) * (1 - Math.exp(lnTerm));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t weeks of a customer with history (x, t_x, T). */
export function expectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  return expectedAlive(p, t, x, T) * aliveFactor(p, x, tx, T);
}

/** 1 / (1 + [x > 0] a / (b + x - 1) ((α + T) / (α + t_x))^(r + x)), which is P(alive). */
export function aliveFactor(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const a = aOf(p);
  return 1 / (1 + Math.exp(Math.log(a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx))));
}
