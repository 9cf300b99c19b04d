import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { buildReportHtml } from './html';
import { importJson, importReportHtml, resultToJson } from './json';
import { contactReachOf } from '../analysis/headlines';

/** The fixture as JSON with `edit` applied to the parsed object first. */
function crafted(edit: (o: Record<string, any>) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const o = JSON.parse(resultToJson(fixtureResult()));
  edit(o);
  return JSON.stringify(o);
}

describe('imported analyses are checked against a schema', () => {
  it('a real export passes, from JSON and from the HTML report', () => {
    const r = fixtureResult();
    const j = importJson(resultToJson(r));
    expect(j.ok).toBe(true);
    if (j.ok) expect(j.result.rows).toBe(r.rows);
    expect(importReportHtml(buildReportHtml(r)).ok).toBe(true);
  });

  it.each([
    ['the old six-field guard passes but churn is a string', (o: Record<string, any>) => (o.churn = 'x'), /churn/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['segments missing', (o: Record<string, any>) => delete o.segmentation.segments, /segmentation\.segments/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a per-customer array of the wrong length', (o: Record<string, any>) => (o.churn.probability.data = [0.5]), /churn\.probability has 1 entries/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['probabilities out of range', (o: Record<string, any>) => (o.churn.probability.data[0] = 7), /between 0 and 1/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['labels naming missing segments', (o: Record<string, any>) => (o.segmentation.labels.data[0] = 99), /segment labels/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a typed array given as plain numbers', (o: Record<string, any>) => (o.business.clv = [1, 2]), /business\.clv/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a call list naming customers it lacks', (o: Record<string, any>) => (o.business.callOrder.data[0] = 1e6), /call list/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['ids that are not text', (o: Record<string, any>) => (o.ids[0] = { toString: 1 }), /ids/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('%s: refused with a message', (_name, edit, message) => {
    const r = importJson(crafted(edit));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("the churn headline's reach is recomputed from the file's own scores, never taken from it", () => {
    const r = importJson(crafted((o) => {
      o.churn.contactReach = { share: 0.2, contacted: 1, positives: 999, reached: 999, reach: 1 };
      o.churn.actual = { $typed: 'Uint8Array', data: Array.from({ length: o.rows }, (_, i) => i % 3 === 0 ? 1 : 0) };
    }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { oof, actual } = r.result.churn!;
    expect(actual).toBeDefined();
    expect(r.result.churn!.contactReach).toEqual(contactReachOf(oof, actual));
    expect(r.result.churn!.contactReach!.positives).toBe(Math.ceil(r.result.rows / 3));
    // without labels of the right length there is no reach to show
    const bad = importJson(crafted((o) => (o.churn.contactReach = { share: 0.2, contacted: 1, positives: 999, reached: 999, reach: 1 })));
    if (bad.ok) expect(bad.result.churn!.contactReach).toBeUndefined();
  });

  it('not JSON, or not an analysis at all', () => {
    expect(importJson('not json')).toEqual({ ok: false, message: 'it is not valid JSON' });
    expect(importJson('{"type":"other"}')).toEqual({ ok: false, message: 'it is not a Retention Studio analysis' });
    expect(importReportHtml('<html></html>')).toEqual({ ok: false, message: 'it is not a Retention Studio report' });
  });
});
