/**
 * Nothing lost (issue 7): with analyses saved first, each failure — a bad file, a worker crash,
 * cancel, a reload mid-analysis, storage full — leaves every saved analysis present and openable
 * (checked after each case). And a database left by the v1 schema is migrated on first open with
 * its analyses still openable.
 */
import { expect, test, type Page } from '@playwright/test';
import { fixtureResult } from '../src/analysis/testing/resultFixture';
import { resultToJson } from '../src/report/json';
import { corpusFile, home, watchConsole } from './helpers';

/** Small, fast analyses for the saved baseline (test options, see src/ui/testHooks.ts). */
const SMALL = './?models=logistic&folds=3&demoRows=500&debug=1';
/** The full demo with every model: long enough to be interrupted mid-way. */
const FULL = './?debug=1';

interface Saved {
  id: string;
  rows: string;
}

async function savedIds(page: Page): Promise<string[]> {
  return page.getByTestId('saved-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** Every earlier analysis is still listed and opens (without re-running) with its row count. */
async function expectIntact(page: Page, earlier: Saved[], why: string) {
  await home(page);
  await expect(page.getByTestId('saved-item').first()).toBeVisible();
  const ids = await savedIds(page);
  expect(ids, `saved analyses after ${why}`).toEqual(expect.arrayContaining(earlier.map((s) => s.id)));
  for (const s of earlier) {
    await page.locator(`[data-testid="saved-item"][data-id="${s.id}"] [data-testid="saved-open"]`).click();
    await expect(page.getByTestId('analysis-done'), `open ${s.id} after ${why}`).toBeVisible();
    await expect(page.getByTestId('kpi-customers')).toContainText(s.rows);
    await expect(page.getByTestId('kpi-churn-rate')).toContainText('%');
    await home(page);
  }
}

/** Runs the open table's analysis to the end and returns the new saved entry. */
async function analyseAndSave(page: Page, rows: string, before: string[]): Promise<Saved> {
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('analysis-done')).toContainText('saved in this browser', { timeout: 120_000 });
  await home(page);
  const after = await savedIds(page);
  const added = after.filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return { id: added[0], rows };
}

/** Starts the full demo and waits until the worker is busy in the analysis proper. */
async function startLongAnalysis(page: Page) {
  await page.goto(FULL);
  await page.getByTestId('demo-button').click();
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('progress')).toContainText(/Finding customer segments/);
  await page.waitForTimeout(800);
}

test('each failure leaves every saved analysis present and openable', async ({ page, context }) => {
  test.setTimeout(300_000);
  const con = watchConsole(page);
  // Storage-full switch for the quota case: IndexedDB writes throw QuotaExceededError while set.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (sessionStorage.getItem('rs-quota') === '1') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });

  // Two analyses saved first: a small demo and a CSV file.
  await page.goto(SMALL);
  await page.getByTestId('demo-button').click();
  await page.getByTestId('mapping-confirm').waitFor();
  const a = await analyseAndSave(page, '500', []);
  await page.getByTestId('file-input').setInputFiles({ name: 'bom.csv', mimeType: 'text/csv', buffer: corpusFile('bom.csv') });
  await page.getByTestId('mapping-confirm').waitFor();
  const b = await analyseAndSave(page, '400', [a.id]);
  const earlier = [a, b];
  await expectIntact(page, earlier, 'the baseline');

  await test.step('a bad file', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'image.csv', mimeType: 'text/csv', buffer: corpusFile('image.csv') });
    await expect(page.getByTestId('error')).toContainText('not a text CSV');
    await expectIntact(page, earlier, 'a bad file');
  });

  await test.step('a worker crash mid-analysis', async () => {
    await startLongAnalysis(page);
    await page.evaluate(() => (window as unknown as { __retentionStudio: { crash(): void } }).__retentionStudio.crash());
    await expect(page.getByTestId('error')).toContainText('stopped unexpectedly and was restarted', { timeout: 60_000 });
    await expect(page.getByTestId('progress')).toBeHidden();
    await expectIntact(page, earlier, 'a worker crash');
  });

  await test.step('cancel mid-analysis', async () => {
    await startLongAnalysis(page);
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('progress')).toBeHidden({ timeout: 2000 });
    await expectIntact(page, earlier, 'cancel');
  });

  await test.step('a reload mid-analysis', async () => {
    await startLongAnalysis(page);
    await page.reload();
    await expect(page.getByTestId('demo-button')).toBeVisible();
    await expectIntact(page, earlier, 'a reload');
    expect(await savedIds(page)).toHaveLength(earlier.length);
  });

  await test.step('storage full while saving a new analysis', async () => {
    await page.goto(SMALL);
    await page.getByTestId('demo-button').click();
    await page.getByTestId('mapping-confirm').waitFor();
    await page.evaluate(() => sessionStorage.setItem('rs-quota', '1'));
    await page.getByTestId('mapping-confirm').click();
    await expect(page.getByTestId('error')).toContainText('storage is full', { timeout: 120_000 });
    await expect(page.getByTestId('error')).toContainText('Everything saved before is still there');
    await expect(page.getByTestId('analysis-done')).not.toContainText('saved in this browser');
    await page.evaluate(() => sessionStorage.removeItem('rs-quota'));
    await page.reload();
    await expectIntact(page, earlier, 'storage full');
    expect(await savedIds(page)).toHaveLength(earlier.length);
  });
  expect(con.errors.filter((e) => !/quota/i.test(e))).toEqual([]);
});

test('a database from the v1 schema is migrated and its analyses open', async ({ page }) => {
  // A same-origin document that is not the app, to build the old database before the app opens it.
  await page.goto('./favicon.svg');
  const json = resultToJson({ ...fixtureResult(), fileName: 'old-analysis.csv' });
  await page.evaluate(async (text) => {
    const TYPED: Record<string, { from(a: number[]): unknown }> = { Float64Array, Float32Array, Int32Array, Uint8Array, Int16Array, Uint16Array, Uint32Array, Int8Array };
    const result = JSON.parse(text, (_k, v) => (v && typeof v === 'object' && '$typed' in v ? TYPED[v.$typed].from(v.data) : v));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('retention-studio', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('analyses', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('analyses', 'readwrite');
    for (const [id, name, day] of [['v1-a', 'Old analysis A', '01'], ['v1-b', 'Old analysis B', '02']]) {
      tx.objectStore('analyses').put({
        id, name, fileName: 'old-analysis.csv', rows: result.rows, kind: 'customers', createdAt: `2024-01-${day}T09:00:00.000Z`,
        churnRate: 1 / 3, segments: 2, options: { seed: 42 }, source: { type: 'file', fileName: 'old-analysis.csv' }, result,
      });
    }
    await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
    db.close();
  }, json);

  const con = watchConsole(page);
  await page.goto('./');
  await expect(page.getByTestId('saved-item')).toHaveCount(2);
  await expect(page.getByTestId('saved-analyses')).toContainText('Old analysis A');
  await expectIntact(page, [{ id: 'v1-a', rows: '6' }, { id: 'v1-b', rows: '6' }], 'the v1 -> v2 migration');
  // migrated: results moved to their own store, metadata rows without the embedded result
  const shape = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('retention-studio');
      req.onsuccess = () => resolve(req.result);
    });
    const get = (store: string, key: string) => new Promise<unknown>((resolve) => {
      const r = db.transaction(store).objectStore(store).get(key);
      r.onsuccess = () => resolve(r.result);
    });
    const meta = (await get('analyses', 'v1-a')) as Record<string, unknown>;
    const res = (await get('results', 'v1-a')) as { result?: { rows: number } } | undefined;
    const out = { version: db.version, metaHasResult: 'result' in meta, resultRows: res?.result?.rows ?? null };
    db.close();
    return out;
  });
  expect(shape).toEqual({ version: 2, metaHasResult: false, resultRows: 6 });
  expect(con.errors).toEqual([]);
});
