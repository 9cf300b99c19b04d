/** Imports are validated (issue 12 point 11): a crafted analysis file that passes the old type
 *  guard is refused with a clear message, draws nothing and is not saved. */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { watchConsole } from './helpers';

test('a crafted .json analysis gets a clear message and is not saved', async ({ page }) => {
  const con = watchConsole(page);
  const crafted = {
    type: 'retention-studio/analysis', version: 1, rows: 3, fileName: 'evil.csv', ids: ['a', 'b', 'c'], createdAt: '2026-01-01',
    segmentation: { k: 'many', segments: 'x' }, churn: { probability: 'x' }, business: 5,
  };
  const file = test.info().outputPath('crafted.json');
  writeFileSync(file, JSON.stringify(crafted));
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(file);
  const err = page.getByTestId('error');
  await expect(err).toContainText('could not be opened');
  await expect(err).toContainText('not a complete Retention Studio analysis');
  await expect(err).toContainText('Nothing was saved');
  await expect(page.getByTestId('saved-item')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('demo-button')).toBeVisible();
  await expect(page.getByTestId('saved-item')).toHaveCount(0);
  expect(con.errors).toEqual([]);
});
