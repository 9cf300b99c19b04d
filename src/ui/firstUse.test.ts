import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onceShown, onFirstUse } from './firstUse';

/** A document stand-in whose visibility the test sets, and an event target. */
function fakeDoc(visibilityState: DocumentVisibilityState) {
  const target = new EventTarget();
  return Object.assign(target, { visibilityState }) as EventTarget & { visibilityState: DocumentVisibilityState };
}

describe('onceShown (the idle worker start after the first paint)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, after the paint, on a visible page', () => {
    const fn = vi.fn();
    onceShown(fn, fakeDoc('visible'));
    expect(fn).not.toHaveBeenCalled(); // not inside the task that asked
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits for a page opened in a background tab to be shown', () => {
    const fn = vi.fn();
    const doc = fakeDoc('hidden');
    onceShown(fn, doc);
    vi.advanceTimersByTime(10_000);
    expect(fn).not.toHaveBeenCalled();
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

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
