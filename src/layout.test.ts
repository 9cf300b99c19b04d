/**
 * The house's layout stays as documented (issue 17):
 * - every source file in src/, workers/, scripts/ and bench/ has at most 300 lines, and one over 250
 *   says why it is one file in a line with "Not split" (STYLE.md habit 10);
 * - the README's "## Layout" section names every folder of the tree (src/, workers/, scripts/,
 *   bench/, e2e/, sw/, public/, docs/ and all folders below them), and every folder it names exists.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** generated or installed, never source (see .gitignore) */
const IGNORED = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', 'out', 'bench/data', 'e2e/fixtures']);
const SOURCE = /\.(ts|svelte|js|mjs|cjs|sh|py|css)$/;
const MAX_LINES = 300;
const SAY_WHY_ABOVE = 250;

/** Files and folders below the given top-level folders, repository-relative. */
function walk(tops: string[]): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(join(ROOT, rel))) {
      const p = `${rel}/${name}`;
      if (IGNORED.has(p) || IGNORED.has(name)) continue;
      if (statSync(join(ROOT, p)).isDirectory()) {
        dirs.push(p);
        visit(p);
      } else files.push(p);
    }
  };
  for (const t of tops) {
    dirs.push(t);
    visit(t);
  }
  return { files, dirs };
}

/** Files over the limit, or over 250 lines without a "Not split" line: "path: N lines". */
export function sizeProblems(files: { path: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { path, text } of files) {
    const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (n > MAX_LINES) out.push(`${path}: ${n} lines (at most ${MAX_LINES}: split it by concept)`);
    else if (n > SAY_WHY_ABOVE && !/\bNot split\b/.test(text)) out.push(`${path}: ${n} lines and no "Not split: <why>" line`);
  }
  return out;
}

/** The README's Layout section. */
function layoutSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Layout\n');
  expect(start, 'README.md has a "## Layout" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('file sizes', () => {
  it('every source file in src/, workers/, scripts/, bench/ is <= 300 lines; over 250 says why', () => {
    const { files } = walk(['src', 'workers', 'scripts', 'bench']);
    const sources = files.filter((f) => SOURCE.test(f) && !f.startsWith('bench/results/'));
    expect(sources.length).toBeGreaterThan(100);
    expect(sizeProblems(sources.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') })))).toEqual([]);
  });

  it('the rule catches a long file and a file over 250 lines without a reason', () => {
    const lines = (n: number, extra = '') => Array.from({ length: n }, (_, i) => (i === 0 ? extra : `x${i}`)).join('\n') + '\n';
    expect(sizeProblems([{ path: 'a.ts', text: lines(301, '// Not split: reasons') }])).toEqual(['a.ts: 301 lines (at most 300: split it by concept)']);
    expect(sizeProblems([{ path: 'b.ts', text: lines(260) }])).toEqual(['b.ts: 260 lines and no "Not split: <why>" line']);
    expect(sizeProblems([{ path: 'c.ts', text: lines(260, '// Not split: one algorithm') }, { path: 'd.ts', text: lines(250) }])).toEqual([]);
  });
});

describe('README layout', () => {
  const { dirs } = walk(['src', 'workers', 'scripts', 'bench', 'e2e', 'sw', 'public', 'docs']);
  const section = layoutSection();

  it('names every folder of the tree', () => {
    const unnamed = dirs.filter((d) => !section.includes(`${basename(d)}/`));
    expect(unnamed, 'add these folders to the README\'s "## Layout" section').toEqual([]);
  });

  it('names no folder that does not exist', () => {
    const names = new Set(dirs.map((d) => basename(d)));
    const named = [...section.matchAll(/(?<=\s)((?:[\w-]+\/)+)(?=[\s,)]|$)/g)].flatMap((m) => m[1].split('/').filter(Boolean));
    expect(named.length).toBeGreaterThan(20);
    expect([...new Set(named)].filter((n) => !names.has(n)), 'folders named in the README that are not in the tree').toEqual([]);
  });
});
