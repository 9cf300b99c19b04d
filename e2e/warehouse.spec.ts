/**
 * Warehouse & scoring tab: the SQL export per dialect, the saved model's download, and scoring
 * a shifted copy of the Telco file with the saved model (findings, drift flag, out-of-time check).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SHOTS, TELCO, analyse, uploadTelco, watchConsole } from './helpers';

/** Telco with MonthlyCharges moved up by 25 (the file has no quoted fields). */
function shiftedTelco(): Buffer {
  const lines = fs.readFileSync(TELCO, 'utf8').trimEnd().split(/\r?\n/);
  const j = lines[0].split(',').indexOf('MonthlyCharges');
  const out = [lines[0], ...lines.slice(1).map((l) => {
    const c = l.split(',');
    c[j] = String(Number(c[j]) + 25);
    return c.join(',');
  })];
  return Buffer.from(out.join('\n'));
}

test('exports the pipeline as SQL, downloads the saved model and scores a shifted file with it', async ({ page }) => {
  test.setTimeout(180_000);
  const con = watchConsole(page);
  await page.goto('./');
  await uploadTelco(page);
  await analyse(page);
  await page.getByTestId('tab-warehouse').click();
  const sql = page.getByTestId('sql');
  await expect(sql).toContainText('Retention Studio scoring query (DuckDB)');
  await expect(sql).toContainText('churn_probability');
  await expect(sql).toContainText('WITH');
  // Telco's analysis values customers from their survival curves: the SQL and the scored file say so, and do so
  await expect(sql).toContainText("Lifetime value from each customer's own survival curve");
  await page.getByTestId('dialect').selectOption('bigquery');
  await expect(sql).toContainText('(BigQuery)');
  await expect(sql).toContainText('`customers`');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').click()]);
  const saved = JSON.parse(fs.readFileSync((await dl.path())!, 'utf8'));
  expect(saved.type).toBe('retention-studio/model');
  expect(saved.churn.members.length).toBeGreaterThan(0);
  expect(saved.version).toBe(2);
  expect(saved.survival.beta.length).toBeGreaterThan(0);
  await page.getByTestId('score-file').setInputFiles({ name: 'telco-next-month.csv', mimeType: 'text/csv', buffer: shiftedTelco() });
  await expect(page.getByTestId('scored')).toContainText('7,043 customers');
  await expect(page.getByTestId('scored-clv-method')).toContainText("each customer's own survival curve");
  const first = page.getByTestId('drift-row').first();
  await expect(first).toContainText('MonthlyCharges');
  await expect(first).toHaveAttribute('data-flag', 'major');
  await expect(page.getByTestId('out-of-time')).toContainText('ROC-AUC');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'warehouse.png'), fullPage: true });
  expect(con.errors).toEqual([]);
});
