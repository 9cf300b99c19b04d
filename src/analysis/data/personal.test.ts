import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame } from './prepare';
import { isPersonalName } from './personalNames';
import { checkMapping } from './mappingChecks';
import { summarize } from './prepare';
import { mulberry32 } from '../random';

/** The Kaggle "Churn_Modelling" schema with only `surnames` distinct surnames (so Surname reads as a category). */
function bankCsv(n = 400, surnames = 12): string {
  const rng = mulberry32(11);
  const lines = ['RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited'];
  for (let i = 0; i < n; i++) {
    const age = 20 + Math.floor(rng() * 50);
    const active = rng() < 0.5 ? 1 : 0;
    const exited = rng() < 1 / (1 + Math.exp(-(-1.5 + 0.05 * (age - 40) - active))) ? 1 : 0;
    lines.push([i + 1, 15600000 + i * 7, `Name${Math.floor(rng() * surnames)}`, 500 + Math.floor(rng() * 300), ['France', 'Spain', 'Germany'][i % 3], rng() < 0.5 ? 'Male' : 'Female', age, Math.floor(rng() * 11), (rng() * 1e5).toFixed(2), 1 + Math.floor(rng() * 3), rng() < 0.7 ? 1 : 0, active, (rng() * 2e5).toFixed(2), exited].join(','));
  }
  return lines.join('\n');
}

async function inspect(csv: string) {
  const r = await parseCsv(csv, 'bank.csv');
  if (!r.ok) throw new Error(r.message);
  return inspectTable(r.table);
}

describe('personal details are never features', () => {
  it('recognises names and contact details by their column name, and nothing else', () => {
    for (const n of ['Surname', 'surname', 'LastName', 'last_name', 'First Name', 'CustomerName', 'customer_name', 'Full name', 'Name', 'Email', 'e-mail', 'EmailAddress', 'Phone', 'Phone Number', 'mobile_no', 'Telephone', 'Address', 'Street Address', 'Address Line 1', 'Zip Code', 'ZIP', 'Postal Code', 'Lat Long', 'Latitude', 'Date of Birth', 'DOB', 'Home Phone', 'Billing Address'])
      expect(isPersonalName(n), n).toBe(true);
    // Telco, bank and log columns that describe the customer or the service, not the person
    for (const n of ['PhoneService', 'MultipleLines', 'PaperlessBilling', 'PaymentMethod', 'Geography', 'Gender', 'Age', 'Tenure', 'Balance', 'NumOfProducts', 'HasCrCard', 'EstimatedSalary', 'PlanName', 'Product Name', 'Branch Name', 'EmailOpens', 'emails_opened', 'Number vmail messages', 'Customer', 'CustomerId', 'City', 'State', 'Area code', 'Description'])
      expect(isPersonalName(n), n).toBe(false);
  });

  it('types a bank Surname column with few distinct surnames as personal and leaves it (and RowNumber) out of the features', async () => {
    const ins = await inspect(bankCsv());
    const type = (name: string) => ins.inferred.find((c) => c.name === name)!.type;
    expect(type('Surname')).toBe('personal');
    expect(ins.inferred.find((c) => c.name === 'Surname')!.unique).toBe(12);
    expect(type('RowNumber')).toBe('id');
    expect(ins.roles).toMatchObject({ id: 'CustomerId', target: 'Exited', tenure: 'Tenure' });
    const prep = prepareFrame(ins, {});
    if (!prep.ok) throw new Error(prep.message);
    const features = [...prep.frame.numeric, ...prep.frame.categorical].map((c) => c.name);
    expect(features).toEqual(expect.arrayContaining(['CreditScore', 'Geography', 'Gender', 'Age', 'Balance', 'NumOfProducts', 'HasCrCard', 'IsActiveMember', 'EstimatedSalary']));
    for (const gone of ['Surname', 'RowNumber', 'CustomerId', 'Exited']) expect(features).not.toContain(gone);
    const w = prep.warnings.find((x) => x.code === 'personal-excluded')!;
    expect(w.column).toBe('Surname');
    expect(w.message).toContain('"Surname" holds a person\'s name or contact details');
    expect(prep.columns.find((c) => c.name === 'Surname')!.excluded).toBe('personal detail (a name or contact detail)');
  });

  it('uses the column after all when the user changes its type in the mapping step', async () => {
    const prep = prepareFrame(await inspect(bankCsv()), { types: { Surname: 'categorical' } });
    if (!prep.ok) throw new Error(prep.message);
    expect(prep.frame.categorical.map((c) => c.name)).toContain('Surname');
    expect(prep.warnings.some((x) => x.code === 'personal-excluded')).toBe(false);
  });

  it('keeps a Yes/No column named Phone (whether there is one) and its values-based type elsewhere', async () => {
    const lines = ['customerID,Phone,Email,tenure,Churn'];
    for (let i = 0; i < 60; i++) lines.push(`c${i},${i % 3 ? 'Yes' : 'No'},u${i}@example.com,${i % 30},${i % 4 ? 'No' : 'Yes'}`);
    const ins = await inspect(lines.join('\n'));
    expect(ins.inferred.map((c) => c.type)).toEqual(['id', 'boolean', 'personal', 'numeric', 'boolean']);
    // a unique email column is not taken as the customer id either
    expect(ins.roles.id).toBe('customerID');
  });

  it('still takes a customer name as the customer key of a purchase log', async () => {
    const lines = ['Customer Name,Order Date,Sales'];
    for (let i = 0; i < 90; i++) lines.push(`Person ${i % 15},2024-0${1 + (i % 9)}-1${i % 10},${(10 + (i % 7) * 2.5).toFixed(2)}`);
    const ins = await inspect(lines.join('\n'));
    expect(ins.inferred[0].type).toBe('personal');
    expect(ins.kind).toBe('transactions');
    expect(ins.roles).toMatchObject({ id: 'Customer Name', date: 'Order Date', amount: 'Sales' });
  });

  it('blocks a personal column chosen as the churn flag, in words', async () => {
    const ins = await inspect(bankCsv());
    const cols = summarize(ins).columns;
    const checks = checkMapping(cols, 'customers', { ...ins.roles, target: 'Surname' });
    const c = checks.find((x) => x.code === 'target-not-flag')!;
    expect(c.blocking).toBe(true);
    expect(c.message).toBe('"Surname" holds names or contact details, not a churn flag. A churn flag needs exactly two kinds of value, such as Yes/No.');
  });
});
