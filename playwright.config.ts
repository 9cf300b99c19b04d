import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './e2e/chromiumFlags';

/** E2E against the built site (vite build + vite preview) in Debian's Chromium.
 *  E2E_PORT picks another port when 4173 is taken by someone else's preview on a shared machine. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT}/`;
/** Each port builds into its own folder, so concurrent runs on a shared tree never serve a half-written dist. */
const OUT_DIR = process.env.E2E_PORT ? `test-results/site-${PORT}` : 'dist';
/** Specs with wall-clock checks (cancel within a second, progress gone within 2 s, no main-thread task
 *  over 100 ms, the first chart within 5 s, a 20 ms timer never waiting 500 ms while 300 MB parse, a
 *  saved analysis reopening within 5 s): the "timed" project.
 *  E2E_PARALLEL=1 (npm test, scripts/test.sh; issue 17, npm test time): the other specs run on two
 *  workers, then the timed ones one at a time, so no second page shares the cores with them.
 *  Without it (a single spec while working on it) one worker runs what is asked, as before. */
const PARALLEL = process.env.E2E_PARALLEL === '1';
/** E2E_UNTIMED=1 (npm test with TEST_OVERLAP=1): `--project=chromium` runs without pulling in the timed
 *  project, which scripts/test.sh starts on its own afterwards with E2E_PREBUILT=1 (serve the site
 *  the first run built, no second build). */
const UNTIMED_ONLY = process.env.E2E_UNTIMED === '1';
const PREBUILT = process.env.E2E_PREBUILT === '1';
const TIMED = ['flow', 'persistence-faults', 'responsiveness', 'telco', 'large'].map((n) => `**/${n}.spec.ts`);
const chromium = { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 }, launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } };

export default defineConfig({
  testDir: 'e2e',
  timeout: 300_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: PARALLEL ? 2 : 1,
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
    // "teardown" only orders the two: "timed" starts once every "chromium" test has ended, and runs
    // even when one of them failed (a dependency would skip it), so the totals still count every test;
    // not without E2E_PARALLEL, where it would pull the timed specs into a run of any single spec
    { name: 'chromium', testIgnore: TIMED, use: chromium, ...(PARALLEL && !UNTIMED_ONLY ? { teardown: 'timed' } : {}) },
    { name: 'timed', testMatch: TIMED, use: chromium, workers: 1 },
  ],
  webServer: {
    command: `${PREBUILT ? '' : `npx vite build --outDir ${OUT_DIR} --emptyOutDir && `}npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: BASE,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
