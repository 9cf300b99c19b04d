import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'src/analysis must not import svelte' },
            { group: ['idb', 'idb/*'], message: 'src/analysis must not import idb' },
            { group: ['comlink'], message: 'src/analysis must not import comlink' },
            { group: ['plotly.js-dist-min', 'plotly.js*'], message: 'src/analysis must not import plotly' },
            { group: ['**/ui/*', '**/charts/*', '**/store/*', '**/report/*'], message: 'src/analysis must not import UI layers' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'indexedDB', 'HTMLElement'],
    },
  },
);
