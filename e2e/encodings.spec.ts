/** The same bytes decode the same in the browser worker and in Node (the CLI): for each non-UTF-8
 *  corpus file, the mapping step's header and first rows equal the Node engine's summary. Both
 *  use the same sniffing and TextDecoder (Node 20 has full ICU), so the analyses that follow match
 *  as parity.spec.ts shows for UTF-8. */
import { expect, test } from '@playwright/test';
import { parseCsv } from '../src/analysis/data/parse';
import { inspectTable, summarize } from '../src/analysis/data/prepare';
import { corpusFile, home, watchConsole } from './helpers';

const FILES = ['p-cp1252.csv', 'p-shift-jis.csv', 'p-utf16be.csv', 'p-utf16be-nobom.csv', 'latin1.csv'];

test('Windows-1252, Shift-JIS, UTF-16BE and Latin-1 read the same in the page and in Node', async ({ page }) => {
  test.setTimeout(120_000);
  const con = watchConsole(page);
  await page.goto('./');
  for (const file of FILES) {
    const bytes = corpusFile(file);
    const parsed = await parseCsv(new Blob([new Uint8Array(bytes)]), file);
    if (!parsed.ok) throw new Error(parsed.message);
    const node = summarize(inspectTable(parsed.table));
    await home(page);
    await page.getByTestId('file-input').setInputFiles({ name: file, mimeType: 'text/csv', buffer: bytes });
    await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
    // the first rows are in the step's lower part, built after its first paint: read them once it is there
    await page.getByTestId('mapping-complete').waitFor({ state: 'attached' });
    const table = page.getByRole('region', { name: 'First rows of the file' });
    const header = await table.locator('thead th').allTextContents();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(header.length, file).toBeGreaterThan(0);
    expect(header, file).toEqual(node.header.slice(0, header.length));
    expect(rows, file).toEqual(node.sample.map((r) => r.slice(0, header.length)));
    // the decoded text really holds the characters (not replacement marks)
    expect(rows.flat().join(''), file).not.toContain('\uFFFD');
  }
  expect(con.errors).toEqual([]);
});
