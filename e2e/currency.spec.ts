/**
 * Currency and tenure unit, like a person (issue 13 points 2 and 8): a subscription file with €
 * cells and tenure in years. The mapping step's summary bar names EUR (with the cells it saw) and
 * years (from the column name); every money figure on the overview, the revenue panel, the
 * recommendations and the customers table is in euros, never dollars. Screenshots at 1440 px go
 * to test-results/screenshots/, and to docs/views/ (currency-*.png, committed) only with VIEWS_1280=1
 * (the docs run), so a test run leaves the checkout clean.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { SHOTS, analyse, watchConsole } from './helpers';

const DOCS = process.env.VIEWS_1280 ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/views') : SHOTS;

function euroCsv(n = 400, seed = 5): string {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = ['customerID,tenure_years,Contract,LoginsPerMonth,MonthlyCharges,Churn'];
  for (let i = 0; i < n; i++) {
    const years = Math.floor(rnd() * 7);
    const contract = rnd() < 0.5 ? 'Month-to-month' : rnd() < 0.5 ? 'One year' : 'Two year';
    const logins = Math.floor(rnd() * 40);
    const monthly = (20 + rnd() * 90).toFixed(2);
    const z = 0.6 - 0.5 * years + (contract === 'Month-to-month' ? 1.2 : -0.8) - 0.03 * logins;
    rows.push([`E${1000 + i}`, years, contract, logins, `€${monthly}`, rnd() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No'].join(','));
  }
  return rows.join('\n') + '\n';
}

test('a file in euros: EUR detected and shown at the mapping step, every money figure in €', async ({ page }) => {
  const console = watchConsole(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'euro.csv', mimeType: 'text/csv', buffer: Buffer.from(euroCsv()) });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
  await expect(page.getByTestId('currency')).toHaveValue('EUR');
  await expect(page.getByTestId('currency-example')).toHaveText('€1,234');
  await expect(page.getByTestId('currency-why')).toContainText('“€” in 400 cells');
  await expect(page.getByTestId('tenure-unit')).toHaveValue('years');
  await expect(page.getByTestId('tenure-unit-why')).toContainText('says years');
  await expect(page.getByTestId('summary-value')).toHaveText('MonthlyCharges'); // not LoginsPerMonth
  await page.getByTestId('mapping-summary').screenshot({ path: `${DOCS}/currency-mapping-summary.png` });
  await analyse(page);

  const overview = page.getByTestId('panel-overview');
  for (const id of ['kpi-arpu', 'kpi-clv', 'kpi-revenue-at-risk', 'kpi-lost']) await expect(page.getByTestId(id)).toContainText('€');
  await expect(overview).not.toContainText('$');
  // every overview number names whom it counts: all customers in the file, the active ones, or those who left
  // (the CLV card's basis line now comes from the engine's kpis.clv.basisText, checked apart below)
  for (const kpi of await overview.locator('[data-testid^="kpi-"]:not([data-testid="kpi-clv"])').all()) expect(await kpi.innerText()).toMatch(/of all \d[\d,]* customers|active customers|\d active · \d+ already left/);
  await expect(page.getByTestId('kpi-clv')).toContainText('per ');
  await page.screenshot({ path: `${DOCS}/currency-overview.png`, fullPage: true });

  await page.getByTestId('tab-revenue').click();
  const revenue = page.getByTestId('panel-revenue');
  await expect(revenue).toContainText('Offer cost per customer (€)');
  await expect(revenue).toContainText('€');
  await expect(revenue).not.toContainText('$');
  await page.screenshot({ path: `${DOCS}/currency-revenue.png`, fullPage: true });

  await page.getByTestId('tab-recommendations').click();
  await expect(page.getByTestId('panel-recommendations')).not.toContainText('$');

  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('customer-table')).toContainText('€');
  await expect(page.getByTestId('customer-table')).not.toContainText('$');
  expect(console.errors).toEqual([]);
});
