/**
 * The layer rules hold: eslint's boundary rules fire on deliberate violations (linted in memory
 * through ESLint's Node API with the repository's own config), and the import graph between
 * folders has no cycle. Folders: src/<dir>, src/analysis/<stage>, workers; each file directly in
 * src/analysis is its own node (types.ts and errors.ts sit below the stages, pipeline.ts and
 * engine.ts above them).
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

async function lintErrors(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [res] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return res.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('eslint layer rules', () => {
  const cases: [string, string, RegExp][] = [
    ['src/charts/bad.ts', "import { app } from '../ui/app.svelte';\nexport const x = app;\n", /must not import src\/ui/],
    ['src/report/bad.ts', "import { x } from '../ui/download';\nexport const y = x;\n", /must not import src\/ui/],
    ['src/store/bad.ts', "import { x } from '../ui/engineClient';\nexport const y = x;\n", /must not import src\/ui/],
    ['src/analysis/churn/bad.ts', "import { warmUp } from '../warmup';\nexport const y = warmUp;\n", /upward import/],
    ['src/analysis/segment/bad.ts', "import { runAnalysis } from '../pipeline';\nexport const y = runAnalysis;\n", /upward import/],
    ['src/analysis/data/bad.ts', "import { x } from '../workerApi';\nexport const y = x;\n", /upward import/],
    ['src/analysis/survival/bad.ts', "import { warmUp } from '../warmup';\nexport const y = warmUp;\n", /upward import/],
    ['src/analysis/model/bad.ts', "import { runAnalysis } from '../pipeline';\nexport const y = runAnalysis;\n", /upward import/],
    ['src/analysis/sql/bad.ts', "import { x } from '../engine';\nexport const y = x;\n", /upward import/],
    ['src/analysis/business/bad.ts', "import { openDB } from 'idb';\nexport const y = openDB;\n", /must not import idb/],
    ['src/analysis/bad.ts', "import { expose } from 'comlink';\nexport const y = expose;\n", /must not import comlink/],
    ['src/analysis/features/bad.ts', "import Plotly from 'plotly.js-dist-min';\nexport const y = Plotly;\n", /must not import plotly/],
    ['src/analysis/bad2.ts', "import { mount } from 'svelte';\nexport const y = mount;\n", /must not import svelte/],
    ['src/analysis/bad3.ts', 'export const y = () => document.title;\n', /no-restricted-globals/],
  ];
  it.each(cases)('%s: a deliberate violation is an error', async (file, code, rule) => {
    const errors = await lintErrors(code, file);
    expect(errors.some((e) => rule.test(e)), errors.join('\n')).toBe(true);
  });

  it('allowed imports pass (the rules are not blanket bans)', async () => {
    expect(await lintErrors("import { runAnalysis } from './pipeline';\nexport const y = runAnalysis;\n", 'src/analysis/ok.ts')).toEqual([]);
    expect(await lintErrors("import type { ChurnResult } from '../churn/types';\nexport type Y = ChurnResult;\n", 'src/analysis/business/ok.ts')).toEqual([]);
    expect(await lintErrors("import { openDB } from 'idb';\nexport const y = openDB;\n", 'src/store/ok.ts')).toEqual([]);
  });
});

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|svelte)$/.test(f) && !/\.test\.ts$/.test(f)) out.push(p);
  }
  return out;
}

/** The graph node of a source path (see the header). */
function folderOf(path: string): string {
  const parts = relative(ROOT, path).split('/');
  if (parts[0] !== 'src') return parts[0];
  if (parts[1] === 'analysis') return parts.length > 3 ? `analysis/${parts[2]}` : `analysis/${parts[2].replace(/\.ts$/, '')}.ts`;
  return parts.length > 2 ? parts[1] : 'src';
}

/** Folder-level import graph over relative imports (type-only imports count too). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'workers'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      let target = resolve(dirname(file), m[1]);
      if (!/\.(ts|svelte|js|css|json)$/.test(target)) target += '.ts';
      const a = folderOf(file);
      const b = folderOf(target);
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Map());
      if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, `${relative(ROOT, file)} imports ${m[1]}`);
    }
  }
  return graph;
}

/** A cycle as a list of "file imports path" steps, or null. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const next of graph.get(n)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        return loop.slice(1).map((to, i) => graph.get(loop[i])!.get(to)!);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    if (state.has(n)) continue;
    const found = visit(n);
    if (found) return found;
  }
  return null;
}

describe('import graph between folders', () => {
  it('has no cycle', () => {
    expect(findCycle(folderGraph())).toBeNull();
  });

  it('the cycle finder reports a planted cycle', () => {
    const g = folderGraph();
    g.set('analysis/types.ts', new Map([...(g.get('analysis/types.ts') ?? []), ['analysis/churn', 'planted']]));
    expect(findCycle(g)?.join(' | ')).toMatch(/planted/);
  });

  it('points one way: ui -> charts/store/report -> analysis', () => {
    const g = folderGraph();
    for (const low of ['charts', 'store', 'report', 'analysis/data', 'analysis/churn', 'analysis/segment', 'analysis/business']) {
      expect(g.get(low)?.has('ui') ?? false, low).toBe(false);
    }
    expect(g.get('analysis/churn')?.has('analysis/warmup.ts') ?? false).toBe(false);
  });
});

/** Files and packages the page loads with its first script: static imports from src/main.ts (not
 *  `import type`, not dynamic `import()`), following relative paths. */
function pageStaticImports(): { files: Map<string, string>; packages: Map<string, string> } {
  const files = new Map<string, string>([[join(ROOT, 'src/main.ts'), 'the entry']]);
  const packages = new Map<string, string>();
  for (const file of files.keys()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*import\s+(?!type\b)(?:[^'"();]*?\bfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const via = `${relative(ROOT, file)} imports ${m[1]}`;
      if (!m[1].startsWith('.')) {
        if (!packages.has(m[1])) packages.set(m[1], via);
        continue;
      }
      const base = resolve(dirname(file), m[1]);
      const hit = [base, `${base}.ts`].find((p) => /\.(ts|svelte)$/.test(p) && statSync(p, { throwIfNoEntry: false })?.isFile());
      if (hit && !files.has(hit)) files.set(hit, via);
    }
  }
  return { files, packages };
}

describe("the page's first script", () => {
  it('reaches no tfjs (the engine runs in the workers; the model registry pulled 0.9 MB of tfjs into the page bundle through featureColumns -> logFeatures -> score)', () => {
    const { files, packages } = pageStaticImports();
    expect(files.size).toBeGreaterThan(50); // the walk follows the app (App.svelte, the panels, the analysis modules they use)
    expect(files.has(join(ROOT, 'src/analysis/model/featureColumns.ts'))).toBe(true);
    const tf = [...packages].filter(([p]) => p.startsWith('@tensorflow/')).map(([p, via]) => `${p} (${via})`);
    expect(tf).toEqual([]);
    expect([...files.keys()].filter((f) => /churn\/models\/(models|mlp)\.ts$/.test(f)).map((f) => files.get(f))).toEqual([]);
  });
});
