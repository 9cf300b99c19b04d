/**
 * IndexedDB persistence (idb): the app's store and its operations (save, list, load, rename,
 * delete, files, recipes, wipe). The schema is in schema.ts, opening and migrations in migrate.ts,
 * how a result becomes records in resultRecords.ts, every key format in keys.ts.
 * Every write is one transaction: a failed write (quota) loses nothing saved.
 */
import { deleteDB, type IDBPDatabase } from 'idb';
import type { AnalysisResult } from '../analysis/result';
import type { ColumnType, RfmUnit, TenureUnit } from '../analysis/types';
import { DB_NAME, STORES, type Recipe, type SavedMeta, type StoredFile, type StudioDB } from './schema';
import { openStudioDb } from './migrate';
import { partKeyBounds, recipeKey } from './keys';
import { readResult, writeResult, type Written } from './resultRecords';
import { dict } from '../analysis/dict';

export type { SavedMeta, SourceRef, StoredFile, Recipe, V1Record } from './schema';
export { recipeKey } from './keys';

export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date', 'id', 'text', 'personal'];

/** A stored recipe in today's shape: `types` always present, holding only known types of the recipe's own columns;
 *  unit answers kept only when they are one of the known values (anything else is dropped: detected again). */
export function normalizeRecipe(raw: Recipe): Recipe {
  const given = (raw.types ?? {}) as Record<string, unknown>;
  const header = new Set(raw.header);
  const types = dict<ColumnType>(); // keyed by column name
  for (const [name, t] of Object.entries(given)) {
    if (header.has(name) && COLUMN_TYPES.includes(t as ColumnType)) types[name] = t as ColumnType;
  }
  const { currency, tenureUnit, rfmUnit, rfmSpendTotal, ...rest } = raw;
  return {
    ...rest,
    types,
    ...(typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? { currency } : {}),
    ...(TENURE_UNITS.includes(tenureUnit as TenureUnit) ? { tenureUnit } : {}),
    ...(RFM_UNITS.includes(rfmUnit as RfmUnit) ? { rfmUnit } : {}),
    ...(typeof rfmSpendTotal === 'boolean' ? { rfmSpendTotal } : {}),
  };
}
const TENURE_UNITS: readonly TenureUnit[] = ['months', 'years', 'days'];
const RFM_UNITS: readonly RfmUnit[] = ['days', 'weeks', 'months'];

export type StoreOutcome = { ok: true } | { ok: false; code: 'quota' | 'failed'; message: string };

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
  /** the chunk records of the last committed saveAnalysis (a refined result's save skips the unchanged ones) */
  private last: { id: string; written: Written } | null = null;
  constructor(readonly name = DB_NAME) {}

  db(): Promise<IDBPDatabase<StudioDB>> {
    this.dbp ??= openStudioDb(this.name);
    return this.dbp;
  }

  /** Saves metadata and result together (one transaction: both or neither). `packedIds`: the
   *  result's ids already joined by U+0000, as the analysis worker sends them (resultRecords.ts). */
  async saveAnalysis(meta: SavedMeta, result: AnalysisResult, packedIds?: string): Promise<StoreOutcome> {
    try {
      const db = await this.db();
      const tx = db.transaction([STORES.analyses, STORES.results], 'readwrite');
      const done = tx.done.then(() => null, (err: unknown) => err);
      let written: Written = new Map();
      try {
        // The result first: if it cannot be stored, the metadata is never written either.
        const results = tx.objectStore(STORES.results);
        const before = this.last?.id === meta.id ? { written: this.last.written, has: async (key: string) => (await results.getKey(key)) !== undefined } : undefined;
        this.last = null;
        written = await writeResult((row) => results.put(row), meta.id, result, packedIds, before);
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
      this.last = { id: meta.id, written };
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
    return readResult((key) => tx.store.get(key), id, row);
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
    if (this.last?.id === id) this.last = null;
    const db = await this.db();
    const tx = db.transaction([STORES.analyses, STORES.results, STORES.files], 'readwrite');
    await Promise.all([
      tx.objectStore(STORES.analyses).delete(id),
      tx.objectStore(STORES.results).delete(id),
      tx.objectStore(STORES.results).delete(IDBKeyRange.bound(...partKeyBounds(id))),
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
    this.last = null;
    if (this.dbp) (await this.dbp).close();
    this.dbp = null;
    await deleteDB(this.name);
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) await caches.delete(key);
    }
  }
}
