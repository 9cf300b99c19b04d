/**
 * The script injected into the page before the app loads (page.addInitScript). It records, with
 * performance.now() timestamps: the file-input change, the mapping step appearing, the confirm
 * click, the worker's load and analyze replies (comlink {value: {ok, ...}}), every progress
 * callback (comlink APPLY messages on MessagePorts), analysis-done appearing, the dashboard saying
 * it is saved, its refining work landing (the "refining" marker gone), and long tasks.
 * Everything lands on window.__bench; the analyze reply's timingsMs are copied there, so the
 * bench does not depend on the UI exposing the result.
 */
export const INSTRUMENT = String.raw`(() => {
  const B = (window.__bench = { t: {}, longtasks: [], progress: [], timingsMs: null, info: null, timeOrigin: performance.timeOrigin });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { B.noLongtask = String(e); }
  const tid = (el) => el && el.getAttribute && el.getAttribute('data-testid');
  document.addEventListener('change', (e) => { if (tid(e.target) === 'file-input') B.t.fileChange = performance.now(); }, true);
  document.addEventListener('click', (e) => {
    const el = e.target && e.target.closest && e.target.closest('[data-testid="mapping-confirm"]');
    if (el && !B.t.confirm) B.t.confirm = performance.now();
  }, true);
  const onReply = (e) => {
    const d = e.data, now = performance.now();
    const v = d && d.value;
    if (v && typeof v === 'object' && 'ok' in v) {
      if (v.result && v.result.timingsMs) {
        B.t.result = now;
        const r = v.result;
        B.timingsMs = r.timingsMs;
        B.info = {
          rows: r.rows, backend: r.backend,
          silhouetteSample: r.segmentation ? r.segmentation.silhouetteSample : null,
          k: r.segmentation ? r.segmentation.k : null,
          folds: r.churn ? r.churn.folds : null,
          models: r.churn ? r.churn.models.map((m) => ({ name: m.name, fitMs: Math.round(m.fitMs), auc: m.cvRocAuc && m.cvRocAuc.mean })) : [],
          warnings: (r.warnings || []).map((w) => w.code),
        };
      } else if (v.summary) B.t.loaded = now;
      else if (!v.ok) B.failed = v.message || v.code;
    }
    if (d && d.type === 'APPLY' && Array.isArray(d.argumentList)) {
      const a = d.argumentList[0];
      const p = a && a.value;
      if (p && typeof p === 'object' && typeof p.stage === 'string') B.progress.push([now, p.stage, p.fraction, p.detail || '']);
    }
  };
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(u, o) { super(u, o); this.addEventListener('message', onReply); }
  };
  const add = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (type, fn, o) {
    if (type === 'message' && !this.__benchHooked) { this.__benchHooked = true; add.call(this, 'message', onReply); }
    return add.call(this, type, fn, o);
  };
  const seen = () => {
    const now = performance.now();
    if (!B.t.mapping && document.querySelector('[data-testid="mapping-confirm"]')) B.t.mapping = now;
    if (!B.t.progressShown && document.querySelector('[data-testid="progress"]')) B.t.progressShown = now;
    const done = document.querySelector('[data-testid="analysis-done"]');
    if (!B.t.done && done) B.t.done = now;
    if (B.t.done && !B.t.saved && done && /saved/.test(done.textContent || '')) B.t.saved = now;
    // refining (work after the dashboard, analysis/refine.ts) has landed once its marker is gone
    if (B.t.done && !B.t.refined && !document.querySelector('[data-testid="refining"]')) B.t.refined = now;
    if (!B.t.error && document.querySelector('[data-testid="error"]')) { B.t.error = now; B.error = document.querySelector('[data-testid="error"]').textContent; }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** What window.__bench holds when read back. */
export interface BenchRecord {
  t: Partial<Record<'fileChange' | 'loaded' | 'mapping' | 'confirm' | 'progressShown' | 'result' | 'done' | 'saved' | 'refined' | 'error', number>>;
  /** the page's performance.timeOrigin (epoch ms): page times + this = Node's performance.timeOrigin + performance.now() */
  timeOrigin: number;
  longtasks: [number, number][];
  progress: [number, string, number, string][];
  timingsMs: Record<string, number> | null;
  info: {
    rows: number;
    backend: string;
    silhouetteSample: number | null;
    k: number | null;
    folds: number | null;
    models: { name: string; fitMs: number; auc: number }[];
    warnings: string[];
  } | null;
  failed?: string;
  error?: string;
  noLongtask?: string;
}
