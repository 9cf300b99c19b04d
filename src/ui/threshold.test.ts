import { describe, expect, it } from 'vitest';
import { confusionAt } from '../analysis/churn/evaluation/metrics';
import { sliderThreshold } from './threshold';

describe("the Churn panel's threshold slider", () => {
  it('starts at the model threshold rounded down, so the customers it flags stay flagged', () => {
    // CDNOW's profit threshold: the one customer at 0.9556 was flagged by the model, and by nobody at 0.96
    const p = [0.9556, 0.5, 0.2], y = [1, 1, 0];
    expect(sliderThreshold(0.9556)).toBe(0.95);
    expect(confusionAt(p, y, sliderThreshold(0.9556)).flagged).toBe(1);
    expect(sliderThreshold(0.29)).toBe(0.29); // a step stays itself (0.29 * 100 = 28.999999999999996)
    expect(sliderThreshold(0.991)).toBe(0.95); // the slider's end
    expect(sliderThreshold(0.01)).toBe(0.05);
    expect(sliderThreshold(Infinity)).toBe(0.95);
  });
});
