/**
 * Cell text is never markup (issue 12), in the charts too: a file whose column names and category
 * values are Plotly markup (a link, bold, a 90px span, sub/superscript, a hovertemplate field) is
 * analysed; no chart on any tab holds a link or styled text that came from the data, the payloads
 * read literally, and clicking the labels navigates nowhere. Then prototype member names as
 * columns, values and ids: the analysis completes, also after changing such a column's type.
 */
import { expect, test, type Page } from '@playwright/test';
import { markupRows, protoRows, field } from '../scripts/corpus/markup';
import { openAnalysts, watchConsole } from './helpers';

const FAST = './?models=logistic&folds=3';
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map(field).join(',')).join('\n') + '\n');

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByTestId('mapping-confirm').waitFor({ timeout: 30_000 });
}
async function run(page: Page) {
  await page.getByTestId('mapping-confirm').click();
  await Promise.race([
    page.getByTestId('analysis-done').waitFor({ timeout: 120_000 }),
    page.getByTestId('error').waitFor({ timeout: 120_000 }).then(async () => {
      throw new Error(`analysis failed: ${await page.getByTestId('error').textContent()}`);
    }),
  ]);
}

/** Links and data-styled text inside drawn charts (Plotly's mode-bar buttons are outside .main-svg). */
async function liveMarkup(page: Page) {
  return page.evaluate(() => {
    const svgs = [...document.querySelectorAll('.js-plotly-plot .main-svg')];
    const links = svgs.flatMap((s) => [...s.querySelectorAll('a')]).map((a) => a.outerHTML.slice(0, 120));
    const styled = svgs
      .flatMap((s) => [...s.querySelectorAll('tspan[style], text tspan')])
      .filter((t) => /font-size:\s*90px|font-weight:\s*bold|font-style:\s*italic|color:\s*red|baseline-shift/i.test(t.getAttribute('style') ?? ''))
      .map((t) => t.outerHTML.slice(0, 120));
    const text = svgs.map((s) => s.textContent ?? '').join('\n');
    return { charts: svgs.length, links, styled, text };
  });
}

test('markup in names and values is drawn as text in every chart, and no label is a link', async ({ page, context }) => {
  test.setTimeout(240_000);
  const con = watchConsole(page);
  const popups: string[] = [];
  context.on('page', (p) => popups.push(p.url()));
  await page.goto(FAST);
  await upload(page, 'markup.csv', csv(markupRows(400)));
  await run(page);
  let seen = '';
  let charts = 0;
  for (const tab of ['segments', 'churn', 'retention', 'revenue']) {
    await page.getByTestId(`tab-${tab}`).click();
    // each tab has its own URL (hash routing); clicking labels inside it must not change it
    await expect(page).toHaveURL(new RegExp(`/${tab}$`));
    const url = page.url();
    if (tab === 'segments' || tab === 'churn') await openAnalysts(page); // the diagnostics' charts too
    await page.locator('.js-plotly-plot .main-svg').first().waitFor();
    await expect(page.getByText('Drawing chart…')).toHaveCount(0);
    const m = await liveMarkup(page);
    expect(m.links, tab).toEqual([]);
    expect(m.styled, tab).toEqual([]);
    charts += m.charts;
    seen += m.text;
    // click every axis tick label and legend entry: none may navigate or open a window
    const labels = page.locator('.js-plotly-plot .ytick text, .js-plotly-plot .xtick text, .js-plotly-plot .legendtext');
    const n = await labels.count();
    for (let i = 0; i < n; i++) await labels.nth(i).click({ force: true, timeout: 2_000 }).catch(() => undefined);
    await page.waitForTimeout(200);
    expect(page.url()).toBe(url);
  }
  expect(charts).toBeGreaterThanOrEqual(8);
  // the payloads are there, read literally: a column name on the importance axis, values in the retention legend
  expect(seen).toContain('<a href="https://example.org/n">Score</a>');
  expect(seen).toContain('<b>x</b>');
  expect(seen).toContain('<span style="font-size:90px">big</span>');
  expect(popups).toEqual([]);
  expect(con.errors).toEqual([]);
});

test('columns, values and ids named after prototype members analyse, also with a changed type', async ({ page }) => {
  test.setTimeout(240_000);
  const con = watchConsole(page);
  await page.goto(FAST);
  await upload(page, 'proto.csv', csv(protoRows(300)));
  // change the type of the column "constructor" (categorical) to text and back, "valueOf" to categorical
  const ctor = page.getByRole('combobox', { name: 'Type of column constructor', exact: true });
  await expect(ctor).toHaveValue('categorical');
  await expect(ctor).not.toHaveClass(/changed/);
  await page.getByRole('combobox', { name: 'Type of column valueOf', exact: true }).selectOption('categorical');
  await expect(page.getByRole('combobox', { name: 'Type of column valueOf', exact: true })).toHaveClass(/changed/);
  await run(page);
  await page.getByTestId('tab-data').click();
  await expect(page.getByText('Customers analysed', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('300');
  await page.getByTestId('tab-churn').click();
  await openAnalysts(page);
  await page.locator('.js-plotly-plot .main-svg').first().waitFor();
  expect(con.errors).toEqual([]);
});
