/**
 * Navigation (issue 18): a URL per analysis, tab and customer; Back/Forward; reload stays put;
 * keyboard-only tab switching (WAI-ARIA tabs) with focus on the new view's heading; the customer
 * page by click, by keyboard and by URL; "Re-run with this number" updates the analysis it came from.
 */
import { expect, test, type Page } from '@playwright/test';

const FAST = './?models=logistic&folds=3&demoRows=800';
test.setTimeout(150_000);

async function demoDashboard(page: Page): Promise<string> {
  await page.goto(FAST);
  await page.getByTestId('demo-button').click();
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await expect(page).toHaveURL(/#\/a\/[^/]+\/overview$/);
  return /#\/a\/([^/]+)\//.exec(page.url())![1];
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test('tabs and customers have URLs; Back, Forward and reload keep the place', async ({ page }) => {
  const id = await demoDashboard(page);
  await page.getByTestId('tab-segments').click();
  await expect(page).toHaveURL(new RegExp(`#/a/${id}/segments$`));
  await page.getByTestId('tab-customers').click();
  await expect(page).toHaveURL(new RegExp(`#/a/${id}/customers$`));
  await page.goBack();
  await expect(page.getByTestId('tab-segments')).toHaveAttribute('aria-selected', 'true');
  await page.goForward();
  await expect(page.getByTestId('tab-customers')).toHaveAttribute('aria-selected', 'true');

  // A customer's page by click: its own URL, Back returns to the table.
  const link = page.getByTestId('customer-link').first();
  const cid = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/a/${id}/customer/${encodeURIComponent(cid)}$`));
  await expect(page.getByTestId('customer-page')).toContainText(`Customer ${cid}`);
  await expect(page.getByTestId('customer-attributes')).toContainText('tenure');
  await expect(page.getByTestId('customer-risk')).toContainText('%');
  await page.goBack();
  await expect(page.getByTestId('customer-table')).toBeVisible();

  // Reload stays put (the analysis reopens from this browser's storage, no re-run).
  await page.getByTestId('tab-churn').click();
  await page.reload();
  await expect(page.getByTestId('tab-churn')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('analysis-done')).toBeVisible();

  // By URL: a customer's page typed in (a fresh page load), its attributes read back from the stored data.
  await page.goto(`${FAST}#/a/${id}/customer/${encodeURIComponent(cid)}`);
  await expect(page.getByTestId('customer-page')).toContainText(`Customer ${cid}`);
  await expect(page.getByTestId('customer-attributes')).toContainText('Contract');
  // Back to the start page: Back leaves the app only from the first page.
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await page.goBack();
  await expect(page.getByTestId('customer-page')).toBeVisible();
});

test('keyboard only: arrows move along the tabs, Enter opens one and focus lands on its heading; a customer opens with Enter', async ({ page }) => {
  await demoDashboard(page);
  await expect(page.locator('#tab-hint')).toBeVisible();
  await page.getByTestId('tab-overview').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-segments')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-warehouse')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-data')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-customers')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-customers')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => focusedText(page)).toBe('Customers');
  await page.getByTestId('customer-link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-page')).toBeVisible();
  await expect.poll(() => focusedText(page)).toMatch(/^Customer /);
});

test('"Re-run with this number" updates the analysis it came from; keeping both is a choice', async ({ page }) => {
  const id = await demoDashboard(page);
  await page.getByTestId('tab-segments').click();
  const k = await page.getByTestId('segment-card').count();
  const other = k === 2 ? '3' : '2';
  await page.getByTestId('k-override').selectOption(other);
  await page.getByTestId('k-apply').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('segment-card')).toHaveCount(Number(other));
  await expect(page.getByTestId('analysis-done')).toContainText('saved');
  await expect(page).toHaveURL(new RegExp(`#/a/${id}/segments$`));
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await expect(page.getByTestId('saved-item')).toHaveCount(1);
  await page.getByTestId('saved-open').first().click();
  await page.getByTestId('tab-segments').click();
  await page.getByTestId('k-override').selectOption(String(k));
  await page.getByTestId('k-keep-both').check();
  await page.getByTestId('k-apply').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('analysis-done')).toContainText('saved');
  await expect(page).not.toHaveURL(new RegExp(`#/a/${id}/`));
  await page.getByRole('link', { name: 'Retention Studio home' }).click();
  await expect(page.getByTestId('saved-item')).toHaveCount(2);
});
