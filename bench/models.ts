/**
 * Model benchmark (issue 15 point 7; `npm run bench:models`): the engine's churn models against Debian's
 * scikit-learn (LogisticRegression) and XGBoost on the SAME 5 folds (the engine's stratified folds, seed 42),
 * over Telco (when ../shared has it) and seeded synthetic churn tables with known structure. Writes
 * bench/results/models.json and models.md: ROC-AUC (mean over folds), PR-AUC and Brier (pooled out of fold).
 * Ours = the model the engine picks (best of logistic, GBDT, forest, or their two-model average).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerFrame } from '../src/analysis/types';
import { runChurn } from '../src/analysis/churn/index';
import { stratifiedFolds } from '../src/analysis/churn/evaluation/folds';
import { mulberry32 } from '../src/analysis/random';
import { TELCO_PATH, telcoFrame } from '../src/analysis/testing/telco';

const SEED = 42;
type Col = { name: string; num?: Float64Array; miss?: Uint8Array; cat?: string[] };

function frameOf(cols: Col[], y: Uint8Array): CustomerFrame {
  const n = y.length;
  const f: CustomerFrame = { kind: 'customers', n, ids: Array.from({ length: n }, (_, i) => String(i + 1)), y, targetName: 'churn', tenure: null, monthly: null, total: null, recency: null, frequency: null, monetary: null, numeric: [], categorical: [] };
  for (const c of cols) {
    if (c.num) {
      // the data layer's policy: a blank cell holds the median and is flagged in `missing`
      const v = c.num.slice();
      if (c.miss) {
        const ok = Array.from(v).filter((_, i) => !c.miss![i]).sort((a, b) => a - b);
        const med = ok[Math.floor(ok.length / 2)] ?? 0;
        for (let i = 0; i < n; i++) if (c.miss[i]) v[i] = med;
      }
      f.numeric.push({ name: c.name, values: v, ...(c.miss ? { missing: c.miss } : {}) });
    } else {
      const levels = [...new Set(c.cat!)].sort();
      const at = new Map(levels.map((l, i) => [l, i]));
      f.categorical.push({ name: c.name, levels, codes: Int32Array.from(c.cat!, (v) => at.get(v)!) });
    }
  }
  return f;
}

/** Seeded synthetic tables: name -> columns and churn flag. */
function synthetic(): { name: string; what: string; cols: Col[]; y: Uint8Array }[] {
  const out: { name: string; what: string; cols: Col[]; y: Uint8Array }[] = [];
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  {
    const n = 5000, r = mulberry32(11);
    const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), m = new Uint8Array(n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = r() * 100; b[i] = r() * 100; c[i] = r();
      m[i] = r() < 0.25 ? 1 : 0;
      y[i] = r() < sig(-1.5 + (a[i] < 30 ? 1.2 : 0) + 0.015 * b[i] + (m[i] ? 1.5 : 0)) ? 1 : 0;
    }
    out.push({ name: 'blanks-mnar', what: '5,000 rows; 25% of a charge column blank, blank customers churn more', cols: [{ name: 'tenure', num: a }, { name: 'charge', num: b, miss: m }, { name: 'noise', num: c }], y });
  }
  {
    const n = 5000, r = mulberry32(12);
    const A: string[] = [], B: string[] = [], C: string[] = [], x = new Float64Array(n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = Math.floor(r() * 3), b = Math.floor(r() * 3), c = Math.floor(r() * 4);
      A.push(`plan${a}`); B.push(`channel${b}`); C.push(`region${c}`); x[i] = r() * 60;
      y[i] = r() < sig(-1.2 + (a === 0 && b === 2 ? 2 : 0) + (a === 2 && b === 0 ? -1.5 : 0) - x[i] / 40 + (c === 1 ? 0.4 : 0)) ? 1 : 0;
    }
    out.push({ name: 'interactions', what: '5,000 rows; churn from two categorical columns together (plan × channel)', cols: [{ name: 'plan', cat: A }, { name: 'channel', cat: B }, { name: 'region', cat: C }, { name: 'months', num: x }], y });
  }
  {
    const n = 5000, r = mulberry32(13);
    const eff = Array.from({ length: 45 }, () => (r() - 0.5) * 3);
    const S: string[] = [], x = new Float64Array(n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = Math.floor(r() * 45);
      S.push(`store${s}`); x[i] = r() * 100;
      y[i] = r() < sig(-1 + eff[s] - x[i] / 80) ? 1 : 0;
    }
    out.push({ name: 'high-cardinality', what: '5,000 rows; a 45-level category (store) with its own effects', cols: [{ name: 'store', cat: S }, { name: 'usage', num: x }], y });
  }
  {
    const n = 10000, r = mulberry32(14);
    const a = new Float64Array(n), b = new Float64Array(n), K: string[] = [], y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = r() * 10; b[i] = r() * 10; const k = r() < 0.3 ? 'basic' : 'premium'; K.push(k);
      y[i] = r() < sig(-7.8 + 0.35 * (10 - a[i]) + (k === 'basic' ? 0.8 : 0) + 0.1 * b[i]) ? 1 : 0;
    }
    out.push({ name: 'rare-1pct', what: '10,000 rows; about 1% churn', cols: [{ name: 'engagement', num: a }, { name: 'spend', num: b }, { name: 'tier', cat: K }], y });
  }
  {
    const n = 3000, d = 120, r = mulberry32(15);
    const cols: Col[] = Array.from({ length: d }, (_, j) => ({ name: `f${j}`, num: new Float64Array(n) }));
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let z = -1;
      for (let j = 0; j < d; j++) {
        const v = r() * 2 - 1;
        cols[j].num![i] = v;
        if (j < 10) z += (j % 2 ? 1 : -1) * (0.4 + 0.1 * j) * v;
      }
      y[i] = r() < sig(z) ? 1 : 0;
    }
    out.push({ name: 'wide-120', what: '3,000 rows x 120 numeric columns, 10 of them informative', cols, y });
  }
  return out;
}

/** CSV for Python: numeric columns (blank = missing), one-hot categoricals, y, fold. */
function csvOf(f: CustomerFrame, fold: Int32Array): string {
  const head: string[] = [];
  const cells: ((i: number) => string)[] = [];
  for (const c of f.numeric) {
    head.push(`n${head.length}`);
    cells.push((i) => (c.missing?.[i] ? '' : String(c.values[i])));
  }
  for (const c of f.categorical)
    c.levels.forEach((_, l) => {
      head.push(`c${head.length}`);
      cells.push((i) => (c.codes[i] === l ? '1' : '0'));
    });
  const lines = [[...head, 'y', 'fold'].join(',')];
  for (let i = 0; i < f.n; i++) lines.push([...cells.map((g) => g(i)), f.y![i], fold[i]].join(','));
  return lines.join('\n') + '\n';
}

const tables: { name: string; what: string; frame: CustomerFrame }[] = [];
if (existsSync(TELCO_PATH)) tables.push({ name: 'telco', what: 'the real Telco file, 7,043 rows, through the data layer (blank TotalCharges = tenure x monthly = 0)', frame: await telcoFrame() });
else console.warn(`telco skipped: ${TELCO_PATH} is missing`);
for (const t of synthetic()) tables.push({ name: t.name, what: t.what, frame: frameOf(t.cols, t.y) });

const dir = mkdtempSync(join(tmpdir(), 'rs-models-'));
const rows: Record<string, unknown>[] = [];
const paths: string[] = [];
for (const t of tables) {
  const t0 = performance.now();
  const r = await runChurn(t.frame, { seed: SEED, models: ['logistic', 'gbdt', 'forest'] });
  const pick = (name: string) => r.models.find((m) => m.name === name)!;
  const fmt = (m: ReturnType<typeof pick>) => ({ model: m.name, rocAuc: m.cvRocAuc.mean, rocAucSd: m.cvRocAuc.sd, prAuc: m.prAuc, brier: m.brier });
  const p = join(dir, `${t.name}.csv`);
  writeFileSync(p, csvOf(t.frame, stratifiedFolds(t.frame.y!, 5, SEED)));
  paths.push(p);
  rows.push({ table: t.name, what: t.what, rows: t.frame.n, positiveRate: r.positiveRate, ours: fmt(pick(r.best)), ourLogistic: fmt(pick('logistic')), ourGbdt: fmt(pick('gbdt')), seconds: (performance.now() - t0) / 1000 });
  console.error(`${t.name}: ours ${r.best} ${pick(r.best).cvRocAuc.mean.toFixed(4)}`);
}
const py = spawnSync(process.env.BENCH_PYTHON ?? '/usr/bin/python3', ['bench/models_ref.py', ...paths], { encoding: 'utf8', maxBuffer: 1 << 26 });
const ref: Record<string, Record<string, { rocAuc: number; prAuc: number; brier: number }>> = py.status === 0 ? JSON.parse(py.stdout) : {};
if (py.status !== 0) console.warn(`scikit-learn/XGBoost skipped: ${py.stderr.trim().split('\n').slice(-1)[0]} (apt-get install -y python3-sklearn python3-xgboost)`);
rows.forEach((row, i) => Object.assign(row, ref[paths[i]] ?? {}));

const f4 = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : '–');
type M = { rocAuc: number; prAuc: number; brier: number; model?: string } | undefined;
const md = [
  '# Churn models: the engine vs scikit-learn and XGBoost on the same folds',
  '',
  `\`npm run bench:models\` (bench/models.ts), ${new Date().toISOString().slice(0, 10)}. 5-fold stratified CV (the engine's folds, seed ${SEED}); ROC-AUC = mean over folds, PR-AUC and Brier over the pooled out-of-fold scores. Ours = the model the engine picks among logistic (splines + interactions), GBDT, forest and their two-model average. XGBoost: 300 trees, depth 4, lr 0.05, subsample/colsample 0.8, its own missing-value handling. scikit-learn: LogisticRegression(C=1), median-imputed, standardized.`,
  '',
  '| table | rows | churn | ours (model) | ROC-AUC ours | XGBoost | sklearn LR | ours − XGB | PR-AUC ours / XGB | Brier ours / XGB |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => {
    const o = r.ours as M, x = r.xgboost as M, l = r.sklearn_logistic as M;
    return `| ${r.table} | ${(r.rows as number).toLocaleString('en-US')} | ${((r.positiveRate as number) * 100).toFixed(1)}% | ${o?.model} | ${f4(o?.rocAuc)} | ${f4(x?.rocAuc)} | ${f4(l?.rocAuc)} | ${x ? (o!.rocAuc - x.rocAuc >= 0 ? '+' : '') + (o!.rocAuc - x.rocAuc).toFixed(4) : '–'} | ${f4(o?.prAuc)} / ${f4(x?.prAuc)} | ${f4(o?.brier)} / ${f4(x?.brier)} |`;
  }),
];
const withX = rows.filter((r) => r.xgboost);
if (withX.length) {
  const avg = (k: 'ours' | 'xgboost') => withX.reduce((s, r) => s + (r[k] as { rocAuc: number }).rocAuc, 0) / withX.length;
  md.push('', `Average ROC-AUC over ${withX.length} tables: ours ${avg('ours').toFixed(4)}, XGBoost ${avg('xgboost').toFixed(4)}. Target: ours ≥ XGBoost − 0.002 on every table and ≥ XGBoost on average.`);
}
md.push('', 'Tables:', ...rows.map((r) => `- ${r.table}: ${r.what}`), '');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/models.json', JSON.stringify({ date: new Date().toISOString(), seed: SEED, tables: rows }, null, 1) + '\n');
writeFileSync('bench/results/models.md', md.join('\n'));
console.log(md.join('\n'));
