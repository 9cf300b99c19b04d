/**
 * Mapping recipes (issue 12 point 10): saved only after an analysis succeeded, announced before
 * use with an Undo back to the detected mapping, and never applied by themselves again once an
 * analysis with them failed.
 */
import { expect, test, type Page } from '@playwright/test';
import { home, watchConsole } from './helpers';

const FAST = './?models=logistic&folds=3';
const HEADER = 'customer_id,region_code,tenure,monthly_charges,churn';

/** A seeded customer table with HEADER; `region_code` holds the numbers 1..5 (a code). */
function table(rows: number, seed: number): string {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const region = 1 + Math.floor(rand() * 5);
    const tenure = 1 + Math.floor(rand() * 72);
    const churn = rand() < (region === 3 ? 0.5 : 0.15) + (tenure < 12 ? 0.2 : 0) ? 'Yes' : 'No';
    lines.push(`C${String(i).padStart(5, '0')},${region},${tenure},${(20 + rand() * 100).toFixed(2)},${churn}`);
  }
  return lines.join('\n') + '\n';
}
const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const GOOD = file('good.csv', table(400, 7));
const OTHER = file('other.csv', table(400, 8));
/** Same columns, two rows of one customer: cleaning leaves one customer, so any analysis of it fails. */
const TWO_OF_ONE = file('two-of-one.csv', `${HEADER}\nC1,1,5,20.00,Yes\nC1,2,6,30.00,No\n`);

async function open(page: Page, f: typeof GOOD) {
  await home(page);
  await page.getByTestId('file-input').setInputFiles(f);
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
}
async function analyseOk(page: Page) {
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
}
const regionType = (page: Page) => page.getByRole('combobox', { name: 'Type of column region_code' });
const kind = (page: Page) => page.getByRole('combobox', { name: 'Table kind' });

test('a mapping from a failing file is not saved: a good file with the same columns still completes', async ({ page }) => {
  const con = watchConsole(page);
  await page.goto(FAST);
  // the user takes the customer table for a transaction log: the analysis fails
  await open(page, OTHER);
  await kind(page).selectOption('transactions');
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('error')).toContainText(/transaction log needs/i, { timeout: 60_000 });
  // a good file with the same columns: no recipe, the detected mapping, a completed analysis
  await open(page, GOOD);
  await expect(page.getByTestId('recipe-notice')).toHaveCount(0);
  await expect(kind(page)).toHaveValue('customers');
  await analyseOk(page);
  expect(con.errors).toEqual([]);
});

test('a saved mapping is announced with Undo, and after a failure it is only offered', async ({ page }) => {
  const con = watchConsole(page);
  await page.goto(FAST);
  await open(page, GOOD);
  await regionType(page).selectOption('categorical');
  await analyseOk(page);

  // the same columns: announced with its date, applied, and Undo restores the detected mapping
  await open(page, OTHER);
  const notice = page.getByTestId('recipe-notice');
  await expect(notice).toHaveAttribute('data-state', 'applied');
  await expect(notice).toContainText(/Using the mapping saved on \d{1,2} \w+ \d{4} for files with these columns/);
  await expect(regionType(page)).toHaveValue('categorical');
  await page.getByTestId('recipe-undo').click();
  await expect(regionType(page)).toHaveValue('numeric');
  await expect(notice).toHaveAttribute('data-state', 'undone');
  await page.getByTestId('recipe-apply').click();
  await expect(regionType(page)).toHaveValue('categorical');

  // a file whose analysis fails while the recipe is applied marks the recipe
  await open(page, TWO_OF_ONE);
  await expect(notice).toHaveAttribute('data-state', 'applied');
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('error')).toContainText(/same value .*duplicates/i, { timeout: 60_000 });

  // next time it is not applied by itself: offered, with the detected mapping in place
  await open(page, GOOD);
  await expect(notice).toHaveAttribute('data-state', 'offered');
  await expect(notice).toContainText(/was not applied: the last analysis that used it failed/);
  await expect(regionType(page)).toHaveValue('numeric');
  await page.getByTestId('recipe-apply').click();
  await expect(regionType(page)).toHaveValue('categorical');
  await analyseOk(page);
  // a success with it saves it again, applied next time
  await open(page, OTHER);
  await expect(notice).toHaveAttribute('data-state', 'applied');
  expect(con.errors).toEqual([]);
});
