import { describe, expect, it } from 'vitest';
import { fmtInt, fmtMoney, fmtMoneyShort, fmtMoneyText, fmtMonths, fmtNum, fmtPct, fmtPoints, fmtScore, isCurrencyCode, moneyPrefix, moneySymbol } from './index';

describe('numbers', () => {
  it('counts, shares, scores and months', () => {
    expect(fmtInt(7043)).toBe('7,043');
    expect(fmtInt(1234.5)).toBe('1,235');
    expect(fmtInt(-0.3)).toBe('0');
    expect(fmtPct(0.26537)).toBe('26.5%');
    expect(fmtPct(0.3, 0)).toBe('30%');
    expect(fmtNum(1234.56)).toBe('1,235');
    expect(fmtNum(12.34)).toBe('12.3');
    expect(fmtScore(0.82345)).toBe('0.823');
    expect(fmtMonths(12)).toBe('12 months');
    expect(fmtMonths(7.25)).toBe('7.3 months');
    expect(fmtMonths(null)).toBe('not reached');
    // a difference of two rates says what it is: percentage points, not "points" or "%"
    expect(fmtPoints(25.73)).toBe('25.7 percentage points');
    expect(fmtPoints(-25.73)).toBe('25.7 percentage points'); // the sentence says "raises" or "lowers"
    expect(fmtPoints(-3.24, true)).toBe('-3.2 percentage points');
    expect(fmtPoints(12.3, true)).toBe('+12.3 percentage points');
    expect(fmtPoints(1.04)).toBe('1.0 percentage point');
    for (const f of [fmtInt, fmtPct, fmtNum, fmtScore, fmtPoints]) expect([f(null), f(NaN), f(Infinity)]).toEqual(['–', '–', '–']);
  });
});

describe('money', () => {
  it('writes US dollars as before the currency was a setting', () => {
    expect(fmtMoney(139130.85, 'USD')).toBe('$139,131');
    expect(fmtMoney(174623.55, 'USD')).toBe('$174,624'); // the lost monthly revenue: whole dollars like every big amount
    expect(fmtMoney(-1234.4, 'USD')).toBe('-$1,234');
    expect(fmtMoney(99.996, 'USD')).toBe('$100');
    expect(fmtMoney(99.99, 'USD')).toBe('$99.99');
    expect(fmtMoney(100, 'USD')).toBe('$100');
    expect(fmtMoney(50, 'USD')).toBe('$50'); // an offer cost, not "$50.00"
    expect(fmtMoney(0, 'USD')).toBe('$0');
    expect(fmtMoney(-0.001, 'USD')).toBe('$0');
    expect(fmtMoney(-0.3, 'USD')).toBe('-$0.30');
    expect(fmtMoney(64.761, 'USD')).toBe('$64.76');
    expect(fmtMoney(16056.2, 'USD')).toBe('$16,056');
    expect(fmtMoneyShort(1_234_567, 'USD')).toBe('$1.23M');
    expect(fmtMoneyShort(-12_345, 'USD')).toBe('-$12.3k');
    expect(fmtMoney(null, 'USD')).toBe('–');
    // in sentences: whole units from 10 up (estimates and averages), cents below; tables keep fmtMoney's cents
    expect(fmtMoneyText(78.42, 'USD')).toBe('$78');
    expect(fmtMoneyText(60.62, 'EUR')).toBe('€61');
    expect(fmtMoneyText(-78.42, 'USD')).toBe('-$78');
    expect(fmtMoneyText(10, 'USD')).toBe('$10');
    expect(fmtMoneyText(9.996, 'USD')).toBe('$10');
    expect(fmtMoneyText(9.99, 'USD')).toBe('$9.99');
    expect(fmtMoneyText(4.5, 'USD')).toBe('$4.50');
    expect(fmtMoneyText(50, 'USD')).toBe('$50');
    expect(fmtMoneyText(174623.55, 'USD')).toBe(fmtMoney(174623.55, 'USD'));
    expect(fmtMoneyText(null, 'USD')).toBe('–');
  });

  it('writes every money figure in the given currency', () => {
    expect(fmtMoney(1234, 'EUR')).toBe('€1,234');
    expect(fmtMoney(64.76, 'GBP')).toBe('£64.76');
    expect(fmtMoney(-250, 'EUR')).toBe('-€250');
    expect(fmtMoneyShort(2_500_000, 'EUR')).toBe('€2.50M');
    expect(fmtMoney(1234, 'CHF')).toBe('CHF\u00a01,234');
    expect(fmtMoney(1234, 'INR')).toBe('₹1,234');
    expect(moneyPrefix('USD')).toBe('$');
    expect(moneyPrefix('EUR')).toBe('€');
    expect(moneyPrefix('CHF')).toBe('CHF ');
    expect(moneySymbol('CHF')).toBe('CHF');
  });

  it('knows currency codes', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(isCurrencyCode('')).toBe(false);
  });
});
