/** The Churn panel's threshold slider (0.05..0.95 in steps of 0.01). */
export const SLIDER = { min: 0.05, max: 0.95 } as const;

/** The model's decision threshold on the slider: rounded down to a step, so every customer the model flags
 *  at its threshold is still flagged (0.9556 rounded to 0.96 flagged nobody), and kept on the slider's range. */
export function sliderThreshold(t: number): number {
  if (!Number.isFinite(t)) return SLIDER.max;
  const down = Math.floor(t * 100 + 1e-9) / 100;
  return Math.min(SLIDER.max, Math.max(SLIDER.min, down));
}
