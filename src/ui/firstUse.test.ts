import { describe, expect, it, vi } from 'vitest';
import { onFirstUse } from './firstUse';

describe('onFirstUse', () => {
  it('fires once, at the first use event, and not again', () => {
    const fn = vi.fn();
    const target = new EventTarget();
    onFirstUse(fn, target);
    target.dispatchEvent(new Event('scroll'));
    expect(fn).not.toHaveBeenCalled();
    target.dispatchEvent(new Event('pointermove'));
    target.dispatchEvent(new Event('keydown'));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
