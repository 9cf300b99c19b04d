/** The mapping step's format questions: an ambiguous decimal column and all-ambiguous dates are
 *  asked about with examples; a log's analysis date and churn cutoff are shown and can be moved,
 *  and the analysis uses the moved cutoff. Files from scripts/corpus/parsing.ts. */
import { expect, test } from '@playwright/test';
import { corpusFile, home, watchConsole } from './helpers';

const upload = async (page: import('@playwright/test').Page, file: string) => {
  await home(page);
  await page.getByTestId('file-input').setInputFiles({ name: file, mimeType: 'text/csv', buffer: corpusFile(file) });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
};

test('format questions and the log period in the mapping step', async ({ page }) => {
  test.setTimeout(180_000);
  const con = watchConsole(page);
  await page.goto('./?models=logistic&folds=3');

  await upload(page, 'p-ambiguous-decimal.csv');
  const dec = page.getByTestId('question-decimal');
  await expect(dec).toContainText('"Discount"');
  await expect(dec).toContainText('such as 2.500 is');
  await expect(dec).toContainText('2.5 (the point is a decimal point)');
  await expect(dec).toContainText('2,500 (the point separates thousands)');

  await upload(page, 'p-dates-ambiguous.csv');
  const ord = page.getByTestId('question-date-order');
  await expect(ord).toContainText('Day first');
  await expect(ord.locator('label')).toHaveCount(2);

  await upload(page, 'p-date-2099.csv');
  const period = page.getByTestId('question-period');
  await expect(period).toBeVisible();
  await expect(period).not.toContainText('2099');
  const cutoff = page.getByTestId('churn-cutoff');
  const before = await cutoff.inputValue();
  expect(before).toMatch(/^2011-/);
  await cutoff.fill('2011-06-30');
  await cutoff.dispatchEvent('change');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await page.getByTestId('tab-data').click();
  await expect(page.locator('[data-code="derived-target"]')).toContainText('after 2011-06-30');
  await expect(page.locator('[data-code="date-outliers"]')).toContainText('2099-03-01');
  expect(con.errors).toEqual([]);
});
