/**
 * Corpus cases for issue 12's security and identity classes: markup in column names and cells
 * (Plotly renders <a>, <b>, <span style> in labels), prototype names as columns and values,
 * targets in any case and spacing, placeholder customer ids, ids recognised from their values,
 * formula cells behind whitespace, and files whose message must name the actual problem.
 * Not split: one table of cases, each a few lines of payload and its expected outcome; splitting it
 * by class would only scatter the payload strings they share.
 * Appended to the corpus by scripts/corpus.ts; every file is generated, never committed.
 */
import type { CorpusCase } from '../corpus';
import type { ParsingExpectation } from './parsing';
import { mulberry32 } from '../../src/analysis/random';
import { isFormulaLike } from '../../src/analysis/csvCells';
import { generateDemoCsv } from '../../src/analysis/data/demo';


/** Demo columns by index (generateDemoCsv's header). */
export const COL = { id: 0, gender: 1, internet: 8, contract: 15, payment: 17, monthly: 18, total: 19, churn: 20 } as const;

/** Markup that Plotly would render: a link, bold, a styled span, sub/superscript, a template. */
export const MARKUP = {
  link: '<a href="https://example.org/x">Senior</a>',
  bold: '<b>x</b>',
  big: '<span style="font-size:90px">big</span>',
  italic: '<i>Fiber</i> <sub>optic</sub><sup>2</sup>',
  linkValue: '<a href="https://example.org/y">Two year</a>',
  template: '%{y} <br>&amp; more',
} as const;

/** Prototype member names a column or a cell may carry. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** A CSV field, quoted when needed. */
export const field = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Demo rows as arrays of fields (no field of the demo holds a comma). */
export function demoRows(n: number, seed = 3): string[][] {
  return generateDemoCsv(seed, n).trim().split('\r\n').map((l) => l.split(','));
}
const toCsv = (rows: string[][]): string => rows.map((r) => r.map(field).join(',')).join('\n') + '\n';

/** Telco-like rows whose column names and category values are markup payloads, plus a numeric
 *  column named with a link that follows churn (so it reaches the importance and heat-map axes). */
export function markupRows(n = 400, seed = 3): string[][] {
  const rows = demoRows(n, seed);
  const contract = new Map([['Month-to-month', MARKUP.bold], ['One year', MARKUP.big], ['Two year', MARKUP.linkValue]]);
  return rows.map((r, i) => {
    const out = r.slice();
    if (i === 0) {
      out[COL.gender] = MARKUP.link;
      out[COL.internet] = '<b>Internet</b> service';
      out[COL.contract] = '<span style="color:red">Contract</span>';
      out[COL.payment] = MARKUP.template;
      out.push('<a href="https://example.org/n">Score</a>');
      return out;
    }
    out[COL.id] = `<a href="https://example.org/id">${r[COL.id]}</a>`;
    out[COL.gender] = r[COL.gender] === 'Male' ? MARKUP.italic : MARKUP.bold;
    out[COL.contract] = contract.get(r[COL.contract]) ?? r[COL.contract];
    if (r[COL.internet] === 'Fiber optic') out[COL.internet] = MARKUP.big;
    out.push(String((r[COL.churn] === 'Yes' ? 40 : 30) + ((i * 37) % 23)));
    return out;
  });
}

/** Telco-like rows with columns named after prototype members and those names as cell values
 *  (and as a few customer ids). */
export function protoRows(n = 400, seed = 3): string[][] {
  const rows = demoRows(n, seed);
  return rows.map((r, i) => {
    const out = r.slice();
    if (i === 0) return [...out, ...PROTO_NAMES];
    if (i <= PROTO_NAMES.length) out[COL.id] = PROTO_NAMES[i - 1];
    out[COL.payment] = PROTO_NAMES[i % PROTO_NAMES.length];
    // numeric, categorical, numeric, categorical, ...
    return [...out, ...PROTO_NAMES.map((p, j) => (j % 2 ? PROTO_NAMES[(i + j) % PROTO_NAMES.length] : String((i * (j + 3)) % 17)))];
  });
}

/** Corpus expectations of this module: the parsing ones, plus a file blocked at the mapping step
 *  (`atMapping`: the page shows the message and keeps Analyse disabled; the CLI fails with
 *  mapping-invalid), rows the mapping step says it sets aside, and a check of the CLI's outputs. */
export type MarkupExpectation = ParsingExpectation & {
  atMapping?: boolean;
  setAside?: number;
  check?: (analysis: AnalysisJson, customersCsv: string) => void;
};
export interface AnalysisJson {
  rows: number;
  kind: string;
  warnings: { code: string; message: string; count: number; dropped?: number }[];
  columns: { name: string; type: string; excluded?: string }[];
  lifetime?: { cohorts: { cohorts: string[]; offsets: number[]; share: (number | null)[][] }; movements: { month: string }[] } | null;
}
type MarkupEntry = { case: CorpusCase & { expect: MarkupExpectation }; content: () => Buffer | string };

const N = 300;

/** Replace column j of data rows through fn(old, i). */
const mapCol = (rows: string[][], j: number, fn: (old: string, i: number) => string): string[][] =>
  rows.map((r, i) => (i === 0 ? r : r.map((f, k) => (k === j ? fn(f, i) : f))));
const addCol = (rows: string[][], name: string, fn: (i: number) => string): string[][] => rows.map((r, i) => [...r, i === 0 ? name : fn(i)]);

/** An invoice-line log (CustomerID, InvoiceDate, Quantity, Amount) over `spanDays` (default 700, ~2 years); `id` may replace a line's customer id. */
export function invoiceLog(id: (c: number, line: number) => string = (c) => `C${1000 + c}`, customers = 80, spanDays = 700): string[][] {
  const rng = mulberry32(12);
  const rows: string[][] = [['CustomerID', 'InvoiceDate', 'Quantity', 'Amount']];
  const start = Date.UTC(2011, 0, 3);
  for (let c = 0; c < customers; c++) {
    const orders = 1 + Math.floor(rng() * 6);
    const first = Math.floor(rng() * Math.round((spanDays * 450) / 700));
    for (let o = 0; o < orders; o++) {
      const day = Math.min(spanDays - 1, first + Math.floor(rng() * Math.round((spanDays * 150) / 700)) * o);
      const q = 1 + Math.floor(rng() * 4);
      rows.push([id(c, rows.length), new Date(start + day * 86_400_000).toISOString().slice(0, 10), String(q), (q * (5 + rng() * 40)).toFixed(2)]);
    }
  }
  return rows;
}

/** Cells that a spreadsheet would still run as a formula (numbers aside). */
function liveFormulas(text: string): string[] {
  return text.split(/\r?\n/).flatMap((l) => l.split(',')).filter((c) => isFormulaLike(c.replace(/^"/, '')) && !/^-?\d/.test(c));
}
const assert = (ok: boolean, what: string) => {
  if (!ok) throw new Error(what);
};

/** This module's corpus cases (23 files). */
export function markupCases(): MarkupEntry[] {
  const ok = (warnings: string[], extra: Partial<MarkupExpectation> = {}): MarkupExpectation => ({ warnings, rows: N, dataRows: N, kind: 'customers', ...extra });
  // invoiceLog() writes the same lines whatever the ids: one per purchase, the header not counted
  const logOk = (warnings: string[], extra: Partial<MarkupExpectation> = {}): MarkupExpectation => ({ warnings, kind: 'transactions', noChurn: false, dataRows: invoiceLog().length - 1, ...extra });
  const PH = ['(blank)', 'N/A', 'unknown', 'null', 'none', '-', '0', ''];
  const CASES: MarkupEntry[] = [
    // 1. markup in names, values and ids
    { case: { name: 'markup in column names and category values', file: 'm-markup-names-values.csv', expect: ok([]) }, content: () => toCsv(markupRows(N)) },
    {
      case: { name: 'markup and entities as customer ids and values', file: 'm-markup-ids.csv', expect: ok([], { check: (_, c) => assert(c.includes('<a href=""https://example.org/id"">'), 'markup id kept as text in customers.csv') }) },
      content: () => toCsv(mapCol(mapCol(demoRows(N), COL.id, (old) => `<a href="https://example.org/id">${old}</a>`), COL.payment, (old, i) => (i % 3 ? old : `${old} &amp; <br>more`))),
    },
    {
      case: { name: 'invoice log with markup customer ids', file: 'm-markup-log.csv', expect: logOk([]) },
      content: () => toCsv(invoiceLog((c) => (c % 4 ? `C${1000 + c}` : `<b>C${1000 + c}</b> <span style="font-size:90px">big</span>`))),
    },
    {
      case: {
        name: 'invoice log with about one year of history',
        file: 'm-log-one-year.csv',
        expect: logOk(['derived-target'], {
          dataRows: invoiceLog(undefined, 120, 365).length - 1,
          // 12-13 months since first purchase at most; later cohorts' later months are null (not enough history), never 0
          check: (a) => {
            const g = a.lifetime?.cohorts;
            assert(!!g && g.offsets.length <= 13 && g.share.filter((row) => row.includes(null)).length >= g.cohorts.length - 2, `one year of cohorts: ${JSON.stringify(g?.offsets)}`);
          },
        }),
      },
      content: () => toCsv(invoiceLog(undefined, 120, 365)),
    },
    // 2. prototype member names
    { case: { name: 'prototype member names as columns, values and ids', file: 'm-proto-names.csv', expect: ok([]) }, content: () => toCsv(protoRows(N)) },
    {
      case: { name: 'invoice log with prototype member names as customer ids', file: 'm-proto-log.csv', expect: logOk([], { check: (_, c) => assert(PROTO_NAMES.every((p) => c.includes(`\n${p},`)), 'every prototype-named customer analysed') }) },
      content: () => toCsv(invoiceLog((c) => (c < PROTO_NAMES.length ? PROTO_NAMES[c] : `C${1000 + c}`))),
    },
    {
      case: { name: 'an id column named hasOwnProperty and a churn flag beside a column named __proto__', file: 'm-proto-roles.csv', expect: ok([]) },
      content: () => toCsv(addCol(demoRows(N).map((r, i) => (i === 0 ? ['hasOwnProperty', ...r.slice(1)] : r)), '__proto__', (i) => ['Yes', 'No', 'constructor'][i % 3])),
    },
    // 7. targets in any case and spacing
    {
      case: { name: 'churn flag in mixed case with spaces', file: 'm-target-case.csv', expect: ok(['target-normalised']) },
      content: () => toCsv(mapCol(demoRows(N), COL.churn, (old, i) => (old === 'Yes' ? ['Yes ', 'YES', 'yes', 'Yes'][i % 4] : [' no', 'NO', 'No', 'no '][i % 4]))),
    },
    {
      case: { name: 'churn flag as words in mixed case', file: 'm-target-words.csv', expect: ok(['target-normalised']) },
      content: () => toCsv(mapCol(demoRows(N), COL.churn, (old, i) => (old === 'Yes' ? ['Churned', 'CHURNED ', 'churned'][i % 3] : ['Stayed', ' stayed', 'STAYED'][i % 3]))),
    },
    {
      case: { name: 'churn flag TRUE/false with spaces', file: 'm-target-bool.csv', expect: ok(['target-normalised']) },
      content: () => toCsv(mapCol(demoRows(N), COL.churn, (old, i) => (old === 'Yes' ? ['TRUE', 'true ', 'True'][i % 3] : ['FALSE', ' false', 'False'][i % 3]))),
    },
    // 8. placeholder ids
    {
      case: { name: 'placeholder customer ids in a customer table', file: 'm-placeholder-ids.csv', expect: ok(['placeholder-ids'], { rows: N - 25, setAside: 25 }) },
      // rows 5, 17, ..., 293: (blank), N/A, unknown, null, none, -, 0, empty in turn ("0" three times)
      content: () => toCsv(mapCol(demoRows(N), COL.id, (old, i) => (i % 12 === 5 ? PH[((i - 5) / 12) % PH.length] : old))),
    },
    {
      case: {
        name: 'invoice log with (blank) and N/A customer ids',
        file: 'm-placeholder-log.csv',
        expect: logOk(['placeholder-ids'], { check: (_, c) => assert(!/\n(\(blank\)|N\/A),/.test(c), 'no placeholder id became a customer') }),
      },
      content: () => toCsv(invoiceLog((c, line) => (line % 9 === 0 ? ['(blank)', 'N/A', ''][Math.floor(line / 9) % 3] : `C${1000 + c}`))),
    },
    {
      case: { name: 'a row counter from 0 as customer id keeps customer "0"', file: 'm-counter-ids.csv', expect: ok([]) },
      content: () => toCsv(mapCol(demoRows(N), COL.id, (_, i) => String(i - 1))),
    },
    {
      case: { name: 'every customer id a placeholder', file: 'm-all-placeholders.csv', expect: { error: 'mapping-invalid', message: /no real customer id/i, atMapping: true } },
      content: () => toCsv(mapCol(demoRows(N), COL.id, (_, i) => ['N/A', '(blank)', 'unknown'][i % 3])),
    },
    // 9. ids found from values
    {
      case: { name: 'an account number with an unusual name', file: 'm-id-account.csv', expect: ok(['id-like-values'], { check: (a) => assert(a.columns.find((c) => c.name === 'Ref')?.type === 'id', 'Ref typed id') }) },
      content: () => {
        const rng = mulberry32(5);
        const used = new Set<number>();
        return toCsv(addCol(demoRows(N), 'Ref', () => {
          let v = 0;
          do v = 1_000_000 + Math.floor(rng() * 8_999_999);
          while (used.has(v));
          used.add(v);
          return String(v);
        }));
      },
    },
    { case: { name: 'a row counter 1..n', file: 'm-id-counter.csv', expect: ok(['id-like-values']) }, content: () => toCsv(addCol(demoRows(N), 'n', (i) => String(i))) },
    { case: { name: 'unique text codes with an unusual name', file: 'm-id-codes.csv', expect: ok(['id-like-values']) }, content: () => toCsv(addCol(demoRows(N), 'Handle', (i) => `AX-${(i * 7919) % 100000}`)) },
    {
      case: { name: 'a number unique on nearly every row', file: 'm-id-nearly.csv', expect: ok(['id-like-values']) },
      content: () => toCsv(addCol(demoRows(N), 'Serial', (i) => String(50_000 + (i % 299) * 37))),
    },
    // 14. formula cells behind whitespace
    {
      case: {
        name: 'formula cells behind spaces and tabs',
        file: 'm-formula-whitespace.csv',
        expect: ok([], { check: (_, c) => assert(liveFormulas(c).length === 0 && c.includes("' =1+1 5"), `live formulas: ${liveFormulas(c).slice(0, 3).join(' | ')}`) }),
      },
      content: () => toCsv(mapCol(demoRows(N), COL.id, (old, i) => (i % 5 === 0 ? [' =1+1', '\t=cmd|calc', '  @SUM(A1)', ' +1', ' -1-1'][(i / 5) % 5] + ` ${i}` : old))),
    },
    // 16. messages that name the problem
    {
      case: { name: 'every customer id the same', file: 'm-ids-all-same.csv', expect: { error: 'mapping-invalid', message: /same.*"C1".*duplicates/i, atMapping: true } },
      content: () => toCsv(mapCol(demoRows(N), COL.id, () => 'C1')),
    },
    {
      case: { name: 'invoice log with one customer id on every line', file: 'm-log-one-id.csv', expect: { error: 'mapping-invalid', message: /same.*duplicates/i, atMapping: true } },
      content: () => toCsv(invoiceLog(() => 'C1')),
    },
    { case: { name: 'a file of commas only', file: 'm-separators.csv', expect: { error: 'separators-only', message: /only separators.*5 empty fields/i } }, content: () => ',,,,\n'.repeat(40) },
    { case: { name: 'a file of semicolons only', file: 'm-separators-semicolon.csv', expect: { error: 'separators-only', message: /only separators \(";"\)/i } }, content: () => ';;;;;;\r\n'.repeat(12) },
    {
      case: { name: 'a NUL byte inside a text file', file: 'm-nul-byte.csv', expect: { error: 'nul-byte', message: /NUL byte.*line 18, character 3/i } },
      content: () => {
        const b = Buffer.from(toCsv(demoRows(60)));
        let at = 0;
        for (let line = 1; line < 18; line++) at = b.indexOf(0x0a, at) + 1;
        b[at + 2] = 0;
        return b;
      },
    },
  ];
  return CASES;
}
