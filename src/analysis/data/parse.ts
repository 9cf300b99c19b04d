/**
 * CSV ingest: sniffs encoding and binary content, guesses the delimiter, and streams the file
 * through papaparse's Parser in chunks (our own loop, so it runs the same in a Web Worker and in
 * Node, and never uses papaparse's `worker: true`, which hangs in a production Vite build).
 * Returns a result, never throws for bad user data (STYLE.md habit 3).
 */
import Papa from 'papaparse';
import type { OnProgress, RawTable } from '../types';
import { TableBuilder } from './tableBuilder';

export type ParseResult =
  | { ok: true; table: RawTable; delimiter: string; encoding: string }
  | { ok: false; code: ParseErrorCode; message: string };

export type ParseErrorCode =
  | 'empty-file'
  | 'binary-file'
  | 'no-rows'
  | 'single-column'
  | 'parse-failed';

/** Bytes read per chunk (4 MiB). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Parse a CSV given as a Blob (streamed in chunks) or a string. */
export async function parseCsv(
  source: Blob | string,
  fileName: string,
  onProgress?: OnProgress,
  chunkBytes = CHUNK_BYTES,
): Promise<ParseResult> {
  const blob = typeof source === 'string' ? new Blob([source]) : source;
  if (blob.size === 0) return fail('empty-file', 'The file is empty. Choose a CSV file with a header row and one row per customer.');
  const head = new Uint8Array(await blob.slice(0, 65536).arrayBuffer());
  const encoding = sniffEncoding(head);
  if (encoding === 'binary')
    return fail(
      'binary-file',
      'This file is not a text CSV (it looks like an image or other binary data). Export your data as CSV and try again.',
    );
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const headText = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
  if (headText.trim() === '') return fail('empty-file', 'The file has no content. Choose a CSV file with a header row and one row per customer.');
  const delimiter = guessDelimiter(headText);

  const builder = new TableBuilder();
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  let pending = '';
  let heldCR = false;
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await blob.slice(offset, offset + chunkBytes).arrayBuffer());
    const last = offset + chunkBytes >= blob.size;
    let text = decoder.decode(bytes, { stream: !last });
    if (offset === 0) text = text.replace(/^\uFEFF/, '');
    // Normalise CRLF and lone CR to LF; a CR at the end of a chunk may pair with the next LF.
    if (heldCR) text = '\r' + text;
    heldCR = !last && text.endsWith('\r');
    if (heldCR) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, '\n');
    const input = pending + text;
    const res = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    for (const row of res.data) builder.addRow(row);
    pending = last ? '' : input.substring(res.meta.cursor);
    onProgress?.({ stage: 'parse', fraction: Math.min(1, (offset + bytes.length) / blob.size), detail: `${builder.rowCount.toLocaleString('en-US')} rows` });
  }
  const table = builder.build(fileName);
  if (table.columns.length === 0) return fail('empty-file', 'The file has no header row. The first line must name the columns.');
  if (table.nRows === 0)
    return fail('no-rows', 'The file has a header but no data rows. Add one row per customer below the header.');
  if (table.columns.length === 1)
    return fail(
      'single-column',
      `Only one column ("${truncate(table.columns[0].name)}") was found. Check that the file is comma-, semicolon- or tab-separated with one column per field.`,
    );
  if (encoding !== 'utf-8')
    table.parseWarnings.push({
      code: 'encoding',
      message: `The file is not UTF-8; it was read as ${encoding === 'windows-1252' ? 'Latin-1 (Windows-1252)' : encoding.toUpperCase()}.`,
      count: 1,
    });
  return { ok: true, table, delimiter, encoding };
}

function fail(code: ParseErrorCode, message: string): ParseResult {
  return { ok: false, code, message };
}

function truncate(s: string, n = 40): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

/** 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'binary', from the first bytes. */
export function sniffEncoding(b: Uint8Array): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // Magic numbers of common binary formats: PNG, JPEG, GIF, PDF, ZIP/XLSX, gzip.
  const magic = [
    [0x89, 0x50, 0x4e, 0x47],
    [0xff, 0xd8, 0xff],
    [0x47, 0x49, 0x46, 0x38],
    [0x25, 0x50, 0x44, 0x46],
    [0x50, 0x4b, 0x03, 0x04],
    [0x1f, 0x8b],
  ];
  if (magic.some((m) => m.every((v, i) => b[i] === v))) return 'binary';
  let nul = 0;
  let control = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) nul++;
    else if (b[i] < 9 || (b[i] > 13 && b[i] < 32)) control++;
  }
  // UTF-16 without BOM: every other byte is NUL for ASCII text.
  if (nul > b.length * 0.3) {
    let evenNul = 0;
    for (let i = 0; i < b.length; i += 2) if (b[i] === 0) evenNul++;
    return evenNul > nul / 2 ? 'utf-16be' : 'utf-16le';
  }
  if (nul > 0 || control > b.length * 0.01) return 'binary';
  return validUtf8(b) ? 'utf-8' : 'windows-1252';
}

function validUtf8(b: Uint8Array): boolean {
  try {
    // A truncated multi-byte sequence at the very end of the sample is not an error.
    let end = b.length;
    for (let k = 1; k <= 3 && end - k >= 0; k++) {
      const byte = b[end - k];
      if ((byte & 0xc0) === 0xc0) {
        end -= k;
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** The delimiter among , ; tab | that splits the first lines most consistently. */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t', '|']) {
    const res = Papa.parse<string[]>(lines.join('\n'), { delimiter: d, quoteChar: '"' });
    const widths = res.data.slice(0, lines.length - 1).map((r) => r.length);
    if (widths.length === 0) widths.push(lines[0]?.split(d).length ?? 1);
    const first = widths[0];
    if (first < 2) continue;
    const consistent = widths.filter((w) => w === first).length / widths.length;
    const score = consistent * 100 + first;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
