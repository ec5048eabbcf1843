/** One part of a memo key: compared by value (string, number) or by identity (a snapshot object, a service spec, an address set). */
export type KeyPart = string | number | object;

const tables = new WeakMap<object, Map<KeyPart, unknown>>();

/**
 * A decision memoised per owner (a region index, which is built once and never changes) on everything it depends on.
 * `keys` must name all of it, the first part naming the decision; the result is shared, so it is frozen (shallowly:
 * hops are immutable values already).
 */
export function memoised<V extends object>(owner: object, keys: readonly [string, ...KeyPart[]], compute: () => V): V {
  let level = tables.get(owner);
  if (level === undefined) {
    level = new Map();
    tables.set(owner, level);
  }
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const part = keys[i] as KeyPart;
    let next = level.get(part) as Map<KeyPart, unknown> | undefined;
    if (next === undefined) {
      next = new Map();
      level.set(part, next);
    }
    level = next;
  }
  const part = keys[last] as KeyPart;
  const known = level.get(part) as V | undefined;
  if (known !== undefined) return known;
  const value = Object.freeze(compute());
  level.set(part, value);
  return value;
}
