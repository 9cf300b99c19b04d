/**
 * Vite plugin: after the build is written, lists every file of the site (scripts, styles, both
 * workers, the wasm binaries, public files) and writes sw.js from sw/sw.js with that list as its
 * precache list and a cache name from a hash of the list. Replaces a service worker that found
 * assets by crawling pages with a regex.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const TEMPLATE = resolve(import.meta.dirname, 'sw.js');
export const SW_FILE = 'sw.js';

/** The site's files relative to `outDir` ('/'-separated, sorted), without the service worker and source maps. */
export function precacheList(outDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(outDir, p).split(sep).join('/'));
    }
  };
  walk(outDir);
  return out.filter((f) => f !== SW_FILE && !f.endsWith('.map')).sort();
}

/** The service worker's source for a precache list. */
export function serviceWorkerSource(list: readonly string[], template = readFileSync(TEMPLATE, 'utf8')): string {
  const cache = `retention-studio-${createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12)}`;
  return `const PRECACHE = ${JSON.stringify(list)};\nconst CACHE = ${JSON.stringify(cache)};\n${template}`;
}

/** Writes <outDir>/sw.js at the end of `vite build`. */
export function precacheServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'retention-studio:precache-sw',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      writeFileSync(join(outDir, SW_FILE), serviceWorkerSource(precacheList(outDir)));
    },
  };
}
