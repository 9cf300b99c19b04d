import { configDefaults, defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { availableParallelism } from 'node:os';
import { precacheServiceWorker } from './sw/precachePlugin.ts';
import { compileHints } from './scripts/compileHints.ts';
import { SlowFirst } from './scripts/slowFirst.ts';
import { SHARED_FORK_FILES } from './scripts/sharedFork.ts';
import { fileURLToPath } from 'node:url';

const TEST_FILES = ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'sw/**/*.test.ts'];

// Relative base: the built site runs from any static host and sub-path.
export default defineConfig(({ command }) => ({
  base: './',
  // the built site's workers get the tfjs they use, not the whole union package (src/analysis/tensor/tfjsLean.ts)
  resolve: { alias: command === 'build' ? [{ find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('./src/analysis/tensor/tfjsLean.ts', import.meta.url)) }] : [] },
  // compileHints: Plotly's chunk compiled eagerly off the main thread (scripts/compileHints.ts)
  plugins: [svelte(), compileHints(), precacheServiceWorker()],
  worker: { format: 'es' },
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgpu',
      'comlink',
      'papaparse',
      'idb',
      'plotly.js-dist-min',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  test: {
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
    // vitest's own default is one fork fewer than the cores: ONE fork on CI's 2-core machine, so the
    // 104 test files ran one after another (fresh-clone CI, 2026-12-01: 269 s wall for 186 s of tests,
    // the rest fork start and imports). Test files share nothing (temp dirs from mkdtemp, distinct
    // PostgreSQL table names), so two forks use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // the known slow files first, longest first, so the forks end together (scripts/slowFirst.ts)
    sequence: { sequencer: SlowFirst },
    // small pure test files share forks (no per-file fork start and imports); the rest stay isolated (scripts/sharedFork.ts)
    projects: [
      { extends: true, test: { name: 'isolated', include: TEST_FILES, exclude: [...configDefaults.exclude, ...SHARED_FORK_FILES] } },
      { extends: true, test: { name: 'shared', include: SHARED_FORK_FILES, isolate: false } },
    ],
  },
}));
