/** The churn window's label against the lifetime model and the churn model (transaction logs): one
 *  comparison, made for the first result and again when the model choice changes (rechoice.ts). */
import type { AnalysisOptions } from '../types';
import type { ChurnResult } from '../churn/types';
import { churnScoreAt, type LifetimeResult, type PurchaseLog } from './index';
import { rocAuc } from '../churn/evaluation/metrics';

/** The window label ranked by 1 - P(alive) (BG/NBD fitted before the cutoff only) and by the churn
 *  model's out-of-fold scores: both out of sample, on the same customers. */
export function compareOnWindow(log: PurchaseLog, frame: { ids: string[]; y: Uint8Array | null }, churn: ChurnResult | null, lt: LifetimeResult, opts: AnalysisOptions) {
  const given = opts.churnCutoff ? Math.floor(Date.parse(opts.churnCutoff) / 86_400_000) : NaN;
  const cutoff = Number.isFinite(given) ? given : lt.lastDay - (lt.window?.days ?? 90);
  const at = churnScoreAt(log, frame.ids, cutoff, opts.seed);
  if (!at || !frame.y) return null;
  const { score, repeat } = at;
  const oof = churn?.oof ?? null;
  const withOof = oof && oof.length === frame.ids.length ? oof : null;
  const aucs = (keep: number[]) => {
    const y = Uint8Array.from(keep, (i) => frame.y![i]);
    if (keep.length < 2 || y.every((v) => v === y[0])) return null;
    return {
      customers: keep.length,
      aucAlive: rocAuc(Float64Array.from(keep, (i) => score[i]), y),
      aucModel: withOof ? rocAuc(Float64Array.from(keep, (i) => withOof[i]), y) : null,
    };
  };
  const keep: number[] = [];
  score.forEach((v, i) => Number.isFinite(v) && keep.push(i));
  const all = aucs(keep);
  if (!all) return null;
  return { ...all, model: oof ? churn!.best : null, repeatBuyers: aucs(keep.filter((i) => repeat[i] === 1)) };
}
