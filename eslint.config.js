import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Layer rules (STYLE.md "Dependencies point one way"; tested in src/layers.test.ts). */
const ENGINE_PATTERNS = [
  { group: ['svelte', 'svelte/*'], message: 'src/analysis must not import svelte' },
  { group: ['idb', 'idb/*'], message: 'src/analysis must not import idb' },
  { group: ['comlink'], message: 'src/analysis must not import comlink' },
  { group: ['plotly.js-dist-min', 'plotly.js*'], message: 'src/analysis must not import plotly' },
  { group: ['**/ui/*', '**/charts/*', '**/store/*', '**/report/*'], message: 'src/analysis must not import UI layers' },
];
/** The analysis stages: below pipeline.ts, warmup.ts and the worker boundary. */
const STAGES = ['churn', 'segment', 'business', 'data', 'features', 'lifetime', 'math', 'survival', 'model', 'sql', 'format', 'tensor'];
const STAGE_PATTERNS = [
  { group: ['**/warmup', '**/pipeline', '**/engine', '**/workerApi'], message: 'analysis stages must not import warmup, pipeline, engine or workerApi (upward import)' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'out/', 'bench/results/', 'bench/data/', 'e2e/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // The engine is pure and DOM-free: it runs in a Web Worker and in Node (STYLE.md).
    files: ['src/analysis/**/*.ts'],
    languageOptions: { globals: { ...globals.worker, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: ENGINE_PATTERNS }],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'indexedDB', 'HTMLElement'],
    },
  },
  {
    // Stages sit below the pipeline, the warm-up and the worker boundary: they never import them.
    files: STAGES.map((s) => `src/analysis/${s}/**/*.ts`),
    // a stage's tests may run the whole pipeline (e.g. the saved model scoring a file analysed end to end)
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...ENGINE_PATTERNS, ...STAGE_PATTERNS] }] },
  },
  {
    // ui -> charts/store/report: nothing below the UI imports it.
    files: ['src/charts/**', 'src/report/**', 'src/store/**'].flatMap((d) => [`${d}/*.ts`, `${d}/*.svelte`]),
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui', '**/ui/*', '**/ui/**'], message: 'charts, report and store must not import src/ui' }] }],
    },
  },
);
