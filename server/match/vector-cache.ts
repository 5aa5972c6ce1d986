/**
 * Vectors of profile facts ("Healthcare", "Reference call", an outcome…), kept between searches so the
 * reasons of a match do not embed the same facts again. Keyed by the fact's text, not by advocate: most
 * facts (industries, regions, products, activities) are shared by thousands of advocates.
 *
 * Compact: each vector is stored as int8 with one scale (612 bytes for the local embedder's 612-d vectors
 * instead of 2,448 as Float32), and the cache holds at most `maxBytes`, dropping the least recently used.
 * The similarity error of int8 is ~0.005 on unit vectors, far below the 0.6 threshold's margins.
 */
export type CachedVector = { q: Int8Array; scale: number };
type Entry = CachedVector;

/** Key + typed array + Map entry overhead, roughly, in bytes. */
const OVERHEAD = 96;

export function createVectorCache(maxBytes: number) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const cost = (key: string, e: Entry) => e.q.byteLength + key.length * 2 + OVERHEAD;

  function quantise(v: Float32Array): Entry {
    let max = 0;
    for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
    const scale = max / 127 || 1;
    const q = new Int8Array(v.length);
    for (let i = 0; i < v.length; i++) q[i] = Math.round(v[i] / scale);
    return { q, scale };
  }

  return {
    get(key: string): Entry | undefined {
      const e = entries.get(key);
      if (e) {
        // Most recently used last: eviction takes from the front.
        entries.delete(key);
        entries.set(key, e);
      }
      return e;
    },
    set(key: string, vector: Float32Array): Entry {
      const existing = entries.get(key);
      if (existing) return existing;
      const e = quantise(vector);
      entries.set(key, e);
      bytes += cost(key, e);
      for (const [k, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= cost(k, old);
      }
      return e;
    },
    /** Dot product of a cached vector with a Float32 one (cosine: all embedders return unit vectors). */
    dot(e: Entry, v: Float32Array): number {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += e.q[i] * v[i];
      return s * e.scale;
    },
    stats: () => ({ entries: entries.size, bytes }),
  };
}
export type VectorCache = ReturnType<typeof createVectorCache>;
