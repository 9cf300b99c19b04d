/** scores.csv: one row per customer of a file scored with a saved model (formula prefixes neutralised by toCsv). */
import type { SavedModel } from './types';
import type { Scored } from './score';
import { toCsv } from '../csvCells';

/** The scored customers as CSV: id, segment, churn probability, lifetime value, top-3 reasons. */
export function scoresCsv(model: SavedModel, s: Pick<Scored, 'n' | 'ids' | 'segment' | 'probability' | 'clv' | 'reasons'>): string {
  const R = s.reasons?.reasonsPerCustomer ?? 0;
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < s.n; i++) {
    const reasons: string[] = [];
    for (let r = 0; r < R; r++) {
      const f = s.reasons!.reasonFeature[i * R + r];
      if (f >= 0) reasons.push(s.reasons!.reasonNames[f]);
    }
    rows.push([
      s.ids[i],
      s.segment ? s.segment[i] : null,
      s.segment && model.segmentation ? model.segmentation.names[s.segment[i]] : null,
      s.probability ? Number(s.probability[i].toPrecision(12)) : null,
      s.clv ? Math.round(s.clv[i] * 100) / 100 : null,
      reasons.join('; '),
    ]);
  }
  // the money column names its currency, as the analysis's own exports do (clv_usd)
  const clvColumn = `lifetime_value_${(model.clv?.currency ?? 'USD').toLowerCase()}`;
  return toCsv(['customer_id', 'segment', 'segment_name', 'churn_probability', clvColumn, 'top_reasons'], rows);
}
