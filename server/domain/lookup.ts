/**
 * A table lookup with a key that came from outside (notes, a query, a profile). `table[key]` would find
 * Object.prototype's members too: "constructor", "toString" or "__proto__" in someone's notes or query
 * must look up nothing, not a function (found by the API fuzz suite: a match for "constructor" crashed
 * the local embedder).
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
