/**
 * Test helper: the ../shared folder beside the clone (real data, scikit-learn reference numbers;
 * never copied into the repo). Tests that need it use describeWithShared: when the file is
 * missing they are skipped, and the skipped suite's name and a warning say which path is missing.
 */
import { describe } from 'vitest';
import { hasShared, sharedPath } from './sharedPaths';

export { SHARED_DIR, TELCO_REL, hasShared, sharedPath } from './sharedPaths';

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
