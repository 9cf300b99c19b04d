/** Shared e2e helpers: the Telco file path, console-error capture, screenshots, corpus files, going home. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { corpus } from '../scripts/corpus';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TELCO = path.resolve(here, '../../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
export const SHOTS = path.resolve(here, '../test-results/screenshots');

/** Collects console errors and page errors; call .errors at the end. */
export function watchConsole(page: Page): { errors: string[] } {
  const out = { errors: [] as string[] };
  page.on('console', (m) => {
    // the location names the resource when the message is a bare "Failed to load resource: 404"
    if (m.type() === 'error') out.errors.push(`${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', (e) => out.errors.push(e.message));
  return out;
}

/** Skips the calling test, naming the missing path, when ../shared's Telco file is not beside the clone. */
export function needTelco(): void {
  test.skip(!existsSync(TELCO), `skipped: ${TELCO} is missing (the ../shared folder beside the clone)`);
}

/** Upload the Telco CSV through the file input and wait for the mapping step (the test is skipped without the file). */
export async function uploadTelco(page: Page): Promise<void> {
  needTelco();
  await page.getByTestId('file-input').setInputFiles(TELCO);
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  await page.getByTestId('mapping-complete').waitFor({ state: 'attached' }); // the step's lower part is built after its first paint
}

/** Confirm the mapping and wait for the finished dashboard. */
export async function analyse(page: Page): Promise<void> {
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 90_000 });
}

/** The bytes of one bad-input corpus file (scripts/corpus.ts). */
export function corpusFile(file: string): Buffer {
  const c = corpus().find((x) => x.case.file === file)!.content();
  return typeof c === 'string' ? Buffer.from(c) : c;
}

/** Back to the landing page (the header's home button). */
export async function home(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await expect(page.getByTestId('file-input')).toBeAttached();
}

/** Opens every "For analysts" fold in the visible panel (technical diagnostics are folded away by default). */
export async function openAnalysts(page: Page): Promise<void> {
  const folds = page.locator('[role=tabpanel] [data-testid=for-analysts]');
  await folds.first().waitFor();
  for (let i = 0; i < (await folds.count()); i++) {
    const f = folds.nth(i);
    if ((await f.getAttribute('open')) === null) await f.locator('summary').click();
  }
}
