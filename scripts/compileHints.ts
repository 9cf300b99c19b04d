/**
 * Vite plugin: marks the Plotly chunk for eager compilation with V8's explicit compile hint, the
 * magic comment `//# allFunctionsCalledOnLoad` on the chunk's first line (Chrome 136+; other
 * browsers read a comment). V8 then compiles every function of the chunk on a background thread
 * while the module streams in, instead of lazily on the main thread the first time each one runs.
 * Plotly's evaluation runs a large part of its 4.6 MB at once (registering traces and components):
 * measured in headless Chromium 156 on the 2-core machine (bench/plotlyImport.ts), its import was one
 * 520-690 ms main-thread task, ~460 ms of it V8 compiling functions; with the hint the evaluation is
 * 60-80 ms, plus a ~110 ms task in which Chromium serialises the compiled code for its code cache.
 * Added after minification (generateBundle), which would drop a comment added earlier.
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The chunk's code with the hint on its first line (once). */
export function withCompileHint(code: string): string {
  return code.startsWith(COMPILE_HINT) ? code : `${COMPILE_HINT}\n${code}`;
}

/** Output chunks built from a module whose id contains one of `packages` get the hint. */
export function compileHints(packages: readonly string[] = ['plotly.js-dist-min']): Plugin {
  return {
    name: 'retention-studio:compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle))
        if (out.type === 'chunk' && out.moduleIds.some((id) => packages.some((p) => id.includes(`/node_modules/${p}/`)))) out.code = withCompileHint(out.code);
    },
  };
}
