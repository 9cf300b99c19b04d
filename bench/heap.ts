/**
 * The JS heap peaks of one browser run (bench/browser.ts): the page's and its workers', over CDP.
 */
import type { CDPSession } from 'playwright-core';

/** Polls the page's JS heap (Performance.getMetrics) and the worker's (Runtime.getHeapUsage). */
export async function heapSampler(cdp: CDPSession) {
  let page = 0;
  let worker = 0;
  const workers = new Set<string>();
  let id = 1;
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { result?: { usedSize?: number } };
    if (m.result?.usedSize) worker = Math.max(worker, m.result.usedSize);
  });
  await cdp.send('Performance.enable');
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const sample = async () => {
    const m = await cdp.send('Performance.getMetrics').catch(() => null);
    const used = m?.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value;
    if (used) page = Math.max(page, used);
    for (const s of workers)
      await cdp.send('Target.sendMessageToTarget', { sessionId: s, message: JSON.stringify({ id: id++, method: 'Runtime.getHeapUsage' }) }).catch(() => {});
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sample().finally(() => (busy = false));
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      await new Promise((r) => setTimeout(r, 100));
      return { pageMB: page ? page / 2 ** 20 : null, workerMB: worker ? worker / 2 ** 20 : null };
    },
  };
}
