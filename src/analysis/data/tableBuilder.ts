/**
 * Accumulates parsed CSV rows into a dictionary-encoded RawTable: each column keeps its distinct
 * values once (levels) and one code per row (as narrow as its level count allows). Telco-like tables repeat a few values per
 * column, so 100 MB of CSV becomes a few tens of MB of codes; id columns keep one level per row.
 */
import type { RawCodes, RawColumn, RawTable, Warning } from '../types';

/** A column's codes, growing by doubling and widening as its level count grows: Uint8 up to 256
 *  levels, then Uint16, then Int32 (RawCodes). Most columns never widen, so a 704,300-row Telco
 *  file holds ~20 MB of codes and its parse ~40 MB of buffers instead of 59 and ~150 MB. */
class GrowableCodes {
  buf: RawCodes = new Uint8Array(1024);
  length = 0;
  push(v: number): void {
    if (v > 255 && this.buf instanceof Uint8Array) this.grow(this.buf.length, Uint16Array);
    if (v > 65535 && !(this.buf instanceof Int32Array)) this.grow(this.buf.length, Int32Array);
    if (this.length === this.buf.length) this.grow(this.buf.length * 2, this.buf.constructor as CodesType);
    this.buf[this.length++] = v;
  }
  private grow(size: number, Type: CodesType): void {
    const next = new Type(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  toArray(): RawCodes {
    return this.buf.slice(0, this.length);
  }
}
type CodesType = new (n: number) => RawCodes;

interface ColumnAcc {
  codes: GrowableCodes;
  index: Map<string, number>;
  levels: string[];
}

/** Builds a RawTable row by row; the first row given is the header. */
export class TableBuilder {
  private header: string[] | null = null;
  private headerFields: string[] = [];
  private cols: ColumnAcc[] = [];
  private nRows = 0;
  private tooFew = { count: 0, examples: [] as number[] };
  private tooMany = { count: 0, examples: [] as number[] };
  readonly warnings: Warning[] = [];

  get rowCount(): number {
    return this.nRows;
  }
  /** columns per row (0 before the header) */
  get width(): number {
    return this.cols.length;
  }
  get hasHeader(): boolean {
    return this.header !== null;
  }

  addRow(fields: string[]): void {
    if (this.header === null) {
      this.setHeader(fields);
      return;
    }
    const width = this.cols.length;
    // A lone empty field is a blank line that papaparse did not skip.
    if (fields.length === 1 && fields[0].trim() === '' && width > 1) return;
    this.nRows++;
    if (fields.length < width) note(this.tooFew, this.nRows);
    else if (fields.length > width) note(this.tooMany, this.nRows);
    for (let c = 0; c < width; c++) {
      const acc = this.cols[c];
      const v = c < fields.length ? fields[c] : '';
      let code = acc.index.get(v);
      if (code === undefined) {
        code = acc.levels.length;
        acc.levels.push(v);
        acc.index.set(v, code);
      }
      acc.codes.push(code);
    }
  }

  private setHeader(fields: string[]): void {
    this.headerFields = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
    const { names, blank, dup } = uniqueNames(this.headerFields);
    if (blank > 0)
      this.warnings.push({
        code: 'blank-header',
        message: `${blank} column(s) had no name in the header row and were named "Column N".`,
        count: blank,
      });
    if (dup > 0)
      this.warnings.push({
        code: 'duplicate-header',
        message: `${dup} column name(s) appear more than once; later copies were renamed "name (2)", "name (3)"... so that every column has its own name.`,
        count: dup,
      });
    this.header = names;
    this.cols = names.map(() => ({ codes: new GrowableCodes(), index: new Map(), levels: [] }));
  }

  /** Finish and return the table (header names may be empty when no header was seen). */
  build(fileName: string): RawTable {
    const headerless = this.nRows > 0 && firstRowIsData(this.headerFields, this.cols);
    if (headerless) {
      this.header = this.headerFields.map((_, i) => `Column ${i + 1}`);
      this.warnings.splice(0, this.warnings.length, ...this.warnings.filter((w) => w.code !== 'blank-header' && w.code !== 'duplicate-header'));
      this.warnings.push({
        code: 'no-header',
        message: `The first line looks like data, not column names, so it was read as a data row and the columns were named "Column 1" to "Column ${this.header.length}". Say what each column is in the mapping step.`,
        count: 1,
      });
      for (const acc of [this.tooFew, this.tooMany]) acc.examples = acc.examples.map((r) => r + 1);
    }
    if (this.tooFew.count > 0)
      this.warnings.push({
        code: 'ragged-short',
        message: `${this.tooFew.count} row(s) had fewer fields than the header; missing fields were left blank.`,
        count: this.tooFew.count,
        examples: this.tooFew.examples,
      });
    if (this.tooMany.count > 0)
      this.warnings.push({
        code: 'ragged-long',
        message: `${this.tooMany.count} row(s) had more fields than the header; the extra fields were ignored.`,
        count: this.tooMany.count,
        examples: this.tooMany.examples,
      });
    const columns: RawColumn[] = (this.header ?? []).map((name, c) => ({
      name,
      codes: headerless ? prepend(this.cols[c], this.headerFields[c] ?? '') : this.cols[c].codes.toArray(),
      levels: compactLevels(this.cols[c].levels),
    }));
    return { fileName, nRows: this.nRows + (headerless ? 1 : 0), columns, parseWarnings: this.warnings };
  }
}

/** Columns with at least this many distinct values get compact level strings (compactLevels). */
const COMPACT_LEVELS = 1000;

/** The same level strings, no longer keeping the file's text alive: a parsed field of 13 or more
 *  characters is a V8 sliced string pointing into the whole chunk of text it came from, so an id
 *  column kept every chunk of the file (at 704,300 Telco rows ~200 MB of worker heap for 14.5 MB
 *  of distinct values). One join and one split give equal strings backed by one compact copy.
 *  Columns with few levels are left as they are; a level holding U+0000 keeps the originals. */
export function compactLevels(levels: string[]): string[] {
  if (levels.length < COMPACT_LEVELS) return levels;
  const copy = levels.join('\u0000').split('\u0000');
  return copy.length === levels.length ? copy : levels;
}

function note(acc: { count: number; examples: number[] }, row: number): void {
  acc.count++;
  if (acc.examples.length < 5) acc.examples.push(row);
}

/** Value of row i in a raw column. */
export function cell(col: RawColumn, i: number): string {
  return col.levels[col.codes[i]];
}

/** Unique, non-blank column names: blanks become "Column i", later copies "name (k)" with the
 *  first k that no other column uses (so `X, X, X (2)` gives `X, X (3), X (2)`). */
export function uniqueNames(fields: string[]): { names: string[]; blank: number; dup: number } {
  let blank = 0;
  let dup = 0;
  const wanted = fields.map((f, i) => {
    if (f !== '') return f;
    blank++;
    return `Column ${i + 1}`;
  });
  // The first column with each name keeps it; everything else must avoid all of those.
  const firstAt = new Map<string, number>();
  wanted.forEach((w, i) => {
    if (!firstAt.has(w)) firstAt.set(w, i);
  });
  const used = new Set(firstAt.keys());
  const names = wanted.map((w, i) => {
    if (firstAt.get(w) === i) return w;
    dup++;
    let k = 2;
    while (used.has(`${w} (${k})`)) k++;
    const name = `${w} (${k})`;
    used.add(name);
    return name;
  });
  return { names, blank, dup };
}

/** Digit runs -> 9, letter runs -> a: "C-0042" and "C-7" share the shape "a-9". */
function shape(s: string): string {
  return s.replace(/\d+/g, '9').replace(/[^\W\d_]+/gu, 'a');
}

const NUMBERISH = /^[-+(]?[$€£¥]?\s?\d[\d.,' ]*%?\)?$/;

/** A first row is data (no header) when, in the columns whose values carry digits, its fields do
 *  too and have their shape (a header names them in words), with at least one such column. In
 *  text columns only a value the column holds elsewhere counts (as data). */
function firstRowIsData(fields: string[], cols: ColumnAcc[]): boolean {
  let data = 0;
  let header = 0;
  fields.forEach((f, c) => {
    const acc = cols[c];
    if (f === '' || !acc) return;
    const sample = acc.levels.slice(0, 50).map((l) => l.trim()).filter((l) => l !== '');
    const digitData = sample.length > 0 && sample.filter((l) => /\d/.test(l)).length >= sample.length * 0.8;
    if (digitData) {
      const s = shape(f);
      const numberLike = NUMBERISH.test(f) && sample.filter((l) => NUMBERISH.test(l)).length >= sample.length * 0.8;
      if (/\d/.test(f) && (numberLike || sample.some((l) => shape(l) === s))) data++;
      else header++;
    } else if (acc.index.has(f)) data++;
  });
  return data > 0 && header * 10 <= data;
}

/** A column's codes with the (former header) value v as row 0. */
function prepend(acc: ColumnAcc, v: string): RawCodes {
  let code = acc.index.get(v);
  if (code === undefined) {
    code = acc.levels.length;
    acc.levels.push(v);
    acc.index.set(v, code);
  }
  const out = new GrowableCodes();
  out.push(code);
  for (let i = 0; i < acc.codes.length; i++) out.push(acc.codes.buf[i]);
  return out.toArray();
}
