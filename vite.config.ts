import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { precacheServiceWorker } from './sw/precachePlugin.ts';

// Relative base: the built site runs from any static host and sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte(), precacheServiceWorker()],
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
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'sw/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
  },
});
