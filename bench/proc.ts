/**
 * Process helpers for the benchmark: peak memory of Chromium's renderer processes (from /proc),
 * child processes timed with /usr/bin/time -v (wall time and max RSS), machine description.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** VmHWM (peak RSS) and VmRSS of a process in MB, or null when it is gone. */
export function procMemMB(pid: number): { hwm: number; rss: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** All descendants of `root` with their command lines. */
export function descendants(root: number): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      /* exited meanwhile */
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const isDesc = (p: number): boolean => {
    for (let q = parent.get(p), hops = 0; q !== undefined && hops < 10; q = parent.get(q), hops++) if (q === root) return true;
    return false;
  };
  for (const [pid, c] of cmd) if (isDesc(pid)) out.push({ pid, cmd: c });
  return out;
}

/** Renderer processes of a Chromium started as `browserPid`: the pages' own, not Chromium's top-chrome
 *  WebUI renderer (`--top-chrome-webui`: the omnibox popup's UI, which a fresh headless Chromium 156 loads
 *  and runs for its first seconds, ~0.7-2 s of CPU; it holds no page of ours). */
export function rendererPids(browserPid: number): number[] {
  return descendants(browserPid)
    .filter((p) => p.cmd.includes('--type=renderer') && !p.cmd.includes('--extension-process') && !p.cmd.includes('--top-chrome-webui'))
    .map((p) => p.pid);
}

/** The renderer processes' memory every 500 ms: the peak RSS (VmHWM) and [ms since mark(), RSS MB]
 *  pairs (bench/memory.ts prints them beside the page's stages). */
export function rssSampler(browserPid: number) {
  let peak = 0;
  let t0 = NaN;
  const series: [number, number][] = [];
  const sample = () => {
    let now = 0;
    for (const pid of rendererPids(browserPid)) {
      const m = procMemMB(pid);
      peak = Math.max(peak, m?.hwm ?? 0);
      now = Math.max(now, m?.rss ?? 0);
    }
    if (t0 === t0) series.push([Math.round(performance.now() - t0), Math.round(now)]);
  };
  const timer = setInterval(sample, 500);
  return { sample, mark: () => (t0 = performance.now()), peak: () => peak, series: () => series, stop: () => clearInterval(timer) };
}

export interface TimedRun {
  code: number | null;
  wallMs: number;
  /** max RSS of the child in MB (from /usr/bin/time -v, else from process.resourceUsage) */
  maxRssMB: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Run a command, timing it with /usr/bin/time -v when present. */
export function timedSpawn(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const [c, a] = useTime ? [GNU_TIME, ['-v', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(c, a, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let maxRssMB: number | null = null;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) maxRssMB = Number(m[1]) / 1024;
      if (useTime) stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
      resolve({ code, wallMs, maxRssMB, stdout, stderr });
    });
  });
}

/** One-minute, five-minute and fifteen-minute load averages, rounded. */
export const loadNow = () => loadavg().map((v) => Math.round(v * 100) / 100);

export function machineInfo(chromium: string | null) {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    chromium,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
