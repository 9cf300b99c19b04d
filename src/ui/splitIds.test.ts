import { describe, expect, it } from 'vitest';
import { splitIds } from './engineClient';

describe('splitIds', () => {
  it('matches split(U+0000) across task boundaries', async () => {
    const ids = Array.from({ length: 12_345 }, (_, i) => (i % 10 === 0 ? '' : `C-${i}`));
    const packed = ids.join('\u0000');
    expect(await splitIds(packed, 1000)).toEqual(packed.split('\u0000'));
    expect(await splitIds(packed, 1000)).toEqual(ids);
  });
  it('handles one id and a trailing empty id', async () => {
    expect(await splitIds('')).toEqual(['']);
    expect(await splitIds('a')).toEqual(['a']);
    expect(await splitIds('a\u0000', 1)).toEqual(['a', '']);
  });
});
