/**
 * Accumulates parsed CSV rows into a dictionary-encoded RawTable: each column keeps its distinct
 * values once (levels) and one Int32 code per row. Telco-like tables repeat a few values per
 * column, so 100 MB of CSV becomes a few tens of MB of codes; id columns keep one level per row.
 */
import type { RawColumn, RawTable, Warning } from '../types';

class GrowableInt32 {
  buf = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}

interface ColumnAcc {
  codes: GrowableInt32;
  index: Map<string, number>;
  levels: string[];
}

/** Builds a RawTable row by row; the first row given is the header. */
export class TableBuilder {
  private header: string[] | null = null;
  private cols: ColumnAcc[] = [];
  private nRows = 0;
  private tooFew = { count: 0, examples: [] as number[] };
  private tooMany = { count: 0, examples: [] as number[] };
  readonly warnings: Warning[] = [];

  get rowCount(): number {
    return this.nRows;
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
    const seen = new Map<string, number>();
    let blank = 0;
    let dup = 0;
    const names = fields.map((raw, i) => {
      let name = raw.replace(/^\uFEFF/, '').trim();
      if (name === '') {
        name = `Column ${i + 1}`;
        blank++;
      }
      const times = seen.get(name) ?? 0;
      seen.set(name, times + 1);
      if (times > 0) {
        dup++;
        name = `${name} (${times + 1})`;
      }
      return name;
    });
    if (blank > 0)
      this.warnings.push({
        code: 'blank-header',
        message: `${blank} column(s) had no name in the header row and were named "Column N".`,
        count: blank,
      });
    if (dup > 0)
      this.warnings.push({
        code: 'duplicate-header',
        message: `${dup} column name(s) appear more than once; later copies were renamed "name (2)".`,
        count: dup,
      });
    this.header = names;
    this.cols = names.map(() => ({ codes: new GrowableInt32(), index: new Map(), levels: [] }));
  }

  /** Finish and return the table (header names may be empty when no header was seen). */
  build(fileName: string): RawTable {
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
      codes: this.cols[c].codes.toArray(),
      levels: this.cols[c].levels,
    }));
    return { fileName, nRows: this.nRows, columns, parseWarnings: this.warnings };
  }
}

function note(acc: { count: number; examples: number[] }, row: number): void {
  acc.count++;
  if (acc.examples.length < 5) acc.examples.push(row);
}

/** Value of row i in a raw column. */
export function cell(col: RawColumn, i: number): string {
  return col.levels[col.codes[i]];
}
