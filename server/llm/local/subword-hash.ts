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
  const { buckets, negative } = featuresOf(word, options);
  const each = weight / Math.sqrt(buckets.length);
  for (let j = 0; j < buckets.length; j++) out[offset + buckets[j]] += negative[j] ? -each : each;
}

type Features = { buckets: Uint32Array; negative: Uint8Array };
/**
 * A word's features (bucket and sign of each n-gram, in n-gram order) depend on the word alone, and words
 * repeat across texts: they are computed once per word (bounded), which halves the cost of embedding.
 */
const FEATURES = new WeakMap<SubwordOptions, Map<string, Features>>();
const MAX_WORDS = 50_000;

function featuresOf(word: string, options: SubwordOptions): Features {
  let cache = FEATURES.get(options);
  if (!cache) FEATURES.set(options, (cache = new Map()));
  const known = cache.get(word);
  if (known) return known;
  const marked = `<${word}>`;
  const grams = [marked];
  for (let n = options.minN; n <= options.maxN; n++) {
    for (let i = 0; i + n <= marked.length; i++) {
      const gram = marked.slice(i, i + n);
      if (gram !== marked) grams.push(gram);
    }
  }
  const mask = options.buckets - 1;
  const buckets = new Uint32Array(grams.length);
  const negative = new Uint8Array(grams.length);
  grams.forEach((gram, j) => {
    const h = hashString(gram);
    buckets[j] = h & mask;
    negative[j] = h & 0x80000000 ? 1 : 0;
  });
  const features = { buckets, negative };
  if (cache.size >= MAX_WORDS) cache.clear();
  cache.set(word, features);
  return features;
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
