/** CSV exports neutralise formula prefixes (issue 12, point 14), in every writer. */
import { describe, expect, it } from 'vitest';
import { csvCell, isFormulaLike } from '../analysis/csvCells';
import { customersCsv, callListCsv } from './csv';
import { scoresCsv } from '../analysis/model/scoresCsv';
import { fixtureResult } from '../analysis/testing/resultFixture';
import { csvRows } from '../analysis/testing/csvRows';
import type { SavedModel } from '../analysis/model/types';
import type { Scored } from '../analysis/model/score';

/** Cells a spreadsheet would run: a formula behind spaces, or behind a tab, CR or LF. */
const HOSTILE = [' =1+1', '  +cmd|calc', ' -2+3', '   @SUM(A1)', '\t=1+1', '\r=1+1', '\n@x', '=HYPERLINK("x")', '\tplain', '\nplain'];

/** Every cell of a CSV text (RFC 4180 quoting), row by row. */
const cells = (text: string): string[] => csvRows(text).flat();
/** Cells that would still run as formulas (typed numbers aside). */
const live = (text: string) => cells(text).filter((c) => isFormulaLike(c) && !/^-?\d+(\.\d+)?$/.test(c));

describe('csvCell', () => {
  it('quotes-prefixes every hostile cell, after any leading whitespace, and keeps it readable', () => {
    for (const h of HOSTILE) {
      const c = csvCell(h);
      expect(cells(c + '\n')[0], JSON.stringify(h)).toBe(`'${h}`);
    }
    expect(csvCell('Month-to-month')).toBe('Month-to-month');
    expect(csvCell('  padded')).toBe('"  padded"');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });

  it('every CSV writer goes through it: customers, call list, scores', () => {
    const r = fixtureResult();
    r.ids = HOSTILE.slice(0, r.ids.length);
    const texts = { customers: customersCsv(r), callList: callListCsv(r, null, r.rows) };
    const n = HOSTILE.length;
    const scored = { n, ids: HOSTILE, segment: new Int32Array(n), probability: new Float64Array(n).fill(0.25), clv: null, reasons: null } as unknown as Scored;
    const model = { segmentation: { names: ['+seg'] } } as unknown as SavedModel;
    const scores = scoresCsv(model, scored);
    for (const [name, text] of Object.entries({ ...texts, scores })) {
      expect(live(text), name).toEqual([]);
      expect(text, name).toContain(`'${HOSTILE[0]}`);
    }
    expect(scores).toContain("'+seg");
  });
});
