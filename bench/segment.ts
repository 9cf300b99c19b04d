/**
 * The segmentation stage on Telco in one Node thread: CPU per step (K sweep's fits, silhouette,
 * DBSCAN, profiles, the whole stage) over repeated rounds, and a digest of every result (in-process
 * A/B: run it on two checkouts and compare the digests and the medians).
 *   node [--cpu-prof] --import tsx bench/segment.ts [--rounds N]
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { telcoFrame } from '../src/analysis/testing/telco';
import { fromColumns, standardize } from '../src/analysis/math/matrix';
import { fitKMeans } from '../src/analysis/segment/kmeans';
import { silhouetteScores } from '../src/analysis/segment/silhouette';
import { dbscanOutliers } from '../src/analysis/segment/dbscan';
import { profileSegments } from '../src/analysis/segment/profiles';
import { runSegmentation } from '../src/analysis/segment/index';
import type { KMeansModel } from '../src/analysis/segment/kmeans';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] || 7) || 7;
await tf.setBackend('cpu');
const frame = await telcoFrame();
const { Z } = standardize(fromColumns([frame.tenure!, frame.monthly!, frame.total!]));
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const times: Record<string, number[]> = {};
const h = createHash('sha1');
const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
function timed<T>(name: string, f: () => T): T {
  const c = cpu();
  const v = f();
  (times[name] ??= []).push(cpu() - c);
  return v;
}
for (let r = 0; r < rounds; r++) {
  const models: KMeansModel[] = [];
  const c = cpu();
  for (let k = 2; k <= 8; k++) models.push(await fitKMeans(Z, { k, seed: 42, nInit: 10, kernel: 'ts' }));
  (times.sweep ??= []).push(cpu() - c);
  const sil = timed('silhouette', () => silhouetteScores(Z, models.map((m) => m.labels), { seed: 42 }));
  const db = timed('dbscan', () => dbscanOutliers(Z, { seed: 42 }));
  const prof = timed('profiles', () => profileSegments(frame, models[2].labels, 4));
  const c2 = cpu();
  const seg = await runSegmentation(frame, { seed: 42, kernel: 'ts' });
  (times.stage ??= []).push(cpu() - c2);
  if (r === 0) {
    for (const m of models) { h.update(bytes(m.centers)); h.update(bytes(m.labels)); h.update(`${m.inertia},${m.nIter};`); }
    h.update(JSON.stringify(sil.scores)); h.update(bytes(db.outlier)); h.update(`${db.eps}`);
    h.update(JSON.stringify(prof));
    h.update(JSON.stringify(seg, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [k, v] of Object.entries(times)) console.log(`${k.padEnd(11)} median ${med(v).toFixed(1)} ms cpu  (${v.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`digest ${h.digest('hex')}`);
process.exit(0);
