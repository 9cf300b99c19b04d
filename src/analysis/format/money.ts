/**
 * Money as text in the analysis's currency (an ISO 4217 code such as "USD", "EUR", "GBP"): every
 * money figure on the page, in the charts, the HTML report, the CSV headers and the engine's own
 * sentences goes through these functions, so a file in euros reads "€" everywhere. English number
 * style; negatives as "-€1,234" (never "-€0"); a missing value reads as an en dash.
 *
 * One rule for every amount (fmtMoney): whole units from 100 up, cents below ("$174,624", "$61.70", "$50").
 * Sentences (fmtMoneyText) round further, to whole units from 10 up ("net $78", "$73 vs $61 on average"):
 * their amounts are estimates or averages, and "$78.42" there reads as a precision the model does not have;
 * tables, KPI tiles, formulas and the CSV keep fmtMoney's cents (and the CSV its raw numbers).
 * fmtMoneyShort is the same rule compacted for chart labels ("$1.23M").
 */
import { DASH } from './numbers';

/** An ISO 4217 currency code, upper case. */
export type CurrencyCode = string;

/** The currency when the file shows none (Telco's charges are dollars). */
export const DEFAULT_CURRENCY: CurrencyCode = 'USD';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(code: CurrencyCode, cents: boolean): Intl.NumberFormat {
  const key = `${code}|${cents ? 2 : 0}`;
  let f = cache.get(key);
  if (!f) {
    const digits = cents ? 2 : 0;
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

/** True for a code Intl knows as a currency ("EUR"); false for "EURO", "eu", "". */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    formatter(code, false);
    return true;
  } catch {
    return false;
  }
}

const missing = (v: number | null | undefined): v is null | undefined => v == null || !Number.isFinite(v);

/** Whole units: 1234.4 -> "$1,234", -1234 -> "-$1,234" (rounded half up, so -0.3 -> "$0"). */
function fmtMoneyWhole(v: number | null | undefined, currency: CurrencyCode): string {
  return missing(v) ? DASH : formatter(currency, false).format(Math.round(v) + 0);
}

/** With cents: 64.7612 -> "$64.76". */
function fmtMoneyCents(v: number | null | undefined, currency: CurrencyCode): string {
  return missing(v) ? DASH : formatter(currency, true).format(Math.round(v * 100) / 100 + 0);
}

/** The money rule: whole units from 100 up, cents below (none on a whole amount): 1234.5 -> "$1,235",
 *  174623.55 -> "$174,624", 64.76 -> "$64.76", 50 -> "$50". */
export function fmtMoney(v: number | null | undefined, currency: CurrencyCode): string {
  if (missing(v)) return DASH;
  const cents = Math.round(v * 100);
  return Math.abs(cents) >= 10000 || cents % 100 === 0 ? fmtMoneyWhole(v, currency) : fmtMoneyCents(v, currency); // 99.996 reads "$100", 50 reads "$50"
}

/** The money rule in a sentence: whole units from 10 up, cents below (78.42 -> "$78", 60.62 -> "$61",
 *  4.5 -> "$4.50", 1234.5 -> "$1,235"). Tables and formulas use fmtMoney. */
export function fmtMoneyText(v: number | null | undefined, currency: CurrencyCode): string {
  if (missing(v)) return DASH;
  return Math.abs(Math.round(v * 100)) >= 1000 ? fmtMoneyWhole(v, currency) : fmtMoney(v, currency); // 9.996 reads "$10"
}

/** Compact for big amounts: 1234567 -> "$1.23M", 12345 -> "$12.3k"; below 10,000 as fmtMoney. */
export function fmtMoneyShort(v: number | null | undefined, currency: CurrencyCode): string {
  if (missing(v)) return DASH;
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const p = moneyPrefix(currency);
  if (a >= 1e9) return `${sign}${p}${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}${p}${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${sign}${p}${(a / 1e3).toFixed(1)}k`;
  return fmtMoney(v, currency);
}

/** The currency's symbol as written before an amount: "$", "€", "£", "CHF " (codes get a space).
 *  For chart axes (Plotly tickprefix) and hover templates. */
export function moneyPrefix(currency: CurrencyCode): string {
  const part = formatter(currency, false).formatToParts(1).find((x) => x.type === 'currency')?.value ?? currency;
  return /[A-Za-z]$/.test(part) ? `${part} ` : part;
}

/** The symbol alone, for labels such as "Offer cost per customer (€)". */
export function moneySymbol(currency: CurrencyCode): string {
  return moneyPrefix(currency).trim();
}
