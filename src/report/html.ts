/** The single-file HTML segment report: inline CSS, static SVG charts, no script that runs and no
 *  network (its own CSP forbids both). The result JSON rides along in a non-executed
 *  <script type="application/json"> so the app can re-import the report as a saved analysis. */
import type { AnalysisResult } from '../analysis/result';
import { fmtInt, fmtMoney, fmtMs, fmtPct, fmtScore } from '../analysis/format';

import { affordableCount, callOrder, customerRow, money } from './customers';
import { jsonForScript, REPORT_DATA_ID } from './json';
import { barSvg, esc, lineSvg } from './svg';
import { segmentColor, segmentColorByName } from '../charts/theme';
import { lifetimeHtml } from './lifetimeHtml';
import { headlines } from '../analysis/headlines';
import { retentionCurveMethod } from '../analysis/business/kaplanMeier';
import { lostKpiNote } from '../analysis/business/population';
import { paretoKpiText, paretoPopulation } from '../analysis/business/pareto';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f5f7fb}
main{max-width:1100px;margin:0 auto;padding:32px 24px}h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;border-bottom:1px solid #e5e7eb;padding-bottom:6px}
.muted{color:#6b7280}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px 16px}.kpi .v{font-size:26px;font-weight:700}.kpi .l{color:#6b7280;font-size:13px}
.seg{border-top:4px solid var(--c)}.seg h3{margin:0 0 4px;font-size:16px}.seg dl{display:grid;grid-template-columns:auto auto;gap:2px 12px;margin:8px 0 0}.seg dd{margin:0;text-align:right;font-weight:600}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e5e7eb}th,td{padding:7px 10px;border-bottom:1px solid #eef0f4;text-align:left;vertical-align:top}th{background:#f9fafb;font-size:13px}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
ul.insights li{margin:4px 0}p.lead{font-size:16px;font-weight:600}details.analysts{margin:12px 0}details.analysts summary{cursor:pointer;font-weight:600;color:#2563eb}footer{margin-top:40px;font-size:12px;color:#6b7280}`;

const kpi = (testid: string, label: string, value: string, note = '') =>
  `<div class="card kpi" data-testid="${testid}"><div class="l">${esc(label)}</div><div class="v">${esc(value)}</div>${note ? `<div class="muted">${esc(note)}</div>` : ''}</div>`;

function kpisHtml(r: AnalysisResult): string {
  const k = r.business?.kpis;
  const rev = r.business?.revenue;
  const top20 = paretoKpiText(rev?.pareto ?? { customers: r.rows }); // the page's words (pareto.ts)
  return `<div class="grid">${[
    kpi('kpi-customers', 'Customers analysed', fmtInt(r.rows), r.business?.population ? `${fmtInt(r.business.population.active)} active, ${fmtInt(r.business.population.lost)} already left` : ''),
    kpi('kpi-churn-rate', 'Churn rate', fmtPct(k?.churnRate.value ?? r.churn?.positiveRate), `of all ${fmtInt(r.rows)} customers in the file`),
    kpi('kpi-retention', 'Retention rate', fmtPct(k?.retentionRate.value)),
    kpi('kpi-arpu', 'Average revenue per customer', fmtMoney(k?.arpu.value, r.currency), 'per month'),
    kpi('kpi-clv', 'Customer lifetime value', fmtMoney(k?.clv.value, r.currency), k?.clv.basisText ?? 'per customer'),
    kpi('kpi-revenue-at-risk', 'Revenue at risk', fmtMoney(rev?.atRiskMonthly, r.currency), rev ? `per month ${rev.population ?? ''} · ${fmtMoney(rev.atRiskAnnual, r.currency)} a year` : ''),
    ...(r.business?.lost ? [kpi('kpi-lost', 'Already left', fmtInt(r.business.lost.customers), lostKpiNote(r.business.lost, r.rows, r.currency))] : []),
    kpi('kpi-top20', top20.label, fmtPct(k?.top20RevenueShare.value), top20.note),
  ].join('')}</div>`;
}

function segmentsHtml(r: AnalysisResult): string {
  const seg = r.segmentation;
  if (!seg) return '<p class="muted">No segmentation was run.</p>';
  const cards = seg.segments.map((s) =>
    `<div class="card seg" data-testid="segment-card" style="--c:${segmentColor(s.id)}">` +
    `<h3>${esc(s.name)}</h3><div class="muted">${esc(s.description)}</div><dl>` +
    `<dt>Customers</dt><dd>${fmtInt(s.size)} (${fmtPct(s.share)})</dd><dt>Revenue share</dt><dd>${fmtPct(s.revenueShare)}</dd>` +
    `<dt>Churn rate</dt><dd>${fmtPct(s.churnRate)}</dd></dl></div>`).join('');
  return `<div class="grid">${cards}</div>`;
}

const chartGrid = (charts: string[]) => (charts.length ? `<div class="charts">${charts.map((c) => `<div class="card">${c}</div>`).join('')}</div>` : '');

/** Closed "For analysts" fold, as on the dashboard (a static <details>, no script). */
const analysts = (what: string, body: string) => `<details class="analysts" data-testid="for-analysts"><summary>For analysts: ${esc(what)}</summary>${body}</details>`;

function segmentChartsHtml(r: AnalysisResult): string {
  const seg = r.segmentation;
  if (!seg) return '';
  const charts = [barSvg({ title: 'Customers per segment', labels: seg.segments.map((s) => s.name), colors: seg.segments.map((s) => segmentColor(s.id)), values: seg.segments.map((s) => s.size), format: fmtInt })];
  if (seg.segments.some((s) => s.churnRate != null))
    charts.push(barSvg({ title: 'Churn rate by segment', labels: seg.segments.map((s) => s.name), colors: seg.segments.map((s) => segmentColor(s.id)), values: seg.segments.map((s) => s.churnRate ?? 0), format: (v) => fmtPct(v) }));
  return chartGrid(charts) + analysts('how the segments were chosen', `<p>${fmtInt(seg.k)} segments (${esc(seg.method)}; silhouette ${fmtScore(seg.silhouette)}); ${fmtInt(seg.outliers)} DBSCAN outliers.</p>`);
}

function retentionChartsHtml(r: AnalysisResult): string {
  const km = (r.business?.survival ?? []).filter((c) => c.by === 'segment');
  const color = segmentColorByName(r.segmentation);
  const years = r.business?.retentionInYears === true; // tenure in whole years: the axis counts years
  return km.length ? chartGrid([lineSvg({ title: 'Retention by segment', xLabel: years ? 'Years as customer' : 'Months as customer', yMax: 1, step: true, yFormat: (v) => fmtPct(v, 0), series: km.map((c) => ({ name: c.group, color: color(c.group), x: years ? c.times.map((t) => t / 12) : c.times, y: c.survival })) })]) + analysts('how the curves are drawn', `<p>${esc(retentionCurveMethod(r.kind))}</p>`) : '';
}

function revenueChartsHtml(r: AnalysisResult): string {
  const rev = r.business?.revenue;
  if (!rev) return '';
  const color = segmentColorByName(r.segmentation);
  const pareto = paretoPopulation(rev.pareto);
  return chartGrid([
    barSvg({ title: 'Monthly revenue at risk by segment', labels: rev.bySegment.map((b) => b.segment), colors: rev.bySegment.map((b) => color(b.segment)), values: rev.bySegment.map((b) => b.atRiskMonthly), format: (v: number) => fmtMoney(v, r.currency) }),
    lineSvg({ title: `Share of ${pareto.basis} from the top customers (${pareto.who})`, xLabel: `Share of customers, highest ${pareto.basis} first (%)`, yMax: 1, yFormat: (v) => fmtPct(v, 0), series: [{ name: `Share of ${pareto.basis}`, x: rev.pareto.customerShare.map((x) => x * 100), y: rev.pareto.revenueShare }] }),
  ]);
}

function churnHtml(r: AnalysisResult): string {
  const ch = r.churn;
  const best = ch?.models.find((m) => m.name === ch.best);
  if (!ch || !best) return '';
  return analysts('the churn model', `<p>${esc(best.label)}, ROC AUC ${fmtScore(best.cvRocAuc.mean)} ± ${fmtScore(best.cvRocAuc.sd)} over ${ch.folds} cross-validation folds (customers the model did not see), PR AUC ${fmtScore(best.prAuc)}, Brier ${fmtScore(best.brier)}.</p>`);
}

function recommendationsHtml(r: AnalysisResult): string {
  const recs = r.business?.recommendations ?? [];
  if (!recs.length) return '<p class="muted">No recommendations.</p>';
  return `<table><thead><tr><th>Segment</th><th>Action</th><th>Why</th><th class="n">Customers</th><th class="n">Cost</th><th class="n">Expected return</th><th class="n">Net</th></tr></thead><tbody>${recs
    .map((x) => `<tr><td>${esc(x.segment)}</td><td>${esc(x.action)}</td><td>${esc(x.rationale)}</td><td class="n">${fmtInt(x.customers)}</td><td class="n">${fmtMoney(x.cost, r.currency)}</td><td class="n">${x.valueKnown === false ? 'unknown' : fmtMoney(x.expectedReturn, r.currency)}</td><td class="n">${x.valueKnown === false ? 'unknown' : fmtMoney(x.net, r.currency)}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** Active vs lost: who already left, what they took, how they differ, who to win back. */
function lostHtml(r: AnalysisResult, max = 25): string {
  const b = r.business;
  if (!b?.population) return '';
  const lost = b.lost;
  const diffs = (lost?.differences ?? []).map((d) => `<li>${esc(d.text)}</li>`).join('');
  const wb = (lost?.winBack ?? []).slice(0, max).map((i, k) => {
    const c = customerRow(r, i);
    return `<tr><td class="n">${k + 1}</td><td>${esc(c.id)}</td><td>${esc(c.segment)}</td><td>${esc(c.reasons)}</td></tr>`;
  }).join('');
  return `<h3>Active and lost customers</h3><div class="card" data-testid="lost-customers"><p>${esc(b.population.note)}</p>` +
    (lost ? `<p><strong>${esc(lost.summary)}</strong></p>${diffs ? `<p>How they differ from active customers:</p><ul>${diffs}</ul>` : ''}` : '') + '</div>' +
    (wb ? `<h3>Win-back list (customers who left, highest monthly revenue first)</h3><table><thead><tr><th class="n">#</th><th>Customer</th><th>Segment</th><th>Top reasons (↑ raises the risk, ↓ lowers it)</th></tr></thead><tbody>${wb}</tbody></table>` : '');
}

function callListHtml(r: AnalysisResult, max = 25): string {
  if (!r.churn) return '';
  const m = money(r);
  const order = callOrder(r);
  const rows: string[] = [];
  for (let k = 0; k < Math.min(max, affordableCount(r), order.length); k++) {
    const c = customerRow(r, order[k]);
    rows.push(`<tr><td class="n">${k + 1}</td><td>${esc(c.id)}</td><td>${esc(c.segment)}</td><td class="n">${fmtPct(c.probability)}</td>${m ? `<td class="n">${fmtMoney(c.clv, r.currency)}</td><td class="n">${fmtMoney(c.expectedValueSaved, r.currency)}</td>` : ''}<td>${esc(c.reasons)}</td><td>${esc(c.action)}</td></tr>`);
  }
  const plan = r.business?.plan;
  return `<h3>Who to call first</h3>${plan ? `<p>${esc(plan.verdict)}</p>` : ''}<table><thead><tr><th class="n">#</th><th>Customer</th><th>Segment</th><th class="n">Churn risk</th>${m ? '<th class="n">CLV</th><th class="n">Value saved</th>' : ''}<th>Top reasons (↑ raises the risk, ↓ lowers it)</th><th>Suggested action</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function provenanceHtml(r: AnalysisResult, generatedAt: Date): string {
  const timing = Object.entries(r.timingsMs).filter(([k]) => !k.includes('.')).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ');
  const o = r.options;
  const items: [string, string][] = [
    ['File', r.fileName], ['Customers analysed', fmtInt(r.rows)], ['Rows in file', fmtInt(r.inputRows)], ['Table kind', r.kind === 'customers' ? 'One row per customer' : 'Transaction log'],
    ['Analysis date', new Date(r.createdAt).toUTCString()], ['Report generated', generatedAt.toUTCString()],
    ...Object.entries(r.roles).map(([role, col]) => [`Column used as ${role}`, String(col)] as [string, string]),
    ...(o.ignore?.length ? [['Columns set to Ignore', o.ignore.join(', ')] as [string, string]] : []),
  ];
  const warnings = r.warnings.length
    ? `<h3>Data findings</h3><table><thead><tr><th>Finding</th><th>Column</th><th class="n">Count</th></tr></thead><tbody>${r.warnings.map((w) => `<tr><td>${esc(w.message)}</td><td>${esc(w.column ?? '')}</td><td class="n">${fmtInt(w.count)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const tech = analysts('compute backend, random seed, time per stage', `<p>Compute backend ${esc(r.backend)}; random seed ${esc(String(o.seed))}${o.folds ? `; ${o.folds} cross-validation folds` : ''}${o.k ? `; ${o.k} segments chosen by you` : ''}. Time per stage: ${esc(timing)}.</p>`);
  return `<table><tbody>${items.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>${warnings}${tech}`;
}

/** The complete report as one HTML string. */
export function buildReportHtml(r: AnalysisResult, generatedAt = new Date()): string {
  const insights = (r.business?.insights ?? []).map((i) => `<li>${esc(i.text)}</li>`).join('');
  // the same sentences, in the same order, as the dashboard's panels
  const h = headlines(r);
  const lead = (text: string) => `<p class="lead" data-testid="report-lead">${esc(text)}</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Customer report – ${esc(r.fileName)}</title><style>${CSS}</style></head>
<body><main><header><h1>Customer segmentation &amp; churn report</h1><div class="muted">${esc(r.fileName)} · ${fmtInt(r.rows)} customers · ${esc(new Date(r.createdAt).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }))}</div></header>
<h2>Overview</h2>${lead(h.overview)}${kpisHtml(r)}${insights ? `<h3>What stands out</h3><ul class="insights">${insights}</ul>` : ''}
<h2>Segments</h2>${lead(h.segments)}${segmentsHtml(r)}${segmentChartsHtml(r)}
${r.churn ? `<h2>Churn model</h2>${lead(h.churn)}${churnHtml(r)}` : ''}
<h2>Retention</h2>${lead(h.retention)}${retentionChartsHtml(r)}
<h2>Revenue impact</h2>${lead(h.revenue)}${revenueChartsHtml(r)}
${lifetimeHtml(r, lead(h.lifetime))}
<h2>Customers</h2>${lead(h.customers)}${callListHtml(r)}${lostHtml(r)}
<h2>Recommendations</h2>${lead(h.recommendations)}${recommendationsHtml(r)}
<h2>Data and method</h2>${lead(h.data)}${provenanceHtml(r, generatedAt)}
<footer>Made with Retention Studio, entirely in the browser: no data left the computer it was analysed on.</footer></main>
<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(r)}</script></body></html>`;
}
