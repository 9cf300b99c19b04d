/** Stage-skip messages shown to the user (issue 12 point 5). */
import { describe, expect, it } from 'vitest';
import { skippedMessage } from './pipeline';

describe('messages', () => {
  it('never pass an internal validator message to the user', () => {
    const m = skippedMessage('Segmentation', 'kmeans: X[1][1]=Infinity must be finite (NaN and Infinity are not allowed)');
    expect(m).not.toMatch(/X\[|Infinity|must be/);
    expect(m).toMatch(/^Segmentation was skipped: some values could not be used/);
    expect(skippedMessage('Churn prediction', 'Only 3 customers churned.')).toBe('Churn prediction was skipped: Only 3 customers churned.');
  });
});
