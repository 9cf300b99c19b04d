/**
 * How a result is written to and read from the `results` store: its customer ids packed into one
 * string, its large typed arrays as part records (parts.ts), both in chunks of at most CHUNK_BYTES.
 * Structured-cloning 70,000 small id strings held the main thread ~30 ms per save, one string
 * ~1 ms; records without packed ids (older saves) keep `result.ids` as an array and load the same.
 */
import type { AnalysisResult } from '../analysis/result';
import { upgradeResult } from '../analysis/resultUpgrade';
import type { StoredResult } from './schema';
import { IDS_PATH, chunkKey } from './keys';
import { CHUNK_BYTES, chunkAt, chunkCount, joinChunks, putParts, splitString, takeParts, type Part } from './parts';

const ID_SEP = '\u0000';

/** The customer ids joined for storage, or null when they stay an array (few ids, or an id holding the separator). */
export function packIds(ids: readonly string[]): string | null {
  if (ids.length < 1000 || ids.some((x) => x.includes(ID_SEP))) return null;
  return ids.join(ID_SEP);
}

/** The record to store for a result. `packedIds`: the ids already joined by U+0000 (the worker
 *  sends them so: saving then skips checking and joining 700,000 ids on the main thread). */
export function packResult(id: string, result: AnalysisResult, packedIds?: string): StoredResult {
  const packed = packedIds ?? packIds(result.ids);
  return packed === null ? { id, result } : { id, result: { ...result, ids: [] }, packedIds: packed };
}

/** The result of a stored record (inverse of packResult). */
export function unpackResult(row: StoredResult): AnalysisResult {
  return row.packedIds === undefined ? row.result : { ...row.result, ids: row.packedIds.split(ID_SEP) };
}

type Put = (row: StoredResult) => Promise<unknown>;
type Get = (key: string) => Promise<StoredResult | undefined>;

/** The part and id chunk records a committed save wrote: record key -> the array it was cut from
 *  (held weakly, compared by identity) or the text it holds. */
export type Written = Map<string, WeakRef<ArrayBufferView> | string>;

/** What the store holds from its last committed save of this analysis, to write only what changed:
 *  a refined result keeps its per-customer arrays (applyPatch copies only the objects on its paths),
 *  so its save rewrites the result record and not ~50 MB of unchanged 100x chunks (issue 19: each
 *  put clones its chunk, and the second full save was at the 100x memory peak). `has` checks that
 *  the record is still there (another tab may have deleted the analysis). */
export interface Before {
  written: Written;
  has(key: string): Promise<boolean>;
}

const holds = (w: WeakRef<ArrayBufferView> | string | undefined, data: ArrayBufferView | string): boolean =>
  w !== undefined && (typeof w === 'string' ? w === data : w.deref() === data);

/** Writes a result record and its part and id chunk records, one put at a time (each issued from
 *  the previous one's success event: its own short main-thread task); with `before`, chunk records
 *  that already hold the same array's chunk or the same text are left as they are. Returns what the
 *  chunk records now hold (for the next save's `before`, once this transaction has committed). */
export async function writeResult(put: Put, id: string, result: AnalysisResult, packedIds?: string, before?: Before): Promise<Written> {
  const { light, parts } = takeParts(result);
  const row: StoredResult = { ...packResult(id, light, packedIds), parts: parts.map((p) => p.path), chunks: parts.map((p) => chunkCount(p.data)) };
  let idText: string[] = [];
  if (row.packedIds !== undefined && row.packedIds.length > CHUNK_BYTES) {
    idText = splitString(row.packedIds);
    delete row.packedIds;
    row.idChunks = idText.length;
  }
  await put(row);
  const written: Written = new Map();
  const none = null as unknown as AnalysisResult;
  const same = async (key: string, data: ArrayBufferView | string) => !!before && holds(before.written.get(key), data) && (await before.has(key));
  for (const [i, p] of parts.entries())
    for (let c = 0; c < row.chunks![i]; c++) {
      const key = chunkKey(id, p.path, c);
      if (!(await same(key, p.data))) await put({ id: key, result: none, data: chunkAt(p.data, c) });
      written.set(key, new WeakRef(p.data));
    }
  for (const [c, text] of idText.entries()) {
    const key = chunkKey(id, IDS_PATH, c);
    if (!(await same(key, text))) await put({ id: key, result: none, text });
    written.set(key, text);
  }
  return written;
}

/** Reads a result back from its record `row` and its part and chunk records; null when one is missing. */
export async function readResult(get: Get, id: string, row: StoredResult): Promise<AnalysisResult | null> {
  if (row.idChunks) {
    const text: string[] = [];
    for (let c = 0; c < row.idChunks; c++) {
      const r = await get(chunkKey(id, IDS_PATH, c));
      if (typeof r?.text !== 'string') return null; // an incomplete record: treat as missing
      text.push(r.text);
    }
    row = { ...row, packedIds: text.join('') };
  }
  const result = unpackResult(row);
  if (!row.parts?.length) return upgradeResult(result);
  const parts: Part[] = [];
  for (const [i, path] of row.parts.entries()) {
    const got: ArrayBufferView[] = [];
    for (let c = 0; c < (row.chunks?.[i] ?? 1); c++) {
      const part = await get(chunkKey(id, path, c));
      if (!part?.data) return null; // an incomplete record: treat as missing
      got.push(part.data);
    }
    parts.push({ path, data: joinChunks(got) });
  }
  return upgradeResult(putParts(result, parts));
}
