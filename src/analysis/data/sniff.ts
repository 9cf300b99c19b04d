/** What a text file is before it is parsed: its encoding, its delimiter, an Excel `sep=` line. */
import Papa from 'papaparse';

/** Columns separated by runs of blanks (aligned text exports); read by splitting each line. */
export const WHITESPACE = 'whitespace';
/** Aligned with at least two blanks between columns: values may hold single spaces ("Fiber optic"). */
export const WIDE_SPACES = 'spaces';

/** 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'windows-1252' | 'binary', from the first bytes. */
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
  if (validUtf8(b)) return 'utf-8';
  return looksShiftJis(b) ? 'shift_jis' : 'windows-1252';
}

/** Where a text sample holds stray NUL bytes (a damaged export), or null when it is not text with a
 *  few NULs (a binary format, or no NUL at all). Line and character count from 1. */
export function strayNul(b: Uint8Array): { count: number; line: number; column: number; byte: number } | null {
  if (b.length >= 2 && ((b[0] === 0x89 && b[1] === 0x50) || (b[0] === 0x1f && b[1] === 0x8b) || (b[0] === 0x50 && b[1] === 0x4b))) return null;
  let count = 0;
  let control = 0;
  let first = -1;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) {
      count++;
      if (first < 0) first = i;
    } else if (b[i] < 9 || (b[i] > 13 && b[i] < 32)) control++;
  }
  if (count === 0 || count > b.length * 0.01 || control > b.length * 0.01) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < first; i++)
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const column = new TextDecoder('utf-8').decode(b.subarray(lineStart, first)).length + 1;
  return { count, line, column, byte: first + 1 };
}

function validUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, completeEnd(b, 'utf-8')));
    return true;
  } catch {
    return false;
  }
}

/** End of the sample without a multi-byte sequence cut at the very end (not an error). */
function completeEnd(b: Uint8Array, enc: 'utf-8' | 'shift_jis'): number {
  let end = b.length;
  if (enc === 'shift_jis') {
    // Drop a trailing lead byte (0x81-0x9F, 0xE0-0xFC) whose trail byte was cut off.
    let lead = 0;
    for (let i = 0; i < end; i++) {
      const x = b[i];
      if ((x >= 0x81 && x <= 0x9f) || (x >= 0xe0 && x <= 0xfc)) {
        lead = i;
        i++;
      }
    }
    return lead === end - 1 ? end - 1 : end;
  }
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const byte = b[end - k];
    if ((byte & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  return end;
}

/** Shift-JIS when the bytes decode without error and the non-ASCII text is largely kana
 *  (Japanese text always has some; Latin-1 accents read as Shift-JIS give kanji, almost never kana). */
function looksShiftJis(b: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('shift_jis', { fatal: true }).decode(b.subarray(0, completeEnd(b, 'shift_jis')));
  } catch {
    return false;
  }
  let wide = 0;
  let kana = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    wide++;
    if (c >= 0x3040 && c <= 0x30ff) kana++;
  }
  return wide > 0 && kana >= wide * 0.2;
}

/** Excel's first line `sep=;` names the delimiter; returns it, or null. */
export function excelSepLine(firstLine: string): string | null {
  const m = /^"?sep=(.)"?\s*$/i.exec(firstLine);
  return m ? m[1] : null;
}

/** The delimiter among , ; tab | that splits the first lines most consistently, or WHITESPACE
 *  when none splits them but runs of blanks do (aligned text exports). */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = ',';
  let bestScore = -1;
  let bestConsistent = 0;
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
      bestConsistent = consistent;
    }
  }
  if (bestScore >= 0 && bestConsistent >= 0.8) return best;
  // Aligned exports: the finest split that is consistent over every line of the sample.
  const all = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const sample = all.slice(0, all.length > 2 ? -1 : undefined);
  for (const mode of [WHITESPACE, WIDE_SPACES]) {
    const widths = sample.map((l) => splitWhitespace(l, mode).length);
    const w = widths[0] ?? 0;
    if (w >= 3 && widths.filter((x) => x === w).length >= widths.length * 0.9) return mode;
  }
  return best;
}

/** One line of an aligned text export, split on runs of blanks (WIDE_SPACES: two or more, or tabs). */
export function splitWhitespace(line: string, mode: string = WHITESPACE): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(mode === WIDE_SPACES ? / {2,}|\t+/ : /[ \t]+/);
}

/** Windows-1252's characters for bytes 0x80-0x9F (the five undefined bytes keep their code). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

/** A TextDecoder that reads Windows-1252 the same everywhere: Node's decoder for that label is
 *  ISO-8859-1 (bytes 0x80-0x9F become C1 controls, not smart quotes, dashes and the euro sign). */
export function textDecoder(encoding: string): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  const dec = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  if (encoding !== 'windows-1252') return dec;
  return {
    decode(bytes, options) {
      const text = dec.decode(bytes, options);
      return C1.test(text) ? text.replace(C1_ALL, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]) : text;
    },
  };
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True for an OLE compound file: a password-protected (encrypted) .xlsx or an old .xls. */
export function isCompoundFile(head: Uint8Array): boolean {
  return CFB.every((b, i) => head[i] === b);
}
