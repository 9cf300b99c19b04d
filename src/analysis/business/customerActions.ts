/**
 * A suggested action per customer from that customer's own top churn reasons (not the segment's
 * sentence on every row): the strongest reason that raises the risk and has a playbook entry
 * decides, e.g. a month-to-month contract leads to a contract offer, no tech support to a support
 * bundle. Reasons are the scoring model's names ("Contract=Month-to-month", "tenure (low)").
 */
import type { CustomerReasons } from '../churn/types';
import { reasonWords } from '../format';

/** Reason pattern -> action, first match wins for a reason; matched case-insensitively on the reason name. */
export const PLAYBOOK: { when: RegExp; action: string }[] = [
  { when: /contract\s*=\s*month.?to.?month/i, action: 'Offer a discounted 12-month contract' },
  { when: /tech.?support\s*=\s*no$/i, action: 'Offer 3 months of free tech support' },
  { when: /online.?security\s*=\s*no$/i, action: 'Offer the security add-on free for 3 months' },
  { when: /payment.*=.*electronic/i, action: 'Move to automatic payment with a one-off bill credit' },
  { when: /internet.*=.*fib/i, action: 'Check their fiber service quality and review speed for price' },
  { when: /(monthly|charge|price|spend|amount|balance).*\(high\)$/i, action: 'Review price versus value: a bundle, not a price cut' },
  { when: /(tenure|months|since|age of account).*\(low\)$/i, action: 'Onboarding call: setup help and a first-year check-in' },
  { when: /(login|activity|usage|visit|frequen|active).*\(low\)$/i, action: 'Re-engage: show unused features and send a usage nudge' },
  { when: /product.*\(low\)$/i, action: 'Cross-sell a second product with a bundle discount' },
  { when: /recency.*\(high\)$/i, action: 'Win-back offer on their next purchase' },
];

export interface CustomerActions {
  /** distinct action texts */
  actions: string[];
  /** per customer: index into actions, -1 when the customer has no reason that raises the risk */
  index: Int16Array;
}

/** Per-customer actions from the compact reasons; a reason with no playbook entry gives a call naming it in words,
 *  "Personal call (Monetary is high)" (format/groups.ts reasonWords; `yesNoCols`: 0/1 columns, "SeniorCitizen: yes"). */
export function customerActions(reasons: CustomerReasons | null, n: number, yesNoCols: ReadonlySet<string> = new Set()): CustomerActions | null {
  if (!reasons || reasons.reasonsPerCustomer <= 0) return null;
  const R = reasons.reasonsPerCustomer;
  const actions: string[] = [];
  const byText = new Map<string, number>();
  // per reason name: its action index (computed once per name)
  const ofName = reasons.reasonNames.map((name) => {
    const text = PLAYBOOK.find((p) => p.when.test(name))?.action ?? `Personal call (${reasonWords(name, yesNoCols)})`;
    let k = byText.get(text);
    if (k === undefined) { k = actions.length; actions.push(text); byText.set(text, k); }
    return { k, playbook: PLAYBOOK.some((p) => p.when.test(name)) };
  });
  const index = new Int16Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -1, bestV = 0, fallback = -1, fallbackV = 0;
    for (let j = 0; j < R; j++) {
      const f = reasons.reasonFeature[i * R + j];
      const v = reasons.reasonValue[i * R + j];
      if (f < 0 || f >= ofName.length || !(v > 0)) continue;
      if (ofName[f].playbook && v > bestV) { best = ofName[f].k; bestV = v; }
      if (v > fallbackV) { fallback = ofName[f].k; fallbackV = v; }
    }
    index[i] = best >= 0 ? best : fallback;
  }
  return { actions, index };
}
