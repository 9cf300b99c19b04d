/**
 * Fitted models as plain JSON and back: typed arrays become {"$typed": "Float64Array",
 * "data": [...]}, non-finite numbers the strings "Infinity", "-Infinity", "NaN". JavaScript
 * prints doubles in their shortest round-trip form, so decode(encode(m)) has the same bits.
 * Generic over fields, so a model that gains an array (say, missing-value directions) still
 * round-trips.
 */

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Int16Array,
  Int8Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
} as const;
type TypedName = keyof typeof TYPED;

const num = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const unnum = (x: unknown): unknown => (x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : x === 'NaN' ? NaN : x);

/** JSON-ready copy of a plain-data model. */
export function encodeModel(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name as TypedName;
    if (!(name in TYPED)) throw new Error(`encodeModel: unsupported array type ${name}`);
    return { $typed: name, data: Array.from(v as unknown as ArrayLike<number>, num) };
  }
  if (typeof v === 'number') return num(v);
  if (Array.isArray(v)) return v.map(encodeModel);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeModel(x);
    return out;
  }
  return v;
}

/** The model object back from encodeModel's output (typed arrays restored). */
export function decodeModel<T>(v: unknown): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.$typed === 'string' && Array.isArray(o.data)) {
        const Ctor = TYPED[o.$typed as TypedName];
        if (!Ctor) throw new Error(`decodeModel: unknown array type ${o.$typed}`);
        return new (Ctor as Float64ArrayConstructor)((o.data as unknown[]).map((d) => unnum(d) as number));
      }
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, y] of Object.entries(o)) out[k] = walk(y);
      return { ...out };
    }
    return unnum(x);
  };
  return walk(v) as T;
}
