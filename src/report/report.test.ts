import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../charts/fixture.test-helper';
import { callListCsv, csvCell, customersCsv } from './csv';
import { buildReportHtml } from './html';
import { resultFromJson, resultFromReportHtml, resultToJson } from './json';

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
  it('customers CSV has a header and one row per customer', () => {
    const lines = customersCsv(r).trim().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('customer_id,segment,outlier,churn_probability,clv,expected_value_saved,top_reasons');
    expect(lines[2].startsWith(`"'=HYPERLINK(""x"")",New & risky,false,0.8,800,190,`)).toBe(true);
  });
  it('call list is ordered by expected value saved and limited by the budget', () => {
    const lines = callListCsv(r).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 4); // budget 200 / offer 50
    expect(lines[1].startsWith(`1,"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(lines[2].startsWith('2,C5,')).toBe(true);
    expect(lines[1]).toContain(`'=cmd|offer annual contract`);
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
  it('re-imports as the same analysis', () => {
    const back = resultFromReportHtml(html)!;
    expect(back.ids).toEqual(r.ids);
    expect(back.segmentation!.segments[0].name).toBe('Loyal <b>Big</b>');
    expect(Array.from(back.business!.clv)).toEqual(Array.from(r.business!.clv));
  });
});
