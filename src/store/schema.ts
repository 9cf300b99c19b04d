/**
 * The IndexedDB schema: database name and version, the store names (one `as const` table) and
 * the shape of every record. Stores, by id:
 *  - analyses: light metadata shown in the Saved analyses list (name, file, rows, date, settings)
 *  - results:  the full AnalysisResult of each analysis (typed arrays kept as typed arrays), plus
 *              its part and chunk records (resultRecords.ts; keys from keys.ts)
 *  - files:    the original uploaded Blob/text, so an analysis can be re-run (e.g. with another K)
 *  - recipes:  column mappings keyed by the file header, reused for files with the same columns
 */
import type { DBSchema } from 'idb';
import type { AnalysisResult } from '../analysis/result';
import type { AnalysisOptions, ColumnType, RfmUnit, Role, TableKind, TenureUnit } from '../analysis/types';

export const DB_NAME = 'retention-studio';
export const DB_VERSION = 2;
export const STORES = { analyses: 'analyses', results: 'results', files: 'files', recipes: 'recipes' } as const;

/** Where an analysis' data came from (what a re-run needs). */
export type SourceRef =
  | { type: 'file'; fileName: string }
  | { type: 'demo'; seed: number; rows: number; /** absent: 'telco' */ demo?: 'shop' }
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
  /** recipeKey(header) (keys.ts) */
  key: string;
  header: string[];
  kind?: TableKind;
  roles: Partial<Record<Role, string | null>>;
  /** the user's column types (changed ones only); recipes saved before types could be changed may lack it */
  types: Record<string, ColumnType>;
  /** when the analysis that this mapping came from succeeded (recipes are saved only then) */
  savedAt: string;
  /** when an analysis that used this recipe failed: it is then offered, never applied by itself */
  failedAt?: string;
  /** the user's answers about units, only those they chose (absent: detected again for each file;
   *  recipes saved before these were kept lack them): the amounts' ISO currency code, the tenure
   *  column's unit, an RFM summary's time unit and whether its spend column is a total */
  currency?: string;
  tenureUnit?: TenureUnit;
  rfmUnit?: RfmUnit;
  rfmSpendTotal?: boolean;
}

/** A row of `results`: a result record (keyed by the analysis id), or one of its part/chunk records (keys.ts). */
export interface StoredResult {
  id: string;
  result: AnalysisResult;
  /** the customer ids joined by U+0000 (then `result.ids` is empty) */
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

export interface StudioDB extends DBSchema {
  analyses: { key: string; value: SavedMeta; indexes: { createdAt: string } };
  results: { key: string; value: StoredResult };
  files: { key: string; value: StoredFile };
  recipes: { key: string; value: Recipe };
}

/** The v1 record shape (metadata and result in one row), kept for the migration. */
export type V1Record = SavedMeta & { result: AnalysisResult };
