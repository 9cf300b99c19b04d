/**
 * A customer table that carries an RFM summary (issue 14, point 1): the CDNOW calibration summary,
 * built at test time from ../shared/data/cdnow through the engine's log aggregation, dropped in the
 * page as a CSV with Python lifetimes' column names. The mapping step shows the lifetime roles and
 * the detected unit; the lifetime panel shows P(alive), the published parameters and why there is no back-test.
 */
import { expect, test } from '@playwright/test';
import { SHOTS, analyse, openAnalysts, watchConsole } from './helpers';
import { cdnowSummaryCsv, haveCdnow } from '../src/analysis/testing/cdnow';

test('CDNOW calibration summary as a customer table: lifetime roles at the mapping step, P(alive) in the lifetime panel', async ({ page }) => {
  test.skip(!haveCdnow(), '../shared/data/cdnow is missing');
  const con = watchConsole(page);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'cdnow_summary.csv', mimeType: 'text/csv', buffer: Buffer.from(cdnowSummaryCsv('weeks')) });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  const role = (col: string) => page.locator(`tr[data-column="${col}"]`).getByRole('combobox', { name: `Role of column ${col}` });
  await expect(role('frequency')).toHaveValue('repeats');
  await expect(role('recency')).toHaveValue('recency');
  await expect(role('T')).toHaveValue('age');
  await expect(role('monetary_value')).toHaveValue('avgSpend');
  await expect(page.getByTestId('rfm-unit')).toHaveValue('weeks');
  await expect(page.getByTestId('rfm-unit-reason')).toContainText('whole sevenths');
  await expect(page.getByTestId('no-value')).toHaveCount(0);
  await page.getByTestId('lifetime-columns').screenshot({ path: `${SHOTS}/rfm-mapping.png` });
  await analyse(page);
  await page.getByTestId('tab-lifetime').click();
  const panel = page.getByTestId('lifetime-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('lt-mean-alive')).toContainText('%');
  await expect(panel).toContainText('average chance a customer is still buying, 2,357 analysed customers');
  await expect(panel).toContainText("Revenue at risk and the call list use 1 − P(alive)");
  await expect(page.getByTestId('no-backtest')).toContainText('no later period to hold out');
  await expect(page.getByTestId('backtest')).toHaveCount(0);
  await openAnalysts(page);
  await expect(page.getByTestId('bgnbd-r')).toHaveText('0.2426');
  await expect(panel).toContainText('α = 4.414, a = 0.7929, b = 2.426');
  await expect(panel).toContainText('p = 6.25, q = 3.744, γ = 15.44');
  await page.screenshot({ path: `${SHOTS}/rfm-lifetime.png`, fullPage: true });
  expect(con.errors).toEqual([]);
});
