/**
 * CLI over the same engine as the browser worker:
 *   npm run analyze -- <file.csv> --out <dir> [--seed N] [--k N] [--folds N] [--backend wasm|cpu]
 * Writes <dir>/analysis.json and <dir>/customers.csv. A bad file exits 1 with one human line.
 */
import { mkdirSync, openAsBlob, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createEngine } from '../analysis/engine';
import { analysisSummary } from '../analysis/serialize';
import { customersCsv } from '../report/csv';
import type { AnalysisOptions } from '../analysis/types';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nUsage: npm run analyze -- <file.csv> --out <dir> [--seed N] [--k N] [--folds N] [--backend wasm|cpu]\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]) {
  const args = { file: '', out: 'out', seed: 42, k: undefined as number | undefined, folds: 5, backend: 'wasm' as 'wasm' | 'cpu' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--out') args.out = next();
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--k') args.k = Number(next());
    else if (a === '--folds') args.folds = Number(next());
    else if (a === '--backend') args.backend = next() as 'wasm' | 'cpu';
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) usage('no input file given');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const file = resolve(args.file);
  if (!existsSync(file)) {
    process.stderr.write(`Error: file not found: ${args.file}\n`);
    process.exit(1);
  }
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
  const engine = createEngine({ wasmPaths: wasmDir, backend: args.backend });
  const t0 = performance.now();
  const loaded = await engine.load(await openAsBlob(file), basename(file));
  if (!loaded.ok) {
    process.stderr.write(`Error (${loaded.code}): ${loaded.message}\n`);
    process.exit(1);
  }
  const parseMs = Math.round(performance.now() - t0);
  const options: AnalysisOptions = { seed: args.seed, folds: args.folds, ...(args.k ? { k: args.k } : {}) };
  const res = await engine.analyze(options, (p) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${p.stage} ${Math.round(p.fraction * 100)}% ${p.detail ?? ''}`.padEnd(60));
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (!res.ok) {
    process.stderr.write(`Error (${res.code}): ${res.message}\n`);
    process.exit(1);
  }
  res.result.timingsMs = { parse: parseMs, ...res.result.timingsMs };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'analysis.json'), JSON.stringify(analysisSummary(res.result), null, 1));
  writeFileSync(join(args.out, 'customers.csv'), customersCsv(res.result));
  const r = res.result;
  process.stdout.write(
    `${r.rows.toLocaleString('en-US')} customers analysed (${r.kind}); backend ${r.backend.split(' ')[0]}; ` +
      `${r.warnings.length} finding(s); wrote ${join(args.out, 'analysis.json')} and customers.csv\n`,
  );
}

main().catch((e: Error) => {
  process.stderr.write(`Error: ${e?.message ?? e}\n`);
  process.exit(1);
});
