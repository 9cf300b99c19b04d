/**
 * Runs `fn` in a task of its own after the next frame has been painted (requestAnimationFrame, then
 * a macrotask), or after a short timeout where frames do not come (a hidden tab). Work that reads
 * layout (focus, measuring) then finds it clean instead of forcing it inside the task that built
 * the view (issue 19: no main-thread task over 50 ms from the file pick to the saved dashboard).
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 250);
}

/** Resolves in a task of its own after the next paint (see afterPaint). */
export const nextPaint = (): Promise<void> => new Promise((resolve) => afterPaint(resolve));
