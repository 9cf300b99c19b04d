/** The same file through the browser worker and through the CLI gives the same analysis.json
 *  numbers (both run the same engine on the wasm backend with the same seed). */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoCsv } from '../src/analysis/data/demo';
import { resultFromJson } from '../src/report/json';
import { analysisSummary } from '../src/analysis/analysisSummary';
import { runCli } from '../src/cli/analyze';

const VOLATILE = new Set(['timingsMs', 'fitMs', 'createdAt', 'backend', 'options']);
const clean = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (VOLATILE.has(k) ? undefined : x)));

/** The dashboard's analysis once its refining work (the survival model, refine.ts) has landed. */
async function exportRefined(page: import('@playwright/test').Page): Promise<string> {
  await expect(page.getByTestId('refining')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('analysis-done')).toContainText('saved in this browser');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  return readFileSync(await (await download).path(), 'utf8');
}

test('browser and CLI produce the same analysis.json numbers, also after refining and as saved', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'rs-parity-'));
  const file = join(dir, 'customers-1200.csv');
  writeFileSync(file, generateDemoCsv(11, 1200));

  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 180_000 });
  const browserJson = await exportRefined(page);
  const browserResult = resultFromJson(browserJson);
  expect(browserResult).not.toBeNull();

  const out = join(dir, 'out');
  let err = '';
  const code = await runCli([file, '--out', out], { stdout: () => {}, stderr: (s) => (err += s) });
  expect(err).toBe('');
  expect(code).toBe(0);
  const cli = clean(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')));
  const browser = clean(analysisSummary(browserResult!));
  // both kept for inspection when they differ
  writeFileSync(join(dir, 'browser.json'), JSON.stringify(browser, null, 1));
  writeFileSync(join(dir, 'cli.json'), JSON.stringify(cli, null, 1));
  console.log(`parity: JSON in ${dir}`);
  expect(browser.rows).toBe(1200);
  expect(browser.segmentation.k).toBe(cli.segmentation.k);
  expect(browser.churn.best).toBe(cli.churn.best);
  expect(browser.survivalModel.cIndex.mean).toBeGreaterThan(0.5); // refined after the dashboard
  expect(browser).toEqual(cli);
  // the saved analysis was updated with the refined result: a reload reopens it from IndexedDB
  await page.reload();
  await page.getByTestId('analysis-done').waitFor({ timeout: 60_000 });
  const saved = resultFromJson(await exportRefined(page));
  expect(clean(analysisSummary(saved!))).toEqual(cli);
});
