import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { originalRows } from './originals';

describe('originalRows', () => {
  it('returns each id its own rows as text, in the order asked, unknown ids empty', async () => {
    const p = await parseCsv('id,plan,spend\nb,Gold,10\na,Basic,=1+1\nb,Gold,12\n', 'x.csv');
    if (!p.ok) throw new Error(p.message);
    const out = originalRows(p.table, 'id', ['a', 'b', 'zz'], 5);
    expect(out.header).toEqual(['id', 'plan', 'spend']);
    expect(out.rows).toEqual([[['a', 'Basic', '=1+1']], [['b', 'Gold', '10'], ['b', 'Gold', '12']], []]);
    expect(originalRows(p.table, null, ['2']).rows).toEqual([[['a', 'Basic', '=1+1']]]);
  });
});
