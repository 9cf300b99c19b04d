/**
 * The file's currency, read from symbols in number cells ("€12.50", "1.234,50 €") and from column
 * names ("Revenue (£)", "amount_eur", "MonthlyFee CHF"). Cells outvote names; a file that names no
 * currency takes the one its country column clearly implies, else the default (USD, as IBM's Telco file). The mapping step shows the guess and the
 * user can change it (AnalysisOptions.currency).
 */
import type { RawTable } from '../types';
import { DEFAULT_CURRENCY, type CurrencyCode } from '../format';
import { countryCurrency } from './countryCurrency';

export interface CurrencyGuess {
  code: CurrencyCode;
  /** where it came from, in words: 'symbol "€" in 7,043 cells of MonthlyCharges', 'column name "amount_eur"', or 'no currency in the file' */
  evidence: string;
  /** false when nothing in the file names a currency (the default) */
  detected: boolean;
  /** true when no amount or column names it and the customers' countries imply it (countryCurrency.ts) */
  guessed?: boolean;
}

/** Symbols written next to amounts; "$" is read as US dollars, "kr" as Swedish krona (the user can change either). */
const SYMBOLS: [string, CurrencyCode][] = [
  ['R$', 'BRL'], ['CA$', 'CAD'], ['A$', 'AUD'], ['US$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR'], ['₩', 'KRW'],
  ['₽', 'RUB'], ['₺', 'TRY'], ['₪', 'ILS'], ['zł', 'PLN'], ['kr', 'SEK'], ['$', 'USD'],
];

/** ISO codes recognised as a word in a column name or beside a number in a cell. */
const CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'INR', 'CHF', 'SEK', 'NOK', 'DKK', 'CAD', 'AUD', 'NZD', 'PLN', 'BRL', 'CNY', 'KRW', 'RUB', 'MXN', 'ZAR', 'SGD', 'HKD', 'CZK', 'HUF', 'TRY', 'ILS']);

const NUM = String.raw`[-+(]?\d[\d.,' \u00a0]*\)?`;
const CELL_CODE = new RegExp(String.raw`^\s*(?:([A-Za-z]{3})\s?${NUM}|${NUM}\s?([A-Za-z]{3}))\s*$`);

/** The currency a cell's text names, or null: "€12.50", "12,50 €", "CHF 1'200", "12.50 EUR". */
export function cellCurrency(cell: string): CurrencyCode | null {
  if (cell.length === 0 || cell.length > 40 || !/\d/.test(cell)) return null;
  const code = CELL_CODE.exec(cell);
  if (code) {
    const c = (code[1] ?? code[2]).toUpperCase();
    return CODES.has(c) ? c : null;
  }
  const t = cell.trim().replace(/^[-+(]+|\)$/g, '');
  for (const [sym, c] of SYMBOLS) {
    if (t.startsWith(sym) || t.endsWith(sym)) {
      const rest = t.startsWith(sym) ? t.slice(sym.length) : t.slice(0, t.length - sym.length);
      if (/^\s?-?\d[\d.,' \u00a0]*$/.test(rest)) return c;
    }
  }
  return null;
}

/** The currency a column name names, or null: "Revenue (€)", "amount_eur", "Price in GBP". */
export function headerCurrency(name: string): CurrencyCode | null {
  const words = name.split(/[^A-Za-z]+/).filter(Boolean);
  // an upper-case code anywhere ("Revenue EUR"), or any case as the last word ("amount_eur")
  for (const [k, w] of words.entries()) {
    const up = w.toUpperCase();
    if (CODES.has(up) && (w === up || (k === words.length - 1 && words.length > 1 && up !== 'TRY'))) return up;
  }
  for (const [sym, c] of SYMBOLS) if (sym.length === 1 && sym !== '$' && name.includes(sym)) return c;
  if (/\(\s*\$\s*\)|\bin \$|\$$/.test(name)) return 'USD';
  if (/\(\s*kr\s*\)/i.test(name)) return 'SEK';
  return null;
}

/** The file's currency: the one most cells name; else the one a column name names; else the one its
 *  country column implies (countryCurrency.ts); else USD. */
export function detectCurrency(raw: RawTable): CurrencyGuess {
  const cells = new Map<CurrencyCode, { n: number; column: string; symbol: string }>();
  for (const col of raw.columns) {
    if (col.levels.length > 50_000) continue; // ids and free text: not amounts
    const counts = new Uint32Array(col.levels.length);
    for (let i = 0; i < col.codes.length; i++) counts[col.codes[i]]++;
    col.levels.forEach((l, k) => {
      const c = cellCurrency(l);
      if (!c) return;
      const e = cells.get(c) ?? { n: 0, column: col.name, symbol: l.replace(/[\d.,' \u00a0()+-]/g, '') };
      e.n += counts[k];
      cells.set(c, e);
    });
  }
  let best: [CurrencyCode, { n: number; column: string; symbol: string }] | null = null;
  for (const e of cells) if (!best || e[1].n > best[1].n) best = e;
  if (best) return { code: best[0], evidence: `“${best[1].symbol}” in ${best[1].n.toLocaleString('en-US')} cells (first in ${best[1].column})`, detected: true };
  for (const col of raw.columns) {
    const c = headerCurrency(col.name);
    if (c) return { code: c, evidence: `column name “${col.name}”`, detected: true };
  }
  const country = countryCurrency(raw);
  if (country) return { code: country.code, evidence: country.evidence, detected: true, guessed: true };
  return { code: DEFAULT_CURRENCY, evidence: 'no currency symbol or code in the file', detected: false };
}
