/**
 * Stage progress of a load or an analysis, in words. Progress messages arrive far more often
 * than frames: the latest per stage is kept and applied once per animation frame, so the page
 * re-renders at most once a frame.
 */
import type { Progress } from '../analysis/types';

export interface StageProgress {
  stage: string;
  fraction: number;
  detail: string;
}

export const STAGE_LABELS: Record<string, string> = {
  parse: 'Reading the file',
  clean: 'Cleaning and preparing the data',
  segmentation: 'Finding customer segments',
  churn: 'Testing the churn models',
  business: 'Computing business figures',
};
export const ANALYSIS_STAGES = ['clean', 'segmentation', 'churn', 'business'];

const MODEL_WORDS: Record<string, string> = { logistic: 'simple model', gbdt: 'boosted trees', forest: 'random forest', mlp: 'neural network' };

/** The engine's short progress detail in words: "mlp fold 2/5" -> "round 2 of 5 (neural network)". */
export function detailInWords(stage: string, detail: string): string {
  const fold = /^(\w+) fold (\d+)\/(\d+)$/.exec(detail);
  if (fold) return `round ${fold[2]} of ${fold[3]} (${MODEL_WORDS[fold[1]] ?? fold[1]})`;
  const final = /^(\w+) final$/.exec(detail);
  if (final) return `scoring every customer (${MODEL_WORDS[final[1]] ?? final[1]})`;
  const k = /^k=(\d+)$/.exec(detail);
  if (k) return stage === 'segmentation' ? `trying ${k[1]} segments` : detail;
  if (detail === 'silhouette') return 'comparing the segmentings';
  if (detail === 'outliers') return 'looking for unusual customers';
  if (detail === 'profiles') return 'describing each segment';
  if (detail === 'done') return '';
  return detail;
}

export class StageProgressState {
  stages = $state<StageProgress[]>([]);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a buffer, deliberately not reactive
  private pending = new Map<string, { token: number; entry: StageProgress }>();
  private frame = false;

  /** `current()` is the flow's token: messages of an older run are dropped. */
  constructor(private current: () => number) {}

  /** A progress callback for the run with this token. */
  listener(token: number): (p: Progress) => void {
    return (p) => {
      if (token !== this.current()) return;
      this.pending.set(p.stage, { token, entry: { stage: p.stage, fraction: p.fraction, detail: p.detail ?? '' } });
      if (this.frame) return;
      this.frame = true;
      const flush = () => {
        this.frame = false;
        for (const { token: t, entry } of this.pending.values()) {
          if (t !== this.current()) continue;
          const i = this.stages.findIndex((s) => s.stage === entry.stage);
          if (i >= 0) this.stages[i] = entry;
          else this.stages.push(entry);
        }
        this.pending.clear();
      };
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
      else setTimeout(flush, 16);
    };
  }

  reset(names: string[]): void {
    this.pending.clear();
    this.stages = names.map((stage) => ({ stage, fraction: 0, detail: '' }));
  }
}
