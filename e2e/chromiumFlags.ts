/**
 * Chromium flags for every browser the e2e specs and the benchmarks drive.
 *
 * --no-enable-lazy-source-positions: V8 then records each function's source positions when it
 * compiles it, instead of re-parsing the function when someone asks for them. Only an attached
 * inspector asks (Playwright drives Chromium through the DevTools protocol), and Plotly's bundle is
 * a few functions megabytes long: measured on the 2-core machine (session 16), importing Plotly took
 * 2.6-3.3 s of main-thread task under Playwright, 0.8-1.1 s in a bare Chromium with no DevTools
 * attached (what a user runs), and 0.8-0.9 s under Playwright with this flag. Without it the timed
 * specs and the bench measured the test harness, not the page (the first chart tab took 3.7-4.2 s
 * after its click here, over 5 s on CI's machine; 2.0-2.3 s with the flag).
 * RS_LAZY_SOURCE_POSITIONS=1 leaves V8's default (to measure the difference again).
 */
const JS_FLAGS = process.env.RS_LAZY_SOURCE_POSITIONS === '1' ? [] : ['--no-enable-lazy-source-positions'];

/** Chromium's arguments with V8 flags of a diagnosis (e.g. '--trace-deopt') merged into the one
 *  --js-flags switch: Chromium reads one, so a second would silently drop ours. */
export function chromiumArgs(extra: string[] = []): string[] {
  const js = [...JS_FLAGS];
  const rest: string[] = [];
  for (const a of extra) {
    if (a.startsWith('--js-flags=')) js.push(...a.slice('--js-flags='.length).split(' ').filter(Boolean));
    else rest.push(a);
  }
  return [...(js.length ? [`--js-flags=${js.join(' ')}`] : []), ...rest];
}

export const CHROMIUM_ARGS = chromiumArgs();
