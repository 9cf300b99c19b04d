/**
 * Text -> rows, chunk by chunk, with papaparse's Parser (quote-aware) or, for aligned text
 * exports, a split on runs of blanks. Guards against silent row loss: a quote that never closes
 * makes papaparse read the following lines as one field; such a runaway field is detected (it
 * spans many lines, or swallows a whole row's worth of delimiters), and the line where it opened
 * is re-read with that quote taken literally, then parsing resumes on the next line.
 */
import Papa from 'papaparse';
import { splitWhitespace, WHITESPACE, WIDE_SPACES } from './sniff';

/** A field spanning this many line breaks is a runaway quote whatever else it holds. */
const RUNAWAY_LINES = 20;
/** Unparsed text this large, held back by an open quote, is re-read at once (not at end of file). */
const RUNAWAY_PENDING = 1 << 20;

export interface RunawayReport {
  /** rows whose opening line was re-read with the quote literal */
  count: number;
  /** 1-based line numbers in the file (header = line 1) of the first few */
  lines: number[];
  /** lines that had been swallowed into those rows (read again as rows) */
  swallowedLines: number;
}

export class RowReader {
  private readonly parser: Papa.Parser | null;
  /** line breaks in all text consumed before the current input */
  private lineBase = 0;
  private coveredUntil = 0;
  readonly runaway: RunawayReport = { count: 0, lines: [], swallowedLines: 0 };

  constructor(
    private readonly delimiter: string,
    private readonly emit: (row: string[]) => void,
    /** columns expected per row (the header's), 0 before the header */
    private readonly width: () => number,
    /** 1-based line number of the first line this reader sees */
    firstLine = 1,
  ) {
    this.parser = delimiter === WHITESPACE || delimiter === WIDE_SPACES ? null : new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
    this.lineBase = firstLine - 1;
  }

  /** Parse `input` (LF newlines); returns the unconsumed tail (an incomplete last row) unless last. */
  feed(input: string, last: boolean): string {
    if (!this.parser) return this.feedWhitespace(input, last);
    for (;;) {
      const res = this.parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
      const bad = input.indexOf('"') < 0 ? -1 : this.findRunaway(res);
      if (bad < 0) {
        for (const row of res.data) this.emit(row);
        const cursor = last ? input.length : res.meta.cursor;
        const rest = input.substring(cursor);
        if (!last && rest.length > RUNAWAY_PENDING && countLines(rest, 0, rest.length) > RUNAWAY_LINES * 50) {
          this.lineBase += countLines(input, 0, cursor);
          input = this.recoverLine(rest, 0, countLines(rest, 0, rest.length));
          continue;
        }
        this.lineBase += countLines(input, 0, cursor);
        return rest;
      }
      // Rows before the runaway one are fine; find where it starts (rare path: re-parse with steps).
      const starts = rowStarts(this.delimiter, input, bad);
      for (let r = 0; r < bad; r++) this.emit(res.data[r]);
      const start = starts[bad];
      this.lineBase += countLines(input, 0, start);
      const swallowed = res.data[bad].reduce((s, f) => s + countLines(f, 0, f.length), 0);
      input = this.recoverLine(input, start, swallowed);
      if (input === '') return '';
    }
  }

  /** Emit the line at `start` read with quotes literal; returns the text after it. */
  private recoverLine(input: string, start: number, swallowed: number): string {
    const nl = input.indexOf('\n', start);
    const line = input.substring(start, nl < 0 ? input.length : nl);
    this.emit(line.split(this.delimiter));
    this.runaway.count++;
    // Two runaways can swallow the same lines: count each swallowed line once.
    const at = this.lineBase + 1;
    this.runaway.swallowedLines += Math.max(0, at + swallowed - Math.max(this.coveredUntil, at));
    this.coveredUntil = Math.max(this.coveredUntil, at + swallowed);
    if (this.runaway.lines.length < 5) this.runaway.lines.push(at);
    this.lineBase++;
    return nl < 0 ? '' : input.substring(nl + 1);
  }

  /** Index of the first row holding a runaway quoted field, or -1. */
  private findRunaway(res: Papa.ParseResult<string[]>): number {
    const width = this.width();
    const quoteRows = new Set(res.errors.filter((e) => e.type === 'Quotes').map((e) => e.row));
    for (let r = 0; r < res.data.length; r++) {
      const row = res.data[r];
      const flagged = quoteRows.has(r);
      for (const f of row) {
        if (f.length < 8 && !flagged) continue;
        const nl = f.indexOf('\n');
        if (nl >= 0 && isRunawayField(f, nl, this.delimiter, width)) return r;
        // An unclosed quote on the last line swallows the rest of that line.
        if (flagged && width > 1 && row.length < width && f.includes(this.delimiter)) return r;
      }
    }
    return -1;
  }

  /** column start offsets of an aligned export with a header (WIDE_SPACES), from its first line */
  private starts: number[] | null = null;
  private feedWhitespace(input: string, last: boolean): string {
    let from = 0;
    for (let nl = input.indexOf('\n'); nl >= 0; nl = input.indexOf('\n', from)) {
      this.alignedLine(input.substring(from, nl));
      from = nl + 1;
    }
    const rest = input.substring(from);
    if (!last) return rest;
    this.alignedLine(rest);
    return '';
  }

  /** One aligned line; a line with a blank cell (fewer fields) is cut at the header's column starts. */
  private alignedLine(line: string): void {
    const fields = splitWhitespace(line, this.delimiter);
    if (fields.length === 0) return;
    if (this.delimiter === WIDE_SPACES) {
      if (!this.starts) this.starts = Array.from(line.matchAll(/(?:^|\s{2,})(\S)/g), (m) => m.index + m[0].length - 1);
      else if (fields.length < this.starts.length) {
        const st = this.starts;
        this.emit(st.map((s, j) => line.substring(s, j + 1 < st.length ? st[j + 1] : line.length).trim()));
        return;
      }
    }
    this.emit(fields);
  }
}

/** A quoted field with line breaks is a runaway when it spans many lines or a line inside it
 *  holds a whole row's worth of delimiters (a swallowed row). */
function isRunawayField(f: string, firstNl: number, delimiter: string, width: number): boolean {
  const minDelims = Math.max(2, width - 1);
  let lines = 0;
  for (let from = firstNl + 1; from <= f.length; ) {
    lines++;
    if (lines >= RUNAWAY_LINES) return true;
    const nl = f.indexOf('\n', from);
    const end = nl < 0 ? f.length : nl;
    let d = 0;
    for (let i = f.indexOf(delimiter, from); i >= 0 && i < end; i = f.indexOf(delimiter, i + 1)) d++;
    if (d >= minDelims) return true;
    if (nl < 0) break;
    from = nl + 1;
  }
  return false;
}

/** Offsets where rows 0..upTo start in `input` (papaparse's step cursor: the end of each row). */
function rowStarts(delimiter: string, input: string, upTo: number): number[] {
  const starts = [0];
  const p = new Papa.Parser({
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: (r: Papa.ParseStepResult<string[]>) => {
      starts.push(r.meta.cursor);
      if (starts.length > upTo + 1) p.abort();
    },
  } as Papa.ParseConfig);
  p.parse(input, 0, false);
  return starts;
}

/** Line breaks in s[from, to). */
export function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
