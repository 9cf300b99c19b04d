/**
 * A large file (RS_LARGE_MB, default 300 MB; scripts/corpus.ts writeLarge, generated here and never
 * committed) is parsed and analysed while the page keeps answering (a 20 ms timer never waits 500 ms).
 * A wall-clock check: playwright.config.ts runs this file in the "timed" project, alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { writeLarge } from '../scripts/corpus';
import { watchConsole } from './helpers';

const FAST = './?models=logistic&folds=3&refine=0';

test('a large file (RS_LARGE_MB, default 300 MB) is analysed without freezing the page', async ({ page }) => {
  const mb = Number(process.env.RS_LARGE_MB ?? 300);
  test.setTimeout(300_000 + mb * 1000);
  const con = watchConsole(page);
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-large-'));
  const file = path.join(dir, 'large.csv');
  const rows = writeLarge(file, mb);
  await page.goto(FAST);
  await page.getByTestId('file-input').setInputFiles(file);
  // While the worker parses, the page still answers: a timer keeps firing and clicks land.
  await expect(page.getByTestId('progress')).toBeVisible();
  const gaps = await page.evaluate(async () => {
    let last = performance.now();
    let worst = 0;
    const t0 = last;
    while (performance.now() - t0 < 1500) {
      await new Promise((r) => setTimeout(r, 20));
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }
    return worst;
  });
  expect(gaps).toBeLessThan(500);
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 120_000 + mb * 500 });
  await expect(page.getByTestId('row-count')).toHaveText(`${rows.toLocaleString('en-US')} rows`);
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 180_000 + mb * 500 });
  await page.getByTestId('tab-data').click();
  await expect(page.getByText('Customers analysed', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText(rows.toLocaleString('en-US'));
  fs.rmSync(dir, { recursive: true, force: true });
  expect(con.errors).toEqual([]);
});
