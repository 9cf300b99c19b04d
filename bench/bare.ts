/**
 * The 1x Telco run in a bare headless Chromium: no Playwright, no DevTools protocol attached, as a
 * user's browser runs the page. A check on the harness, not a bench row: with DevTools attached V8
 * collects source positions lazily (re-parsing functions), which the e2e specs and the bench now
 * switch off (e2e/chromiumFlags.ts); this says whether the bench's numbers with that flag are what
 * a browser without DevTools does.
 *
 * A small static server serves the built site with two same-origin scripts added to index.html
 * (the CSP allows 'self'): bench/instrument.ts's recorder, and a driver that picks the file (fetched
 * from this server beforehand, handed to the file input through a DataTransfer), clicks the
 * mapping step's confirm, and posts window.__bench back once the dashboard is saved. Warm runs move
 * the pointer first (the engine warms up at the page's first use) and wait until the page says the
 * engine is ready, as bench/browser.ts does; --cold picks the file as the page appears.
 *   node --import tsx bench/bare.ts <siteDir> [--runs N] [--cold] [--js-flags "..."] [file.csv]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { CHROMIUM, summarise } from './browser';
import { INSTRUMENT, type BenchRecord } from './instrument';
import { loadNow } from './proc';
import { median } from './report';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const valueOf = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const dir = args.find((a, i) => !a.startsWith('--') && !a.endsWith('.csv') && !['--runs', '--js-flags'].includes(args[i - 1]));
const runs = Number(valueOf('--runs') ?? 5);
const cold = args.includes('--cold');
const jsFlags = valueOf('--js-flags');
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!dir) throw new Error('usage: bench/bare.ts <siteDir> [--runs N] [--cold] [--js-flags "..."] [file.csv]');
const site = resolve(dir);

const DRIVER = String.raw`(() => {
  const cold = location.search.includes('bare=cold');
  const file = fetch('./__file').then((r) => r.blob()).then((b) => new File([b], ${JSON.stringify(file.split('/').pop())}, { type: 'text/csv' }));
  const until = (test) => new Promise((res) => { const t = setInterval(() => { const v = test(); if (v) { clearInterval(t); res(v); } }, 5); });
  (async () => {
    const input = await until(() => document.querySelector('[data-testid="file-input"]'));
    if (!cold) {
      window.dispatchEvent(new PointerEvent('pointermove', { clientX: 200, clientY: 200 }));
      await until(() => document.querySelector('[data-testid="engine-status"][data-ready="true"]'));
    }
    const dt = new DataTransfer();
    dt.items.add(await file);
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    (await until(() => document.querySelector('[data-testid="mapping-confirm"]'))).click();
    await until(() => window.__bench.t.saved || window.__bench.t.error);
    await new Promise((r) => setTimeout(r, 300));
    await fetch('./__result', { method: 'POST', body: JSON.stringify(window.__bench) });
  })();
})();`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon' };

let onResult: (rec: BenchRecord) => void = () => {};
const server = createServer((req, res) => {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  if (path === '/__result') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => (res.end('ok'), onResult(JSON.parse(body) as BenchRecord)));
    return;
  }
  if (path === '/__file') return res.writeHead(200, { 'content-type': 'text/csv' }).end(readFileSync(file));
  if (path === '/__instrument.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(INSTRUMENT);
  if (path === '/__drive.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(DRIVER);
  const at = join(site, path === '/' ? 'index.html' : path);
  if (!at.startsWith(site) || !statSync(at, { throwIfNoEntry: false })?.isFile()) return res.writeHead(404).end();
  let body: Buffer | string = readFileSync(at);
  if (at.endsWith('index.html')) body = body.toString('utf8').replace('<head>', '<head><script src="./__instrument.js"></script><script src="./__drive.js"></script>');
  res.writeHead(200, { 'content-type': TYPES[extname(at)] ?? 'application/octet-stream' }).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?bare=${cold ? 'cold' : 'warm'}`;

/** One run: a fresh Chromium (own profile, no remote debugging) opens the page; the driver does the rest. */
async function once(): Promise<BenchRecord> {
  const profile = mkdtempSync(join(tmpdir(), 'rs-bare-'));
  const flags = ['--headless', '--no-sandbox', '--no-first-run', '--no-default-browser-check', '--disable-background-networking', `--user-data-dir=${profile}`, ...(jsFlags ? [`--js-flags=${jsFlags}`] : []), url];
  const child = spawn(CHROMIUM, flags, { stdio: 'ignore', detached: true });
  try {
    return await new Promise<BenchRecord>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('no result within 120 s')), 120_000);
      onResult = (rec) => (clearTimeout(timer), res(rec));
    });
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 500));
    rmSync(profile, { recursive: true, force: true });
  }
}

const totals: number[] = [];
const longest: number[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const load = loadNow();
    const rec = await once();
    if (rec.error || !rec.t.done) throw new Error(`run ${r + 1}: ${rec.error ?? rec.failed ?? 'no dashboard'}`);
    const s = summarise(rec);
    totals.push(s.totalMs);
    longest.push(s.longestToSavedMs);
    const st = s.stagesMs;
    process.stdout.write(
      `${cold ? 'cold' : 'warm'} run ${r + 1} (load ${load.join(' ')}): pick -> dashboard ${Math.round(s.totalMs)} ms, longest task pick -> saved ${s.longestToSavedMs} ms (long tasks since navigation: ${rec.longtasks.length}${rec.noLongtask ? `, no observer: ${rec.noLongtask}` : ''}); ` +
        `parse ${st['parse (file read, parse, inspect; in worker)']}, mapping step ${st['mapping step (render + automated click)']}, segmentation ${st.segmentation}, churn ${st.churn}\n`,
    );
  }
  process.stdout.write(`${cold ? 'cold' : 'warm'} bare Chromium${jsFlags ? ` (--js-flags=${jsFlags})` : ''}: median pick -> dashboard ${Math.round(median(totals))} ms of ${runs} (${totals.map(Math.round).join(', ')}), longest task median ${median(longest)} ms (${longest.join(', ')})\n`);
} finally {
  server.close();
}
process.exit(0);
