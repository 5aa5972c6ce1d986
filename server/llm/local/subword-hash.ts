/**
 * Hashed character n-gram features (the "hashing trick" with signed buckets, as in fastText sub-words and
 * Weinberger et al. 2009). They give words the vocabulary lacks ("kubernetes", "gdpr", product names) a
 * vector, and make exact or near-exact overlap ("telehealth" ~ "telehealth-platform") count. The random
 * sign makes collisions cancel in expectation instead of adding up.
 */

export interface SubwordOptions {
  /** Number of hash buckets (extra dimensions); a power of two. */
  buckets: number;
  minN: number;
  maxN: number;
}

/**
 * Adds the word's features, scaled so the word contributes a vector of norm ≈ `weight` whatever its length,
 * to out[offset .. offset + buckets). The whole word "<word>" is one feature besides its n-grams, so exact
 * matches weigh more than shared fragments.
 */
export function addSubwordFeatures(
  word: string,
  weight: number,
  out: Float32Array,
  offset: number,
  options: SubwordOptions,
): void {
  const marked = `<${word}>`;
  const grams = [marked];
  for (let n = options.minN; n <= options.maxN; n++) {
    for (let i = 0; i + n <= marked.length; i++) {
      const gram = marked.slice(i, i + n);
      if (gram !== marked) grams.push(gram);
    }
  }
  const each = weight / Math.sqrt(grams.length);
  const mask = options.buckets - 1;
  for (const gram of grams) {
    const h = hashString(gram);
    out[offset + (h & mask)] += h & 0x80000000 ? -each : each;
  }
}

/** FNV-1a over UTF-16 code units with murmur3's finaliser, so the low bits (bucket) and top bit (sign) are well mixed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
