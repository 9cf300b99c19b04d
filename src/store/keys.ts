/**
 * Every key format of the database, defined once. A result's part and chunk records sort right
 * after the result's own key (`id`, then `id` + U+0000 + ...), so one key range holds them all.
 */

/** Separator between an analysis id and a part path (sorts before any character of a path). */
const PART_SEP = '\u0000';

/** The key of a result's part `path` ("<id>\u0000churn.probability"). */
export const partKey = (id: string, path: readonly string[]): string => `${id}${PART_SEP}${path.join('.')}`;

/** Key of chunk `c` of a part; chunk 0 keeps the part's own key, so records saved before chunking load as one chunk. */
export const chunkKey = (id: string, path: readonly string[], c: number): string => (c === 0 ? partKey(id, path) : `${partKey(id, path)}#${c}`);

/** The part path of chunked packed ids (no result field starts with '#'). */
export const IDS_PATH: readonly string[] = ['#ids'];

/** Bounds of every part and chunk key of analysis `id` (not `id` itself), for IDBKeyRange.bound. */
export const partKeyBounds = (id: string): [string, string] => [`${id}${PART_SEP}`, `${id}\u0001`];

/** Recipe key of a header: the column names joined with U+0001. */
export const recipeKey = (header: readonly string[]): string => header.join('\u0001');
