/** Data never touches object prototypes (issue 12): columns named and cells equal to
 *  __proto__, constructor, prototype, toString, valueOf, hasOwnProperty go through the engine
 *  like any other name, and survive structured clone and JSON. */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from './engine';
import { dict, own, withKey } from './dict';
import { field, PROTO_NAMES, protoRows } from '../../scripts/corpus/markup';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe('dict helpers', () => {
  it('keep prototype names as ordinary keys, and read own keys only', () => {
    const d = dict<number>(PROTO_NAMES.map((p, i) => [p, i]));
    expect(Object.keys(d)).toEqual([...PROTO_NAMES]);
    expect(own(d, '__proto__')).toBe(0);
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
    expect(own(structuredClone(d), 'valueOf')).toBe(4);
    const e = withKey(withKey(dict<string>(), 'toString', 'numeric'), 'hasOwnProperty', 'id');
    expect(own(withKey<string>(e, 'toString', undefined), 'toString')).toBeUndefined();
    expect(Object.keys(e)).toEqual(['toString', 'hasOwnProperty']);
  });
});

describe('prototype member names through the engine', () => {
  it('analyse as ordinary columns, values and ids; type overrides by such names apply', async () => {
    const csv = protoRows(300).map((r) => r.map(field).join(',')).join('\n');
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.load(csv, 'proto.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    const names = loaded.summary.columns.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([...PROTO_NAMES]));
    // a user's type overrides arrive as a cloned plain object: inherited members must not count
    const types = structuredClone(dict([['prototype', 'categorical' as const], ['__proto__', 'categorical' as const]]));
    const res = await engine.analyze({ seed: 1, folds: 3, models: ['logistic'], types });
    if (!res.ok) throw new Error(res.message);
    const r = res.result;
    expect(r.rows).toBe(300);
    const typeOf = new Map(r.columns.map((c) => [c.name, c.type]));
    expect(typeOf.get('prototype')).toBe('categorical');
    expect(typeOf.get('__proto__')).toBe('categorical');
    expect(typeOf.get('valueOf')).toBe('numeric');
    expect(typeOf.get('constructor')).toBe('categorical');
    expect(r.ids.slice(0, 6)).toEqual([...PROTO_NAMES]);
    // numeric columns named like prototype members are profile features, as own keys
    const base = r.segmentation!.segments[0].profile.baseMeans;
    expect(Object.keys(base)).toEqual(expect.arrayContaining(['valueOf']));
    expect(typeof own(base, 'valueOf')).toBe('number');
    for (const s of r.segmentation!.segments) for (const v of Object.values(s.profile.means)) expect(typeof v).toBe('number');
    // every importance entry is a real column name with a finite value
    const imp = r.churn!.models[0].importance;
    expect(imp.map((i) => i.feature)).toEqual(expect.arrayContaining(['constructor', 'prototype', 'toString', 'hasOwnProperty']));
    for (const i of imp) expect(Number.isFinite(i.value)).toBe(true);
    // the whole result crosses structured clone and JSON
    expect(structuredClone(r).rows).toBe(300);
    expect(JSON.parse(JSON.stringify(r.segmentation!.segments[0].profile)).baseMeans.valueOf).toBeCloseTo(own(base, 'valueOf')!);
  }, 60_000);

  it('a numeric column named __proto__ is kept as a profile feature', async () => {
    const rows = protoRows(200);
    // make every prototype-named column numeric
    const csv = rows.map((r, i) => (i === 0 ? r : r.map((f, j) => (j >= rows[0].length - PROTO_NAMES.length ? String((i * 7 + j * 3) % 11) : f)))).map((r) => r.map(field).join(',')).join('\n');
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.load(csv, 'proto-numeric.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    const res = await engine.analyze({ seed: 1, folds: 3, models: ['logistic'] });
    if (!res.ok) throw new Error(res.message);
    const base = res.result.segmentation!.segments[0].profile.baseMeans;
    for (const p of PROTO_NAMES) expect(typeof own(base, p), p).toBe('number');
    expect(Object.getPrototypeOf(base)).toBe(null);
  }, 60_000);
});
