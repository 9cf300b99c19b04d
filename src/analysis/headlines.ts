/**
 * Plain words first: one sentence per dashboard panel with the number a manager needs (issue 18,
 * point 1). The dashboard shows it at the top of each panel and the HTML report opens its sections
 * with the same sentences, so a number shown in both places comes from here. Pure: reads the
 * finished result only. Technical diagnostics stay in the panels' "For analysts" folds.
 */
import type { AnalysisResult } from './result';
import type { ChurnResult, ContactReach } from './churn/types';
import { fmtInt as count, fmtMoneyText, fmtPct as pct } from './format';
import { kthSmallest } from './math/select';
import { winBackWho } from './business/population';
import { halfLeftWords, spanWords } from './business/tenureWords';

export type PanelId = 'overview' | 'segments' | 'churn' | 'retention' | 'revenue' | 'lifetime' | 'customers' | 'recommendations' | 'data' | 'warehouse';

/** Share of the riskiest customers a manager would contact in the headline (20%). */
export const CONTACT_SHARE = 0.2;

/**
 * Of all positives (y = 1), the share found among the `share` highest scores (ties by row order).
 * scores, y: one entry per customer. Returns the contacted count, the positives, and the reach (null without positives).
 */
export function reachAt(scores: ArrayLike<number>, y: ArrayLike<number>, share = CONTACT_SHARE): { contacted: number; positives: number; reached: number; reach: number | null } {
  const n = Math.min(scores.length, y.length);
  const contacted = Math.round(n * share);
  // The contacted set without sorting (the page computes this line while it mounts the dashboard:
  // a comparator sort of 704,300 indices took about a second there, a native sort of the scores
  // still ~100-280 ms): every score above the cut-off score (the contacted-th largest, by
  // quickselect), then the tied ones in row order until the count is full.
  const copy = new Float64Array(n);
  let nan = false;
  for (let i = 0; i < n; i++) {
    copy[i] = scores[i];
    if (copy[i] !== copy[i]) nan = true;
  }
  if (nan) copy.sort(); // NaN sorts last; quickselect does not order it
  const cut = contacted === 0 ? Infinity : nan ? copy[n - contacted] : kthSmallest(copy, n - contacted);
  let above = 0;
  for (let i = 0; i < n; i++) if (scores[i] > cut) above++;
  let tiedSlots = contacted - above;
  let positives = 0;
  let reached = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const taken = s > cut || (s === cut && tiedSlots-- > 0);
    if (y[i] !== 1) continue;
    positives++;
    if (taken) reached++;
  }
  return { contacted, positives, reached, reach: positives > 0 ? reached / positives : null };
}

/**
 * Sets the churn result's observed labels (`y`, one per customer; null: none) and the churn
 * headline's reach over its out-of-fold scores, computed here, where the scores are (the analysis
 * worker): on the page, reachAt over 704,300 scores was the longest task of mounting a 100x
 * dashboard (75 ms CPU; bench/longtasks.ts).
 */
export function setActual(churn: ChurnResult, y: Uint8Array | null): void {
  churn.actual = y ?? undefined;
  churn.contactReach = contactReachOf(churn.oof, y);
}

/** The churn headline's reach over out-of-fold scores and labels (none without labels): what setActual
 *  stores, and what an imported file's reach is recomputed with (importSchema.ts). */
export const contactReachOf = (oof: ArrayLike<number>, y: ArrayLike<number> | null | undefined): ContactReach | undefined =>
  y ? { share: CONTACT_SHARE, ...reachAt(oof, y) } : undefined;

/** Per-customer sums of the lifetime models over the analysed customers (NaN: not in the log). */
export function lifetimeTotals(r: AnalysisResult): { n: number; meanAlive: number; likelyGone: number; expected12: number; clv: number } | null {
  const c = r.lifetime?.customersOut;
  if (!c) return null;
  let n = 0, alive = 0, likelyGone = 0, e12 = 0, clv = 0;
  for (let i = 0; i < c.pAlive.length; i++) {
    if (!Number.isFinite(c.pAlive[i])) continue;
    n++;
    alive += c.pAlive[i];
    if (c.pAlive[i] < 0.5) likelyGone++;
    e12 += c.expected12[i];
    clv += c.clv[i];
  }
  return { n, meanAlive: n ? alive / n : 0, likelyGone, expected12: e12, clv };
}

/** the money rule for sentences (format/money.ts) in the analysis's currency */
const moneyOf = (r: AnalysisResult, x: number) => fmtMoneyText(x, r.currency);

/** "1 segment", "3 segments" */
const n = (x: number, one: string, many = `${one}s`) => `${count(x)} ${x === 1 ? one : many}`;

const left = (r: AnalysisResult) => (r.business?.population.flagMeaning === 'will-leave' ? 'who will leave' : 'who left');

function churnLine(r: AnalysisResult): string {
  const ch = r.churn;
  if (!ch) return `No churn model: the ${count(r.rows)} customers in this file have no churn column to learn from.`;
  const y = ch.actual && ch.actual.length === r.rows ? ch.actual : null;
  // the worker's (setActual), else (a result saved before it carried one, or imported) computed here
  const g = !y ? null : ch.contactReach?.share === CONTACT_SHARE ? ch.contactReach : reachAt(ch.oof, y);
  if (!g || g.reach === null) return `The churn model scores each of the ${count(r.rows)} customers; ${pct(ch.positiveRate)} of them churned.`;
  return `Contacting the riskiest ${pct(CONTACT_SHARE, 0)} (${count(g.contacted)} of ${count(r.rows)} customers) reaches ${pct(g.reach, 0)} of the ${count(g.positives)} customers ${left(r)}, tested on customers the model had not seen.`;
}

function overviewLine(r: AnalysisResult): string {
  const b = r.business;
  const rev = b?.revenue;
  const plan = b?.plan;
  if (b && rev && b.money) {
    const keep = plan && plan.money && plan.campaign.targeted > 0 ? `; the plan within your ${moneyOf(r, b.options.budget)} budget is expected to keep customers worth ${moneyOf(r, plan.campaign.saved)}` : '';
    return `${moneyOf(r, rev.atRiskMonthly)} of monthly revenue is at risk from the ${count(b.population.active)} active customers${keep}.`;
  }
  const rate = b?.kpis.churnRate.value ?? r.churn?.positiveRate ?? null;
  if (rate != null) return `${pct(rate)} of your ${count(r.rows)} customers churned.`;
  return `${count(r.rows)} customers analysed${r.segmentation ? ` in ${r.segmentation.k} segments` : ''}.`;
}

function segmentsLine(r: AnalysisResult): string {
  const seg = r.segmentation;
  if (!seg) return `Segmentation did not run on these ${count(r.rows)} customers.`;
  const rated = seg.segments.filter((s) => s.churnRate != null);
  if (rated.length) {
    const worst = rated.reduce((a, s) => ((s.churnRate ?? 0) > (a.churnRate ?? 0) ? s : a));
    return `Your ${count(r.rows)} customers fall into ${seg.k} segments; “${worst.name}” (${count(worst.size)} customers) churns most, at ${pct(worst.churnRate ?? 0)}.`;
  }
  const top = seg.segments.reduce((a, s) => (s.revenueShare > a.revenueShare ? s : a));
  return `Your ${count(r.rows)} customers fall into ${seg.k} segments; “${top.name}” brings the most revenue, ${pct(top.revenueShare)}.`;
}

function retentionLine(r: AnalysisResult): string {
  const all = r.business?.survival.find((c) => c.by === 'all');
  if (!all) return `Retention curves need a tenure column; none of the ${count(r.rows)} customers has one.`;
  const years = r.business?.retentionInYears === true;
  const [m, share] = all.at.m12 != null ? [12, all.at.m12] : all.at.m6 != null ? [6, all.at.m6] : [null, null];
  const half = all.medianLifetime != null ? `half have left ${halfLeftWords(all.medianLifetime, years)}` : 'more than half are still customers at the end of the history';
  return m != null && share != null
    ? `${pct(share, 0)} of customers are still active after ${spanWords(m, years)}; ${half}.`
    : `Of ${count(all.n)} customers, ${half}.`;
}

function revenueLine(r: AnalysisResult): string {
  const b = r.business;
  const plan = b?.plan;
  if (!b || !b.revenue) return `Revenue impact needs churn probabilities and a revenue column; it is not available for these ${count(r.rows)} customers.`;
  if (plan && plan.money)
    return `Your ${moneyOf(r, b.options.budget)} budget pays for offers to the ${count(plan.campaign.targeted)} active customers with the most value to save, expected to keep ${moneyOf(r, plan.campaign.saved)} for a net ${moneyOf(r, plan.campaign.profit)}.`;
  if (plan) return `Your ${moneyOf(r, b.options.budget)} budget pays for offers to ${count(plan.campaign.targeted)} of the ${count(plan.population)} active customers, highest churn risk first.`;
  return `${moneyOf(r, b.revenue.atRiskMonthly)} of monthly revenue is expected to leave.`;
}

function lifetimeLine(r: AnalysisResult): string {
  const t = lifetimeTotals(r);
  if (!r.lifetime) return `Lifetime models apply to purchase logs and to tables that give repeat purchases, recency and customer age; this file has neither (${count(r.rows)} customers).`;
  if (!t) return `The ${r.lifetime.source === 'table' ? 'table' : 'purchase log'} covers ${count(r.rows)} customers; lifetime models were not fitted (see the findings).`;
  return `The ${count(t.n)} customers in the ${r.lifetime.source === 'table' ? 'table' : 'log'} are expected to make ${count(t.expected12)} purchases worth ${moneyOf(r, t.clv)} in the next 12 months; ${count(t.likelyGone)} have probably stopped buying.`;
}

function customersLine(r: AnalysisResult): string {
  const b = r.business;
  const wb = b?.lost && b.lost.winBack.length > 0 ? `; the win-back list holds ${winBackWho(b.lost)}` : '';
  if (b?.plan) return `The call list holds ${count(b.plan.campaign.targeted)} of the ${count(b.population.active)} active customers, ranked by ${b.plan.money ? 'value saved by an offer' : 'churn risk'}${wb}.`;
  return `${count(r.rows)} customers, each with a churn score${wb}.`;
}

function recommendationsLine(r: AnalysisResult): string {
  const b = r.business;
  const recs = b?.recommendations ?? [];
  if (!b || !recs.length) return `No recommendations: they need churn probabilities (${count(r.rows)} customers analysed).`;
  const segs = new Set(recs.map((x) => x.segment)).size;
  if (b.plan && b.plan.money)
    return `The plan spends ${moneyOf(r, b.plan.campaign.cost)} of your ${moneyOf(r, b.options.budget)} budget on ${n(b.plan.campaign.targeted, 'offer')} across ${n(segs, 'segment')}, for an expected net ${moneyOf(r, b.plan.campaign.profit)}.`;
  if (b.plan) return `The plan spends ${moneyOf(r, b.plan.campaign.cost)} of your ${moneyOf(r, b.options.budget)} budget on ${n(b.plan.campaign.targeted, 'offer')} across ${n(segs, 'segment')}; payback unknown: the file has no revenue column.`;
  return `${n(recs.length, 'suggested action')} across ${n(segs, 'segment')}.`;
}

function dataLine(r: AnalysisResult): string {
  const f = r.warnings.length;
  return `${count(r.rows)} customers were analysed from ${count(r.inputRows)} rows; ${f === 0 ? 'the data needed no fixes' : `${n(f, 'finding')} about the data ${f === 1 ? 'is' : 'are'} listed below`}.`;
}

function warehouseLine(r: AnalysisResult): string {
  const m = r.model;
  if (!m) return `No saved model for this analysis (${count(r.rows)} customers): scoring in a warehouse needs a customer table with a churn column.`;
  return `The saved model reads ${count(m.inputs.length)} columns and scores new customers exactly as here, as one SQL query for your warehouse.`;
}

/** The opening sentence of every panel, by panel id (the dashboard's tab ids). */
export function headlines(r: AnalysisResult): Record<PanelId, string> {
  return {
    overview: overviewLine(r),
    segments: segmentsLine(r),
    churn: churnLine(r),
    retention: retentionLine(r),
    revenue: revenueLine(r),
    lifetime: lifetimeLine(r),
    customers: customersLine(r),
    recommendations: recommendationsLine(r),
    data: dataLine(r),
    warehouse: warehouseLine(r),
  };
}
