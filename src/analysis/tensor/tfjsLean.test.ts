/** The built site's tfjs (tfjsLean.ts, aliased for `vite build` in vite.config.ts) has what the
 *  engine calls: every `tf.<name>` the engine's sources use as a value, the gradients (autodiff of
 *  the logistic tfjs solver) and chained ops, and the CPU backend registered. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as lean from './tfjsLean';

const ANALYSIS = resolve(import.meta.dirname, '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('tfjsLean (the built site\'s @tensorflow/tfjs)', () => {
  it('exports every tf.<name> the engine uses as a value', () => {
    const used = new Set<string>();
    for (const file of sources(ANALYSIS)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes("from '@tensorflow/tfjs'")) continue;
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      // values: lower-case names (functions, namespaces) and capitalised ones read through (tf.Reduction.SUM);
      // other capitalised names are types (tf.Tensor1D) or classes used as types
      for (const m of code.matchAll(/\btf\.([A-Za-z_]\w*)(\.)?/g)) if (/^[a-z]/.test(m[1]) || m[2]) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((n) => (lean as Record<string, unknown>)[n] === undefined)).toEqual([]);
  });

  it('registers the gradients and chained ops, and the CPU backend', () => {
    expect(lean.findBackendFactory('cpu')).toBeDefined();
    const g = lean.grad((x: lean.Tensor) => x.square().sum());
    const out = g(lean.tensor1d([3, -1]));
    expect(Array.from(out.dataSync())).toEqual([6, -2]);
    lean.dispose(out);
    expect(typeof lean.initializers.glorotUniform).toBe('function');
  });
});
