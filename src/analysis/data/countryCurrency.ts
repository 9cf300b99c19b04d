/**
 * The currency a file's country column implies, for a file that names no currency anywhere: a bank
 * table whose Geography is France, Spain and Germany is in euros, an invoice log whose Country is
 * mostly the United Kingdom is in pounds. Only a clear case counts: nearly every row names a known
 * country and nearly all of those use one currency; anything else keeps the default (the user can
 * always change it on the mapping step).
 */
import type { RawTable } from '../types';
import type { CurrencyCode } from '../format';

const EURO = [
  'austria', 'belgium', 'croatia', 'cyprus', 'estonia', 'finland', 'france', 'germany', 'greece', 'ireland', 'eire', 'italy',
  'latvia', 'lithuania', 'luxembourg', 'malta', 'netherlands', 'the netherlands', 'holland', 'portugal', 'slovakia', 'slovenia', 'spain',
];
/** Country names (lower case) and their currency. */
const BY_NAME = new Map<string, CurrencyCode>([
  ...EURO.map((c): [string, CurrencyCode] => [c, 'EUR']),
  ...['united kingdom', 'uk', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland'].map((c): [string, CurrencyCode] => [c, 'GBP']),
  ...['united states', 'united states of america', 'usa', 'us', 'america'].map((c): [string, CurrencyCode] => [c, 'USD']),
  ['canada', 'CAD'], ['australia', 'AUD'], ['new zealand', 'NZD'], ['japan', 'JPY'], ['india', 'INR'], ['switzerland', 'CHF'],
  ['sweden', 'SEK'], ['norway', 'NOK'], ['denmark', 'DKK'], ['poland', 'PLN'], ['brazil', 'BRL'], ['china', 'CNY'], ['mexico', 'MXN'],
  ['south africa', 'ZAR'], ['rsa', 'ZAR'], ['singapore', 'SGD'], ['hong kong', 'HKD'], ['czech republic', 'CZK'], ['czechia', 'CZK'],
  ['hungary', 'HUF'], ['turkey', 'TRY'], ['türkiye', 'TRY'], ['israel', 'ILS'], ['south korea', 'KRW'], ['korea', 'KRW'],
]);
/** Currency names as a sentence says them. */
const WORDS: Record<string, string> = {
  EUR: 'the euro', GBP: 'the pound sterling', USD: 'the US dollar', CAD: 'the Canadian dollar', AUD: 'the Australian dollar',
  NZD: 'the New Zealand dollar', JPY: 'the yen', INR: 'the rupee', CHF: 'the Swiss franc', SEK: 'the Swedish krona',
  NOK: 'the Norwegian krone', DKK: 'the Danish krone', PLN: 'the zloty', BRL: 'the real', CNY: 'the yuan', MXN: 'the Mexican peso',
  ZAR: 'the rand', SGD: 'the Singapore dollar', HKD: 'the Hong Kong dollar', CZK: 'the Czech koruna', HUF: 'the forint',
  TRY: 'the lira', ILS: 'the shekel', KRW: 'the won',
};

/** of the rows with a value, at least this share must name a known country */
const MIN_KNOWN = 0.8;
/** of the rows naming a known country, at least this share must use the one currency */
const MIN_SAME = 0.9;

export interface CountryCurrency {
  code: CurrencyCode;
  /** "the countries in Geography (France, Germany, Spain) use the euro" */
  evidence: string;
}

/** The currency the country column implies, or null when no column clearly does (see header). */
export function countryCurrency(raw: RawTable): CountryCurrency | null {
  for (const col of raw.columns) {
    if (col.levels.length > 300) continue; // countries are few; ids and free text are not countries
    const counts = new Float64Array(col.levels.length);
    for (let i = 0; i < col.codes.length; i++) counts[col.codes[i]]++;
    let filled = 0, known = 0;
    const byCurrency = new Map<CurrencyCode, { n: number; countries: [string, number][] }>();
    col.levels.forEach((level, k) => {
      const name = level.trim();
      if (name === '' || counts[k] === 0) return;
      filled += counts[k];
      const c = BY_NAME.get(name.toLowerCase());
      if (!c) return;
      known += counts[k];
      const e = byCurrency.get(c) ?? { n: 0, countries: [] };
      e.n += counts[k];
      e.countries.push([name, counts[k]]);
      byCurrency.set(c, e);
    });
    if (filled === 0 || known / filled < MIN_KNOWN) continue;
    const [code, e] = [...byCurrency].sort((a, b) => b[1].n - a[1].n)[0];
    if (e.n / known < MIN_SAME) continue;
    const named = e.countries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
    const list = named.length > 3 ? `${named.slice(0, 3).join(', ')} and ${named.length - 3} more` : named.join(', ');
    const share = e.n === filled ? '' : `, ${Math.floor((e.n / filled) * 100)}% of its rows`;
    return { code, evidence: `the countries in ${col.name} (${list}${share}) use ${WORDS[code] ?? code}` };
  }
  return null;
}
