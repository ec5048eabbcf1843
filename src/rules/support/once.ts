/** `compute`, run at most once per key for as long as the returned function lives (one rule check of one region). */
export function oncePerKey<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
