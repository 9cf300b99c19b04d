/**
 * Script and formula payloads in cells (issue 7): the corpus' payloads.csv (payloads in a
 * Comment column, which reach the top reasons) and a variant with the payloads as customer ids
 * (so they start export cells). Cell text is shown as text in the mapping sample and the
 * customers table; the downloaded customers CSV, call list CSV and HTML report neutralise them.
 */
import fs from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { corpus, PAYLOADS } from '../scripts/corpus';
import { generateDemoCsv } from '../src/analysis/data/demo';
import { watchConsole } from './helpers';
import { csvRows } from '../src/analysis/testing/csvRows';

const FAST = './?models=logistic&folds=3';

/** The corpus' payload file as bytes. */
function payloadsCsv(): Buffer {
  const entry = corpus().find((c) => c.case.file === 'payloads.csv')!;
  const content = entry.content();
  return typeof content === 'string' ? Buffer.from(content) : content;
}

/** Demo rows whose customer ids are the payloads (quoted CSV fields, unique by a suffix). */
function payloadIdsCsv(n = 300): Buffer {
  const lines = generateDemoCsv(7, n).trim().split('\r\n');
  const out = lines.map((l, i) => {
    if (i === 0) return l;
    const id = `${PAYLOADS[i % PAYLOADS.length]} ${i}`;
    return `"${id.replace(/"/g, '""')}"${l.slice(l.indexOf(','))}`;
  });
  return Buffer.from(out.join('\n') + '\n');
}

/** No cell of any row may start with a formula character, unless it is a plain number. */
function formulaCells(rows: string[][]): string[] {
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(c));
}

async function saved(d: Promise<Download>): Promise<string> {
  const p = await (await d).path();
  return fs.readFileSync(p!, 'utf8');
}

async function analyse(page: Page, name: string, buffer: Buffer) {
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
}

test('payload cells stay text on screen and are neutralised in every export', async ({ page, context }) => {
  const con = watchConsole(page);
  const dialogs: string[] = [];
  context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss())));
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await page.goto(FAST);

  // 1. The corpus file: payloads in a Comment column, shown as text in the mapping sample.
  await analyse(page, 'payloads.csv', payloadsCsv());
  const sample = page.locator('table.sample');
  for (const p of PAYLOADS) await expect(sample).toContainText(p);
  expect(await page.locator('main img, main script').count()).toBe(0);
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  const reportA = await saved(Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]).then(([d]) => d));
  expect(reportA).not.toContain('<script>alert(1)</script>');
  expect(reportA).not.toMatch(/<img[^>]*onerror/i);

  // 2. Payloads as customer ids: they start cells of the exports.
  await analyse(page, 'payload-ids.csv', payloadIdsCsv());
  await expect(page.getByRole('combobox', { name: 'Role of column customerID' })).toHaveValue('id');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });

  await page.getByTestId('tab-customers').click();
  const table = page.getByTestId('customer-table');
  for (const p of PAYLOADS) {
    await page.getByTestId('customer-search').fill(p.slice(0, 12));
    await expect(table).toContainText(p);
  }
  expect(await page.locator('main img').count()).toBe(0);
  expect(await page.locator('script:not([src]):not([type])').count()).toBe(0);

  const customers = await saved(Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]).then(([d]) => d));
  const rows = csvRows(customers);
  expect(rows.length).toBe(301);
  expect(formulaCells(rows)).toEqual([]);
  const ids = rows.slice(1).map((r) => r[0]);
  expect(ids).toContain(`'=HYPERLINK("http://example.com","click") 3`);
  expect(ids).toContain(`'+cmd|' /C calc'!A0 4`);
  expect(ids).toContain('<script>alert(1)</script> 5');

  const calls = await saved(Promise.all([page.waitForEvent('download'), page.getByTestId('export-call-list').click()]).then(([d]) => d));
  const callRows = csvRows(calls);
  expect(callRows.length).toBeGreaterThan(1);
  expect(formulaCells(callRows)).toEqual([]);

  const report = await saved(Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]).then(([d]) => d));
  expect(report).not.toContain('<script>alert(1)</script>');
  expect(report).not.toMatch(/<img[^>]*onerror/i);
  expect(report).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
  // Opened as a page (scripts allowed by the browser, forbidden by the report's CSP): no dialog,
  // no element made from a payload, and the payload text readable as text.
  const file = test.info().outputPath('payload-report.html');
  fs.writeFileSync(file, report);
  const view = await context.newPage();
  view.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await view.goto('file://' + file);
  expect(await view.locator('img, iframe, object, embed, a[href^="javascript"]').count()).toBe(0);
  expect(await view.locator('script:not([type="application/json"])').count()).toBe(0);
  const text = await view.locator('body').innerText();
  expect(text.includes('<script>alert(1)</script>') || text.includes('=HYPERLINK')).toBe(true);
  await view.waitForTimeout(300);
  await view.close();
  expect(dialogs).toEqual([]);
  expect(con.errors).toEqual([]);
});
