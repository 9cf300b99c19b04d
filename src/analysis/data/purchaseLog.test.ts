/** The lifetime stage's purchase log reads dates as the aggregation does: the column's day/month
 *  order, far-off typos and lines after the analysis date left out (a 2099 typo once stretched the
 *  back-test to 2069 and the cohort grid to 1,070 months). */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { inspectTable } from './prepare';
import { purchaseLog } from './purchaseLog';
import { withFormatAnswers } from './questions';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(iso) / DAY;

async function logOf(lines: string[], analysisDate?: number, dateOrders?: Record<string, 'dmy' | 'mdy'>) {
  const parsed = await parseCsv(['CustomerID,InvoiceDate,Amount', ...lines].join('\n') + '\n', 'log.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const ins = withFormatAnswers(inspectTable(parsed.table), { dateOrders });
  const r = purchaseLog(ins.raw, ins.inferred, { ...ins.roles, id: 'CustomerID', date: 'InvoiceDate', amount: 'Amount' }, analysisDate);
  if (!r.ok) throw new Error(r.message);
  return r.log;
}

/** 200 ISO-dated purchases by 40 customers, one every other day from 2010-01-04 to 2011-02-06, plus `extra` lines. */
const year = (extra: string[] = []) => [
  ...Array.from({ length: 200 }, (_, i) => `C${i % 40},${new Date(Date.UTC(2010, 0, 4) + i * 2 * DAY).toISOString().slice(0, 10)},${10 + i}`),
  ...extra,
];

describe('purchaseLog: the lifetime stage reads the period the aggregation reads', () => {
  it('leaves out a 2099 typo and a date before 1900, keeping the customer\'s other purchases', async () => {
    const clean = await logOf(year());
    for (const typo of ['C3,2099-03-01,12.00', 'C4,1850-03-01,12.00']) {
      const log = await logOf(year([typo]));
      expect(Array.from(log.day)).toEqual(Array.from(clean.day));
      expect(log.ids).toEqual(clean.ids);
      expect(Math.max(...log.day)).toBe(day('2011-02-06'));
    }
  });
  it('leaves out lines after the analysis date', async () => {
    const log = await logOf(year(), Date.UTC(2010, 5, 30));
    expect(Math.max(...log.day)).toBe(day('2010-06-29'));
    expect(log.day.length).toBe(89);
  });
  it('reads day-first dates in the column\'s order (03/05 is 3 May, not 5 March)', async () => {
    const lines = ['A,13/01/2011,5', 'A,03/05/2011,5', 'B,25/12/2010,7', 'B,01/02/2011,7'];
    const log = await logOf(lines);
    expect(Array.from(log.day)).toEqual([day('2011-01-13'), day('2011-05-03'), day('2010-12-25'), day('2011-02-01')]);
    // the user's answer in the mapping step wins over the inferred order
    const asked = await logOf(['A,01/02/2011,5', 'A,03/04/2011,5'], undefined, { InvoiceDate: 'dmy' });
    expect(Array.from(asked.day)).toEqual([day('2011-02-01'), day('2011-04-03')]);
  });
});
