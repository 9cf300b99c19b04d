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
  // the three largest ra (ties to the earlier column) by GREATEST and first-match CASEs: about 10 G operations
  // per row where counting every pair's order took G^2 (Telco, G = 19: 342 comparisons)
  const NONE = num(-2); // below every ra (>= -1): a column already picked
  const taken = (t: number, k: number) => Array.from({ length: k }, (_, i) => `rs_i${i + 1} = ${t}`).join(' OR ');
  const top: [string, string][][] = [];
  for (let k = 0; k < 3; k++) {
    const vals = Array.from({ length: G }, (_, t) => (k === 0 ? `ra${t}` : `CASE WHEN ${taken(t, k)} THEN ${NONE} ELSE ra${t} END`));
    const m = `rs_m${k + 1}`;
    const whens = Array.from({ length: G }, (_, t) => `WHEN ${k === 0 ? '' : `NOT (${taken(t, k)}) AND `}ra${t} = ${m} THEN ${t}`);
    top.push([[m, G === 0 ? NONE : G === 1 ? vals[0] : `GREATEST(${vals.join(', ')})`]]);
    top.push([[`rs_i${k + 1}`, G === 0 ? '-1' : `CASE ${whens.join(' ')} ELSE -1 END`]]);
  }
  const pick = (k: number): string => {
    const whens: string[] = [];
    for (let t = 0; t < G; t++) whens.push(`WHEN rs_i${k + 1} = ${t} THEN rn${t}`);
    return G === 0 ? 'CAST(NULL AS ' + d.text + ')' : `CASE WHEN rs_m${k + 1} >= ${num(MIN_REASON_POINTS)} THEN CASE ${whens.join(' ')} ELSE NULL END ELSE NULL END`;
  };
  const rn = names.map(([a]) => a);
  const rc = contrib.map(([a]) => a);
  const ra = eligible.map(([a]) => a);
  // each top-k value and index is read by the next ones: every step computed once (PostgreSQL's planner
  // would copy them; DuckDB does not, and storing these steps cost it more than it saved: 4.3 -> 2.8 s CPU, 200,000 rows)
  const steps: Cte[] = [];
  const kept: string[] = [];
  top.forEach((cols, i) => {
    steps.push({ name: `rs_t${i}`, materialize: 'postgres', only: [...carry, ...rn, ...ra, ...kept], cols });
    kept.push(cols[0][0]);
  });
  return [
    { name: 'rs_c', cols: [...contrib, ...names] },
    { name: 'rs_zc', materialize: 'postgres', only: [...carry, ...rn, ...rc], cols: [['rs_z', sum([num(m.intercept), ...rc])]] },
    { name: 'rs_pc', materialize: 'postgres', only: [...carry, ...rn, ...rc, 'rs_z'], cols: [['rs_p', sigmoid('rs_z')]] },
    { name: 'rs_pts', materialize: 'postgres', only: [...carry, ...rn], cols: pts },
    { name: 'rs_el', materialize: 'postgres', only: [...carry, ...rn], cols: eligible },
    ...steps,
    { name: 'rs_top', only: carry, cols: [['reason_1', pick(0)], ['reason_2', pick(1)], ['reason_3', pick(2)]] },
  ];
}
