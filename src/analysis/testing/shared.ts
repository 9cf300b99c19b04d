/**
 * Test helper: the ../shared folder beside the clone (real data, scikit-learn reference numbers;
 * never copied into the repo). Tests that need it use describeWithShared: when the file is
 * missing they are skipped, and the skipped suite's name and a warning say which path is missing.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe } from 'vitest';

/** The shared folder: <clone>/../shared. */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../../shared');

/** A path inside ../shared ('data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv'). */
export const sharedPath = (rel: string): string => resolve(SHARED_DIR, rel);

/** The real Telco file, relative to ../shared. */
export const TELCO_REL = 'data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv';

/** Whether every given path exists in ../shared. */
export const hasShared = (...rels: string[]): boolean => rels.every((r) => existsSync(sharedPath(r)));

/** describe(name, fn) when ../shared/<rel> exists; else a skipped suite named with the reason. */
export function describeWithShared(rel: string, name: string, fn: () => void | Promise<void>): void {
  if (hasShared(rel)) {
    describe(name, fn);
    return;
  }
  const why = `skipped: ${sharedPath(rel)} is missing (the ../shared folder beside the clone)`;
  console.warn(`${name}: ${why}`);
  describe.skip(`${name} (${why})`, fn);
}
