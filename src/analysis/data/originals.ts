/** The original cells of given customers, read back from the loaded file: for the customer page
 *  (every attribute) and for exports that carry the original columns. Text only, never parsed. */
import type { RawTable } from '../types';

export interface OriginalRows {
  header: string[];
  /** per requested id: its rows in the file (customer tables: one; logs: up to `maxRows` lines) */
  rows: string[][][];
}

/** Rows of each id in `ids`, matched on the id column's text (no id column: ids are 1-based row numbers). */
export function originalRows(raw: RawTable, idColumn: string | null | undefined, ids: string[], maxRows = 1): OriginalRows {
  const header = raw.columns.map((c) => c.name);
  const rowText = (r: number) => raw.columns.map((c) => c.levels[c.codes[r]] ?? '');
  const idCol = idColumn ? raw.columns.find((c) => c.name === idColumn) : undefined;
  if (!idCol) {
    return { header, rows: ids.map((id) => { const r = Number(id) - 1; return Number.isInteger(r) && r >= 0 && r < raw.nRows ? [rowText(r)] : []; }) };
  }
  const codeOf = new Map(idCol.levels.map((l, i) => [l, i]));
  const slot = new Int32Array(idCol.levels.length).fill(-1);
  ids.forEach((id, k) => {
    const c = codeOf.get(id);
    if (c !== undefined && slot[c] < 0) slot[c] = k;
  });
  const found: number[][] = ids.map(() => []);
  for (let r = 0; r < raw.nRows; r++) {
    const k = slot[idCol.codes[r]];
    if (k >= 0 && found[k].length < maxRows) found[k].push(r);
  }
  return { header, rows: found.map((rs) => rs.map(rowText)) };
}
