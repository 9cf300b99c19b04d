/**
 * Node side of the benchmark: the CLI (`node --import tsx src/cli/analyze.ts`) and the Python
 * anchor (`../shared/anchors/sklearn_anchor.py`), each a child process timed by /usr/bin/time -v.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedSpawn } from './proc';
import { REPO_ROOT } from './resample';

export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
export const ANCHOR = resolve(REPO_ROOT, '../shared/anchors/sklearn_anchor.py');

export interface NodeRun {
  ok: boolean;
  error?: string;
  totalMs: number;
  peakMemoryMB: number | null;
  stagesMs: Record<string, number>;
  extra: Record<string, unknown>;
}

/** One CLI run on a file; stage times from the analysis.json it writes. */
export async function cliRun(file: string): Promise<NodeRun> {
  const out = mkdtempSync(join(tmpdir(), 'rs-bench-cli-'));
  try {
    const r = await timedSpawn(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', file, '--out', out], { cwd: REPO_ROOT });
    if (r.code !== 0) return { ok: false, error: r.stderr.trim().split('\n').slice(-3).join(' | '), totalMs: r.wallMs, peakMemoryMB: r.maxRssMB, stagesMs: {}, extra: {} };
    const a = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as {
      timingsMs: Record<string, number>;
      rows: number;
      backend: string;
      segmentation?: { silhouetteSample: number | null; k: number } | null;
      churn?: { folds: number; models: { name: string; fitMs: number; cvRocAuc?: { mean: number } }[] } | null;
    };
    const stagesMs: Record<string, number> = { ...a.timingsMs };
    // whole stages only (dotted keys are parts of one: "churn.mlp.cv")
    const accounted = Object.entries(a.timingsMs).reduce((x, [k, y]) => (k.includes('.') ? x : x + y), 0);
    stagesMs['process start, imports, backend init, writing outputs'] = Math.round(r.wallMs - accounted);
    return {
      ok: true,
      totalMs: r.wallMs,
      peakMemoryMB: r.maxRssMB,
      stagesMs,
      extra: {
        rows: a.rows,
        backend: a.backend,
        silhouetteSample: a.segmentation?.silhouetteSample ?? null,
        k: a.segmentation?.k ?? null,
        folds: a.churn?.folds ?? null,
        cvRocAuc: Object.fromEntries((a.churn?.models ?? []).map((m) => [m.name, m.cvRocAuc?.mean ?? null])),
      },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Why the anchor cannot run here, or null when it can. */
export function anchorUnavailable(): string | null {
  if (!existsSync(ANCHOR)) return `anchor script not found at ${ANCHOR}`;
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, xgboost, pandas'], { encoding: 'utf8' });
  if (r.status !== 0)
    return `${PYTHON} lacks scikit-learn/xgboost/pandas (apt-get install -y python3-sklearn python3-pandas python3-xgboost)`;
  return null;
}

/**
 * One anchor run. scale 1 runs the real file (5-fold CV, K sweep 2..8 with exact silhouette);
 * scale > 1 uses the anchor's own resampler and protocol (80/20 split, k=4, silhouette on 10,000).
 * totalMs is the anchor's pipeline_s (excludes imports and its resampling), as in its reference.
 */
export async function anchorRun(scale: number): Promise<NodeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-anchor-'));
  const src = resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
  try {
    const args = [ANCHOR, src, '--json-out', join(dir, 'a.json')];
    if (scale > 1) args.push('--scale', String(scale), '--synth-path', join(dir, 'scaled.csv'));
    const r = await timedSpawn(PYTHON, args, { cwd: REPO_ROOT });
    if (r.code !== 0) return { ok: false, error: r.stderr.trim().split('\n').slice(-3).join(' | '), totalMs: r.wallMs, peakMemoryMB: r.maxRssMB, stagesMs: {}, extra: {} };
    const a = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as {
      pipeline_s: number;
      process_s_incl_imports: number;
      peak_rss_mib: number;
      stage_s: Record<string, number>;
      cv_folds: number;
      kmeans_ks: number[];
      models?: Record<string, { cv?: { roc_auc?: { mean: number } } }>;
    };
    // group the anchor's many stages into the same families as ours
    const stagesMs: Record<string, number> = {};
    for (const [k, s] of Object.entries(a.stage_s)) {
      const fam = k.startsWith('read') || k === 'encode' ? k : k.split(':')[0] + (k.includes(':') && /^(cv5|fit80|predict20)$/.test(k.split(':')[0]) ? `:${k.split(':')[1]}` : '');
      stagesMs[fam] = Math.round((stagesMs[fam] ?? 0) + s * 1000);
    }
    return {
      ok: true,
      totalMs: a.pipeline_s * 1000,
      peakMemoryMB: r.maxRssMB ?? a.peak_rss_mib,
      stagesMs,
      extra: {
        processMsInclImports: Math.round(r.wallMs),
        anchorPeakRssMiB: a.peak_rss_mib,
        cvFolds: a.cv_folds,
        kmeansKs: a.kmeans_ks,
        protocol: scale === 1 ? '5-fold CV of 4 models; KMeans k=2..8 on 6 feature sets, exact silhouette; DBSCAN' : `scale ${scale}: 80/20 split by source customer (no CV), k=4 only, silhouette on a 10,000 sample, DBSCAN on 20,000`,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
