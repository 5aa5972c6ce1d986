/**
 * Splitting long text for an embedding model and pooling the pieces back into one vector. Ollama truncates
 * over-long inputs silently by default (we send `truncate: false`, so it errors instead); chunking keeps
 * the end of a long profile in its vector.
 */

/** Splits text into chunks of at most `maxChars`, at sentence ends where possible, then at spaces. */
export function chunkText(text: string, maxChars: number): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return [clean];
  // A sentence ends at . ! or ? followed by a space, so "3.5%" and "v2.1" stay whole. Pieces keep their
  // trailing space and are joined as they were: the chunks read exactly like the source.
  const sentences = clean.match(/[\s\S]*?[.!?]+(?: |$)|[\s\S]+$/g) ?? [clean];
  const chunks: string[] = [];
  let current = '';
  for (const sentence of sentences.flatMap((s) => splitLong(s, maxChars))) {
    if (current && (current + sentence).trim().length > maxChars) {
      chunks.push(current.trim());
      current = sentence;
    } else {
      current += sentence;
    }
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks;
}

/** A sentence longer than a chunk: cut at the last space before the limit (or hard, for one huge word). */
function splitLong(sentence: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.trim().length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const cut = space > maxChars / 2 ? space + 1 : maxChars;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

/** Mean of the chunk vectors, scaled to unit length so cosine and dot-product rankings agree. */
export function meanPool(vectors: number[][], dim: number): Float32Array {
  const pooled = new Float32Array(dim);
  for (const vector of vectors) {
    for (let i = 0; i < dim; i++) pooled[i] += vector[i] / vectors.length;
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += pooled[i] * pooled[i];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) pooled[i] /= norm;
  return pooled;
}
