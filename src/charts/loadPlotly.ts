/** Plotly, loaded once (a ~1.4 MB gzip chunk): on first chart, or earlier in idle time on the
 *  landing page, so the first chart tab paints at once when the dashboard appears. */
type PlotlyT = typeof import('plotly.js-dist-min').default;
let loading: Promise<PlotlyT> | null = null;

/** The Plotly module (the same promise on every call; a failed load is retried on the next call). */
export function loadPlotly(): Promise<PlotlyT> {
  loading ??= import('plotly.js-dist-min').then(
    (m) => m.default,
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/**
 * Loads Plotly in an idle period while `stillIdle()` holds (the landing page, before a file is
 * picked). Evaluating its bundle is one ~250 ms main-thread task (650 ms on a busy machine): done
 * while the user reads the landing page it costs nothing, done during the upload-to-dashboard flow
 * it would stall the page (issue 18: no task over 100 ms there), so it starts only after the page
 * has stayed on the landing view for `delayMs` and is skipped once a file is on its way (a file
 * picked at once, as e2e/corpus's large file, then never meets it); the first chart loads it then.
 */
export function preloadPlotlyWhenIdle(stillIdle: () => boolean, delayMs = 1500, timeoutMs = 3000): void {
  if (loading || typeof window === 'undefined') return;
  const go = () => {
    if (stillIdle()) void loadPlotly().catch(() => undefined);
  };
  setTimeout(() => {
    if (!stillIdle()) return;
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(go, { timeout: timeoutMs });
    else go();
  }, delayMs);
}

let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs chart drawings one per main-thread task, in the order they were asked for: a panel with
 * five charts draws them in five tasks (each Plotly newPlot is 10-60 ms) instead of one long one
 * (issue 19: no main-thread task over 50 ms), and the page can paint and take input in between.
 */
export function drawInTurn<T>(draw: () => Promise<T> | T): Promise<T> {
  const mine = turn.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(draw);
  turn = mine.catch(() => undefined);
  return mine;
}
