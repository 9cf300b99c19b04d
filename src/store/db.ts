/**
 * IndexedDB persistence (idb). Stores, by id:
 *  - analyses: light metadata shown in the Saved analyses list (name, file, rows, date, settings)
 *  - results:  the full AnalysisResult of each analysis (typed arrays kept as typed arrays)
 *  - files:    the original uploaded Blob/text, so an analysis can be re-run (e.g. with another K)
 *  - recipes:  column mappings keyed by the file header, reused for files with the same columns
 * Versions: v1 kept {meta..., result} together in `analyses`; v2 splits results out and adds
 * files and recipes. Every write is one transaction: a failed write (quota) loses nothing saved.
 * A result's customer ids are stored as one joined string (`packedIds`): structured-cloning 70,000
 * small strings held the main thread ~30 ms per save, one string ~1 ms. Records without it (older
 * saves) keep `result.ids` as an array; both load the same.
 */
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnalysisResult } from '../analysis/result';
import type { AnalysisOptions, ColumnType, Role, TableKind } from '../analysis/types';
import { CHUNK_BYTES, chunkAt, chunkCount, chunkKey, joinChunks, putParts, splitString, takeParts, type Part } from './parts';

export const DB_NAME = 'retention-studio';
export const DB_VERSION = 2;
export const STORES = { analyses: 'analyses', results: 'results', files: 'files', recipes: 'recipes' } as const;

/** Where an analysis' data came from (what a re-run needs). */
export type SourceRef =
  | { type: 'file'; fileName: string }
  | { type: 'demo'; seed: number; rows: number }
  | { type: 'report'; fileName: string };

export interface SavedMeta {
  id: string;
  name: string;
  fileName: string;
  rows: number;
  kind: TableKind;
  createdAt: string;
  churnRate: number | null;
  segments: number | null;
  options: AnalysisOptions;
  source: SourceRef;
}

export interface StoredFile {
  id: string;
  fileName: string;
  data: Blob | string;
}

export interface Recipe {
  /** the header joined with U+0001 */
  key: string;
  header: string[];
  kind?: TableKind;
  roles: Partial<Record<Role, string | null>>;
  /** the user's column types (changed ones only); recipes saved before types could be changed may lack it */
  types: Record<string, ColumnType>;
  savedAt: string;
}

export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date', 'id', 'text'];

/** A stored recipe in today's shape: `types` always present, holding only known types of the recipe's own columns. */
export function normalizeRecipe(raw: Recipe): Recipe {
  const given = (raw.types ?? {}) as Record<string, unknown>;
  const header = new Set(raw.header);
  const types: Record<string, ColumnType> = {};
  for (const [name, t] of Object.entries(given)) {
    if (header.has(name) && COLUMN_TYPES.includes(t as ColumnType)) types[name] = t as ColumnType;
  }
  return { ...raw, types };
}

interface StudioDB extends DBSchema {
  analyses: { key: string; value: SavedMeta; indexes: { createdAt: string } };
  results: { key: string; value: StoredResult };
  files: { key: string; value: StoredFile };
  recipes: { key: string; value: Recipe };
}

/** A row of `results`: the result, with its ids moved into `packedIds` when they could be joined. */
interface StoredResult {
  id: string;
  result: AnalysisResult;
  packedIds?: string;
  /** paths of large typed arrays stored as their own records (key partKey(id, path)), see parts.ts */
  parts?: string[][];
  /** records per part (chunks of at most CHUNK_BYTES, keys chunkKey(id, path, c)); absent: one each */
  chunks?: number[];
  /** packed ids over CHUNK_BYTES characters are stored in this many records (chunkKey(id, IDS_PATH, c)) */
  idChunks?: number;
  /** a part record's array (part records have no meaningful `result`) */
  data?: ArrayBufferView;
  /** a packed-ids chunk record's text */
  text?: string;
}

const ID_SEP = '\u0000';
/** The part path of chunked packed ids (no result field starts with '#'). */
const IDS_PATH = ['#ids'];

/** Ids arrays whose joined form is already known (the worker sends them joined): saving reuses
 *  the string instead of checking and joining 700,000 ids again on the main thread. */
export const packedIdsOf = new WeakMap<readonly string[], string>();

/** The record to store for a result: ids joined by U+0000 unless an id contains one. */
export function packResult(id: string, result: AnalysisResult): StoredResult {
  const ids = result.ids;
  const known = packedIdsOf.get(ids);
  if (known !== undefined) return { id, result: { ...result, ids: [] }, packedIds: known };
  if (ids.length < 1000 || ids.some((x) => x.includes(ID_SEP))) return { id, result };
  return { id, result: { ...result, ids: [] }, packedIds: ids.join(ID_SEP) };
}

/** The result of a stored record (inverse of packResult). */
export function unpackResult(row: StoredResult): AnalysisResult {
  return row.packedIds === undefined ? row.result : { ...row.result, ids: row.packedIds.split(ID_SEP) };
}

/** The v1 record shape (metadata and result in one row), kept for the migration. */
export type V1Record = SavedMeta & { result: AnalysisResult };

export type StoreOutcome = { ok: true } | { ok: false; code: 'quota' | 'failed'; message: string };

/** Opens (creating or upgrading) the database. */
export function openStudioDb(name = DB_NAME): Promise<IDBPDatabase<StudioDB>> {
  return openDB<StudioDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore(STORES.analyses, { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      }
      if (oldVersion < 2) {
        db.createObjectStore(STORES.results, { keyPath: 'id' });
        db.createObjectStore(STORES.files, { keyPath: 'id' });
        db.createObjectStore(STORES.recipes, { keyPath: 'key' });
        if (oldVersion >= 1) {
          // v1 -> v2: move each embedded result into `results`, keep the metadata row.
          const analyses = tx.objectStore(STORES.analyses);
          const results = tx.objectStore(STORES.results);
          let cursor = await analyses.openCursor();
          while (cursor) {
            const { result, ...meta } = cursor.value as unknown as V1Record;
            if (result) await results.put({ id: meta.id, result });
            await cursor.update(meta);
            cursor = await cursor.continue();
          }
        }
      }
    },
  });
}

/** True for the browser's storage-full error, matched by name (it crosses realms and wrappers). */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

function failure(e: unknown, what: string): StoreOutcome {
  if (isQuotaError(e)) {
    return {
      ok: false, code: 'quota',
      message: `Your browser's storage is full, so the ${what} could not be saved. Everything saved before is still there; delete old analyses to make room.`,
    };
  }
  return { ok: false, code: 'failed', message: `The ${what} could not be saved in this browser (${(e as Error)?.message ?? 'unknown error'}).` };
}

/** The app's storage: a lazily opened database and its operations. */
export class StudioStore {
  private dbp: Promise<IDBPDatabase<StudioDB>> | null = null;
  constructor(readonly name = DB_NAME) {}

  db(): Promise<IDBPDatabase<StudioDB>> {
    this.dbp ??= openStudioDb(this.name);
    return this.dbp;
  }

  /** Saves metadata and result together (one transaction: both or neither). */
  async saveAnalysis(meta: SavedMeta, result: AnalysisResult): Promise<StoreOutcome> {
    try {
      const db = await this.db();
      const tx = db.transaction([STORES.analyses, STORES.results], 'readwrite');
      const done = tx.done.then(() => null, (err: unknown) => err);
      try {
        // The result first: if it cannot be stored, the metadata is never written either.
        const { light, parts } = takeParts(result);
        const results = tx.objectStore(STORES.results);
        const row: StoredResult = { ...packResult(meta.id, light), parts: parts.map((p) => p.path), chunks: parts.map((p) => chunkCount(p.data)) };
        let idText: string[] = [];
        if (row.packedIds !== undefined && row.packedIds.length > CHUNK_BYTES) {
          idText = splitString(row.packedIds);
          delete row.packedIds;
          row.idChunks = idText.length;
        }
        await results.put(row);
        // one put per chunk (at most CHUNK_BYTES), each issued from the previous success event: its own short task
        const none = null as unknown as AnalysisResult;
        for (const [i, p] of parts.entries())
          for (let c = 0; c < row.chunks![i]; c++) await results.put({ id: chunkKey(meta.id, p.path, c), result: none, data: chunkAt(p.data, c) });
        for (const [c, text] of idText.entries()) await results.put({ id: chunkKey(meta.id, IDS_PATH, c), result: none, text });
        await tx.objectStore(STORES.analyses).put(meta);
      } catch (e) {
        try {
          tx.abort();
        } catch {
          /* already finished */
        }
        await done;
        throw e;
      }
      const err = await done;
      if (err) throw err;
      return { ok: true };
    } catch (e) {
      return failure(e, 'analysis');
    }
  }

  /** Saved analyses, newest first (metadata only: fast). */
  async list(): Promise<SavedMeta[]> {
    const db = await this.db();
    const all = await db.getAllFromIndex(STORES.analyses, 'createdAt');
    return all.reverse();
  }

  async loadResult(id: string): Promise<AnalysisResult | null> {
    const db = await this.db();
    const row = await db.get(STORES.results, id);
    if (!row) return null;
    const tx = db.transaction(STORES.results);
    if (row.idChunks) {
      const text: string[] = [];
      for (let c = 0; c < row.idChunks; c++) {
        const r = await tx.store.get(chunkKey(id, IDS_PATH, c));
        if (typeof r?.text !== 'string') return null; // an incomplete record: treat as missing
        text.push(r.text);
      }
      row.packedIds = text.join('');
    }
    const result = unpackResult(row);
    if (!row.parts?.length) return result;
    const parts: Part[] = [];
    for (const [i, path] of row.parts.entries()) {
      const got: ArrayBufferView[] = [];
      for (let c = 0; c < (row.chunks?.[i] ?? 1); c++) {
        const part = await tx.store.get(chunkKey(id, path, c));
        if (!part?.data) return null; // an incomplete record: treat as missing
        got.push(part.data);
      }
      parts.push({ path, data: joinChunks(got) });
    }
    return putParts(result, parts);
  }

  async getMeta(id: string): Promise<SavedMeta | null> {
    return (await (await this.db()).get(STORES.analyses, id)) ?? null;
  }

  async rename(id: string, name: string): Promise<StoreOutcome> {
    try {
      const db = await this.db();
      const tx = db.transaction(STORES.analyses, 'readwrite');
      const meta = await tx.store.get(id);
      if (meta) await tx.store.put({ ...meta, name });
      await tx.done;
      return { ok: true };
    } catch (e) {
      return failure(e, 'new name');
    }
  }

  /** Deletes an analysis, its result and its file. */
  async remove(id: string): Promise<void> {
    const db = await this.db();
    const tx = db.transaction([STORES.analyses, STORES.results, STORES.files], 'readwrite');
    await Promise.all([
      tx.objectStore(STORES.analyses).delete(id),
      tx.objectStore(STORES.results).delete(id),
      tx.objectStore(STORES.results).delete(IDBKeyRange.bound(`${id}\u0000`, `${id}\u0001`)),
      tx.objectStore(STORES.files).delete(id),
      tx.done,
    ]);
  }

  async saveFile(file: StoredFile): Promise<StoreOutcome> {
    try {
      await (await this.db()).put(STORES.files, file);
      return { ok: true };
    } catch (e) {
      return failure(e, 'original file');
    }
  }

  async loadFile(id: string): Promise<StoredFile | null> {
    return (await (await this.db()).get(STORES.files, id)) ?? null;
  }

  async saveRecipe(recipe: Recipe): Promise<StoreOutcome> {
    try {
      await (await this.db()).put(STORES.recipes, recipe);
      return { ok: true };
    } catch (e) {
      return failure(e, 'mapping recipe');
    }
  }

  async findRecipe(header: readonly string[]): Promise<Recipe | null> {
    const raw = await (await this.db()).get(STORES.recipes, recipeKey(header));
    return raw ? normalizeRecipe(raw) : null;
  }

  /** Deletes the whole database and every Cache Storage cache of this origin. */
  async deleteEverything(): Promise<void> {
    if (this.dbp) (await this.dbp).close();
    this.dbp = null;
    await deleteDB(this.name);
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) await caches.delete(key);
    }
  }
}

/** Recipe key of a header: the column names joined with U+0001. */
export function recipeKey(header: readonly string[]): string {
  return header.join('\u0001');
}
