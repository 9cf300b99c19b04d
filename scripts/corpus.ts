/**
 * The bad-input corpus (issue 7): every hostile or odd file a user may drop, with what must come
 * of it — a coded error, or a completed analysis whose cleaning report lists given warning codes.
 * Files are generated (deterministically) rather than committed; `writeCorpus(dir)` writes them,
 * and the CLI and e2e suites run the same list.
 *
 *   node --import tsx scripts/corpus.ts e2e/fixtures/generated   # writes the small files
 */
import { mkdirSync, openSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoCsv } from '../src/analysis/data/demo';
import { markupCases, type MarkupExpectation } from './corpus/markup';
import { parsingCorpus } from './corpus/parsing';

export type Expectation =
  | { error: string; message: RegExp }
  | {
      warnings: string[];
      rows?: number;
      noChurn?: boolean;
      /** the file's data rows (logs: data lines), known from how it was generated, for issue 12's
       *  accounting rule (src/analysis/accounting.ts): customers analysed (logs: lines aggregated) +
       *  rows (lines) reported as set aside = dataRows. Every completed case states it. */
      dataRows?: number;
    };

export interface CorpusCase {
  name: string;
  file: string;
  expect: Expectation;
  /** big files are written by writeLarge, not held in memory */
  large?: boolean;
}

/** A Telco-like base table of n rows (demo generator), as lines without the trailing newline. */
function baseLines(n: number, seed = 3): string[] {
  return generateDemoCsv(seed, n).trim().split('\r\n');
}
const csv = (lines: string[], nl = '\n') => lines.join(nl) + nl;

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function withColumn(lines: string[], name: string, value: (i: number) => string): string[] {
  return lines.map((l, i) => (i === 0 ? `${l},${name}` : `${l},${value(i)}`));
}

/** Replace the Churn column (last) of data rows through fn(i, old). */
function mapChurn(lines: string[], fn: (i: number, old: string) => string): string[] {
  return lines.map((l, i) => {
    if (i === 0) return l;
    const at = l.lastIndexOf(',');
    return l.slice(0, at + 1) + fn(i, l.slice(at + 1));
  });
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 0x1f, 0xf3, 0xff, 0x61]);

export const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '=HYPERLINK("http://example.com","click")', "+cmd|' /C calc'!A0"];

/** The corpus: name, content, and what must happen. */
export function corpus(): { case: CorpusCase; content: () => Buffer | string }[] {
  const base = () => baseLines(400);
  return [
    { case: { name: 'empty file', file: 'empty.csv', expect: { error: 'empty-file', message: /empty/i } }, content: () => '' },
    { case: { name: 'header only', file: 'header-only.csv', expect: { error: 'no-rows', message: /no data rows/i } }, content: () => base()[0] + '\n' },
    { case: { name: 'one column', file: 'one-column.csv', expect: { error: 'single-column', message: /one column/i } }, content: () => csv(['name', 'Ann', 'Bob', 'Cy']) },
    { case: { name: 'PNG renamed .csv', file: 'image.csv', expect: { error: 'binary-file', message: /not a text CSV/i } }, content: () => PNG },
    { case: { name: 'UTF-16 file', file: 'utf16.csv', expect: { warnings: ['encoding', 'imputed-total'], rows: 400, dataRows: 400 } }, content: () => utf16le(csv(base(), '\r\n')) },
    {
      case: { name: 'Latin-1 with accents', file: 'latin1.csv', expect: { warnings: ['encoding'], rows: 400, dataRows: 400 } },
      content: () => Buffer.from(csv(withColumn(base(), 'City', (i) => ['Málaga', 'Köln', 'Besançon', 'Zürich'][i % 4])), 'latin1'),
    },
    {
      case: { name: 'semicolons with decimal commas', file: 'semicolon-decimal-comma.csv', expect: { warnings: ['imputed-total'], rows: 400, dataRows: 400 } },
      content: () =>
        csv(
          base().map((l, i) =>
            l
              .split(',')
              .map((f, j) => (i > 0 && (j === 18 || j === 19) && f.trim() !== '' ? Number(f).toLocaleString('de-DE', { minimumFractionDigits: 2 }) : f))
              .join(';'),
          ),
        ),
    },
    { case: { name: 'tab-separated', file: 'tab.tsv', expect: { warnings: ['imputed-total'], rows: 400, dataRows: 400 } }, content: () => csv(base().map((l) => l.replace(/,/g, '\t'))) },
    { case: { name: 'UTF-8 BOM', file: 'bom.csv', expect: { warnings: ['imputed-total'], rows: 400, dataRows: 400 } }, content: () => '\uFEFF' + csv(base()) },
    { case: { name: 'mixed CRLF and LF', file: 'mixed-newlines.csv', expect: { warnings: ['imputed-total'], rows: 400, dataRows: 400 } }, content: () => base().map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('') },
    {
      case: { name: 'quoted fields with commas, quotes and newlines', file: 'quoted.csv', expect: { warnings: ['imputed-total'], rows: 400, dataRows: 400 } },
      content: () => csv(withColumn(base(), 'Note', (i) => (i % 3 === 0 ? '"Moved, then ""came back""\nsecond line"' : 'plain'))),
    },
    {
      case: { name: 'ragged rows', file: 'ragged.csv', expect: { warnings: ['ragged-short', 'ragged-long'], dataRows: 400 } },
      content: () => csv(base().map((l, i) => (i === 5 ? l.split(',').slice(0, 18).join(',') : i === 9 ? l + ',extra,fields' : l))),
    },
    {
      case: { name: 'duplicate header names', file: 'duplicate-headers.csv', expect: { warnings: ['duplicate-header'], rows: 400, dataRows: 400 } },
      content: () => csv(withColumn(base(), 'gender', (i) => (i % 2 ? 'x' : 'y'))),
    },
    { case: { name: 'blank header names', file: 'blank-headers.csv', expect: { warnings: ['blank-header'], rows: 400, dataRows: 400 } }, content: () => csv(withColumn(base(), '', (i) => String(i % 5))) },
    {
      case: { name: 'duplicate customer ids', file: 'duplicate-ids.csv', expect: { warnings: ['duplicate-ids'], rows: 400, dataRows: 403 } },
      content: () => {
        const l = base();
        return csv([...l, l[1], l[2], l[3]]);
      },
    },
    {
      case: { name: 'text in 5% of a numeric column', file: 'text-in-numeric.csv', expect: { warnings: ['non-numeric-cells', 'imputed-median'], rows: 400, dataRows: 400 } },
      content: () =>
        csv(
          base().map((l, i) => {
            if (i === 0 || i % 20 !== 0) return l;
            const f = l.split(',');
            f[18] = 'unknown';
            return f.join(',');
          }),
        ),
    },
    {
      case: { name: 'target with a third value and blanks', file: 'target-maybe.csv', expect: { warnings: ['target-missing'], rows: 390, dataRows: 400 } },
      content: () => csv(mapChurn(base(), (i, old) => (i % 80 === 0 ? 'Maybe' : i % 80 === 1 ? '' : old))),
    },
    {
      case: { name: 'target with a single class', file: 'single-class.csv', expect: { error: 'mapping-invalid', message: /same value .*two kinds of value/, atMapping: true } as MarkupExpectation },
      content: () => csv(mapChurn(base(), () => 'No')),
    },
    {
      case: { name: 'two rows', file: 'two-rows.csv', expect: { warnings: ['segmentation-skipped'], rows: 2, noChurn: true, dataRows: 2 } },
      content: () => csv(mapChurn(base().slice(0, 3), (i) => (i === 1 ? 'Yes' : 'No'))),
    },
    {
      case: { name: '1,000 columns', file: 'thousand-columns.csv', expect: { warnings: [], rows: 300, dataRows: 300 } },
      content: () => {
        const l = baseLines(300);
        return csv(l.map((row, i) => row + Array.from({ length: 979 }, (_, j) => (i === 0 ? `,extra${j}` : `,${(i * 31 + j * 17) % 97}`)).join('')));
      },
    },
    {
      case: { name: 'script and formula payloads in cells', file: 'payloads.csv', expect: { warnings: [], rows: 400, dataRows: 400 } },
      content: () =>
        csv(
          withColumn(base(), 'Comment', (i) => `"${PAYLOADS[i % PAYLOADS.length].replace(/"/g, '""')}"`).map((l, i) =>
            // every 50th customer id is itself a formula payload
            i > 0 && i % 50 === 0 ? `${i % 100 ? '@SUM(1+1)*' : "+cmd|' /C calc'!A"}${i}${l.slice(l.indexOf(','))}` : l,
          ),
        ),
    },
    ...markupCases(),
    ...parsingCorpus(),
  ];
}

/** Write a ~`mb` MB customer file: Telco-like rows with a long free-text notes column (streamed). */
export function writeLarge(path: string, mb = 300, seed = 5): number {
  const lines = baseLines(2000, seed);
  const fd = openSync(path, 'w');
  const note = 'Customer called about billing; agent noted details. '.repeat(300);
  writeSync(fd, lines[0] + ',Notes\n');
  let bytes = 0;
  let rows = 0;
  const target = mb * 1024 * 1024;
  while (bytes < target) {
    const chunk: string[] = [];
    for (let k = 0; k < 1000 && bytes < target; k++, rows++) {
      const src = lines[1 + (rows % (lines.length - 1))];
      const comma = src.indexOf(',');
      const line = `R${rows}${src.slice(comma)},"${note}${rows}"\n`;
      bytes += line.length;
      chunk.push(line);
    }
    writeSync(fd, chunk.join(''));
  }
  closeSync(fd);
  return rows;
}

/** Write every small corpus file into dir; returns the cases. */
export function writeCorpus(dir: string): CorpusCase[] {
  mkdirSync(dir, { recursive: true });
  return corpus().map(({ case: c, content }) => {
    writeFileSync(join(dir, c.file), content());
    return c;
  });
}

if (process.argv[1]?.endsWith('corpus.ts') && process.argv[2]) {
  const cases = writeCorpus(process.argv[2]);
  console.log(`wrote ${cases.length} files to ${process.argv[2]}`);
}
