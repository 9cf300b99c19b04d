/**
 * The bad-input corpus (scripts/corpus.ts) through the real page in Chromium, one page, case after
 * case: error cases show their specific human message (never a stack trace) and leave the page
 * usable; the others complete an analysis whose cleaning report (Data panel) lists the expected
 * warning codes. Runs with ?models=logistic&folds=3&refine=0 (test options, see src/ui/testHooks.ts)
 * to stay fast: refine=0 keeps each case's first result (nothing here reads a refined number; the
 * refining is checked by parity and determinism), so the next file does not restart the worker. The large file (a wall-clock check) is in large.spec.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeCorpus, type CorpusCase } from '../scripts/corpus';
import type { MarkupExpectation } from '../scripts/corpus/markup';
import { SHOTS, home, watchConsole } from './helpers';
import { cohortProblems } from '../scripts/corpus/cohortCheck';

type PlotEl = { data: { y?: string[]; z?: (number | null)[][] }[] };

test.describe.configure({ mode: 'serial' });

const FAST = './?models=logistic&folds=3&refine=0';
const STACK = /\bat \S+:\d+|\w+Error:|undefined|\[object /;

let dir = '';
let cases: CorpusCase[] = [];
let page: Page;
let con: { errors: string[] };

test.beforeAll(async ({ browser }) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-corpus-'));
  // RS_CORPUS_ONLY=prefix runs only the files whose name starts with it (e.g. p- for the parsing cases).
  cases = writeCorpus(dir).filter((c) => c.file.startsWith(process.env.RS_CORPUS_ONLY ?? ''));
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  con = watchConsole(page);
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.goto(FAST);
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One case: upload, then either the error message or mapping -> analysis -> warning codes. */
async function runCase(p: Page, c: CorpusCase) {
  await home(p);
  await p.getByTestId('file-input').setInputFiles(path.join(dir, c.file));
  const more = c.expect as MarkupExpectation;
  if ('error' in c.expect && more.atMapping) {
    // blocked at the mapping step: the problem in words, and Analyse disabled
    const block = p.getByTestId('mapping-blocking');
    await expect(block).toBeVisible({ timeout: 30_000 });
    await expect(block).toContainText(c.expect.message);
    await expect(p.getByTestId('mapping-confirm')).toBeDisabled();
    await p.screenshot({ path: `${SHOTS}/corpus-${c.file}.png` });
    return;
  }
  if ('error' in c.expect) {
    const err = p.getByTestId('error');
    await expect(err).toBeVisible({ timeout: 30_000 });
    await expect(err).toContainText(c.expect.message);
    const text = (await err.textContent()) ?? '';
    expect(text).not.toMatch(STACK);
    // names the file's problem and what to do about it
    expect(text.length).toBeGreaterThan(40);
    await expect(p.getByTestId('demo-button')).toBeEnabled();
    await p.screenshot({ path: `${SHOTS}/corpus-${c.file}.png` });
    return;
  }
  await p.getByTestId('mapping-confirm').waitFor({ timeout: 60_000 });
  if (c.expect.rows !== undefined) await expect(p.getByTestId('row-count')).toBeVisible();
  if (more.setAside !== undefined) await expect(p.getByTestId('set-aside')).toHaveAttribute('data-count', String(more.setAside));
  await p.getByTestId('mapping-confirm').click();
  await Promise.race([
    p.getByTestId('analysis-done').waitFor({ timeout: 120_000 }),
    p.getByTestId('error').waitFor({ timeout: 120_000 }).then(async () => {
      throw new Error(`analysis failed: ${await p.getByTestId('error').textContent()}`);
    }),
  ]);
  await p.getByTestId('tab-data').click();
  const codes = await p.getByTestId('warning').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
  expect(codes).toEqual(expect.arrayContaining(c.expect.warnings));
  if (c.expect.rows !== undefined) {
    await expect(p.getByText('Customers analysed', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText(c.expect.rows.toLocaleString('en-US'));
  }
  // issue 12's accounting rule as the page states it: customers analysed (logs: lines aggregated) + set aside = data rows (lines)
  const aside = p.getByTestId('rows-set-aside');
  const used = Number(await aside.getAttribute('data-used'));
  const setAside = Number(((await aside.textContent()) ?? '').replace(/,/g, ''));
  expect({ used, setAside, sum: used + setAside }).toEqual({ used, setAside, sum: c.expect.dataRows });
  await expect(aside).toHaveAttribute('data-unit', more.kind === 'transactions' ? 'lines' : 'rows');
  if (c.expect.warnings.length) await p.getByTestId('warnings').screenshot({ path: `${SHOTS}/corpus-${c.file}.png` });
  if (more.kind === 'transactions') {
    // issue 14: every invoice log shows its cohort grid (blank, never 0%, past the log's end) and revenue movements
    await p.getByTestId('tab-lifetime').click();
    const grid = p.getByTestId('plot-cohorts');
    await expect(grid.locator('.main-svg').first()).toBeAttached({ timeout: 30_000 });
    const { y, z } = await grid.evaluate((el) => ({ y: (el as unknown as PlotEl).data[0].y!, z: (el as unknown as PlotEl).data[0].z! }));
    expect(cohortProblems(y, z, 1)).toEqual([]);
    await expect(p.getByTestId('plot-movements').locator('.main-svg').first()).toBeAttached();
  }
}

test('every corpus file gives a clear message or a completed analysis listing its problems', async () => {
  test.setTimeout(120_000 + cases.length * 15_000);
  const failures: string[] = [];
  for (const c of cases) {
    await test.step(c.name, async () => {
      try {
        await runCase(page, c);
      } catch (e) {
        failures.push(`${c.name}: ${(e as Error).message.split('\n').slice(0, 4).join(' ')}`);
        await page.screenshot({ path: `${SHOTS}/corpus-FAILED-${c.file}.png` });
        await page.goto(FAST);
      }
    });
  }
  expect(failures).toEqual([]);
  // the page stays usable after all of it: the demo still loads
  await home(page);
  await page.getByTestId('demo-button').click();
  await expect(page.getByTestId('mapping-confirm')).toBeVisible({ timeout: 30_000 });
  expect(con.errors).toEqual([]);
});
