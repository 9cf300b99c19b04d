/**
 * Harrell's concordance index for right-censored times: over comparable pairs (i left at time
 * t_i and j was still a customer after t_i; a censored j at the same time counts, as in
 * scikit-survival's concordance_index_censored), the share where i has the higher risk score;
 * tied scores count one half. 0.5 = random ranking, 1 = perfect.
 */
import { AnalysisError } from '../errors';

export function harrellC(time: ArrayLike<number>, event: ArrayLike<number>, risk: ArrayLike<number>): { cIndex: number; pairs: number } {
  const n = time.length;
  if (event.length !== n || risk.length !== n) throw new AnalysisError('survival/bad-input', `harrellC: time, event and risk need equal lengths (${n}, ${event.length}, ${risk.length})`);
  let conc = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    if (!event[i]) continue;
    const ti = time[i];
    const ri = risk[i];
    for (let j = 0; j < n; j++) {
      const tj = time[j];
      if (!(tj > ti || (tj === ti && !event[j]))) continue;
      pairs++;
      if (ri > risk[j]) conc++;
      else if (ri === risk[j]) conc += 0.5;
    }
  }
  return { cIndex: pairs > 0 ? conc / pairs : NaN, pairs };
}
