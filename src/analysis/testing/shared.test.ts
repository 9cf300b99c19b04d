import { expect, it } from 'vitest';
import { describeWithShared, hasShared, sharedPath } from './shared';

it('hasShared says whether a path exists in ../shared', () => {
  expect(hasShared('no/such/file.csv')).toBe(false);
  expect(sharedPath('data/x.csv').endsWith('/shared/data/x.csv')).toBe(true);
});

// a suite whose file is missing is skipped (it would fail if it ran), named with the reason
describeWithShared('no/such/file.csv', 'a suite needing a missing file', () => {
  it('never runs', () => {
    throw new Error('ran although its file is missing');
  });
});
