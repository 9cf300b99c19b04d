/**
 * Corpus cases for issue 12's security and identity classes: markup in column names and cells
 * (Plotly renders <a>, <b>, <span style> in labels), prototype names as columns and values,
 * targets in any case and spacing, placeholder customer ids, ids recognised from their values,
 * formula cells behind whitespace, and files whose message must name the actual problem.
 * Appended to the corpus by scripts/corpus.ts; every file is generated, never committed.
 */
import type { CorpusCase } from '../corpus';
import { generateDemoCsv } from '../../src/analysis/data/demo';

type Entry = { case: CorpusCase; content: () => Buffer | string };

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

/** This module's corpus cases. */
export function markupCases(): Entry[] {
  return [
    {
      case: { name: 'markup in column names and category values', file: 'markup-names-values.csv', expect: { warnings: [], rows: 400 } },
      content: () => toCsv(markupRows()),
    },
    {
      case: { name: 'prototype member names as columns, values and ids', file: 'proto-names.csv', expect: { warnings: [], rows: 400 } },
      content: () => toCsv(protoRows()),
    },
  ];
}
