/** Excel workbooks in the page: a workbook whose customers sit on the second sheet opens on the
 *  first, the sheet picker reads the other one, and the analysis completes. The workbook is built
 *  at test time (src/analysis/testing/xlsx.ts). */
import { expect, test } from '@playwright/test';
import { generateDemoCsv } from '../src/analysis/data/demo';
import { buildXlsx, type XlsxCell } from '../src/analysis/testing/xlsx';
import { watchConsole } from './helpers';

test('a workbook with several sheets: pick the customers sheet and analyse it', async ({ page }) => {
  test.setTimeout(180_000);
  const con = watchConsole(page);
  const lines = generateDemoCsv(5, 250).trim().split('\r\n');
  const rows: XlsxCell[][] = lines.map((l, i) => l.split(',').map((f) => (i > 0 && f.trim() !== '' && Number.isFinite(Number(f)) ? Number(f) : f.trim() === '' ? null : f)));
  const bytes = buildXlsx([['Read me', [['Exported by', 'CRM'], ['Note', 'customers are on the next sheet']]], ['Customers', rows]]);
  await page.goto('./?models=logistic&folds=3');
  await page.getByTestId('file-input').setInputFiles({ name: 'crm.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('sheet-picker')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('row-count')).toHaveText('1 rows');
  await page.getByLabel('Sheet to read').selectOption('Customers');
  await expect(page.getByTestId('row-count')).toHaveText('250 rows', { timeout: 30_000 });
  await expect(page.getByLabel('Sheet to read')).toHaveValue('Customers');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  expect(con.errors).toEqual([]);
});
