/**
 * What each main-thread long task is, from the file pick to the saved dashboard (issue 19's
 * "no main-thread task over 50 ms"): one Telco 1x run in headless Chromium with a Chrome trace
 * (main-thread tasks with wall and CPU time, their timeline children: script evaluation, style,
 * layout, paint, GC) and a V8 CPU profile of the page (the page's own JS call stacks), each task
 * over `--min` ms (default 30) listed with its top self-time functions and the event that ran it.
 *   node --import tsx bench/longtasks.ts [file.csv] [--cold] [--mapping] [--no-profile] [--min 30] [--no-build]
 * Serves bench/data/site (built here unless --no-build; `npx vite build --sourcemap --outDir bench/data/site`
 * then --no-build gives a build whose printed line:column positions map back to the sources). Durations on a loaded machine are
 * inflated: the CPU column (thread time) is the one to compare.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, buildSite, serveSite, CHROMIUM_ARGS } from './browser';
import { REPO_ROOT } from './resample';
import { readTraceEvents } from './trace';

const argv = process.argv.slice(2);
const cold = argv.includes('--cold');
/** --mapping: stop at the mapping step (what a wide file shows before the analysis), as e2e/responsiveness.spec.ts does */
const mappingOnly = argv.includes('--mapping');
/** --no-profile: the trace alone (the 0.2 ms sampling profiler stretches tasks ~2-3x on this machine) */
const sampling = !argv.includes('--no-profile');
const minMs = Number(argv[argv.indexOf('--min') + 1] || 30) || 30;
const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--min') ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
/** one file per run: several people trace on a shared machine at once */
const out = `/tmp/retention-studio-longtasks-${process.pid}.json`;
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'v8', 'disabled-by-default-v8.gc', 'disabled-by-default-devtools.timeline.stack'];

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Marks the pick and the saved dashboard in the trace (performance.mark -> blink.user_timing). */
const MARKS = String.raw`(() => {
  document.addEventListener('change', (e) => { if (e.target && e.target.getAttribute && e.target.getAttribute('data-testid') === 'file-input') performance.mark('bench:pick'); }, true);
  let saved = false;
  new MutationObserver(() => {
    const d = document.querySelector('[data-testid="analysis-done"]');
    if (!saved && d && /saved/.test(d.textContent || '')) { saved = true; performance.mark('bench:saved'); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

if (!argv.includes('--no-build')) await buildSite();
const site = await serveSite();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let profile: Profile;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(MARKS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL_US || 200) });
  await browser.startTracing(page, { path: out, categories: CATEGORIES });
  if (sampling) await cdp.send('Profiler.start');
  await page.goto(site.url);
  if (!cold) {
    await page.mouse.move(200, 200); // the engine warms up at the page's first use (firstUse.ts)
    await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
  }
  await page.getByTestId('file-input').setInputFiles(file);
  if (mappingOnly) await page.getByTestId('mapping-confirm').waitFor();
  else {
    await page.getByTestId('mapping-confirm').click();
    await page.getByTestId('analysis-done').filter({ hasText: 'saved' }).waitFor({ timeout: 300_000 });
  }
  await page.waitForTimeout(1500); // what follows the save (charts, Plotly) is listed after it
  profile = sampling ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
  if (process.env.PROFILE_OUT) (await import('node:fs')).writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  await browser.stopTracing();
} finally {
  await browser.close();
  site.stop();
}

const events = readTraceEvents(out);
const mark = (n: string) => events.find((e) => e.name === n && e.cat.includes('user_timing'))?.ts;
const pick = mark('bench:pick');
const saved = mark('bench:saved');
if (pick === undefined) throw new Error('no pick mark in the trace');
const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.tid === e.tid && x.name === 'bench:pick'));
const onMain = events.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid);
const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) / 1000 >= minMs && e.ts >= pick - 500_000).sort((a, b) => a.ts - b.ts);

// CPU profile: sample timestamps (same monotonic clock as the trace, microseconds) -> leaf node
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sampleTs: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) sampleTs.push((t += d));
const short = (u: string) => u.replace(/^.*\/assets\//, '').replace(/^https?:\/\/[^/]+\//, '');
const frame = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return `${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}:${f.columnNumber}`; // line:column (0-based column): map it with a --sourcemap build
};
/** the nearest frame of the page's own code (not a vendor chunk) on the sample's stack */
const ownFrame = (id: number | undefined): string => {
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const u = byId.get(n)!.callFrame.url;
    if (u && !/node_modules|plotly|vendor/.test(u) && /assets\/(index|Dashboard|Mapping|app|[A-Z])/.test(u)) return frame(n);
  }
  return '-';
};

const lines: string[] = [`${cold ? 'cold' : 'warmed'}: tasks >= ${minMs} ms on the main thread (ms since the pick; saved at ${saved ? Math.round((saved - pick) / 1000) : '?'})`];
for (const task of tasks) {
  const end = task.ts + (task.dur ?? 0);
  const kids = onMain.filter((e) => e.ts >= task.ts && e.ts < end && e !== task && e.name !== 'RunTask');
  const sum = new Map<string, number>();
  for (const k of kids) {
    const d = k.args?.data as { url?: string; functionName?: string } | undefined;
    const what = ['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'].includes(k.name) ? `${k.name}(${short(d?.url ?? '')} ${d?.functionName ?? ''})` : k.name;
    const st = ((k.args?.beginData as { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } | undefined)?.stackTrace ?? (k.args?.data as { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } | undefined)?.stackTrace);
    if ((k.name === 'Layout' || k.name === 'UpdateLayoutTree') && st?.length) {
      const w = `${k.name} forced by ${st.slice(0, 3).map((f) => `${f.functionName || '(anon)'}:${f.lineNumber + 1}`).join(' < ')}`;
      sum.set(w, (sum.get(w) ?? 0) + (k.dur ?? 0) / 1000);
    }
    if (/^(FunctionCall|EvaluateScript|v8\.|Layout|UpdateLayoutTree|Paint|PrePaint|MajorGC|MinorGC|V8\.GC|ParseHTML|TimerFire|FireAnimationFrame|EventDispatch|HitTest|Commit|Layerize|ScheduleStyleRecalculation|RunMicrotasks|v8.run)/.test(k.name))
      sum.set(what, Math.max(sum.get(what) ?? 0, (k.dur ?? 0) / 1000));
  }
  const self = new Map<string, number>();
  const own = new Map<string, number>();
  for (let i = 0; i < sampleTs.length; i++) {
    if (sampleTs[i] < task.ts || sampleTs[i] >= end) continue;
    const dt = ((sampleTs[i + 1] ?? sampleTs[i]) - sampleTs[i]) / 1000;
    const f = frame(profile.samples[i]);
    self.set(f, (self.get(f) ?? 0) + dt);
    const o = ownFrame(profile.samples[i]);
    own.set(o, (own.get(o) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(6)}  ${k}`);
  lines.push(`\n@${Math.round((task.ts - pick) / 1000)} ms  wall ${Math.round((task.dur ?? 0) / 1000)} ms  cpu ${Math.round((task.tdur ?? 0) / 1000)} ms`);
  lines.push('  events:', ...top(sum, 12).map((s) => `    ${s}`));
  lines.push('  self time (profile):', ...top(self, 10).map((s) => `    ${s}`));
  lines.push('  by the page\'s own nearest frame:', ...top(own, 6).map((s) => `    ${s}`));
}
// the rule's window: tasks that start from the pick up to the saved dashboard
const inWindow = tasks.filter((x) => x.ts >= pick && (saved === undefined || x.ts < saved));
const maxOf = (k: 'dur' | 'tdur') => Math.round(inWindow.reduce((m, x) => Math.max(m, x[k] ?? 0), 0) / 1000);
lines.push(`\nlongest from the pick to the saved dashboard: wall ${maxOf('dur')} ms, cpu ${maxOf('tdur')} ms (tasks >= ${minMs} ms wall: ${inWindow.length})`);
process.stdout.write(lines.join('\n') + `\n(trace: ${out})\n`);
process.exit(0);
