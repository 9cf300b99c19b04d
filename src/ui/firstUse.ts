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

/**
 * The offline copy: registers the service worker (sw/sw.js, built site only), whose install step
 * fetches and stores every asset of the build (~10 MB: ~0.2 s of the renderer's CPU plus the
 * browser's network and disk work). It waits until `quiet()` holds, checked every `everyMs`, so a
 * file picked as the page appears is not parsed and analysed on two cores shared with the precache
 * (issue 19's cold path); on a page someone merely uses, it registers at once.
 */
export function registerOfflineCopyWhenQuiet(quiet: () => boolean, everyMs = 1000): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const attempt = () => {
    if (!quiet()) {
      setTimeout(attempt, everyMs);
      return;
    }
    navigator.serviceWorker.register('./sw.js').catch(() => {
      /* offline mode unavailable (e.g. private window); the app works online */
    });
  };
  attempt();
}
