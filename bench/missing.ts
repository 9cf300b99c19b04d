/**
 * Missing values learned by the GBDT against median imputation and XGBoost, on the seeded synthetic
 * table where blankness carries signal (`node --import tsx bench/missing.ts`; XGBoost through Debian's
 * python3-xgboost on the same 5 folds). Prints JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stratifiedFolds } from '../src/analysis/churn/evaluation/folds';
import { gbdtFoldAuc, synthBlanks } from '../src/analysis/testing/synthetic';

const { X, y, d } = synthBlanks(5000, 11);
const fold = stratifiedFolds(y, 5, 42);

const ours = (impute: boolean) => gbdtFoldAuc(X, y, d, impute);

const dir = mkdtempSync(join(tmpdir(), 'rs-missing-'));
const csv = join(dir, 'blanks.csv');
const lines = ['x0,x1,x2,x3,y,fold'];
for (let i = 0; i < y.length; i++) lines.push([...Array.from(X.subarray(i * d, i * d + d), (v) => (Number.isNaN(v) ? '' : String(v))), y[i], fold[i]].join(','));
writeFileSync(csv, lines.join('\n') + '\n');
const py = spawnSync(process.env.BENCH_PYTHON ?? '/usr/bin/python3', ['bench/missing_xgb.py', csv], { encoding: 'utf8' });
const xgb = py.status === 0 ? JSON.parse(py.stdout) : { error: py.stderr.trim().split('\n').slice(-1)[0] };
console.log(JSON.stringify({ rows: y.length, gbdtLearned: +(await ours(false)).toFixed(4), gbdtMedian: +(await ours(true)).toFixed(4), xgboost: xgb }, null, 1));
