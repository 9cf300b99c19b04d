/** defaultFeatures on a bank-style table whose Tenure counts years (converted to months for the role). */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/parse';
import { inspectTable, prepareFrame } from '../data/prepare';
import { defaultFeatures } from './features';

async function bankFrame(rows: number) {
  const lines = ['CustomerId,Tenure,Balance,Age,EstimatedSalary,NumOfProducts,Exited'];
  for (let i = 0; i < rows; i++) {
    const tenure = i % 11; // whole years 0..10
    lines.push([15600000 + i, tenure, ((i * 7919) % 250000) / 1.7, 18 + ((i * 31) % 60), 1000 + ((i * 104729) % 199000), 1 + (i % 4), i % 5 === 0 ? 1 : 0].join(','));
  }
  const parsed = await parseCsv(lines.join('\n'), 'bank.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const prep = prepareFrame(inspectTable(parsed.table), {});
  if (!prep.ok) throw new Error(prep.message);
  return prep.frame;
}

describe('defaultFeatures', () => {
  it('takes a tenure counted in years once: its months as the tenure role, not the file column again', async () => {
    const frame = await bankFrame(400);
    expect(frame.tenureName).toBe('Tenure');
    expect(frame.tenureUnit).toBe('years');
    const tenureColumn = frame.numeric.find((f) => f.name === 'Tenure');
    expect(tenureColumn).toBeDefined();
    // the role holds months (a new array), the file's column years
    expect(frame.tenure).not.toBe(tenureColumn!.values);
    expect(frame.tenure![5]).toBe(tenureColumn!.values[5] * 12);
    const names = defaultFeatures(frame);
    expect(names[0]).toBe('tenure');
    expect(names).not.toContain('Tenure');
    expect(names).toEqual(expect.arrayContaining(['Balance', 'Age', 'NumOfProducts']));
  });
});
