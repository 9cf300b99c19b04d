/**
 * CPU time of the churn stage on Telco in one Node process (issue 15's budget: Telco 1x may grow
 * by at most 0.5 s): runs runChurn `RUNS` times after one warm-up and prints the median process
 * CPU ms (user + system) and wall ms, with each model's fold AUCs. CPU time, not wall time, so a
 * shared machine skews it less. Usage: node --import tsx bench/churnCpu.ts [runs] [base|tuned|refined] [models,comma,separated]
 */
import { runChurn } from '../src/analysis/churn/index';
import { telcoFrame } from '../src/analysis/testing/telco';

const runs = Number(process.argv[2] ?? 3);
/** base: the first dashboard's churn stage; refined: settings chosen inside the folds + 3 x 5 repeated CV (the refinement) */
const mode = process.argv[3] ?? 'base';
const models = process.argv[4]?.split(',');
const frame = await telcoFrame();
const opts = { seed: 42, folds: 5, ...(models ? { models } : {}), ...(mode === 'refined' ? { tune: true, repeats: 3 } : mode === 'tuned' ? { tune: true } : {}) };
const cpu: number[] = [];
const wall: number[] = [];
let last = '';
for (let r = 0; r <= runs; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const res = await runChurn(frame, opts, undefined, { timings });
  const c = process.cpuUsage(c0);
  if (r === 0) continue; // warm-up
  cpu.push((c.user + c.system) / 1000);
  wall.push(performance.now() - t0);
  last = `best ${res.best}; ` + res.models.map((m) => `${m.name} ${m.cvRocAuc.mean.toFixed(4)}${m.settings ? ' ' + JSON.stringify(m.settings) : ''}`).join('\n') + `\n3x5: ${JSON.stringify(res.repeatedCv?.models.map((m) => [m.name, m.mean.toFixed(4), m.sd.toFixed(4)]))}; job ms ${JSON.stringify(timings)}`;
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`churn stage (${mode}, ${models?.join(',') ?? 'all models'}), Telco, ${runs} runs after a warm-up: CPU median ${med(cpu).toFixed(0)} ms (${cpu.map((v) => v.toFixed(0)).join(', ')}), wall median ${med(wall).toFixed(0)} ms`);
console.log(last);
