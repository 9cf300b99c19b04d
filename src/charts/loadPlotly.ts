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
 * picked). Evaluating its bundle is one ~250 ms main-thread task: done while the user reads the
 * landing page it costs nothing, done during the upload-to-dashboard flow it would stall the page
 * (issue 18: no task over 100 ms there), so it is skipped once a file is on its way; the first
 * chart then loads it as before.
 */
export function preloadPlotlyWhenIdle(stillIdle: () => boolean, timeoutMs = 3000): void {
  if (loading || typeof window === 'undefined') return;
  const go = () => {
    if (stillIdle()) void loadPlotly().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(go, { timeout: timeoutMs });
  else setTimeout(go, 200);
}
