/**
 * CLI over the same engine as the browser worker:
 *   npm run analyze -- <file.csv> --out <dir> [--seed N] [--k N] [--folds N] [--backend wasm|cpu] [--quick]
 * Writes <dir>/analysis.json, <dir>/customers.csv and <dir>/model.json (the saved model). A bad file exits 1 with one human line.
 * --quick: stop after the first result (the page's first dashboard): the refining work (model
 * settings chosen inside the folds, repeated CV, the deferred neural network's CV, the survival
 * checks; refine.ts) is not run, and a finding (refining-skipped) names it. Telco: 7.3 s CPU instead of
 * 27.6 s (2026-12-01, loaded machine).
 * --engine duckdb (implied by .parquet): an invoice log of any size aggregated in DuckDB, out of core; the
 * models train on a stratified sample above --max-customers (default 250,000); every customer is
 * scored back in DuckDB with the exported SQL into <dir>/scores.csv (duckdb/analyzeLog.ts).
 */
import { mkdirSync, openAsBlob, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../analysis/engine';
import { withoutPending } from '../analysis/refine';
import { analysisSummary } from '../analysis/analysisSummary';
import { customersCsv } from '../report/csv';
import type { AnalysisOptions, OnProgress, RfmUnit } from '../analysis/types';
import { initBackend } from '../analysis/tensor/backend';
import { analyzeLogWithDuckdb, MAX_CUSTOMERS, type DuckAnalysis } from './duckdb/analyzeLog';

const USAGE = 'Usage: npm run analyze -- <file.csv|file.parquet> --out <dir> [--seed N] [--k N] [--folds N] [--models a,b] [--backend wasm|cpu] [--calibration-end YYYY-MM-DD] [--churn-window DAYS] [--time-unit days|weeks|months] [--engine memory|duckdb] [--max-customers N] [--quick]';

class UsageError extends Error {}
function usage(msg: string): never {
  throw new UsageError(msg);
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY?: boolean;
}

export function parseArgs(argv: string[]) {
  const args = { file: '', out: 'out', seed: 42, k: undefined as number | undefined, folds: 5, models: undefined as string[] | undefined, backend: 'wasm' as 'wasm' | 'cpu', calibrationEnd: undefined as string | undefined, churnWindowDays: undefined as number | undefined, timeUnit: undefined as RfmUnit | undefined, engine: 'memory' as 'memory' | 'duckdb', maxCustomers: MAX_CUSTOMERS, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--out') args.out = next();
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--k') args.k = Number(next());
    else if (a === '--folds') args.folds = Number(next());
    else if (a === '--models') args.models = next().split(',');
    else if (a === '--backend') args.backend = next() as 'wasm' | 'cpu';
    else if (a === '--calibration-end') args.calibrationEnd = /^\d{4}-\d{2}-\d{2}$/.test(argv[i + 1] ?? '') ? next() : usage('--calibration-end needs a date YYYY-MM-DD');
    else if (a === '--churn-window') args.churnWindowDays = Number(next());
    else if (a === '--time-unit') args.timeUnit = ['days', 'weeks', 'months'].includes(argv[i + 1] ?? '') ? (next() as RfmUnit) : usage('--time-unit is days, weeks or months');
    else if (a === '--engine') args.engine = ['memory', 'duckdb'].includes(argv[i + 1] ?? '') ? (next() as 'memory' | 'duckdb') : usage('--engine is memory or duckdb');
    else if (a === '--max-customers') args.maxCustomers = Number(next());
    else if (a === '--quick') args.quick = true;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) usage('no input file given');
  if (/\.parquet$/i.test(args.file) && args.engine !== 'duckdb') args.engine = 'duckdb';
  return args;
}

/** Runs the CLI; returns the exit code (0 ok, 1 bad file, 2 bad usage). Never throws for bad input. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  const file = resolve(args.file);
  if (!existsSync(file)) {
    io.stderr(`Error: file not found: ${args.file}\n`);
    return 1;
  }
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
  const options: AnalysisOptions = { seed: args.seed, folds: args.folds, ...(args.k ? { k: args.k } : {}), ...(args.models ? { models: args.models } : {}) };
  if (args.calibrationEnd) options.calibrationEnd = args.calibrationEnd;
  if (args.churnWindowDays !== undefined && args.churnWindowDays > 0) options.churnWindowDays = args.churnWindowDays;
  if (args.timeUnit) options.rfmUnit = args.timeUnit;
  const progress = (p: Parameters<OnProgress>[0]) => {
    if (io.isTTY) io.stderr(`\r${p.stage} ${Math.round(p.fraction * 100)}% ${p.detail ?? ''}`.padEnd(60));
  };
  let res: DuckAnalysis;
  mkdirSync(args.out, { recursive: true });
  if (args.engine === 'duckdb') {
    await initBackend(args.backend, { wasmPaths: wasmDir });
    res = await analyzeLogWithDuckdb(file, basename(file), options, args.out, progress, args.maxCustomers);
  } else {
    // --quick: the page's way (refinements left pending), and they are never asked for
    const engine = createEngine({ wasmPaths: wasmDir, backend: args.backend, ...(args.quick ? { refine: 'later' as const } : {}) });
    const loaded = await engine.load(await openAsBlob(file), basename(file));
    if (!loaded.ok) {
      io.stderr(`Error (${loaded.code}): ${loaded.message}\n`);
      return 1;
    }
    res = await engine.analyze(options, progress);
    if (res.ok && args.quick) res = { ...res, result: withoutPending(res.result, true) };
  }
  if (io.isTTY) io.stderr('\n');
  if (!res.ok) {
    io.stderr(`Error (${res.code}): ${res.message}\n`);
    return 1;
  }
  writeFileSync(join(args.out, 'analysis.json'), JSON.stringify(analysisSummary(res.result), null, 1));
  writeFileSync(join(args.out, 'customers.csv'), customersCsv(res.result));
  if (res.result.model) writeFileSync(join(args.out, 'model.json'), JSON.stringify(res.result.model));
  const r = res.result;
  io.stdout(
    `${r.rows.toLocaleString('en-US')} customers analysed (${r.kind}); backend ${r.backend.split(' ')[0]}; ` +
      `${r.warnings.length} finding(s); wrote ${join(args.out, 'analysis.json')}, customers.csv${r.model ? ' and model.json (score new files with npm run score)' : ''}\n`,
  );
  if (res.scored) io.stdout(`DuckDB: ${res.scored.customers.toLocaleString('en-US')} customers scored with the exported SQL in ${res.scored.seconds.toFixed(1)} s; wrote ${res.scored.file}\n`);
  const lt = r.lifetime;
  if (lt?.model) {
    const p = lt.model.params;
    const bt = lt.backtest;
    io.stdout(
      `Lifetime (BG/NBD, ${lt.model.n.toLocaleString('en-US')} customers): r=${p.r.toPrecision(3)} alpha=${p.alpha.toPrecision(4)} a=${p.a.toPrecision(3)} b=${p.b.toPrecision(4)} LL=${lt.model.logLik.toFixed(1)}` +
        (bt ? `; back-test to ${new Date(bt.calibrationEnd * 86_400_000).toISOString().slice(0, 10)}: ${bt.actual.toLocaleString('en-US')} actual vs ${Math.round(bt.expected).toLocaleString('en-US')} expected repeat purchase-days in ${Math.round(bt.holdoutWeeks)} weeks, MAE ${bt.mae.toFixed(3)} vs naive ${bt.naiveMae.toFixed(3)}` : '') +
        (lt.spend?.model ? `; Gamma-Gamma p=${lt.spend.model.params.p.toPrecision(3)} q=${lt.spend.model.params.q.toPrecision(3)} gamma=${lt.spend.model.params.gamma.toPrecision(4)}` : '') +
        (lt.source === 'table' ? '; fitted on the table\'s RFM columns, no back-test (no purchase log to split)' : '') + '\n',
    );
  } else if (lt) io.stdout(`Lifetime: not fitted (${lt.warnings.find((w) => w.code === 'lifetime-too-short')?.message ?? 'see the findings'})\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: process.stderr.isTTY })
    .then((code) => process.exit(code))
    .catch((e: Error) => {
      process.stderr.write(`Error: ${e?.message ?? e}\n`);
      process.exit(1);
    });
}
