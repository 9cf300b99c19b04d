import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StudioStore, type SavedMeta } from './db';
import { RESULT_VERSION, type AnalysisResult } from '../analysis/result';
import { upgradeResult } from '../analysis/resultUpgrade';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { importJson, resultToJson } from '../report/json';
import { buildReportHtml } from '../report/html';

/** A result as version 1 saved it: no currency anywhere, no model / lifetime / survival fields. */
function versionOne(): AnalysisResult {
  const r = fixtureResult() as unknown as Record<string, unknown> & AnalysisResult;
  const { currency: _c, ...options } = r.business!.options;
  const old = { ...r, version: 1, business: { ...r.business!, options } } as Record<string, unknown>;
  delete old.currency;
  delete old.model;
  delete old.lifetime;
  delete old.survivalModel;
  return old as unknown as AnalysisResult;
}

const meta: SavedMeta = {
  id: 'old', name: 'Saved in version 1', fileName: 'telco.csv', rows: 6, kind: 'customers', createdAt: '2024-03-01',
  churnRate: 0.25, segments: 2, options: { seed: 1 }, source: { type: 'file', fileName: 'telco.csv' },
};

describe('results saved by an older version', () => {
  it('RESULT_VERSION is 2 and a version-1 result upgrades to it with dollars', () => {
    expect(RESULT_VERSION).toBe(2);
    const v1 = versionOne();
    const up = upgradeResult(v1);
    expect(up.version).toBe(2);
    expect(up.currency).toBe('USD');
    expect(up.business!.options.currency).toBe('USD');
    expect([up.model, up.lifetime, up.survivalModel]).toEqual([null, null, null]);
    expect(up.business!.active).toBe(v1.business!.active); // the saved split is kept
    expect('currency' in v1).toBe(false); // the input is left alone
    expect(upgradeResult(up)).toBe(up); // current versions pass through
  });

  it('opens a version-1 analysis from IndexedDB and from an exported .json', async () => {
    const store = new StudioStore(`old-${Date.now()}`);
    expect((await store.saveAnalysis(meta, versionOne())).ok).toBe(true);
    const back = (await store.loadResult('old'))!;
    expect(back.version).toBe(RESULT_VERSION);
    expect(back.currency).toBe('USD');
    expect(back.business!.plan).not.toBeNull();
    // the report renders money from it in dollars
    expect(buildReportHtml(back)).toMatch(/data-testid="kpi-arpu"[^]*?\$64\.76/);

    const imported = importJson(resultToJson(versionOne()));
    expect(imported.ok).toBe(true);
    if (imported.ok) expect([imported.result.version, imported.result.currency]).toEqual([2, 'USD']);
  });

  it('a version-1 result from before the active/lost split counts everyone as active', () => {
    const v1 = versionOne() as unknown as { business: Record<string, unknown> };
    delete v1.business.active;
    delete v1.business.population;
    delete v1.business.lost;
    const up = upgradeResult(v1 as unknown as AnalysisResult);
    expect(Array.from(up.business!.active)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(up.business!.population.active).toBe(6);
    expect(up.business!.lost).toBeNull();
  });

  it('an import naming no real currency is refused', () => {
    const bad = { ...fixtureResult(), currency: 'D<b>' };
    const out = importJson(resultToJson(bad));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('currency');
  });
});
