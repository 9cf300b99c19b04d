import { defineConfig, devices } from '@playwright/test';

/** E2E against the built site (vite build + vite preview) in Debian's Chromium.
 *  E2E_PORT picks another port when 4173 is taken by someone else's preview on a shared machine. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT}/`;
/** Each port builds into its own folder, so concurrent runs on a shared tree never serve a half-written dist. */
const OUT_DIR = process.env.E2E_PORT ? `test-results/site-${PORT}` : 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 300_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  outputDir: process.env.E2E_PORT ? `test-results/artifacts-${PORT}` : 'test-results/artifacts',
  use: {
    baseURL: BASE,
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 }, launchOptions: { executablePath: '/usr/bin/chromium' } },
    },
  ],
  webServer: {
    command: `npx vite build --outDir ${OUT_DIR} --emptyOutDir && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: BASE,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
