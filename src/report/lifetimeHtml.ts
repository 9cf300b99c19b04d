/** The report's short lifetime section for transaction logs: BG/NBD + spend model, the back-test,
 *  and the latest revenue movements. Numbers come from result.lifetime; text passes esc. */
import type { AnalysisResult } from '../analysis/result';
import { fmtInt, fmtMoney, fmtPct, fmtScore } from '../analysis/format';
import { esc } from './svg';

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
const sig = (v: number) => Number(v.toPrecision(4)).toString();

/** '' for customer tables; else an h2 section. */
export function lifetimeHtml(r: AnalysisResult, lead = ''): string {
  const lt = r.lifetime;
  if (!lt) return '';
  const parts: string[] = ['<h2>Lifetime value and cohorts</h2>', lead];
  if (lt.model) {
    const p = lt.model.params;
    const s = lt.spend;
    parts.push(
      `<p data-testid="report-lifetime">BG/NBD on ${fmtInt(lt.model.n)} customers (${fmtInt(lt.repeatBuyers)} repeat buyers, ${lt.weeks.toFixed(0)} weeks): r = ${sig(p.r)}, α = ${sig(p.alpha)}, a = ${sig(p.a)}, b = ${sig(p.b)}, log-likelihood ${lt.model.logLik.toFixed(1)}. ` +
        `Spend per purchase: ${s?.method === 'gamma-gamma' && s.model ? `Gamma-Gamma on ${fmtInt(s.model.n)} repeat buyers (p = ${sig(s.model.params.p)}, q = ${sig(s.model.params.q)}, γ = ${sig(s.model.params.gamma)})` : "each customer's own mean spend"}. ` +
        `CLV = ${esc(lt.clvFormula)}. ` +
        (lt.source === 'table' && r.churn ? 'The churn model trained on the churn flag ranks the call list and revenue at risk; P(alive) is shown beside it.</p>' : 'Revenue at risk and the call list use 1 − P(alive).</p>'),
    );
  }
  if (lt.noBacktest) parts.push(`<p>${esc(lt.noBacktest)}</p>`);
  const bt = lt.backtest;
  if (bt)
    parts.push(
      `<p data-testid="report-backtest">Back-test, ${fmtInt(bt.customers)} customers who bought by ${isoDay(bt.calibrationEnd)}, next ${bt.holdoutWeeks.toFixed(0)} weeks: ` +
        `${fmtInt(bt.actual)} actual repeat purchase-days vs ${fmtInt(Math.round(bt.expected))} expected; per-customer mean absolute error ${bt.mae.toFixed(3)} vs ${bt.naiveMae.toFixed(3)} for the naive same-rate forecast.</p>`,
    );
  const rows = lt.movements.slice(-6).map(
    (m) => `<tr><td>${esc(m.month)}</td><td class="n">${fmtMoney(m.revenue, r.currency)}</td><td class="n">${fmtMoney(m.new, r.currency)}</td><td class="n">${fmtMoney(m.expansion, r.currency)}</td><td class="n">${fmtMoney(m.contraction, r.currency)}</td><td class="n">${fmtMoney(m.churned, r.currency)}</td><td class="n">${fmtMoney(m.reactivated, r.currency)}</td><td class="n">${fmtPct(m.nrr)}</td><td class="n">${fmtScore(m.quickRatio, 2)}</td></tr>`,
  );
  if (rows.length > 0)
    parts.push(`<table><thead><tr><th>Month</th><th class="n">Revenue</th><th class="n">New</th><th class="n">Expansion</th><th class="n">Contraction</th><th class="n">Churned</th><th class="n">Reactivated</th><th class="n">NRR</th><th class="n">Quick Ratio</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  for (const w of lt.warnings.filter((x) => x.code.startsWith('lifetime-'))) parts.push(`<p class="muted">${esc(w.message)}</p>`);
  return parts.join('');
}
