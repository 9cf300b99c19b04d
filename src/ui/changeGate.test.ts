import { describe, expect, it } from 'vitest';
import { changeGate } from './changeGate';

describe('changeGate', () => {
  it('is true for the first key and for each change, false for a repeat', () => {
    const fresh = changeGate();
    expect([fresh('a|1'), fresh('a|1'), fresh('a|2'), fresh('b|2'), fresh('b|2')]).toEqual([true, false, true, true, false]);
  });
});
