/**
 * Top-3 reasons of a logistic scoring model in SQL, as logisticReasons computes them: per
 * source column, its contribution in probability points 100 x (p - sigmoid(z - c)); names
 * "col (low/high)" (about the model's column mean) or "col=level"; the three largest |points|
 * of at least 0.05, ties to the earlier column. Ranks are counted in-row (no window, no join).
 */
import type { LogisticModel } from '../churn/models/logistic';
import type { Design } from '../features/design';
import { MIN_REASON_POINTS } from '../churn/explain/reasons';
import { num, str, type Dialect } from './dialect';
import { logisticColumn, sigmoid, sum, type Cte } from './models';
import { coefGroups } from '../churn/models/logisticTerms';

/** `carry`: the output columns kept through the materialised steps. */
export function reasonCtes(m: LogisticModel, design: Design, d: Dialect, carry: string[]): Cte[] {
  const G = design.groups.length;
  const contrib: [string, string][] = [];
  const names: [string, string][] = [];
  // each coefficient's share per source column, as logisticReasons (an interaction half to each of its two)
  const parts: string[][] = design.groups.map(() => []);
  coefGroups(m, design.groups).forEach((owners, j) => {
    for (const o of owners) {
      const c = `(${num(m.coef[j])} * (${logisticColumn(m, j)} - ${num(m.mean[j])})) / ${num(m.sd[j])}`;
      parts[o.group].push(o.share === 1 ? c : `${num(o.share)} * ${c}`);
    }
  });
  design.groups.forEach((g, t) => {
    contrib.push([`rc${t}`, sum(parts[t])]);
    if (g.kind === 'numeric')
      names.push([`rn${t}`, `CASE WHEN x${g.start} >= ${num(m.mean[g.start])} THEN ${str(`${g.name} (high)`, d)} ELSE ${str(`${g.name} (low)`, d)} END`]);
    else {
      const whens: string[] = [];
      for (let j = g.start; j < g.start + g.count; j++) whens.push(`WHEN x${j} = 1.0e0 THEN ${str(design.names[j], d)}`);
      names.push([`rn${t}`, `CASE ${whens.join(' ')} ELSE NULL END`]);
    }
  });
  const pts: [string, string][] = [];
  for (let t = 0; t < G; t++) pts.push([`rp${t}`, `1.0e2 * (rs_p - (${sigmoid(`(rs_z - rc${t})`)}))`]);
  const eligible: [string, string][] = [];
  for (let t = 0; t < G; t++) eligible.push([`ra${t}`, `CASE WHEN rn${t} IS NULL THEN -1.0e0 ELSE ABS(rp${t}) END`]);
  const ranks: [string, string][] = [];
  for (let t = 0; t < G; t++) {
    const terms: string[] = [];
    for (let u = 0; u < G; u++) if (u !== t) terms.push(`CASE WHEN ra${u} ${u < t ? '>=' : '>'} ra${t} THEN 1 ELSE 0 END`);
    ranks.push([`rk${t}`, terms.length ? terms.join(' + ') : '0']);
  }
  const pick = (k: number): string => {
    const whens: string[] = [];
    for (let t = 0; t < G; t++) whens.push(`WHEN ra${t} >= ${num(MIN_REASON_POINTS)} AND rk${t} = ${k} THEN rn${t}`);
    return `CASE ${whens.join(' ')} ELSE NULL END`;
  };
  const rn = names.map(([a]) => a);
  const rc = contrib.map(([a]) => a);
  return [
    { name: 'rs_c', cols: [...contrib, ...names] },
    { name: 'rs_zc', materialize: true, only: [...carry, ...rn, ...rc], cols: [['rs_z', sum([num(m.intercept), ...rc])]] },
    { name: 'rs_pc', materialize: true, only: [...carry, ...rn, ...rc, 'rs_z'], cols: [['rs_p', sigmoid('rs_z')]] },
    { name: 'rs_pts', materialize: true, only: [...carry, ...rn], cols: pts },
    { name: 'rs_el', materialize: true, only: [...carry, ...rn], cols: eligible },
    { name: 'rs_rk', materialize: true, only: [...carry, ...rn, ...eligible.map(([a]) => a)], cols: ranks },
    { name: 'rs_top', only: carry, cols: [['reason_1', pick(0)], ['reason_2', pick(1)], ['reason_3', pick(2)]] },
  ];
}
