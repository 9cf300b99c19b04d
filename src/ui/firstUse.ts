/**
 * Calls `fn` once, at the first sign that someone uses the page (a pointer moves or presses, a
 * key, a touch, a wheel, a file dragged over the window, focus moving), and never again. The
 * analysis engine warms up then instead of at page load: a page left open in a background tab or
 * never used burns no CPU (issue 19: it spent 3-4 s of CPU on both cores at every load).
 */
const EVENTS = ['pointermove', 'pointerdown', 'keydown', 'touchstart', 'wheel', 'dragenter', 'focusin'] as const;

export function onFirstUse(fn: () => void, target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    off();
    fn();
  };
  const off = () => {
    for (const e of EVENTS) target.removeEventListener(e, fire, { capture: true });
  };
  for (const e of EVENTS) target.addEventListener(e, fire, { capture: true, passive: true });
  return off;
}
