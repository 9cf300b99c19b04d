/**
 * Column types in the mapping step: a numeric code column overridden to categorical is analysed
 * as categorical (the result's columns carry the type used), and the override is remembered with
 * the mapping recipe for the next file with the same columns.
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers';

/** A small seeded customer table; `region_code` holds the numbers 1..5 (a code, not a quantity). */
function csv(rows: number, seed: number): string {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ['customer_id,region_code,tenure,monthly_charges,churn'];
  for (let i = 0; i < rows; i++) {
    const region = 1 + Math.floor(rand() * 5);
    const tenure = 1 + Math.floor(rand() * 72);
    const monthly = (20 + rand() * 100).toFixed(2);
    const churn = rand() < (region === 3 ? 0.5 : 0.15) + (tenure < 12 ? 0.2 : 0) ? 'Yes' : 'No';
    lines.push(`C${String(i).padStart(5, '0')},${region},${tenure},${monthly},${churn}`);
  }
  return lines.join('\n') + '\n';
}

test('a numeric code column set to Category is analysed as categorical, and the recipe remembers it', async ({ page }) => {
  const con = watchConsole(page);
  const file = { name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(400, 7)) };
  await page.goto('./?models=logistic&folds=3');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });

  const type = page.getByRole('combobox', { name: 'Type of column region_code' });
  await expect(type).toHaveValue('numeric'); // detected
  await type.selectOption('categorical');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });

  await page.getByTestId('tab-data').click();
  const cols = page.getByTestId('columns-table');
  await expect(cols.locator('tr[data-column="region_code"] [data-testid="column-type"]')).toHaveText('Category');
  await expect(cols.locator('tr[data-column="tenure"] [data-testid="column-type"]')).toHaveText('Number');

  // The same columns again: the saved recipe brings the override back.
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Type of column region_code' })).toHaveValue('categorical');
  await expect(page.getByRole('combobox', { name: 'Type of column tenure' })).toHaveValue('numeric');
  expect(con.errors).toEqual([]);
});

test('an invoice log: columns without a role are said to be unused (the features are each customer\'s purchases)', async ({ page }) => {
  const con = watchConsole(page);
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < 60; i++) lines.push(`${536365 + i},85123A,WHITE HANGING HEART,${1 + (i % 6)},2011-0${1 + (i % 9)}-1${i % 10} 08:26,2.55,${17850 + (i % 12)},United Kingdom`);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Table kind' })).toHaveValue('transactions');
  const usedAs = (col: string) => page.getByRole('combobox', { name: `Role of column ${col}` }).locator('option:checked');
  await expect(usedAs('Country')).toHaveText('Not used: detail of a purchase line');
  await expect(usedAs('StockCode')).toHaveText(/^Not used: /);
  await expect(usedAs('CustomerID')).toHaveText('Customer ID');
  await expect(page.getByRole('combobox', { name: 'Role of column Country' }).locator('option', { hasText: 'Feature (describes the customer)' })).toHaveCount(0);
  expect(con.errors).toEqual([]);
});
