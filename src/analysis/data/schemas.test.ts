import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame } from './prepare';
import { mulberry32 } from '../random';
import { generateDemoCsv } from './demo';

/** A bank-style churn table (another schema) with the target spelled by `spell`. */
function bankCsv(spell: (churned: boolean) => string, n = 300): string {
  const rng = mulberry32(7);
  const lines = ['RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,IsActiveMember,Exited,Churn Reason,CloseFlag'];
  for (let i = 0; i < n; i++) {
    const age = 20 + Math.floor(rng() * 50);
    const active = rng() < 0.5 ? 1 : 0;
    const churned = rng() < 1 / (1 + Math.exp(-(-2 + 0.05 * (age - 40) - active)));
    lines.push([i + 1, 15600000 + i * 7, `Name${Math.floor(rng() * 1e6)}`, 500 + Math.floor(rng() * 300), ['France', 'Spain', 'Germany'][i % 3], rng() < 0.5 ? 'Male' : 'Female', age, Math.floor(rng() * 10), (rng() * 1e5).toFixed(2), active, spell(churned), churned ? 'Competitor offer' : '', churned ? 'closed' : 'open'].join(','));
  }
  return lines.join('\n');
}

describe('other churn schemas', () => {
  for (const [label, spell] of [
    ['1/0', (c: boolean) => (c ? '1' : '0')],
    ['True/False', (c: boolean) => (c ? 'True' : 'False')],
  ] as const) {
    it(`finds the target spelled ${label} and excludes ids and leaking columns`, async () => {
      const r = await parseCsv(bankCsv(spell), 'bank.csv');
      if (!r.ok) throw new Error(r.message);
      const ins = inspectTable(r.table);
      expect(ins.kind).toBe('customers');
      expect(ins.roles.target).toBe('Exited');
      expect(ins.roles.id).toBe('CustomerId');
      expect(ins.roles.tenure).toBe('Tenure');
      const prep = prepareFrame(ins, {});
      if (!prep.ok) throw new Error(prep.message);
      const features = [...prep.frame.numeric, ...prep.frame.categorical].map((c) => c.name);
      expect(features).toEqual(expect.arrayContaining(['CreditScore', 'Age', 'Balance', 'IsActiveMember', 'Geography']));
      for (const gone of ['RowNumber', 'CustomerId', 'Surname', 'Churn Reason', 'CloseFlag', 'Exited']) expect(features).not.toContain(gone);
      const codes = prep.warnings.map((w) => w.code);
      expect(codes).toEqual(expect.arrayContaining(['leak-name', 'leak-perfect']));
      expect(prep.warnings.find((w) => w.code === 'leak-perfect')!.column).toBe('CloseFlag');
      expect(prep.frame.y!.reduce((s, v) => s + v, 0)).toBeGreaterThan(20);
    });
  }
  it('lets the user override a detected role, and rejects unknown column names', async () => {
    const r = await parseCsv(bankCsv((c) => (c ? 'Yes' : 'No')), 'bank.csv');
    if (!r.ok) throw new Error(r.message);
    const ins = inspectTable(r.table);
    const prep = prepareFrame(ins, { roles: { target: 'IsActiveMember', tenure: null } });
    if (!prep.ok) throw new Error(prep.message);
    expect(prep.roles.target).toBe('IsActiveMember');
    expect(prep.roles.tenure).toBeUndefined();
    expect(prep.frame.tenure).toBeNull();
    const bad = prepareFrame(ins, { roles: { target: 'Nope' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.code).toBe('unknown-column');
  });
  it('handles a third target value, missing targets, duplicate ids and text in a numeric column', async () => {
    const lines = ['customerID,tenure,MonthlyCharges,Plan,Churn'];
    for (let i = 0; i < 100; i++) lines.push(`c${i},${i % 50},${i === 3 ? 'n/a' : i === 4 ? 'oops' : 20 + i},${i % 2 ? 'a' : 'b'},${i === 5 ? 'Maybe' : i === 6 ? '' : i % 4 === 0 ? 'Yes' : 'No'}`);
    lines.push('c10,1,20,a,No');
    const r = await parseCsv(lines.join('\n'), 'messy.csv');
    if (!r.ok) throw new Error(r.message);
    const prep = prepareFrame(inspectTable(r.table), {});
    if (!prep.ok) throw new Error(prep.message);
    const w = Object.fromEntries(prep.warnings.map((x) => [x.code, x]));
    expect(w['target-missing'].count).toBe(2);
    expect(w['target-missing'].message).toMatch(/"Maybe"/);
    expect(w['duplicate-ids'].count).toBe(1);
    expect(w['non-numeric-cells']).toMatchObject({ count: 1, column: 'MonthlyCharges', examples: [5] });
    expect(w['imputed-median'].count).toBe(2);
    expect(prep.frame.n).toBe(98);
  });
});

describe('demo generator', () => {
  it('is deterministic under a seed and has the Telco shape', async () => {
    expect(generateDemoCsv(1, 50)).toBe(generateDemoCsv(1, 50));
    expect(generateDemoCsv(1, 50)).not.toBe(generateDemoCsv(2, 50));
    const r = await parseCsv(generateDemoCsv(42, 2000), 'demo.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.table.columns.length).toBe(21);
    const prep = prepareFrame(inspectTable(r.table), {});
    if (!prep.ok) throw new Error(prep.message);
    const rate = prep.frame.y!.reduce((s, v) => s + v, 0) / prep.frame.n;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.4);
    expect(prep.warnings.some((w) => w.code === 'imputed-total')).toBe(true);
  });
});

describe('column type overrides', () => {
  it('re-reads a column as the type the user picked', async () => {
    const lines = ['customerID,plan_code,score,Churn'];
    for (let i = 0; i < 60; i++) lines.push(`c${i},${(i % 3) + 1},${i % 7},${i % 4 === 0 ? 'Yes' : 'No'}`);
    const r = await parseCsv(lines.join('\n'), 'codes.csv');
    if (!r.ok) throw new Error(r.message);
    const ins = inspectTable(r.table);
    const auto = prepareFrame(ins, {});
    if (!auto.ok) throw new Error(auto.message);
    expect(auto.frame.numeric.map((c) => c.name)).toContain('plan_code');
    const typed = prepareFrame(ins, { types: { plan_code: 'categorical', score: 'id' } });
    if (!typed.ok) throw new Error(typed.message);
    expect(typed.frame.categorical.find((c) => c.name === 'plan_code')!.levels).toEqual(['1', '2', '3']);
    expect(typed.frame.numeric.map((c) => c.name)).not.toContain('score');
    expect(typed.columns.find((c) => c.name === 'score')).toMatchObject({ type: 'id', excluded: 'identifier' });
    const bad = prepareFrame(ins, { types: { nope: 'numeric' } });
    expect(bad).toMatchObject({ ok: false, code: 'unknown-column' });
  });
});
