/**
 * Business names for segments from their profile relative to the whole base. Each
 * candidate label has a score from the segment's role z-scores (tenure, monthly, total,
 * recency, frequency, monetary: segment mean minus base mean, in base sd) and churn lift;
 * labels are handed out greedily, highest score first (ties: lower segment id, then label
 * order), so they are unique and depend only on the profiles, hence stable under a seed.
 * Segments beyond the label list are named by the column they differ most on that no other segment
 * is named by ("Low Balance", then "Low Estimated Salary"), else their best label with a number ("Loyal 2").
 */
import type { TableKind, TenureUnit } from '../types';
import { ROLE_UNIT, type SegmentStats } from './profiles';
import { fmtMoneyText, fmtValue, DEFAULT_CURRENCY, type CurrencyCode } from '../format';
import { columnWords } from '../format/groups';

type Scorer = (z: Record<string, number>, lift: number | null) => number;

/** Role columns a label speaks of: it is only given when at least one of them was measured
 *  (no "High-Value" or "Big Spenders" without a value column). */
const NEEDS: Record<string, string[]> = {
  'High-Value': ['monthly', 'total', 'monetary'], 'Big Spenders': ['total'], 'Price-Sensitive': ['monthly'],
  'Budget Newcomers': ['monthly'], Loyal: ['tenure', 'frequency'], New: ['tenure', 'recency'], Steady: ['tenure', 'monthly', 'recency'],
  Champions: ['monetary'], Dormant: ['recency'], Occasional: ['frequency'],
};
/** a label is a trait the segment really has only when its score clears this (in base sd) */
const MIN_SCORE = 0.25;

const g = (z: Record<string, number>, key: string) => z[key] ?? 0;
/** churn lift: (segment churn - base churn) / base churn, clipped to [-1, 2]; 0 without a target */
const L = (lift: number | null) => lift ?? 0;

const CUSTOMER_LABELS: [string, Scorer][] = [
  ['High-Value', (z) => g(z, 'monthly') + g(z, 'total')],
  ['Loyal', (z, l) => g(z, 'tenure') - L(l)],
  ['At-Risk', (z, l) => (l === null ? 0.5 * (g(z, 'monthly') - g(z, 'tenure')) : 2 * l)],
  ['New', (z) => -g(z, 'tenure')],
  ['Price-Sensitive', (z) => -g(z, 'monthly')],
  ['Steady', (z) => -0.5 * (Math.abs(g(z, 'tenure')) + Math.abs(g(z, 'monthly')))],
  ['Big Spenders', (z) => g(z, 'total')],
  ['Budget Newcomers', (z) => -g(z, 'tenure') - g(z, 'monthly')],
];

const RFM_LABELS: [string, Scorer][] = [
  ['Champions', (z) => -g(z, 'recency') + g(z, 'frequency') + g(z, 'monetary')],
  ['At-Risk', (z, l) => g(z, 'recency') + 0.5 * (g(z, 'frequency') + g(z, 'monetary')) + L(l)],
  ['Dormant', (z) => g(z, 'recency') - 0.5 * (g(z, 'frequency') + g(z, 'monetary'))],
  ['New', (z) => -g(z, 'recency') - g(z, 'frequency') - 0.5 * g(z, 'tenure')],
  ['Loyal', (z) => g(z, 'frequency') + 0.5 * g(z, 'tenure') - 0.5 * g(z, 'recency')],
  ['High-Value', (z) => g(z, 'monetary')],
  ['Occasional', (z) => -g(z, 'frequency')],
  ['Steady', (z) => -0.5 * (Math.abs(g(z, 'recency')) + Math.abs(g(z, 'frequency')) + Math.abs(g(z, 'monetary')))],
];

export interface SegmentName {
  name: string;
  description: string;
}

/** Unique names and one-sentence descriptions for the segments (see header). */
export function nameSegments(stats: SegmentStats[], kind: TableKind, baseChurn: number | null, currency: CurrencyCode = DEFAULT_CURRENCY, tenureUnit?: TenureUnit): SegmentName[] {
  const rfm = kind === 'transactions' && stats.some((s) => s.roleZ.recency !== undefined);
  const labels = rfm ? RFM_LABELS : CUSTOMER_LABELS;
  const lift = (s: SegmentStats) =>
    s.churnRate === null || baseChurn === null || baseChurn <= 0
      ? null
      : Math.max(-1, Math.min(2, (s.churnRate - baseChurn) / baseChurn));
  const pairs: { seg: number; lab: number; score: number }[] = [];
  stats.forEach((s, seg) => {
    const z = s.roleZ as Record<string, number>;
    labels.forEach(([name, f], lab) => {
      const needs = NEEDS[name];
      if (needs && !needs.some((k) => z[k] !== undefined)) return;
      if (!rfm && name === 'At-Risk' && lift(s) === null && (z.monthly === undefined || z.tenure === undefined)) return;
      // "Loyal" in a customer table says long tenure: not given on low churn alone (a bank segment of average tenure
      // whose trait is its low balance read "Loyal", described as "Mid tenure (5.1 vs 5 years)")
      if (!rfm && name === 'Loyal' && g(z, 'tenure') < MIN_SCORE) return;
      pairs.push({ seg, lab, score: f(z, lift(s)) });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.seg - b.seg || a.lab - b.lab);
  const names: (string | null)[] = stats.map(() => null);
  const used = new Set<number>();
  for (const p of pairs) {
    if (p.score < MIN_SCORE) break;
    if (names[p.seg] !== null || used.has(p.lab)) continue;
    names[p.seg] = labels[p.lab][0];
    used.add(p.lab);
  }
  // more segments than labels, or no label fits: the column the segment differs most on
  // ("High Balance"), else its best label with a running number
  const taken = new Set(names.filter((x): x is string => x !== null));
  stats.forEach((s, seg) => {
    if (names[seg] !== null) return;
    // the strongest trait not already a name ("Low Estimated Salary" when "Low Balance" is taken)
    const trait = strongestTraits(s).find((t) => !taken.has(t));
    if (trait) {
      names[seg] = trait;
      taken.add(trait);
      return;
    }
    const best = pairs.find((p) => p.seg === seg && p.score >= MIN_SCORE) ?? pairs.find((p) => p.seg === seg);
    if (!best) {
      let i = seg + 1;
      while (taken.has(`Segment ${i}`)) i++;
      names[seg] = `Segment ${i}`;
      taken.add(names[seg]!);
      return;
    }
    let i = 2;
    while (taken.has(`${labels[best.lab][0]} ${i}`)) i++;
    names[seg] = `${labels[best.lab][0]} ${i}`;
    taken.add(names[seg]!);
  });
  return stats.map((s, seg) => ({ name: names[seg]!, description: describe(s, rfm, baseChurn, currency, tenureUnit === 'years') }));
}

/** Role keys as the words a trait name uses ("High Monthly Spend", not "High monthly"). */
const ROLE_WORDS: Readonly<Record<string, string>> = { tenure: 'Tenure', monthly: 'Monthly Spend', total: 'Total Spend', recency: 'Days Since Last Order', frequency: 'Order Count', monetary: 'Order Value' };
const SMALL_WORDS = new Set(['of', 'and', 'or', 'per', 'the', 'a', 'an', 'in', 'on', 'to', 'for', 'by']);

/** A column name in a segment name's title case: "EstimatedSalary" -> "Estimated Salary", "num_of_products" ->
 *  "Num of Products"; acronyms keep their case ("CLV Band"). */
function traitWords(key: string): string {
  if (ROLE_WORDS[key]) return ROLE_WORDS[key];
  return columnWords(key)
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "High Balance" / "Low Estimated Salary": the columns whose segment mean differs from the base mean by more
 *  than 10% of it, furthest first (ties: column order), in words. */
export function strongestTraits(s: Pick<SegmentStats, 'means' | 'baseMeans'>): string[];
/** withRoles false: the other columns only, each with its key (a description's "high balance (...)") */
export function strongestTraits(s: Pick<SegmentStats, 'means' | 'baseMeans'>, withRoles: false): { trait: string; key: string }[];
export function strongestTraits(s: Pick<SegmentStats, 'means' | 'baseMeans'>, withRoles = true): string[] | { trait: string; key: string }[] {
  const out: { trait: string; key: string; gap: number }[] = [];
  for (const [k, m] of Object.entries(s.means)) {
    const b = s.baseMeans[k];
    if (b === undefined || !Number.isFinite(m) || !Number.isFinite(b)) continue;
    if (!withRoles && Object.hasOwn(ROLE_WORDS, k)) continue;
    const d = (m - b) / Math.max(Math.abs(b), 1e-9);
    if (Math.abs(d) > 0.1) out.push({ trait: `${d > 0 ? 'High' : 'Low'} ${traitWords(k)}`, key: k, gap: Math.abs(d) });
  }
  out.sort((a, b) => b.gap - a.gap);
  return withRoles ? out.map((x) => x.trait) : out.map(({ trait, key }) => ({ trait, key }));
}


function level(z: number | undefined, hi: string, lo: string, mid: string): string {
  if (z === undefined) return '';
  return z > 0.4 ? hi : z < -0.4 ? lo : mid;
}

/** "Long tenure (57 vs 32 months on average), high monthly spend ($89.10 vs $64.76 on average), 15% churn vs 27% overall";
 *  a file whose tenure counts years says tenure in years, to one decimal ("Short tenure (2.1 vs 5 years on average)"). */
function describe(s: SegmentStats, rfm: boolean, baseChurn: number | null, currency: CurrencyCode, tenureInYears: boolean): string {
  const parts: string[] = [];
  const add = (key: string, hi: string, lo: string, mid: string) => {
    const z = s.roleZ[key as keyof typeof s.roleZ];
    if (z === undefined) return;
    const years = tenureInYears && key === 'tenure'; // means are in months (converted on load)
    const unit = years ? 'years' : ROLE_UNIT[key];
    const show = (v: number) => (years ? fmtValue(Math.round(v / 1.2) / 10) : fmtValue(Math.abs(v) >= 10 ? Math.round(v) : v));
    const [a, b] = [s.means[key], s.baseMeans[key]].map((v) => (unit === 'money' ? fmtMoneyText(v, currency) : show(v)));
    parts.push(`${level(z, hi, lo, mid)} (${a} vs ${b}${unit && unit !== 'money' ? ` ${unit}` : ''} on average)`);
  };
  if (rfm) {
    add('recency', 'long since last purchase', 'recent purchases', 'average recency');
    add('frequency', 'frequent orders', 'few orders', 'average order count');
    add('monetary', 'high spend', 'low spend', 'average spend');
  } else {
    add('tenure', 'long tenure', 'short tenure', 'mid tenure');
    add('monthly', 'high monthly spend', 'low monthly spend', 'average monthly spend');
    if (s.roleZ.monthly === undefined) add('total', 'high total spend', 'low total spend', 'average total spend');
  }
  // no role sets the segment apart: say the column that does ("high balance (139,038 vs 80,290 on average)")
  const roleLevels = ['tenure', 'monthly', 'total', 'recency', 'frequency', 'monetary'].map((k) => s.roleZ[k as keyof typeof s.roleZ]);
  if (!roleLevels.some((z) => z !== undefined && Math.abs(z) > 0.4)) {
    const trait = strongestTraits({ means: s.means, baseMeans: s.baseMeans }, false)[0];
    if (trait) {
      const show = (v: number) => fmtValue(Math.abs(v) >= 10 ? Math.round(v) : v);
      const [m, b] = [s.means[trait.key], s.baseMeans[trait.key]];
      parts.push(`${m > b ? 'high' : 'low'} ${columnWords(trait.key)} (${show(m)} vs ${show(b)} on average)`);
    }
  }
  if (s.churnRate !== null) {
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    parts.push(baseChurn !== null ? `${pct(s.churnRate)} churn vs ${pct(baseChurn)} overall` : `${pct(s.churnRate)} churn`);
  }
  const text = parts.join(', ');
  return text.length > 0 ? text.charAt(0).toUpperCase() + text.slice(1) + '.' : 'Average on every clustering feature.';
}
