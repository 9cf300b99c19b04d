/** Plotly, loaded once (a ~1.4 MB gzip chunk): on first chart, or earlier while an analysis runs,
 *  so the first chart tab paints at once when the dashboard appears. */
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
