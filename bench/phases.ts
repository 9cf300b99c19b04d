/**
 * Where a run's CPU goes, per thread and per phase of the page: one or two builds (alternating
 * A B A B ...), each run a fresh Chromium (bench/browser.ts browserRun), with every thread of the
 * renderer (the page's main thread, each worker on its own, V8's background pool), the GPU
 * process and the browser process read from /proc every 25 ms and split at the page's own
 * timestamps: pick -> file parsed -> confirm -> result -> dashboard. Says which thread held the
 * cores while the main thread rendered the mapping step, and why one cold run is slower than
 * another (more CPU, or waiting). A profiling aid, not a benchmark row.
 *   node --import tsx bench/phases.ts <siteDirA> [<siteDirB>] [--runs N] [--cold] [file.csv]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserRun, serveSite } from './browser';
import { descendants, loadNow } from './proc';
import { REPO_ROOT } from './resample';

const TICK_MS = 10; // USER_HZ = 100

const args = process.argv.slice(2);
const dirs = args.filter((a, i) => !a.startsWith('--') && !a.endsWith('.csv') && args[i - 1] !== '--runs');
const runs = Number(args[args.indexOf('--runs') + 1] || 1) || 1;
const cold = args.includes('--cold');
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (dirs.length === 0) throw new Error('usage: bench/phases.ts <siteDirA> [<siteDirB>] [--runs N] [--cold] [file.csv]');

type Sample = { at: number; cpu: Map<string, number> };

/** CPU ms of one /proc stat line (utime + stime). */
const statMs = (stat: string): number => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
};

/** Samples the CPU of this process's Chromium children every `everyMs`: renderer threads one by one
 *  (main, worker 1, worker 2 ... in the order their threads appeared, V8 pool summed), the gpu, browser and
 *  utility (network) processes whole. */
function sampler(everyMs = 25) {
  const samples: Sample[] = [];
  let procs: { pid: number; kind: string }[] = [];
  const workerOrder = new Map<string, number>();
  const refresh = () => {
    procs = descendants(process.pid)
      .filter((p) => (/chrom/.test(p.cmd) || /--type=/.test(p.cmd)) && !/^node|vite/.test(p.cmd) && !/--extension-process|--top-chrome-webui|--type=zygote|--type=crashpad/.test(p.cmd))
      .map((p) => ({ pid: p.pid, kind: /--type=renderer/.test(p.cmd) ? 'renderer' : /--type=gpu-process/.test(p.cmd) ? 'gpu' : /--type=utility/.test(p.cmd) ? 'util' : /--type=/.test(p.cmd) ? 'other' : 'browser' }))
      .filter((p) => p.kind !== 'other');
  };
  const sample = () => {
    const cpu = new Map<string, number>();
    const add = (k: string, v: number) => cpu.set(k, (cpu.get(k) ?? 0) + v);
    for (const { pid, kind } of procs) {
      try {
        if (kind !== 'renderer') {
          add(kind, statMs(readFileSync(`/proc/${pid}/stat`, 'utf8')));
          continue;
        }
        for (const t of readdirSync(`/proc/${pid}/task`)) {
          const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
          const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          let key = 'other';
          if (name === 'CrRendererMain' || name === 'chromium') key = 'main'; // the main thread keeps the process's name
          else if (name.startsWith('DedicatedWorker')) {
            const id = `${pid}/${t}`;
            if (!workerOrder.has(id)) workerOrder.set(id, workerOrder.size + 1);
            key = `worker${workerOrder.get(id)}`;
          } else if (name.startsWith('ThreadPoolForeg')) key = 'v8pool';
          add(key, statMs(stat));
        }
      } catch {
        /* gone */
      }
    }
    samples.push({ at: performance.timeOrigin + performance.now(), cpu });
  };
  refresh();
  const slow = setInterval(refresh, 300);
  const fast = setInterval(sample, everyMs);
  return {
    samples,
    stop: () => (clearInterval(slow), clearInterval(fast)),
  };
}

/** CPU per key between two epoch times (the last sample at or before each). */
function between(samples: Sample[], from: number, to: number): Record<string, number> {
  const at = (t: number) => [...samples].reverse().find((s) => s.at <= t) ?? samples[0];
  const a = at(from).cpu;
  const b = at(to).cpu;
  const out: Record<string, number> = {};
  for (const [k, v] of b) out[k] = Math.max(0, v - (a.get(k) ?? 0));
  return out;
}

const KEYS = ['main', 'worker1', 'worker2', 'v8pool', 'other', 'gpu', 'browser', 'util'];
const PHASES: [string, string, string][] = [
  ['pick->parsed', 'fileChange', 'loaded'],
  ['parsed->confirm', 'loaded', 'confirm'],
  ['confirm->result', 'confirm', 'result'],
  ['result->shown', 'result', 'done'],
];
const sites = await Promise.all(dirs.map((d) => serveSite(resolve(d))));
const totals: Record<string, number[]>[] = dirs.map(() => ({}));
try {
  for (let r = 0; r < runs; r++)
    for (let s = 0; s < sites.length; s++) {
      const load = loadNow();
      const smp = sampler();
      const x = await browserRun(sites[s].url, file, 300_000, { cold, skipRefining: true });
      smp.stop();
      if (!x.ok || x.pickEpochMs === undefined) throw new Error(`${'AB'[s]} run ${r + 1}: ${x.error ?? 'no pick time'}`);
      const ev = x.timeline.events;
      const lines = [`${'AB'[s]} run ${r + 1} (load ${load.join(' ')}): pick->dashboard ${Math.round(x.totalMs)} ms, longest task ${x.longestToSavedMs} ms; CPU ms per phase [wall ms]: ${KEYS.join(' / ')}`];
      for (const [name, a, b] of [...PHASES, ['pick->shown', 'fileChange', 'done'] as [string, string, string]]) {
        const from = x.pickEpochMs + (ev[a] ?? 0);
        const to = x.pickEpochMs + (ev[b] ?? 0);
        const cpu = between(smp.samples, from, to);
        const key = `${name}`;
        const sum = KEYS.reduce((t, k) => t + (cpu[k] ?? 0), 0);
        (totals[s][key] ??= []).push(sum);
        (totals[s][`${key} wall`] ??= []).push(Math.round(to - from));
        for (const k of KEYS) (totals[s][`${key} ${k}`] ??= []).push(cpu[k] ?? 0);
        lines.push(`  ${name.padEnd(16)} [${String(Math.round(to - from)).padStart(5)}] ${KEYS.map((k) => String(cpu[k] ?? 0).padStart(5)).join(' ')}  sum ${sum}`);
      }
      lines.push(`  long tasks (ms since pick, ms): ${x.timeline.longTasks.filter(([t]) => t >= 0).map(([t, d]) => `${t}:${d}`).join(' ')}`);
      process.stdout.write(lines.join('\n') + '\n');
    }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
  for (let s = 0; s < sites.length; s++) {
    const t = totals[s];
    process.stdout.write(`${'AB'[s]} (${dirs[s]}) medians over ${runs} runs, CPU ms [wall]: ${KEYS.join(' / ')}\n`);
    for (const [name] of [...PHASES, ['pick->shown']]) process.stdout.write(`  ${name.padEnd(16)} [${String(median(t[`${name} wall`])).padStart(5)}] ${KEYS.map((k) => String(median(t[`${name} ${k}`])).padStart(5)).join(' ')}  sum ${median(t[name])}\n`);
  }
} finally {
  for (const s of sites) s.stop();
}
process.exit(0);
