/**
 * Excel workbooks (.xlsx) -> RawTable, with read-excel-file's universal build (Blob in, typed
 * cells out; no workers of its own, so it runs inside our analysis worker and in Node). Loaded
 * with a dynamic import only when a workbook arrives (its own chunk). Typed cells stay typed:
 * numbers are written without locale separators and dates as ISO days, so inference reads them
 * exactly. One sheet is read: the one asked for, else the first; the others are listed.
 */
import type { RawTable } from '../types';
import { TableBuilder } from './tableBuilder';

export type WorkbookResult = { ok: true; table: RawTable } | { ok: false; code: 'corrupt-workbook' | 'empty-file'; message: string };

/** A typed cell as text the inference reads exactly. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19) + 'Z';
  }
  return String(v);
}

/** Read one sheet of a workbook (`sheet`: a name; default the first). */
export async function parseWorkbook(blob: Blob, fileName: string, sheet?: string): Promise<WorkbookResult> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(blob)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch {
    return {
      ok: false,
      code: 'corrupt-workbook',
      message: `"${fileName}" looks like an Excel workbook but could not be read: it may be damaged or only partly downloaded. Open it in Excel and save it again as .xlsx, or export the sheet as CSV.`,
    };
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = sheets.find((s) => s.sheet === sheet) ?? sheets[0];
  if (!chosen) return { ok: false, code: 'empty-file', message: `The workbook "${fileName}" has no sheets.` };
  const builder = new TableBuilder();
  for (const row of chosen.data) {
    if (row.every((v) => v === null || v === undefined || v === '')) continue;
    builder.addRow(row.map(cellText));
  }
  const table = builder.build(fileName);
  table.workbook = { sheets: names, sheet: chosen.sheet };
  if (names.length > 1)
    table.parseWarnings.push({
      code: 'workbook-sheets',
      message: `The workbook has ${names.length} sheets; "${chosen.sheet}" was read. Choose another sheet in the mapping step if the customers are elsewhere.`,
      count: names.length,
    });
  return { ok: true, table };
}
