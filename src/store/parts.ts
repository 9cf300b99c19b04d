/**
 * Big typed arrays of a result stored as records of their own. One IndexedDB put structured-clones
 * its whole value in one main-thread task: a 100x Telco result (~50 MB of typed arrays) took
 * ~250 ms. Split into a light result record plus one record per large array, each put is its own
 * task (the next put is issued from the previous one's success event, same transaction).
 */
import type { AnalysisResult } from '../analysis/result';

/** Arrays at least this big (bytes) are stored as separate part records. */
export const PART_MIN_BYTES = 1 << 20;

export type Part = { path: string[]; data: ArrayBufferView };

/** The key of a result's part `path` ("<id>\u0000churn.probability"); all sort after `id`. */
export const partKey = (id: string, path: readonly string[]): string => `${id}\u0000${path.join('.')}`;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The result with its large typed arrays (plain-object fields up to depth 3) taken out, and those
 *  arrays. The input is not modified: objects on the way to a part are shallow copies. */
export function takeParts(result: AnalysisResult): { light: AnalysisResult; parts: Part[] } {
  const parts: Part[] = [];
  const walk = (o: Record<string, unknown>, path: string[]): Record<string, unknown> => {
    let copy: Record<string, unknown> | null = null;
    for (const k of Object.keys(o)) {
      const v = o[k];
      let next: unknown = v;
      if (ArrayBuffer.isView(v) && v.byteLength >= PART_MIN_BYTES) {
        parts.push({ path: [...path, k], data: v });
        next = null;
      } else if (isPlain(v) && path.length < 3) next = walk(v, [...path, k]);
      if (next !== v) (copy ??= { ...o })[k] = next;
    }
    return copy ?? o;
  };
  const light = walk(result as unknown as Record<string, unknown>, []) as unknown as AnalysisResult;
  return { light, parts };
}

/** The result with `parts` put back at their paths (shallow copies on the way; input untouched). */
export function putParts(result: AnalysisResult, parts: readonly Part[]): AnalysisResult {
  const set = (o: Record<string, unknown>, path: readonly string[], data: ArrayBufferView): Record<string, unknown> => {
    const [k, ...rest] = path;
    return { ...o, [k]: rest.length === 0 ? data : set((o[k] ?? {}) as Record<string, unknown>, rest, data) };
  };
  let r = result as unknown as Record<string, unknown>;
  for (const p of parts) r = set(r, p.path, p.data);
  return r as unknown as AnalysisResult;
}
