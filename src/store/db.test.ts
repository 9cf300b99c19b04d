import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { StudioStore, isQuotaError, recipeKey, type SavedMeta, type V1Record } from './db';
import type { AnalysisResult } from '../analysis/result';
import { IDS_PATH, chunkKey, partKey, partKeyBounds } from './keys';

let n = 0;
const freshName = () => `test-db-${Date.now()}-${n++}`;

function meta(id: string, createdAt: string): SavedMeta {
  return {
    id, name: `Analysis ${id}`, fileName: 'telco.csv', rows: 3, kind: 'customers', createdAt,
    churnRate: 0.25, segments: 2, options: { seed: 1 }, source: { type: 'file', fileName: 'telco.csv' },
  };
}
function result(id: string): AnalysisResult {
  return {
    type: 'retention-studio/analysis', version: 1, createdAt: '2024-01-01T00:00:00Z', fileName: `${id}.csv`,
    rows: 3, inputRows: 3, kind: 'customers', roles: {}, columns: [], warnings: [], backend: 'cpu',
    timingsMs: {}, options: { seed: 1 }, ids: ['a', 'b', 'c'], segmentation: null, churn: null, business: null, currency: 'USD',
  };
}

describe('StudioStore', () => {
  it('saves, lists newest first, reopens, renames and deletes', async () => {
    const store = new StudioStore(freshName());
    expect((await store.saveAnalysis(meta('x', '2024-01-01'), result('x'))).ok).toBe(true);
    expect((await store.saveAnalysis(meta('y', '2024-02-01'), result('y'))).ok).toBe(true);
    expect((await store.list()).map((m) => m.id)).toEqual(['y', 'x']);
    expect((await store.loadResult('x'))?.fileName).toBe('x.csv');
    await store.rename('x', 'Q1 churn');
    expect((await store.getMeta('x'))?.name).toBe('Q1 churn');
    await store.saveFile({ id: 'x', fileName: 'x.csv', data: 'a,b\n1,2' });
    expect((await store.loadFile('x'))?.data).toBe('a,b\n1,2');
    await store.remove('x');
    expect((await store.list()).map((m) => m.id)).toEqual(['y']);
    expect(await store.loadResult('x')).toBeNull();
    expect(await store.loadFile('x')).toBeNull();
  });

  it('keeps typed arrays as typed arrays', async () => {
    const store = new StudioStore(freshName());
    const r = result('t') as AnalysisResult & { extra: Float64Array };
    r.extra = new Float64Array([0.25, 0.5]);
    await store.saveAnalysis(meta('t', '2024-01-01'), r);
    const back = (await store.loadResult('t')) as AnalysisResult & { extra: Float64Array };
    expect(back.extra).toBeInstanceOf(Float64Array);
    expect(Array.from(back.extra)).toEqual([0.25, 0.5]);
  });

  it('a failed save writes nothing and loses nothing saved before', async () => {
    const store = new StudioStore(freshName());
    await store.saveAnalysis(meta('a', '2024-01-01'), result('a'));
    const bad = { ...result('b'), notCloneable: () => 1 } as unknown as AnalysisResult;
    const out = await store.saveAnalysis(meta('b', '2024-02-01'), bad);
    expect(out.ok).toBe(false);
    expect((await store.list()).map((m) => m.id)).toEqual(['a']);
    expect((await store.loadResult('a'))?.fileName).toBe('a.csv');
  });

  it('recognises quota errors by name', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('stores and finds recipes by header', async () => {
    const store = new StudioStore(freshName());
    await store.saveRecipe({ key: recipeKey(['id', 'Churn']), header: ['id', 'Churn'], roles: { target: 'Churn' }, types: {}, savedAt: 'now' });
    expect((await store.findRecipe(['id', 'Churn']))?.roles.target).toBe('Churn');
    expect(await store.findRecipe(['id', 'Other'])).toBeNull();
  });

  it('keeps column types with a recipe, and loads older recipes saved without them', async () => {
    const store = new StudioStore(freshName());
    const header = ['id', 'code', 'Churn'];
    await store.saveRecipe({ key: recipeKey(header), header, roles: { target: 'Churn' }, types: { code: 'categorical' }, savedAt: 'now' });
    expect((await store.findRecipe(header))?.types).toEqual({ code: 'categorical' });
    // An older recipe: no `types` field at all; and one naming a column or type that is not there.
    const db = await store.db();
    const old = { key: recipeKey(['id', 'Churn']), header: ['id', 'Churn'], kind: 'customers', roles: { target: 'Churn' }, savedAt: 'then' };
    await db.put('recipes', old as never);
    const loaded = await store.findRecipe(['id', 'Churn']);
    expect(loaded?.roles.target).toBe('Churn');
    expect(loaded?.types).toEqual({});
    await db.put('recipes', { ...old, types: { gone: 'numeric', id: 'colour' } } as never);
    expect((await store.findRecipe(['id', 'Churn']))?.types).toEqual({});
  });

  it('migrates a v1 database (result inside the analyses row) to v2', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('analyses', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      },
    });
    const old: V1Record = { ...meta('old', '2023-05-05'), result: result('old') };
    await v1.put('analyses', old);
    v1.close();

    const store = new StudioStore(name);
    const list = await store.list();
    expect(list.map((m) => m.id)).toEqual(['old']);
    expect('result' in list[0]).toBe(false);
    expect((await store.loadResult('old'))?.fileName).toBe('old.csv');
    const db = await store.db();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['analyses', 'files', 'recipes', 'results']);
  });

  it('deleteEverything empties the database', async () => {
    const store = new StudioStore(freshName());
    await store.saveAnalysis(meta('a', '2024-01-01'), result('a'));
    await store.deleteEverything();
    expect(await store.list()).toEqual([]);
  });
});

describe('packed ids', () => {
  it('stores many ids as one string and loads them back in order', async () => {
    const store = new StudioStore(freshName());
    const ids = Array.from({ length: 2500 }, (_, i) => `C-${i}`);
    await store.saveAnalysis(meta('p', '2024-01-01'), { ...result('p'), rows: ids.length, ids });
    const raw = await (await store.db()).get('results', 'p');
    expect(typeof raw?.packedIds).toBe('string');
    expect(raw?.result.ids).toEqual([]);
    expect((await store.loadResult('p'))?.ids).toEqual(ids);
  });

  it('keeps ids as an array when one contains the separator', async () => {
    const store = new StudioStore(freshName());
    const ids = Array.from({ length: 1200 }, (_, i) => (i === 7 ? 'a\u0000b' : `C-${i}`));
    await store.saveAnalysis(meta('q', '2024-01-01'), { ...result('q'), rows: ids.length, ids });
    const raw = await (await store.db()).get('results', 'q');
    expect(raw?.packedIds).toBeUndefined();
    expect((await store.loadResult('q'))?.ids).toEqual(ids);
  });

  it('saves the ids the worker sent joined as they are (an explicit hand-off, not a lookup)', async () => {
    const store = new StudioStore(freshName());
    const ids = ['a', 'b', 'c'];
    await store.saveAnalysis(meta('h', '2024-01-01'), { ...result('h'), ids }, 'a\u0000b\u0000c');
    const raw = await (await store.db()).get('results', 'h');
    expect(raw?.packedIds).toBe('a\u0000b\u0000c');
    expect(raw?.result.ids).toEqual([]);
    expect((await store.loadResult('h'))?.ids).toEqual(ids);
  });
});

describe('key formats (keys.ts)', () => {
  it('every part and chunk key of an analysis lies inside its bounds, and no key of another analysis does', () => {
    const [lo, hi] = partKeyBounds('abc');
    const inside = [partKey('abc', ['churn', 'probability']), chunkKey('abc', ['churn', 'probability'], 3), chunkKey('abc', IDS_PATH, 1)];
    for (const k of inside) expect(k > lo && k < hi, k).toBe(true);
    for (const k of ['abc', 'abcd', 'ab', partKey('abcd', ['x']), partKey('ab', ['x'])]) expect(k >= lo && k <= hi, k).toBe(false);
    expect(chunkKey('abc', ['x'], 0)).toBe(partKey('abc', ['x'])); // records saved before chunking load as chunk 0
  });
});

describe('large typed arrays as part records', () => {
  it('stores each big array as its own record and loads the result back; remove deletes them', async () => {
    const store = new StudioStore(freshName());
    const base = result('big');
    const probability = Float64Array.from({ length: 200_000 }, (_, i) => (i % 97) / 97);
    const big = { ...base, churn: { ...(base.churn ?? {}), probability } } as unknown as typeof base;
    await store.saveAnalysis(meta('big', '2024-01-01'), big);
    const raw = await (await store.db()).get('results', 'big');
    expect(raw?.parts).toEqual([['churn', 'probability']]);
    expect(raw?.chunks).toEqual([2]); // 1.6 MB in records of at most 1 MB (one short put each)
    expect((raw?.result as unknown as { churn: { probability: unknown } }).churn.probability).toBeNull();
    const loaded = (await store.loadResult('big')) as unknown as { churn: { probability: Float64Array } };
    expect(loaded.churn.probability).toBeInstanceOf(Float64Array);
    expect(Array.from(loaded.churn.probability)).toEqual(Array.from(probability));
    await store.remove('big');
    expect(await (await store.db()).count('results')).toBe(0);
  });

  it('stores a 10x-sized per-customer array (over 128 KB) as a part, a 1x-sized one (56 KB) in the result record', async () => {
    const store = new StudioStore(freshName());
    const base = result('mid');
    const probability = Float64Array.from({ length: 70_430 }, (_, i) => (i % 89) / 89);
    const clv = Float64Array.from({ length: 7_043 }, (_, i) => i / 7);
    const mid = { ...base, churn: { ...(base.churn ?? {}), probability }, business: { ...(base.business ?? {}), clv } } as unknown as typeof base;
    await store.saveAnalysis(meta('mid', '2024-01-01'), mid);
    const raw = await (await store.db()).get('results', 'mid');
    expect(raw?.parts).toEqual([['churn', 'probability']]);
    expect(raw?.chunks).toEqual([1]);
    const loaded = (await store.loadResult('mid')) as unknown as { churn: { probability: Float64Array }; business: { clv: Float64Array } };
    expect(Array.from(loaded.churn.probability)).toEqual(Array.from(probability));
    expect(Array.from(loaded.business.clv)).toEqual(Array.from(clv));
  });

  it('splits packed ids over 1 MB into records and joins them back', async () => {
    const store = new StudioStore(freshName());
    const ids = Array.from({ length: 120_000 }, (_, i) => `CUST-${String(i).padStart(6, '0')}`);
    await store.saveAnalysis(meta('many', '2024-01-01'), { ...result('many'), rows: ids.length, ids });
    const raw = await (await store.db()).get('results', 'many');
    expect(raw?.packedIds).toBeUndefined();
    expect(raw?.idChunks).toBe(2);
    expect((await store.loadResult('many'))?.ids).toEqual(ids);
    await store.remove('many');
    expect(await (await store.db()).count('results')).toBe(0);
  });

  it('a refined save (same arrays, a small field changed) rewrites only the result record and missing chunks', async () => {
    const store = new StudioStore(freshName());
    const ids = Array.from({ length: 120_000 }, (_, i) => `CUST-${String(i).padStart(6, '0')}`);
    const probability = Float64Array.from({ length: 200_000 }, (_, i) => (i % 97) / 97);
    const first = { ...result('ref'), rows: ids.length, ids, churn: { probability, models: ['a'] } } as unknown as AnalysisResult;
    await store.saveAnalysis(meta('ref', '2024-01-01'), first);
    const [db, mark] = [await store.db(), Float64Array.of(-1)]; // marks in two chunk records: a save that rewrites them loses them
    await db.put('results', { id: chunkKey('ref', ['churn', 'probability'], 1), result: null as unknown as AnalysisResult, data: mark });
    await db.put('results', { id: chunkKey('ref', IDS_PATH, 1), result: null as unknown as AnalysisResult, text: 'marked' });
    await db.delete('results', chunkKey('ref', ['churn', 'probability'], 0)); // as another tab could
    const refined = { ...first, churn: { ...(first.churn as object), models: ['a', 'b'] } } as unknown as AnalysisResult;
    expect((await store.saveAnalysis(meta('ref', '2024-01-01'), refined)).ok).toBe(true);
    expect((await db.get('results', 'ref'))?.result.churn).toEqual({ probability: null, models: ['a', 'b'] });
    expect((await db.get('results', chunkKey('ref', ['churn', 'probability'], 1)))?.data).toEqual(mark);
    expect((await db.get('results', chunkKey('ref', IDS_PATH, 1)))?.text).toBe('marked');
    const chunk0 = (await db.get('results', chunkKey('ref', ['churn', 'probability'], 0)))?.data as Float64Array;
    expect(Array.from(chunk0.subarray(0, 3))).toEqual([0, 1 / 97, 2 / 97]); // the missing record was written again
    // a new array under the same path (a re-run) is written in full
    const rerun = { ...refined, churn: { probability: probability.slice(), models: ['a'] } } as unknown as AnalysisResult;
    await store.saveAnalysis(meta('ref', '2024-01-01'), rerun);
    const loaded = (await store.loadResult('ref')) as unknown as { churn: { probability: Float64Array } };
    expect(Array.from(loaded.churn.probability)).toEqual(Array.from(probability));
    expect((await db.get('results', chunkKey('ref', IDS_PATH, 1)))?.text).toBe('marked'); // the same ids text: not rewritten
    await store.saveAnalysis(meta('ref', '2024-01-01'), { ...rerun, ids: ids.map((x) => x.toLowerCase()) });
    expect((await store.loadResult('ref'))?.ids.at(-1)).toBe('cust-119999');
  });

  it('loads part records saved before chunking (one record per array, no chunk counts)', async () => {
    const store = new StudioStore(freshName());
    const base = result('old');
    const probability = Float64Array.from({ length: 300_000 }, (_, i) => i / 300_000);
    await store.saveAnalysis(meta('old', '2024-01-01'), base);
    const db = await store.db();
    const row = (await db.get('results', 'old'))!;
    const light = { ...row.result, churn: { ...(row.result.churn ?? {}), probability: null } } as unknown as typeof row.result;
    await db.put('results', { id: 'old', result: light, parts: [['churn', 'probability']] });
    await db.put('results', { id: 'old\u0000churn.probability', result: null as unknown as typeof row.result, data: probability });
    const loaded = (await store.loadResult('old')) as unknown as { churn: { probability: Float64Array } };
    expect(Array.from(loaded.churn.probability)).toEqual(Array.from(probability));
  });
});

