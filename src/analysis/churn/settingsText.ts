/** The model table's settings line per model (ModelReport.settings), in words: what each fold's model used or chose. */
import type { ModelReport } from './types';

const NAMES: Record<string, string> = { depth: 'depth', learningRate: 'learning rate', minLeafWeight: 'minimum leaf weight', trees: 'trees', C: 'ridge C' };

/** "fold 1: depth 2, learning rate 0.2, minimum leaf weight 1, trees 42; fold 2: ..." or null when the model has no settings. */
export function settingsText(m: Pick<ModelReport, 'settings'>): string | null {
  const s = m.settings;
  if (!s || s.every((x) => !x)) return null;
  const one = (x: Record<string, number>) =>
    Object.entries(x)
      .map(([k, v]) => `${NAMES[k] ?? k} ${v}`)
      .join(', ');
  return s.map((x, f) => `fold ${f + 1}: ${x ? one(x) : '-'}`).join('; ');
}
