/**
 * The refactoring guard (issue 17): `npm run analyze` on the real Telco file and on the demo gives
 * the analysis.json, customers.csv and model.json fingerprinted in resultFingerprint.json (first
 * produced before churn/ was split, from commit d44b262), timing keys aside.
 *
 * A failure lists the keys that changed. If the change is deliberate (a new model, a new field, a
 * fixed bug), regenerate with `npm run fingerprint`, commit resultFingerprint.json with it and say
 * in the commit message which results changed and why. A refactor must leave it untouched.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FINGERPRINT_FILE, fingerprintInput, fingerprintOf, type Fingerprint } from './resultFingerprint';
import { TELCO_REL, describeWithShared } from '../analysis/testing/shared';

const pinned = JSON.parse(readFileSync(FINGERPRINT_FILE, 'utf8')) as Record<string, Fingerprint>;

/** Keys whose value differs, was added or went missing: "key: pinned -> now". */
function changes(was: Fingerprint, now: Fingerprint): string[] {
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return keys.filter((k) => was[k] !== now[k]).map((k) => `${k}: ${JSON.stringify(was[k])} -> ${JSON.stringify(now[k])}`);
}

const HOW = 'results changed. If deliberate, run `npm run fingerprint` and commit src/cli/resultFingerprint.json saying why; a refactor must not change them';

describe('the fingerprint', () => {
  it('keeps scalars, hashes subtrees, drops timing keys at any depth', () => {
    const a = fingerprintOf({ rows: 3, kind: 'x', timingsMs: { a: 1 }, churn: { best: 'gbdt', models: [{ auc: 0.8, fitMs: 12 }] } });
    const b = fingerprintOf({ rows: 3, kind: 'x', timingsMs: { a: 2 }, churn: { best: 'gbdt', models: [{ auc: 0.8, fitMs: 99 }] } });
    expect(a).toEqual(b);
    expect(a.rows).toBe(3);
    expect(a['churn.best']).toBe('gbdt');
    expect(a['churn.models']).toMatch(/^#[0-9a-f]{16}$/);
    expect(a.timingsMs).toBeUndefined();
    const c = fingerprintOf({ rows: 3, kind: 'x', churn: { best: 'gbdt', models: [{ auc: 0.81 }] } });
    expect(changes(a, c)).toEqual([expect.stringMatching(/^churn\.models: /)]);
  });
});

describe('analysis.json unchanged: the demo (generateDemoCsv(42, 7043), the page\'s demo)', () => {
  it('npm run analyze gives the pinned fingerprint', { timeout: 180_000 }, async () => {
    expect(changes(pinned.demo, await fingerprintInput('demo')), HOW).toEqual([]);
  });
});

describeWithShared(TELCO_REL, 'analysis.json unchanged: the real Telco file', () => {
  it('npm run analyze gives the pinned fingerprint', { timeout: 180_000 }, async () => {
    expect(changes(pinned.telco, await fingerprintInput('telco')), HOW).toEqual([]);
  });
});
