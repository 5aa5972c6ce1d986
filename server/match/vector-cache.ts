/**
 * Vectors of profile facts ("Healthcare", "Reference call", an outcome…), kept between searches so the
 * reasons of a match do not embed the same facts again. Keyed by the fact's text, not by advocate: most
 * facts (industries, regions, products, activities) are shared by thousands of advocates.
 *
 * Compact: each vector is stored as int8 with one scale (612 bytes for the local embedder's 612-d vectors
 * instead of 2,448 as Float32), and the cache holds at most `maxBytes`, dropping the least recently used.
 * A mostly-zero vector (the local embedder's hashed sub-word half of a short fact is ~90% zeros) keeps only
 * its non-zero entries, which also makes the dot products of the reasons several times cheaper.
 * The similarity error of int8 is ~0.005 on unit vectors, far below the 0.6 threshold's margins.
 */
export type CachedVector = { q: Int8Array; scale: number; idx?: Uint16Array };
type Entry = CachedVector;

/** Key + typed array + Map entry overhead, roughly, in bytes. */
const OVERHEAD = 96;

export function createVectorCache(maxBytes: number) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const cost = (key: string, e: Entry) => e.q.byteLength + (e.idx?.byteLength ?? 0) + key.length * 2 + OVERHEAD;

  function quantise(v: Float32Array): Entry {
    let max = 0;
    for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
    const scale = max / 127 || 1;
    const q = new Int8Array(v.length);
    let nonZero = 0;
    for (let i = 0; i < v.length; i++) {
      q[i] = Math.round(v[i] / scale);
      if (q[i] !== 0) nonZero++;
    }
    // Sparse pays off below a third (an index costs two bytes, a value one).
    if (nonZero * 3 > v.length || v.length > 65_535) return { q, scale };
    const idx = new Uint16Array(nonZero);
    const values = new Int8Array(nonZero);
    for (let i = 0, j = 0; i < v.length; i++) {
      if (q[i] !== 0) {
        idx[j] = i;
        values[j++] = q[i];
      }
    }
    return { q: values, scale, idx };
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
      const { q, idx } = e;
      if (idx) for (let j = 0; j < idx.length; j++) s += q[j] * v[idx[j]];
      else for (let i = 0; i < v.length; i++) s += q[i] * v[i];
      return s * e.scale;
    },
    /** Forgets every vector (an erasure: the cache is keyed by fact texts, which may be an erased person's words). */
    clear(): void {
      entries.clear();
      bytes = 0;
    },
    stats: () => ({ entries: entries.size, bytes }),
  };
}
export type VectorCache = ReturnType<typeof createVectorCache>;
