/**
 * Opening the database, creating or upgrading it. v1 kept {meta..., result} together in
 * `analyses`; v2 splits results out and adds files and recipes. One test per migration builds
 * the old database first (db.test.ts).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, STORES, type StudioDB, type V1Record } from './schema';

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
