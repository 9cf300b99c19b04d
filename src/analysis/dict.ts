/**
 * Lookups keyed by strings from the user's file (column names, cell values). A column may be
 * called `__proto__`, `constructor` or `toString`: in a plain `{}` those keys read inherited
 * functions or silently set the prototype. So such objects are made without a prototype, and
 * reads of objects that came through structured clone or JSON (which gives them one back) check
 * own keys only. Prefer a `Map` where the object does not need to be JSON.
 */

export type Dict<V> = Record<string, V>;

/** A null-prototype object from `entries` (default none). */
export function dict<V>(entries: Iterable<readonly [string, V]> = []): Dict<V> {
  const o = Object.create(null) as Dict<V>;
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/** `o[key]` when `key` is an own key of `o`, else undefined (never an inherited member). */
export function own<V>(o: Readonly<Dict<V>> | null | undefined, key: string): V | undefined {
  return o != null && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A copy of `o` (null-prototype) with `key` set to `value`, or removed when `value` is undefined. */
export function withKey<V>(o: Readonly<Dict<V>> | null | undefined, key: string, value: V | undefined): Dict<V> {
  const out = dict(o ? Object.entries(o) : []);
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}
