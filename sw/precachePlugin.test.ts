import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precacheList, serviceWorkerSource } from './precachePlugin';

function site(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-site-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

describe('service worker precache list from the build', () => {
  it('lists every built file (nested folders, workers, wasm, public files), not sw.js nor source maps', () => {
    const dir = site(['index.html', 'favicon.svg', 'sw.js', 'assets/index-AbC123xy.js', 'assets/index-AbC123xy.js.map', 'assets/analysis.worker-Zz9.js', 'assets/tfjs-backend-wasm-simd-Q1.wasm', 'assets/fonts/a.woff2']);
    expect(precacheList(dir)).toEqual(['assets/analysis.worker-Zz9.js', 'assets/fonts/a.woff2', 'assets/index-AbC123xy.js', 'assets/tfjs-backend-wasm-simd-Q1.wasm', 'favicon.svg', 'index.html']);
  });

  it('writes the list and a cache name that changes with the list into a service worker that compiles', () => {
    const a = serviceWorkerSource(['index.html', 'assets/a-1.js']);
    const b = serviceWorkerSource(['index.html', 'assets/a-2.js']);
    expect(a).toContain('const PRECACHE = ["index.html","assets/a-1.js"];');
    const cacheOf = (s: string) => /const CACHE = "(retention-studio-[0-9a-f]{12})";/.exec(s)?.[1];
    expect(cacheOf(a)).toBeDefined();
    expect(cacheOf(a)).not.toBe(cacheOf(b));
    expect(cacheOf(a)).toBe(cacheOf(serviceWorkerSource(['index.html', 'assets/a-1.js'])));
    expect(() => new Function(a)).not.toThrow(); // parses (not run: it needs a service worker scope)
    expect(a).not.toMatch(/matchAll|crawl/);
  });
});
