/**
 * What V8 (re)compiles and deoptimises in the page's workers during one warmed Telco 1x analysis:
 * Chromium started with --js-flags=--trace-opt --trace-deopt, its output read through Playwright's
 * logger and split at the mapping confirm and the dashboard. Counts per function (optimised during
 * the analysis although the warm-up ran the same code; deopt reasons). A diagnosis aid, not a bench row.
 *   node --import tsx bench/deopts.ts <siteDir> [--flags "--trace-opt --trace-deopt"] [--cold] [file.csv]
 *   (--cold: the file picked as the page appears, no warm-up; "warm-up" then reads the page's load alone)
 *   (DIAG_DIR: where Chromium's output goes, default /tmp/hhdiag; DEOPTS_TOP: rows per list, default 12)
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveSite, chromiumArgs } from './browser';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !a.endsWith('.csv') && args[args.indexOf(a) - 1] !== '--flags');
const flags = args.includes('--flags') ? args[args.indexOf('--flags') + 1] : '--trace-opt --trace-deopt';
const cold = args.includes('--cold');
const TOP = Number(process.env.DEOPTS_TOP ?? 12);
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!dir) throw new Error('usage: bench/deopts.ts <siteDir>');
// Chromium's stdout (where --trace-opt writes) through a wrapper that appends it to OUT; the phases are
// told apart by the file's size at each mark
// (DIAG_DIR: another folder, so that two sessions on one machine do not write into each other's output)
const DIAG = process.env.DIAG_DIR ?? '/tmp/hhdiag';
mkdirSync(DIAG, { recursive: true });
const OUT = `${DIAG}/out.log`;
writeFileSync(OUT, '');
writeFileSync(`${DIAG}/chromium.sh`, `#!/bin/sh\nexec ${CHROMIUM} "$@" >> ${OUT} 2>&1\n`, { mode: 0o755 });
const size = () => statSync(OUT).size;
const site = await serveSite(resolve(dir));
const browser = await chromium.launch({
  executablePath: `${DIAG}/chromium.sh`,
  headless: true,
  args: chromiumArgs([`--js-flags=${flags}`]),
});
const marks: Record<string, number> = {};
try {
  const page = await browser.newPage();
  await page.goto(site.url);
  if (!cold) {
    await page.mouse.move(200, 200);
    await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
  }
  marks.ready = size();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').waitFor();
  marks.confirm = size();
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('analysis-done').waitFor({ timeout: 300_000 });
  marks.done = size();
  await page.waitForTimeout(500);
} finally {
  await browser.close();
  site.stop();
}
writeFileSync(`${DIAG}/marks.json`, JSON.stringify(marks));
const raw = readFileSync(OUT);
/** Compiles per (function, tier) with their summed compile time (wall, ms: background threads wait for a
 *  core on a loaded machine), and deopts per (function, tier, reason), in one slice of the output. */
function summary(from: number, to: number): string {
  const compiled = new Map<string, [number, number]>();
  const deopts = new Map<string, number>();
  for (const l of raw.subarray(from, to).toString('utf8').split('\n')) {
    const c = /completed (?:optimizing|compiling) \S+ <JSFunction (\S*) ?\(sfi[^)]*\)> \(target (\w+)\)( OSR)?.*took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(l);
    if (c) {
      const k = `${c[1] || '(anonymous)'} ${c[2]}${c[3] ?? ''}`;
      const [n, ms] = compiled.get(k) ?? [0, 0];
      compiled.set(k, [n + 1, ms + Number(c[4]) + Number(c[5]) + Number(c[6])]);
    }
    const d = /bailout \(kind: ([\w-]+), reason: (.*?)\): begin. deoptimizing \S+ <JSFunction (\S*) ?\(sfi[^)]*\)>, \S+ <Code (\w+)>/.exec(l);
    if (d) deopts.set(`${d[3] || '(anonymous)'} ${d[4]}: ${d[2]}`, (deopts.get(`${d[3] || '(anonymous)'} ${d[4]}: ${d[2]}`) ?? 0) + 1);
  }
  const top = <T,>(m: Map<string, T>, by: (v: T) => number) => [...m].sort((a, b) => by(b[1]) - by(a[1])).slice(0, TOP);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return (
    `  ${[...compiled.values()].reduce((a, [n]) => a + n, 0)} compiles, ${Math.round([...compiled.values()].reduce((a, [, ms]) => a + ms, 0))} ms compile wall; ${sum(deopts)} deopts\n` +
    top(compiled, ([, ms]) => ms).map(([k, [n, ms]]) => `    compiled ${n}x ${Math.round(ms)} ms  ${k}`).join('\n') + '\n' +
    top(deopts, (n) => n).map(([k, n]) => `    deopt ${n}x  ${k}`).join('\n')
  );
}
/** The analysis's TurboFan compiles by what the warm-up had compiled of the same function in the same
 *  worker (one SharedFunctionInfo per function and isolate): 'maglev' = warmed up to Maglev only. */
function tiersBeforeAnalysis(): string {
  const tiers = (from: number, to: number) => {
    const m = new Map<string, string[]>();
    for (const l of raw.subarray(from, to).toString('utf8').split('\n')) {
      const c = /completed (?:optimizing|compiling) \S+ <JSFunction \S* ?\(sfi = (\w+)\)> \(target (\w+)\)( OSR)?/.exec(l);
      if (c) m.set(c[1], [...(m.get(c[1]) ?? []), c[2] + (c[3] ?? '')]);
    }
    return m;
  };
  const warm = tiers(0, marks.ready);
  const by = new Map<string, number>();
  for (const [sfi, list] of tiers(marks.confirm, marks.done)) {
    const w = warm.get(sfi) ?? [];
    const before = w.includes('TURBOFAN_JS') ? 'turbofan' : w.includes('TURBOFAN_JS OSR') ? 'turbofan OSR only' : w.length ? 'maglev' : 'not compiled';
    for (const t of list.filter((x) => x.startsWith('TURBOFAN'))) by.set(`${before} -> ${t}`, (by.get(`${before} -> ${t}`) ?? 0) + 1);
  }
  return [...by].sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${n}x  ${k}`).join('\n');
}
process.stdout.write(
  `warm-up (page load to engine ready):\n${summary(0, marks.ready)}\n` +
    (cold ? `pick to confirm:\n${summary(marks.ready, marks.confirm)}\n` : '') +
    `analysis (confirm to dashboard):\n${summary(marks.confirm, marks.done)}\n` +
    `analysis TurboFan compiles by the warm-up's tier of the same function in the same worker:\n${tiersBeforeAnalysis()}\n(output: ${OUT})\n`,
);
process.exit(0);
