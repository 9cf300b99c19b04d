/**
 * Determinism (issue 7): the same file with the same settings, analysed twice in the page (every
 * model, default folds), gives identical exported analyses — segments, probabilities, KPIs and
 * everything else — once timings and the creation date are set aside. And the customers CSV, the
 * business-facing numbers, is byte-identical.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generateDemoCsv } from '../src/analysis/data/demo';
import { watchConsole } from './helpers';

const FILE = { name: 'determinism.csv', mimeType: 'text/csv', buffer: Buffer.from(generateDemoCsv(11, 1500)) };

/** Drops what may differ between runs: wall-clock timings and dates. */
function stable(json: string): unknown {
  return JSON.parse(json, (key, v) => (key === 'timingsMs' || key === 'createdAt' || key === 'fitMs' ? undefined : v));
}

async function download(page: Page, testid: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync((await d.path())!, 'utf8');
}

async function analyseOnce(page: Page): Promise<{ json: string; customers: string }> {
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await page.getByTestId('file-input').setInputFiles(FILE);
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 180_000 });
  // compared once the refining work after the dashboard (refine.ts) has landed: an export taken
  // mid-way lists whichever refinements are still pending, which depends on timing
  await expect(page.getByTestId('refining')).toHaveCount(0, { timeout: 180_000 });
  return { json: await download(page, 'export-json'), customers: await download(page, 'export-customers') };
}

test('the same file and settings give identical results twice in a row', async ({ page }) => {
  test.setTimeout(400_000);
  const con = watchConsole(page);
  await page.goto('./');
  const a = await analyseOnce(page);
  // a fresh worker for the second run (reload), so nothing carries over from the first
  await page.reload();
  const b = await analyseOnce(page);

  const ra = stable(a.json) as { segmentation: { labels: unknown; k: number }; churn: { probability: unknown; models: { name: string }[] }; kpis: unknown; rows: number };
  const rb = stable(b.json) as typeof ra;
  expect(ra.rows).toBe(1500);
  expect(ra.churn.models.length).toBeGreaterThanOrEqual(3);
  // the parts named in the issue first, for a readable failure ...
  expect(rb.segmentation.k).toBe(ra.segmentation.k);
  expect(rb.segmentation.labels).toEqual(ra.segmentation.labels);
  expect(rb.churn.probability).toEqual(ra.churn.probability);
  expect(rb.kpis).toEqual(ra.kpis);
  // ... then everything
  expect(rb).toEqual(ra);
  expect(b.customers).toBe(a.customers);
  expect(con.errors).toEqual([]);
});
