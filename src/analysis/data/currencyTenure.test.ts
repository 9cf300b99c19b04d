/** Currency from cells and headers, the tenure unit from names and values, and the monthly-charge
 *  role that a count per month must not take. */
import { describe, expect, it } from 'vitest';
import { cellCurrency, detectCurrency, headerCurrency } from './currency';
import { guessTenureUnit, tenureInMonths } from './tenureUnit';
import { parseCsv } from './parse';
import { inspectTable } from './prepare';

async function table(csv: string) {
  const p = await parseCsv(csv, 'f.csv');
  if (!p.ok) throw new Error(p.message);
  return p.table;
}

describe('currency', () => {
  it('reads symbols and codes in cells', () => {
    expect(cellCurrency('€12.50')).toBe('EUR');
    expect(cellCurrency('12,50 €')).toBe('EUR');
    expect(cellCurrency('-£1,234.00')).toBe('GBP');
    expect(cellCurrency('¥1200')).toBe('JPY');
    expect(cellCurrency('₹ 499')).toBe('INR');
    expect(cellCurrency("CHF 1'200.50")).toBe('CHF');
    expect(cellCurrency('199 kr')).toBe('SEK');
    expect(cellCurrency('12.50 EUR')).toBe('EUR');
    expect(cellCurrency('$64.70')).toBe('USD');
    for (const no of ['12.50', 'Euro zone', 'ABC 12', '€', 'Month-to-month', '']) expect(cellCurrency(no)).toBeNull();
  });

  it('reads codes and symbols in column names', () => {
    expect(headerCurrency('MonthlyCharges EUR')).toBe('EUR');
    expect(headerCurrency('amount_eur')).toBe('EUR');
    expect(headerCurrency('Revenue (£)')).toBe('GBP');
    expect(headerCurrency('Fee (CHF)')).toBe('CHF');
    expect(headerCurrency('Price ($)')).toBe('USD');
    for (const no of ['MonthlyCharges', 'Country', 'usd', 'retry', 'Europe']) expect(headerCurrency(no)).toBeNull();
  });

  it('detects the file currency: cells outvote names, none means dollars', async () => {
    const euro = detectCurrency(await table('id,MonthlyCharges,Churn\n1,€29.90,No\n2,€70.15,Yes\n3,"€1,020.00",No\n'));
    expect(euro).toMatchObject({ code: 'EUR', detected: true });
    expect(euro.evidence).toContain('3 cells');
    expect(detectCurrency(await table('id,amount_gbp\n1,12\n2,14\n')).code).toBe('GBP');
    expect(detectCurrency(await table('id,Price USD,Fee\n1,12,€3\n2,14,€4\n')).code).toBe('EUR');
    expect(detectCurrency(await table('id,MonthlyCharges\n1,29.9\n2,70.15\n'))).toMatchObject({ code: 'USD', detected: false });
  });

  it('a file that names no currency takes the one its country column clearly implies', async () => {
    const bank = (geo: string[]) => table(['CustomerId,Geography,Balance,Exited', ...geo.map((g, i) => `${i + 1},${g},${1000 + i},${i % 2}`)].join('\n') + '\n');
    const euro = detectCurrency(await bank(['France', 'Spain', 'Germany', 'France', 'France', 'Spain']));
    expect(euro).toEqual({ code: 'EUR', detected: true, guessed: true, evidence: 'the countries in Geography (France, Spain, Germany) use the euro' });
    // an invoice log of a UK shop with some customers abroad: 9 in 10 rows in the UK
    const uk = detectCurrency(await table(['InvoiceNo,Country,UnitPrice', ...Array.from({ length: 20 }, (_, i) => `${i},${i < 18 ? 'United Kingdom' : 'France'},2.5`)].join('\n') + '\n'));
    expect(uk).toMatchObject({ code: 'GBP', guessed: true });
    expect(uk.evidence).toBe('the countries in Country (United Kingdom, 90% of its rows) use the pound sterling');
    // countries in several currencies, or a column that is mostly not countries: no guess
    expect(detectCurrency(await bank(['France', 'United States', 'Japan', 'France']))).toMatchObject({ code: 'USD', detected: false });
    expect(detectCurrency(await bank(['France', 'North', 'South', 'East', 'West']))).toMatchObject({ code: 'USD', detected: false });
    // a symbol in the amounts outvotes the countries
    expect(detectCurrency(await table('id,Country,Fee\n1,France,$3\n2,Spain,$4\n')).code).toBe('USD');
  });

  it('euro cells are read as numbers and the mapping summary names the currency', async () => {
    const ins = inspectTable(await table('customerID,tenure,MonthlyCharges,Churn\nA,1,€29.90,No\nB,34,€56.95,Yes\nC,2,€53.85,No\n'));
    expect(ins.inferred.find((c) => c.name === 'MonthlyCharges')!.type).toBe('numeric');
  });
});

describe('tenure unit', () => {
  it('from the name first', () => {
    expect(guessTenureUnit('tenure_years', 40).unit).toBe('years');
    expect(guessTenureUnit('TenureYears', 40).unit).toBe('years');
    expect(guessTenureUnit('days_as_customer', 5).unit).toBe('days');
    expect(guessTenureUnit('tenure_months', 5).unit).toBe('months');
    expect(guessTenureUnit('MonthsOnBook', 5).reason).toContain('says months');
  });

  it('from the values when the name has no unit', () => {
    expect(guessTenureUnit('tenure', 72)).toEqual({ unit: 'months', reason: 'values run up to 72: read as months' });
    expect(guessTenureUnit('Tenure', 10).unit).toBe('years');
    expect(guessTenureUnit('tenure', 2400).unit).toBe('days');
    expect(guessTenureUnit('tenure', undefined).unit).toBe('months');
  });

  it('converts to months', () => {
    expect(Array.from(tenureInMonths(Float64Array.from([0, 1, 2.5]), 'years'))).toEqual([0, 12, 30]);
    expect(tenureInMonths(Float64Array.from([365.25]), 'days')[0]).toBeCloseTo(12, 12);
    const m = Float64Array.from([3]);
    expect(tenureInMonths(m, 'months')).toBe(m);
  });
});

describe('monthly charge role', () => {
  it('a count per month is not the monthly charge', async () => {
    const ins = inspectTable(await table('id,tenure,LoginsPerMonth,MonthlyCharges,Churn\n1,3,12,29.9,No\n2,40,3,70.1,Yes\n3,7,25,55.2,No\n'));
    expect(ins.roles.monthly).toBe('MonthlyCharges');
    const only = inspectTable(await table('id,tenure,LoginsPerMonth,SupportCallsPerMonth,Churn\n1,3,12,1,No\n2,40,3,0,Yes\n3,7,25,2,No\n'));
    expect(only.roles.monthly).toBeUndefined();
    const fee = inspectTable(await table('id,tenure,FeePerMonth,Churn\n1,3,12.5,No\n2,40,30,Yes\n3,7,25,No\n'));
    expect(fee.roles.monthly).toBe('FeePerMonth');
  });
});
