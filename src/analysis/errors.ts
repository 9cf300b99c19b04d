/**
 * The one error class of the engine, for programmer errors and invalid input at a
 * public door (STYLE.md habit 3). Across the worker boundary match on `code`, never
 * on `instanceof` (structured clone keeps name and message only).
 */
export class AnalysisError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/** The failure code of an analysis that a later call stopped (engine.ts): a newer run took its place. */
export const STOPPED_CODE = 'stopped';
