/**
 * A bank-style churn table (the Kaggle "Churn_Modelling" columns) through the page: a Surname column
 * with few distinct surnames is a personal detail, not a churn driver (the mapping step says it is not
 * used), and the whole-year Tenure (0..10) is read in years: segment descriptions, the Retention tab
 * and its chart's axis. No currency in the file: its Geography (France, Spain, Germany) says euros.
 * Screenshots at 1280 px for a person to look at.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { SHOTS, watchConsole } from './helpers';

/** 1,500 customers, 12 surnames, churn driven by age, activity and products; seeded. */
function bankCsv(rows = 1500): string {
  let s = 20261202;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const names = ['Hill', 'Chu', 'Scott', 'Kay', 'Young', 'Watson', 'Boni', 'Hao', 'Romeo', 'Yen', 'Chin', 'He'];
  const lines = ['RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited'];
  for (let i = 0; i < rows; i++) {
    const age = 18 + Math.floor(rand() * 60), active = rand() < 0.5 ? 1 : 0, products = 1 + Math.floor(rand() * rand() * 4);
    const geo = ['France', 'Spain', 'Germany'][Math.floor(rand() * 3)];
    const z = -2.2 + 0.06 * (age - 38) - 0.9 * active + (geo === 'Germany' ? 0.7 : 0) + (products >= 3 ? 2 : 0);
    const exited = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const balance = rand() < 0.35 ? 0 : (50000 + rand() * 150000).toFixed(2);
    lines.push([i + 1, 15600000 + i * 13, names[Math.floor(rand() * names.length)], 350 + Math.floor(rand() * 500), geo, rand() < 0.55 ? 'Male' : 'Female', age, Math.floor(rand() * 11), balance, products, rand() < 0.7 ? 1 : 0, active, (rand() * 2e5).toFixed(2), exited].join(','));
  }
  return lines.join('\n') + '\n';
}

test('a bank table: Surname is a personal detail, never a driver, and Tenure reads in years', async ({ page }) => {
  const con = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto('./?models=logistic&folds=3');
  await page.getByTestId('file-input').setInputFiles({ name: 'Churn_Modelling.csv', mimeType: 'text/csv', buffer: Buffer.from(bankCsv()) });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Type of column Surname' })).toHaveValue('personal');
  await expect(page.getByRole('combobox', { name: 'Type of column RowNumber' })).toHaveValue('id');
  await expect(page.getByTestId('tenure-unit')).toHaveValue('years');
  // no currency in the amounts or the column names: France, Spain and Germany say euros
  await expect(page.getByTestId('currency')).toHaveValue('EUR');
  await expect(page.getByTestId('currency-why')).toHaveText(/^guessed: the countries in Geography \((France|Spain|Germany)(, (France|Spain|Germany)){2}\) use the euro$/);
  // what the analysis does with each column: identifiers and personal details are left out, not features
  const usedAs = (col: string) => page.getByRole('combobox', { name: `Role of column ${col}` }).locator('option:checked');
  await expect(usedAs('Surname')).toHaveText('Not used: personal detail');
  await expect(usedAs('RowNumber')).toHaveText('Not used: identifier');
  await expect(usedAs('Geography')).toHaveText('Feature (describes the customer)');
  await page.screenshot({ path: `${SHOTS}/bank-mapping.png`, fullPage: true });
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 180_000 });
  await page.screenshot({ path: `${SHOTS}/bank-overview.png`, fullPage: true });
  await expect(page.locator('body')).not.toContainText('Surname is');
  await expect(page.locator('body')).not.toContainText('Tenure in months'); // whole years are cut in years

  await page.getByTestId('tab-segments').click();
  const descs = page.getByTestId('segment-card').locator('.desc');
  await expect(descs.first()).toContainText(/tenure \([\d.]+ vs [\d.]+ years on average\)/i); // means of whole years, not months
  await expect(page.locator('main')).not.toContainText('months on average');
  await page.screenshot({ path: `${SHOTS}/bank-segments.png`, fullPage: true });

  await page.getByTestId('tab-retention').click();
  const km = page.locator('[data-testid^="plot-km"]').first();
  await expect(km.locator('.xtitle')).toHaveText('Years as customer');
  const ticks = await km.locator('.xtick text').allTextContents();
  expect(ticks.slice(0, 3)).toEqual(['0', '1', '2']); // a tick a year
  const milestones = page.getByRole('region', { name: 'Retention milestones' });
  await expect(milestones.locator('thead')).toContainText('Still active after 1 year');
  await expect(milestones.locator('thead')).not.toContainText('6 months');
  await expect(page.locator('ul.cond li').first()).toContainText(/^Of customers already 1 year in, [\d.]+% are still here after 2 years\.$/);
  await page.screenshot({ path: `${SHOTS}/bank-retention.png`, fullPage: true });

  await page.getByTestId('tab-churn').click();
  await page.screenshot({ path: `${SHOTS}/bank-churn.png`, fullPage: true });
  await expect(page.locator('body')).not.toContainText('Surname');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('customer-search')).toHaveAttribute('placeholder', 'e.g. 15600000'); // this file's first id, not a Telco one
  await page.screenshot({ path: `${SHOTS}/bank-customers.png`, fullPage: true });
  await page.getByTestId('tab-data').click();
  const cols = page.getByTestId('columns-table');
  await expect(cols.locator('tr[data-column="Surname"] [data-testid="column-type"]')).toHaveText('Personal detail');
  await expect(cols.locator('tr[data-column="Surname"]')).toContainText('personal detail (a name or contact detail)');
  await page.screenshot({ path: `${SHOTS}/bank-data.png`, fullPage: true });
  expect(con.errors).toEqual([]);
});
