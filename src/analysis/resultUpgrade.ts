/**
 * Results saved (IndexedDB) or exported (.json, .html report) by an older version, brought up to
 * RESULT_VERSION so every panel, export and chart reads the same fields. One step per version:
 * - 1 -> 2: `currency` (money was always written in dollars: "USD"), business.options.currency,
 *   `model`, `lifetime` and `survivalModel` (absent: null, not run), and the active/lost split for
 *   results saved before it existed (every customer counted as active, as those plans did; no lost
 *   customers, no win-back list).
 * Pure: returns a new object and leaves the input alone; newer versions pass through.
 */
import { RESULT_VERSION, type AnalysisResult } from './result';
import { DEFAULT_CURRENCY, fmtInt } from './format';
import type { BusinessResult } from './business/types';

type Loose = Record<string, unknown>;

/** The result at RESULT_VERSION; `r` is any version from 1 on (checked by the caller's type guard). */
export function upgradeResult(r: AnalysisResult): AnalysisResult {
  if (typeof r.version !== 'number' || r.version >= RESULT_VERSION) return r;
  let out: AnalysisResult = r;
  if (out.version < 2) out = toV2(out);
  return out;
}

function toV2(r: AnalysisResult): AnalysisResult {
  const old = r as unknown as Loose;
  const currency = typeof old.currency === 'string' ? old.currency : DEFAULT_CURRENCY;
  let business = r.business;
  if (business) {
    const b = business as unknown as Loose;
    const n = r.rows;
    const active = b.active instanceof Uint8Array && b.active.length === n ? b.active : new Uint8Array(n).fill(1);
    const nActive = active.reduce((s, v) => s + v, 0);
    business = {
      ...business,
      options: { ...business.options, currency: business.options?.currency ?? currency },
      active,
      population: (b.population as BusinessResult['population'] | undefined) ?? {
        flagMeaning: null, flagMeaningGuessed: true, customers: n, active: nActive, lost: n - nActive,
        label: `of ${fmtInt(nActive)} customers`,
        note: 'Saved before active and lost customers were told apart: every customer counts as active.',
      },
      lost: (b.lost as BusinessResult['lost'] | undefined) ?? null,
      plan: (b.plan as BusinessResult['plan'] | undefined) ?? null,
      callOrder: b.callOrder instanceof Int32Array ? b.callOrder : new Int32Array(0),
      customerActions: (b.customerActions as BusinessResult['customerActions'] | undefined) ?? null,
      drivers: (b.drivers as BusinessResult['drivers'] | undefined) ?? [],
      money: typeof b.money === 'boolean' ? b.money : b.revenue != null,
    };
  }
  return {
    ...r,
    version: 2,
    currency,
    business,
    model: r.model ?? null,
    lifetime: r.lifetime ?? null,
    survivalModel: r.survivalModel ?? null,
  };
}
