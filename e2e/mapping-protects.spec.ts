/**
 * The mapping step protects (issue 18): a continuous or many-valued churn flag and negative
 * tenure block the run with the problem named; every column can be set to Ignore and is then
 * left out; moving the churn flag never silently changes another column; nothing sits in an
 * inner scroll box.
 */
import { expect, test, type Page } from '@playwright/test';

const FAST = './?models=logistic&folds=3';

/** A bank-like table: a continuous Balance, a Yes/No Exited flag, and Months with one negative value. */
function bankCsv(): Buffer {
  const lines = ['CustomerId,Balance,Exited,Months,Region'];
  for (let i = 0; i < 300; i++) lines.push(`${1000 + i},${(i * 137.77) % 9000 + 0.5},${i % 4 === 0 ? 'Yes' : 'No'},${i === 7 ? -4 : (i * 7) % 60},${['North', 'South', 'East'][i % 3]}`);
  return Buffer.from(lines.join('\n'));
}

async function openBank(page: Page): Promise<void> {
  await page.goto(FAST);
  await page.getByTestId('file-input').setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: bankCsv() });
  await page.getByTestId('mapping-confirm').waitFor();
  await page.getByTestId('mapping-complete').waitFor({ state: 'attached' }); // the columns table is built after the step's first paint
}

test('a continuous churn flag and negative tenure block the run, each problem named', async ({ page }) => {
  await openBank(page);
  await expect(page.getByTestId('summary-target')).toContainText('25.0% left');
  await expect(page.getByTestId('summary-target')).toContainText('“Yes” means left');
  await page.getByLabel('Role of column Balance').selectOption('target');
  const blocking = page.getByTestId('mapping-blocking');
  await expect(blocking).toContainText('"Balance" holds numbers');
  await expect(blocking).toContainText('exactly two kinds of value');
  await expect(page.getByTestId('mapping-confirm')).toBeDisabled();
  // The former flag was not silently made a feature: it is set to Ignore, and the page says so.
  await expect(page.getByTestId('role-moved')).toContainText('"Exited" was the churned? (churn flag)');
  await expect(page.getByLabel('Role of column Exited')).toHaveValue('ignore');
  await page.getByLabel('Role of column Exited').selectOption('target');
  await expect(page.getByLabel('Role of column Balance')).toHaveValue('ignore');
  // Tenure cannot be negative.
  await page.getByLabel('Role of column Months').selectOption('tenure');
  await expect(blocking).toContainText('Tenure cannot be negative');
  await expect(page.getByTestId('mapping-confirm')).toBeDisabled();
  await page.getByLabel('Role of column Months').selectOption('');
  await expect(blocking).toBeHidden();
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
});

test('every column can be set to Ignore; an ignored column is left out and listed as such', async ({ page }) => {
  await openBank(page);
  const roleSelects = page.locator('select[aria-label^="Role of column"]');
  const n = await roleSelects.count();
  expect(n).toBe(5);
  for (let i = 0; i < n; i++) expect(await roleSelects.nth(i).locator('option[value="ignore"]').count()).toBe(1);
  await page.getByLabel('Role of column Region').selectOption('ignore');
  await page.getByLabel('Role of column Balance').selectOption('ignore');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await page.getByTestId('tab-data').click();
  await expect(page.locator('tr[data-column="Region"]')).toContainText('set to Ignore');
  await expect(page.locator('tr[data-column="Balance"]')).toContainText('set to Ignore');
});

test('"Segments are built on": ticking a column builds the segments on it alone, and the analysis says so', async ({ page }) => {
  await openBank(page);
  const panel = page.getByTestId('segment-columns');
  await expect(panel.locator('summary')).toHaveText('Segments are built on: chosen automatically (value and behaviour columns)');
  await expect(panel.getByRole('checkbox')).toHaveCount(0); // built when the panel is opened
  await panel.locator('summary').click();
  // the number columns other than the id and the churn flag
  await expect(panel.getByRole('checkbox')).toHaveCount(2);
  await panel.getByLabel('Balance').check();
  await expect(panel.locator('summary')).toHaveText('Segments are built on: Balance');
  // the analysis started with the detected settings is not the one the confirm runs now
  await expect(page.getByTestId('head-start')).toHaveAttribute('data-state', 'changed');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await page.getByTestId('tab-data').click();
  await expect(page.getByTestId('segments-built-on')).toHaveText('Balance');
});

test('the columns table is not an inner scroll box: the last column is reached by Tab alone', async ({ page }) => {
  await openBank(page);
  const table = page.getByTestId('mapping-columns');
  const box = await table.evaluate((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight + 1) return p.className;
    }
    return null;
  });
  expect(box).toBeNull();
  await page.getByLabel('Type of column CustomerId').focus();
  for (let i = 0; i < 12 && !(await page.getByLabel('Role of column Region').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel('Role of column Region')).toBeFocused();
});
