/**
 * The JS heaps of one browser run (bench/browser.ts), over CDP: the page's and its workers',
 * the nested churn worker included (attached through the analysis worker's own session). Each
 * sample reads Runtime.getHeapUsage: the JS heap in use and the ArrayBuffer backing stores
 * (typed arrays, wasm memories), per thread, so bench/memory.ts can say which thread holds what.
 */
import type { CDPSession } from 'playwright-core';

/** One thread's memory at one sample: JS heap in use and ArrayBuffer backing stores, MB. */
export interface ThreadMemory {
  heapMB: number;
  buffersMB: number;
}

interface HeapUsage {
  usedSize?: number;
  backingStorageSize?: number;
}

const MB = 2 ** 20;

/** Polls every 250 ms; `series` gives [ms since mark(), {thread: memory}] pairs. */
export async function heapSampler(cdp: CDPSession) {
  let page = 0;
  let worker = 0;
  let id = 1;
  let t0 = NaN;
  /** attached worker sessions: top-level (parent null) or nested in a worker's session */
  const workers = new Map<string, { name: string; parent: string | null }>();
  const latest = new Map<string, ThreadMemory>();
  const series: [number, Record<string, ThreadMemory>][] = [];
  const nameOf = (info: { title?: string; url?: string }) => (/churn/.test(`${info.title} ${info.url}`) ? 'churn' : /analysis/.test(`${info.title} ${info.url}`) ? 'analysis' : (info.title ?? 'worker'));
  const record = (name: string, u: HeapUsage) => {
    if (!u.usedSize) return;
    if (name !== 'page') worker = Math.max(worker, u.usedSize);
    latest.set(name, { heapMB: u.usedSize / MB, buffersMB: (u.backingStorageSize ?? 0) / MB });
  };
  /** a worker that ended (a stopped churn worker): no longer in the series */
  const forget = (session: string) => {
    const w = workers.get(session);
    workers.delete(session);
    if (w && ![...workers.values()].some((o) => o.name === w.name)) latest.delete(w.name);
  };
  /** a message from a worker's session: a reply, or (nested) an attach or a nested worker's reply */
  const fromWorker = (session: string, raw: string) => {
    const m = JSON.parse(raw) as { method?: string; params?: Record<string, unknown>; result?: HeapUsage };
    const w = workers.get(session);
    if (m.result?.usedSize && w) record(w.name, m.result);
    if (m.method === 'Target.attachedToTarget') {
      const p = m.params as { sessionId: string; targetInfo: { type: string; title?: string; url?: string } };
      if (p.targetInfo.type === 'worker') workers.set(p.sessionId, { name: nameOf(p.targetInfo), parent: session });
    }
    if (m.method === 'Target.detachedFromTarget') forget((m.params as { sessionId: string }).sessionId);
    if (m.method === 'Target.receivedMessageFromTarget') {
      const p = m.params as { sessionId: string; message: string };
      fromWorker(p.sessionId, p.message);
    }
  };
  /** sends a CDP message to a worker's session, through its parent's when nested */
  const toWorker = (session: string, msg: object): Promise<unknown> => {
    const w = workers.get(session);
    if (!w) return Promise.resolve();
    const text = JSON.stringify({ id: id++, ...msg });
    if (w.parent === null) return cdp.send('Target.sendMessageToTarget', { sessionId: session, message: text }).catch(() => {});
    return toWorker(w.parent, { method: 'Target.sendMessageToTarget', params: { sessionId: session, message: text } });
  };
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; title?: string; url?: string } }) => {
    if (e.targetInfo.type !== 'worker') return;
    workers.set(e.sessionId, { name: nameOf(e.targetInfo), parent: null });
    // the analysis worker starts the churn worker: attach it through the analysis worker's session
    void toWorker(e.sessionId, { method: 'Target.setAutoAttach', params: { autoAttach: true, waitForDebuggerOnStart: false, flatten: false } });
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => forget(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => fromWorker(e.sessionId, e.message));
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const sample = async () => {
    const u = (await cdp.send('Runtime.getHeapUsage').catch(() => null)) as HeapUsage | null;
    if (u?.usedSize) {
      page = Math.max(page, u.usedSize);
      record('page', u);
    }
    for (const s of [...workers.keys()]) await toWorker(s, { method: 'Runtime.getHeapUsage' });
    if (t0 === t0) series.push([Math.round(performance.now() - t0), Object.fromEntries(latest)]);
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sample().finally(() => (busy = false));
  }, 250);
  return {
    /** starts the series' clock (the file pick) */
    mark: () => (t0 = performance.now()),
    async stop() {
      clearInterval(timer);
      await sample();
      await new Promise((r) => setTimeout(r, 100));
      return { pageMB: page ? page / MB : null, workerMB: worker ? worker / MB : null, series };
    },
  };
}
