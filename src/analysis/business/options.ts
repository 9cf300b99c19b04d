/** Campaign economics defaults and their validation (the public door of the business layer). */
import type { BusinessOptions } from '../types';
import { AnalysisError } from '../errors';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../format';

/**
 * Stated defaults, each a plain assumption the user can change:
 * - offerCost 50: $ cost of one retention offer (discount, call-centre time).
 * - saveRate 0.3: share of contacted would-be churners the offer keeps.
 * - budget 10000: $ campaign budget.
 * - cac 300: $ cost to acquire one new customer.
 * - margin 0.7: gross margin on revenue used for CLV.
 * - discountRate 0.1: annual rate to discount future revenue in CLV.
 * - currency "USD": the currency money figures are written in (the pipeline passes the file's).
 */
export const DEFAULT_BUSINESS_OPTIONS: BusinessOptions = Object.freeze({
  offerCost: 50,
  saveRate: 0.3,
  budget: 10000,
  cac: 300,
  margin: 0.7,
  discountRate: 0.1,
  currency: DEFAULT_CURRENCY,
}) as BusinessOptions;

/** Merges user options over the defaults and checks ranges; throws AnalysisError('bad-option'). */
export function resolveOptions(options?: Partial<BusinessOptions>): BusinessOptions {
  const o: BusinessOptions = { ...DEFAULT_BUSINESS_OPTIONS };
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  }
  if (typeof o.currency !== 'string' || !isCurrencyCode(o.currency))
    throw new AnalysisError('bad-option', `business: currency=${String(o.currency)} must be an ISO 4217 code such as "EUR"`);
  const check = (name: Exclude<keyof BusinessOptions, 'currency'>, ok: (v: number) => boolean, rule: string) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v))
      throw new AnalysisError('bad-option', `business: ${name}=${String(v)} must be ${rule}`);
  };
  check('offerCost', (v) => v >= 0, '>= 0');
  check('saveRate', (v) => v >= 0 && v <= 1, 'in [0, 1]');
  check('budget', (v) => v >= 0, '>= 0');
  check('cac', (v) => v >= 0, '>= 0');
  check('margin', (v) => v >= 0 && v <= 1, 'in [0, 1]');
  check('discountRate', (v) => v >= 0 && v < 10, 'in [0, 10)');
  return o;
}

/** Monthly rate equivalent to an annual discount rate: (1 + r)^(1/12) - 1. */
export function monthlyDiscount(annual: number): number {
  return Math.pow(1 + annual, 1 / 12) - 1;
}
