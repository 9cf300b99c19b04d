/**
 * Persistence faults without a full analysis: a report built from a small hand-made result is
 * imported (instant), then imported again with IndexedDB answering QuotaExceededError.
 * Also checks that hostile cell text in a result is rendered as text.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { buildReportHtml } from '../src/report/html';
import { fixtureResult } from '../src/analysis/testing/resultFixture';

test('storage full: the user is told, and earlier analyses are kept', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('small-report.html');
  fs.writeFileSync(file, buildReportHtml(fixtureResult()));
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { __quota?: boolean }).__quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('analysis-done').waitFor();
  await expect(page.getByTestId('analysis-done')).toContainText('saved in this browser');

  // hostile text from the data stays text
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('customer-table')).toContainText('<script>alert(1)</script>');
  expect(await page.locator('script:not([src]):not([type])').count()).toBe(0);

  await page.evaluate(() => ((window as unknown as { __quota: boolean }).__quota = true));
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('error')).toContainText('storage is full');
  await expect(page.getByTestId('analysis-done')).not.toContainText('saved in this browser');

  await page.evaluate(() => ((window as unknown as { __quota: boolean }).__quota = false));
  await page.reload();
  await expect(page.getByTestId('saved-item')).toHaveCount(1);
  await page.getByTestId('saved-open').first().click();
  await expect(page.getByTestId('kpi-churn-rate')).toContainText('33.3%');
});
