/** Per-customer actions from hand-made reasons: the strongest playbook reason decides; others fall back to a named call. */
import { describe, expect, it } from 'vitest';
import { customerActions } from './customerActions';

describe('customerActions', () => {
  it('picks the strongest reason with a playbook entry, else a call about the top reason, else none', () => {
    const reasons = {
      reasonsPerCustomer: 2,
      reasonNames: ['Contract=Month-to-month', 'TechSupport=No', 'NumOfProducts (low)', 'Gender=Male', 'tenure (low)'],
      // customer 0: TechSupport 9 > Contract 4; 1: only a non-playbook reason; 2: nothing raises the risk; 3: products
      reasonFeature: Int16Array.from([0, 1, 3, -1, 4, -1, 2, 3]),
      reasonValue: Float32Array.from([4, 9, 5, 0, -3, 0, 2, 6]),
    };
    const a = customerActions(reasons, 4)!;
    const of = (i: number) => (a.index[i] >= 0 ? a.actions[a.index[i]] : null);
    expect(of(0)).toBe('Offer 3 months of free tech support');
    expect(of(1)).toBe('Personal call (Gender is Male)');
    expect(of(2)).toBeNull();
    expect(of(3)).toBe('Cross-sell a second product with a bundle discount');
    expect(customerActions(null, 4)).toBeNull();
  });
});
