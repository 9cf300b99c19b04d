/**
 * Big typed arrays of a result stored as records of their own. One IndexedDB put structured-clones
 * its whole value in one main-thread task: a 100x Telco result (~50 MB of typed arrays) took
 * ~250 ms. Split into a light result record plus one record per large array, each put is its own
 * task (the next put is issued from the previous one's success event, same transaction).
 */
import type { AnalysisResult } from '../analysis/result';

/** Arrays at least this big (bytes) are stored as separate part records. At 1 MB a 10x Telco result
 *  (70,430 customers) kept all its per-customer arrays (0.14-0.85 MB each, ~5 MB) in the result record,
 *  whose put was the longest main-thread task from the pick to the saved dashboard (34-43 ms CPU,
 *  86-129 ms wall under load, bench/longtasks.ts); at 128 KB they are ten parts of their own. A 1x
 *  result's arrays (<= 85 KB) stay in the record as before. */
export const PART_MIN_BYTES = 1 << 17;

export type Part = { path: string[]; data: ArrayBufferView };

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

/** A record holds at most this many bytes of one array (or characters of the packed ids): an
 *  IndexedDB put clones its record in one main-thread task, ~15 ms a MB here, so one 8 MB array
 *  of a 100x Telco result was a 130 ms task. */
export const CHUNK_BYTES = 1 << 20;

type Typed = ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number; subarray(a: number, b: number): Typed; slice(): Typed; set(a: ArrayLike<number>, o: number): void };

const perChunk = (t: Typed, bytes: number) => Math.max(1, Math.floor(bytes / t.BYTES_PER_ELEMENT));

/** How many chunks of at most `bytes` an array makes. */
export function chunkCount(data: ArrayBufferView, bytes = CHUNK_BYTES): number {
  const t = data as Typed;
  return Math.max(1, Math.ceil(t.length / perChunk(t, bytes)));
}

/** Chunk `c` of an array: the array itself when it is one chunk, else a copy (a cloned view would
 *  carry its whole buffer). Made one at a time, just before its put, so no task copies them all. */
export function chunkAt(data: ArrayBufferView, c: number, bytes = CHUNK_BYTES): ArrayBufferView {
  const t = data as Typed;
  const per = perChunk(t, bytes);
  if (t.length <= per) return data;
  return t.subarray(c * per, Math.min(t.length, (c + 1) * per)).slice();
}

/** One array from its chunks (the type of the first). */
export function joinChunks(chunks: readonly ArrayBufferView[]): ArrayBufferView {
  if (chunks.length === 1) return chunks[0];
  const first = chunks[0] as Typed;
  const n = chunks.reduce((s, c) => s + (c as Typed).length, 0);
  const out = new (first.constructor as new (n: number) => Typed)(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c as unknown as ArrayLike<number>, o);
    o += (c as Typed).length;
  }
  return out;
}

/** A long string in pieces of at most `max` characters. */
export function splitString(s: string, max = CHUNK_BYTES): string[] {
  const out: string[] = [];
  for (let a = 0; a < s.length; a += max) out.push(s.slice(a, a + max));
  return out.length ? out : [''];
}
