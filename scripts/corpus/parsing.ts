/**
 * Corpus cases for issue 12's parsing classes (headers, runaway quotes, number and date formats,
 * non-finite values, encodings), appended to scripts/corpus.ts. Generated, deterministic.
 * `dataRows`: the file's data rows (logs: lines), for issue 12's accounting rule (corpus.ts).
 * `kind`: the table kind the analysis must take.
 */
import { generateDemoCsv } from '../../src/analysis/data/demo';
import { mulberry32 } from '../../src/analysis/random';
import { buildXlsx, type XlsxCell } from '../../src/analysis/testing/xlsx';
import type { CorpusCase, Expectation } from '../corpus';

export type ParsingExpectation = Expectation & { kind?: 'customers' | 'transactions' };
type Entry = { case: CorpusCase & { expect: ParsingExpectation }; content: () => Buffer | string };

const N = 300;
const base = (n = N, seed = 11) => generateDemoCsv(seed, n).trim().split('\r\n');
const csv = (lines: string[], nl = '\n') => lines.join(nl) + nl;
const cells = (l: string) => l.split(',');
/** Replace field j of data rows through fn(old, i). */
const mapField = (lines: string[], j: number, fn: (old: string, i: number) => string) =>
  lines.map((l, i) => {
    if (i === 0) return l;
    const f = cells(l);
    f[j] = fn(f[j], i);
    return f.join(',');
  });
const withColumn = (lines: string[], name: string, value: (i: number) => string) => lines.map((l, i) => (i === 0 ? `${l},${name}` : `${l},${value(i)}`));
const MONTHLY = 18;
const TOTAL = 19;

/** An invoice-line log: ids with repeats, one date per line, quantity and amount; `date` formats the day. */
function log(date: (d: Date) => string, opts: { customers?: number; delimiter?: string; header?: boolean; extra?: (i: number) => string | null } = {}): string {
  const rng = mulberry32(7);
  const d = opts.delimiter ?? ',';
  const lines: string[] = opts.header === false ? [] : [['CustomerID', 'InvoiceDate', 'Quantity', 'Amount'].join(d)];
  const start = Date.UTC(2010, 0, 4);
  for (let c = 0; c < (opts.customers ?? 120); c++) {
    const orders = 1 + Math.floor(rng() * 6);
    const first = Math.floor(rng() * 500);
    for (let o = 0; o < orders; o++) {
      const day = Math.min(699, first + Math.floor(rng() * 200) * o);
      const q = 1 + Math.floor(rng() * 4);
      lines.push([`C${1000 + c}`, date(new Date(start + day * 86_400_000)), String(q), (q * (5 + rng() * 40)).toFixed(2)].join(d));
    }
  }
  const extra = opts.extra?.(lines.length);
  if (extra) lines.splice(5, 0, extra);
  return csv(lines);
}
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dmy = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const compact = (d: Date) => isoDay(d).replace(/-/g, '');

function utf16be(text: string, bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le;
}
/** Windows-1252 bytes of text whose non-ASCII characters are in that code page. */
function cp1252(text: string): Buffer {
  const table = new Map<string, number>([['€', 0x80], ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94], ['–', 0x96], ['—', 0x97]]);
  return Buffer.from(Array.from(text, (ch) => table.get(ch) ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}
/** Shift-JIS bytes for ASCII plus a few katakana/kanji city names (encoded by hand: Node has no encoder). */
const SJIS: Record<string, number[]> = {
  トウキョウ: [0x83, 0x67, 0x83, 0x45, 0x83, 0x4c, 0x83, 0x87, 0x83, 0x45],
  オオサカ: [0x83, 0x49, 0x83, 0x49, 0x83, 0x54, 0x83, 0x4a],
  東京: [0x93, 0x8c, 0x8b, 0x9e],
};
function shiftJis(lines: string[], city: (i: number) => string): Buffer {
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    parts.push(Buffer.from(l + ',', 'latin1'));
    parts.push(i === 0 ? Buffer.from('City') : Buffer.from(SJIS[city(i)]));
    parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}
const CITIES = Object.keys(SJIS);

/** Aligned text: every column padded to its widest value plus `gap` spaces. */
function aligned(lines: string[], gap: number): string {
  const rows = lines.map(cells);
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return csv(rows.map((r) => r.map((f, j) => f.padEnd(w[j] + gap)).join('').trimEnd()));
}

/** CSV lines as typed workbook rows: numbers as numbers, the rest as text, blanks empty. */
const typedRows = (lines: string[]): XlsxCell[][] =>
  lines.map((l, i) => cells(l).map((f) => (i > 0 && f.trim() !== '' && Number.isFinite(Number(f)) ? Number(f) : f.trim() === '' ? null : f)));

/** The log of log() as typed rows (dates as Excel dates). */
function logRows(): XlsxCell[][] {
  const lines = log(isoDay).trim().split('\n');
  return lines.map((l, i) => cells(l).map((f, j) => (i === 0 ? f : j === 1 ? new Date(f + 'T00:00:00Z') : j >= 2 ? Number(f) : f)));
}

/** Issue 12 parsing cases. */
export function parsingCorpus(): Entry[] {
  const ok = (warnings: string[], extra: Partial<ParsingExpectation> = {}): ParsingExpectation => ({ warnings, rows: N, dataRows: N, kind: 'customers', ...extra }) as ParsingExpectation;
  // every log of log() holds the same lines whatever the date format (one line per purchase, no header counted)
  const lines = log(isoDay).trim().split('\n').length - 1;
  const logOk = (warnings: string[], extraLines = 0): ParsingExpectation => ({ warnings, kind: 'transactions', dataRows: lines + extraLines });
  return [
    {
      case: { name: 'duplicate names whose rename collides (X, X, X (2))', file: 'p-dup-collide.csv', expect: ok(['duplicate-header']) },
      content: () => csv(withColumn(withColumn(withColumn(base(), 'X', (i) => String(i % 3)), 'X', (i) => String(i % 5)), 'X (2)', (i) => String(i % 7))),
    },
    {
      case: { name: 'blank header cells next to a "Column 22"', file: 'p-blank-collide.csv', expect: ok(['blank-header']) },
      content: () => csv(withColumn(withColumn(withColumn(base(), '', (i) => String(i % 4)), 'Column 22', (i) => String(i % 6)), ' ', (i) => String(i % 2))),
    },
    {
      case: { name: 'customer table without a header row', file: 'p-no-header.csv', expect: ok(['no-header']) },
      content: () => csv(base().slice(1)),
    },
    {
      case: { name: 'transaction log without a header, aligned with single spaces (CDNOW layout)', file: 'p-cdnow-like.txt', expect: logOk(['no-header', 'whitespace-columns', 'derived-target']) },
      content: () =>
        log(compact, { header: false, delimiter: ' ' })
          .split('\n')
          .map((l) => (l ? ' ' + l.replace(/ /g, '  ') : l))
          .join('\n'),
    },
    {
      case: { name: 'aligned text export with a header (values with single spaces)', file: 'p-aligned.txt', expect: ok(['whitespace-columns']) },
      content: () => aligned(base(), 2),
    },
    {
      case: { name: "Excel sep=; first line with decimal commas", file: 'p-sep-line.csv', expect: ok([]) },
      content: () => 'sep=;\r\n' + csv(base().map((l, i) => cells(l).map((f, j) => (i > 0 && (j === MONTHLY || j === TOTAL) ? f.replace('.', ',') : f)).join(';')), '\r\n'),
    },
    {
      case: { name: 'one unclosed quote (would swallow the following rows)', file: 'p-runaway.csv', expect: ok(['runaway-quote']) },
      content: () => csv(mapField(base(), 1, (v, i) => (i === 40 ? `"${v}` : v))),
    },
    {
      case: { name: 'unclosed quotes on three lines, one of them the last', file: 'p-runaway-many.csv', expect: ok(['runaway-quote']) },
      content: () => csv(mapField(base(), 15, (v, i) => (i === 10 || i === 200 || i === N ? `"${v} (old` : v))),
    },
    {
      case: { name: 'inch marks inside unquoted fields', file: 'p-inch-marks.csv', expect: ok([]) },
      content: () => csv(withColumn(base(), 'Device', (i) => `${13 + (i % 3)}" laptop`)),
    },
    {
      case: { name: 'semicolon file with thousands dots (2.345 = 2345)', file: 'p-thousands-dot.csv', expect: ok([]) },
      content: () => csv(mapField(base(), TOTAL, (v) => (v.trim() === '' ? v : Math.round(Number(v) * 10).toLocaleString('de-DE'))).map((l) => l.replace(/,/g, ';'))),
    },
    {
      case: { name: 'ambiguous thousands-or-decimal column (1.250 in a comma file)', file: 'p-ambiguous-decimal.csv', expect: ok([]) },
      content: () => csv(withColumn(base(), 'Discount', (i) => `${1 + (i % 9)}.${['250', '500', '750'][i % 3]}`)),
    },
    {
      case: { name: 'currency, percent and accounting negatives', file: 'p-money.csv', expect: ok([]) },
      content: () => csv(withColumn(mapField(base(), MONTHLY, (v) => `$${v}`), 'Balance', (i) => (i % 7 === 0 ? `"(${(i * 13.5).toLocaleString('en-US', { minimumFractionDigits: 2 })})"` : `${i % 40}%`))),
    },
    {
      case: { name: 'non-finite numbers (1e309, Infinity, -inf, NaN)', file: 'p-non-finite.csv', expect: ok(['non-finite-cells']) },
      content: () => csv(mapField(base(), MONTHLY, (v, i) => (i % 50 === 1 ? ['1e309', 'Infinity', '-inf', 'NaN'][(i / 50) % 4 | 0] : v))),
    },
    {
      case: { name: 'numbers that would overflow sums (1e300)', file: 'p-overflow.csv', expect: ok(['non-finite-cells']) },
      content: () => csv(mapField(base(), TOTAL, (v, i) => (i % 30 === 0 ? '1.7e300' : v))),
    },
    {
      case: { name: 'log with day-first dates', file: 'p-dates-dmy.csv', expect: logOk(['derived-target']) },
      content: () => log(dmy),
    },
    {
      case: { name: 'log whose dates all read both ways (day <= 12)', file: 'p-dates-ambiguous.csv', expect: logOk(['derived-target']) },
      content: () => log((d) => `${pad(Math.min(12, d.getUTCDate()))}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`),
    },
    {
      case: { name: 'log with a 2099 typo', file: 'p-date-2099.csv', expect: logOk(['date-outliers', 'derived-target'], 1) },
      content: () => log(isoDay, { extra: () => 'C1003,2099-03-01,1,12.00' }),
    },
    {
      case: { name: 'log with a date before 1900', file: 'p-date-1850.csv', expect: logOk(['date-outliers', 'derived-target'], 1) },
      content: () => log(isoDay, { extra: () => 'C1004,1850-03-01,1,12.00' }),
    },
    {
      case: { name: 'Windows-1252 smart quotes, dashes and euro', file: 'p-cp1252.csv', expect: ok(['encoding']) },
      content: () => cp1252(csv(withColumn(base(), 'Note', (i) => ['“VIP” – gold', 'paid €20 — ok', '‘late’'][i % 3]))),
    },
    {
      case: { name: 'Shift-JIS city names', file: 'p-shift-jis.csv', expect: ok(['encoding']) },
      content: () => shiftJis(base(), (i) => CITIES[i % CITIES.length]),
    },
    {
      case: { name: 'UTF-16BE with a byte order mark', file: 'p-utf16be.csv', expect: ok(['encoding']) },
      content: () => utf16be(csv(withColumn(base(), 'City', (i) => ['Málaga', 'Köln', '東京'][i % 3]), '\r\n'), true),
    },
    {
      case: { name: 'UTF-16BE without a byte order mark', file: 'p-utf16be-nobom.csv', expect: ok(['encoding']) },
      content: () => utf16be(csv(base()), false),
    },
    {
      case: { name: 'target rows blank and duplicate ids (accounting)', file: 'p-accounting.csv', expect: ok(['target-missing', 'duplicate-ids'], { rows: N - 5 - 4, dataRows: N }) },
      content: () => {
        const l = mapField(base(), 20, (v, i) => (i % 50 === 0 ? '' : v));
        return csv([...l.slice(0, N - 3), l[1], l[2], l[3], l[4]]);
      },
    },
    {
      case: { name: 'Excel workbook with a second sheet', file: 'p-workbook.xlsx', expect: ok(['workbook-sheets']) },
      content: () => Buffer.from(buildXlsx([['Customers', typedRows(base())], ['Notes', [['Exported by', 'CRM'], ['On', new Date(Date.UTC(2024, 4, 1))]]]])),
    },
    {
      case: { name: 'Excel workbook holding a transaction log with typed dates', file: 'p-workbook-log.xlsx', expect: logOk(['derived-target']) },
      content: () => Buffer.from(buildXlsx([['Invoices', logRows()]])),
    },
    {
      case: { name: 'damaged Excel workbook', file: 'p-workbook-damaged.xlsx', expect: { error: 'corrupt-workbook', message: /could not be read/ } },
      content: () => Buffer.from(buildXlsx([['Customers', typedRows(base(20))]]).slice(0, 400)),
    },
    {
      case: { name: 'password-protected Excel workbook', file: 'p-workbook-locked.xlsx', expect: { error: 'protected-workbook', message: /password-protected/ } },
      content: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
    },
  ];
}
