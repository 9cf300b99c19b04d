import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { callListCsv, csvCell, customersCsv, winBackCsv } from './csv';
import { buildReportHtml } from './html';
import { resultFromJson, resultFromReportHtml, resultToJson } from './json';
import { esc } from './svg';
import { headlines, type PanelId } from '../analysis/headlines';
import { paretoKpiText } from '../analysis/business/pareto';

const r = fixtureResult();

describe('csv', () => {
  it('neutralises formula payloads and quotes', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+cmd|x')).toBe("'+cmd|x");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
  });
  it('customers CSV has a header, one row per customer and the active/left split (no remaining value for those who left)', () => {
    const lines = customersCsv(r).trim().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('customer_id,status,segment,outlier,churn_probability,clv_usd,expected_value_saved_usd,top_reasons,suggested_action');
    expect(lines[1].startsWith('C1,active,Loyal <b>Big</b>,false,0.1,3000,90,')).toBe(true);
    expect(lines[2].startsWith(`"'=HYPERLINK(""x"")",left,New & risky,false,0.8,,,`)).toBe(true);
    // without money: no money columns at all (never a column of $0)
    const noMoney = { ...r, business: { ...r.business!, money: false } };
    expect(customersCsv(noMoney).split('\r\n')[0]).toBe('customer_id,status,segment,outlier,churn_probability,top_reasons,suggested_action');
    expect(callListCsv(noMoney).split('\r\n')[0]).toBe('rank,customer_id,segment,churn_probability,suggested_action,top_reasons');
    expect(customersCsv(r)).not.toMatch(/[↑↓]/);
  });
  it('call list is the plan: active customers by expected value saved while offers pay back, within the budget', () => {
    const lines = callListCsv(r).trim().split('\r\n');
    // active: C1, C3, <script>, C5; stakes p x CLV 300, 125, 540, 560; the 4th offer (EV -12.5) would lose money
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1].startsWith('1,C5,')).toBe(true);
    expect(lines[2].startsWith('2,<script>alert(1)</script>,New & risky,')).toBe(true);
    expect(lines[2]).toContain(`'=cmd|offer annual contract`);
    expect(lines.join()).not.toContain('HYPERLINK');
    const wb = winBackCsv(r).trim().split('\r\n');
    expect(wb).toHaveLength(3);
    expect(wb[1].startsWith('1,C6,')).toBe(true);
  });
});

describe('csv for a CRM', () => {
  it('joins the original columns back (id once, clashing names marked) with plain-text reasons', () => {
    const originals = { header: ['ID', 'segment', 'Plan'], rows: r.ids.map((id, i) => [[id, `s${i}`, i % 2 ? 'Gold' : '=cmd']]) };
    const rr = { ...r, roles: { ...r.roles, id: 'ID' } };
    const lines = customersCsv(rr, originals).trim().split('\r\n');
    expect(lines[0].endsWith('segment (file),Plan')).toBe(true);
    expect(lines[1].endsWith(`s0,'=cmd`)).toBe(true);
    const calls = callListCsv(rr, originals).trim().split('\r\n');
    expect(calls[0].startsWith('rank,customer_id,')).toBe(true);
    expect(calls[1].startsWith('1,C5,')).toBe(true);
    expect(calls[1].endsWith(`s4,'=cmd`)).toBe(true); // the top of the call list is C5 (index 4): its own original row
  });
});

describe('json', () => {
  it('round-trips typed arrays', () => {
    const back = resultFromJson(resultToJson(r))!;
    expect(back.churn!.probability).toBeInstanceOf(Float64Array);
    expect(Array.from(back.churn!.probability)).toEqual(Array.from(r.churn!.probability));
    expect(back.segmentation!.labels).toBeInstanceOf(Int32Array);
    expect(back.churn!.reasons.reasonFeature).toBeInstanceOf(Int16Array);
  });
  it('rejects what is not an analysis', () => {
    expect(resultFromJson('{"type":"other"}')).toBeNull();
    expect(resultFromJson('not json')).toBeNull();
  });
});

describe('html report', () => {
  const html = buildReportHtml(r, new Date('2024-03-02T00:00:00Z'));
  it('escapes every user string', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<b>Big</b>');
    expect(html).toContain('Loyal &lt;b&gt;Big&lt;/b&gt;');
    expect(html).toContain('telco &lt;test&gt;.csv');
    expect(html).not.toContain('<i>often</i>');
  });
  it('has KPIs, segment cards, charts and provenance, and no executable script', () => {
    expect(html).toContain('data-testid="kpi-churn-rate"');
    expect(html).toContain('33.3%');
    expect(html.match(/data-testid="segment-card"/g)).toHaveLength(2);
    expect(html).toContain('<svg');
    expect(html).toContain('Customers analysed');
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script type="application/json"');
  });
  it('names what the top-20% KPI adds up and over whom, in its note under a short label (the page\'s words)', () => {
    expect(paretoKpiText({ basis: 'total charges to date', customers: 7043 })).toEqual({
      label: "Top 20%'s share",
      note: 'of total charges to date, held by the top 20% of all 7,043 customers',
    });
    expect(html).toContain(esc("Top 20%'s share"));
    expect(html).toContain('of revenue, held by the top 20% of all customers');
  });
  it('re-imports as the same analysis', () => {
    const back = resultFromReportHtml(html)!;
    expect(back.ids).toEqual(r.ids);
    expect(back.segmentation!.segments[0].name).toBe('Loyal <b>Big</b>');
    expect(Array.from(back.business!.clv)).toEqual(Array.from(r.business!.clv)); // NaN for those who left survives
    expect(back.business!.clv[1]).toBeNaN();
  });
  it('opens its sections with the dashboard panels\' sentences, in the dashboard\'s order; no raw settings JSON', () => {
    const h = headlines(r);
    const page = html.slice(0, html.indexOf('<script type="application/json"'));
    const order: PanelId[] = ['overview', 'segments', 'churn', 'retention', 'revenue', 'customers', 'recommendations', 'data'];
    let at = 0;
    for (const id of order) {
      expect(h[id], id).toMatch(/\d/); // plain words with a number
      const k = page.indexOf(`<p class="lead" data-testid="report-lead">${esc(h[id])}</p>`, at);
      expect(k, id).toBeGreaterThan(at);
      at = k;
    }
    expect(page).not.toContain('"seed"');
    expect(page).not.toContain('Settings');
    // diagnostics sit in closed folds (no "open" attribute)
    expect(page).toContain('<details class="analysts" data-testid="for-analysts"><summary>For analysts: the churn model</summary>');
  });
  it('carries the active/lost split', () => {
    expect(html).toContain('data-testid="lost-customers"');
    expect(html).toContain('33.3% of all 6 customers · $151 a month left with them'); // the page's KPI note (lostKpiNote), whole dollars from 100 up
    expect(html).toContain('of 4 active customers');
  });
});
