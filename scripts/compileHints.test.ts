import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, withCompileHint } from './compileHints';

type Out = { type: 'chunk'; moduleIds: string[]; code: string } | { type: 'asset'; source: string };

function generate(bundle: Record<string, Out>): Record<string, Out> {
  const plugin = compileHints();
  (plugin.generateBundle as unknown as (o: unknown, b: Record<string, Out>) => void)({}, bundle);
  return bundle;
}

describe('compileHints', () => {
  it('puts the hint on the first line, once', () => {
    expect(withCompileHint('var a=1;')).toBe(`${COMPILE_HINT}\nvar a=1;`);
    expect(withCompileHint(withCompileHint('var a=1;'))).toBe(`${COMPILE_HINT}\nvar a=1;`);
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad');
  });

  it("marks the chunk built from plotly.js-dist-min and leaves the app's chunks and assets alone", () => {
    const out = generate({
      'plotly.js': { type: 'chunk', moduleIds: ['/repo/node_modules/plotly.js-dist-min/plotly.min.js'], code: 'import"./index.js";var P=1;' },
      'index.js': { type: 'chunk', moduleIds: ['/repo/src/main.ts', '/repo/node_modules/svelte/src/index.js'], code: 'var A=1;' },
      'notes.js': { type: 'chunk', moduleIds: ['/repo/src/charts/plotly-notes.ts'], code: 'var N=1;' },
      'style.css': { type: 'asset', source: 'body{}' },
    });
    expect((out['plotly.js'] as { code: string }).code.split('\n')[0]).toBe(COMPILE_HINT);
    expect((out['index.js'] as { code: string }).code).toBe('var A=1;');
    expect((out['notes.js'] as { code: string }).code).toBe('var N=1;');
    expect((out['style.css'] as { source: string }).source).toBe('body{}');
  });
});
