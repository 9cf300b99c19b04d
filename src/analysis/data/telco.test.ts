import { expect, it } from 'vitest';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame, summarize } from './prepare';
import { telcoText } from '../testing/telco';
import { TELCO_REL, describeWithShared } from '../testing/shared';

describeWithShared(TELCO_REL, 'real Telco file through the data layer', async () => {
  const parsed = await parseCsv(telcoText(), 'telco.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const ins = inspectTable(parsed.table);
  const prep = prepareFrame(ins, {});
  if (!prep.ok) throw new Error(prep.message);

  it('reads 7,043 rows and 21 columns', () => {
    expect(parsed.table.nRows).toBe(7043);
    expect(parsed.table.columns.length).toBe(21);
    expect(parsed.delimiter).toBe(',');
  });
  it('detects customerID as id, Churn as target, and the value roles', () => {
    expect(ins.kind).toBe('customers');
    expect(ins.roles).toMatchObject({ id: 'customerID', target: 'Churn', tenure: 'tenure', monthly: 'MonthlyCharges', total: 'TotalCharges' });
    const types = Object.fromEntries(summarize(ins).columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ customerID: 'id', tenure: 'numeric', TotalCharges: 'numeric', Churn: 'boolean', Contract: 'categorical', SeniorCitizen: 'boolean' });
  });
  it('counts 1,869 churners', () => {
    const f = prep.frame;
    expect(f.n).toBe(7043);
    expect(f.y!.reduce((s, v) => s + v, 0)).toBe(1869);
  });
  it('reports and imputes the 11 blank TotalCharges (tenure 0 -> 0)', () => {
    const w = prep.warnings.find((x) => x.code === 'imputed-total')!;
    expect(w.count).toBe(11);
    expect(w.column).toBe('TotalCharges');
    expect(w.message).toMatch(/^11 customer\(s\) had a blank "TotalCharges" and were kept with a filled-in value: 11 with 0 \(tenure 0: new customers not yet billed\)\.$/);
    expect(w.examples!.length).toBe(5);
    const total = prep.frame.total!;
    expect(total.every((v) => Number.isFinite(v))).toBe(true);
    let zeros = 0;
    for (let i = 0; i < total.length; i++) if (prep.frame.tenure![i] === 0) { expect(total[i]).toBe(0); zeros++; }
    expect(zeros).toBe(11);
  });
  it('excludes customerID from features', () => {
    const names = [...prep.frame.numeric.map((c) => c.name), ...prep.frame.categorical.map((c) => c.name)];
    expect(names).not.toContain('customerID');
    expect(names).not.toContain('Churn');
    expect(prep.columns.find((c) => c.name === 'customerID')!.excluded).toBe('identifier');
    expect(prep.warnings.some((w) => w.code === 'id-excluded')).toBe(true);
    expect(prep.frame.categorical.length).toBe(15);
    expect(prep.frame.numeric.map((c) => c.name).sort()).toEqual(['MonthlyCharges', 'SeniorCitizen', 'ServicesCount', 'TotalCharges', 'tenure']);
    // the derived count says what it counts, so its averages and cuts read "3.8 services", not a bare 3.75
    expect(prep.frame.numeric.find((c) => c.name === 'ServicesCount')!.unit).toBe('services');
  });
});
