import type { WordVectors } from './load-cache.js';
import { addSubwordFeatures, type SubwordOptions } from './subword-hash.js';
import { relatedTokens } from './related-terms.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * Text → one unit vector: [ SIF-weighted sum of word vectors (dim) | hashed sub-word features (buckets) ].
 * The halves are scaled to norms √(1 − s) and √s, so the cosine of two texts is
 * (1 − s)·cos(words) + s·cos(hash): `hashShare` s is directly the weight of surface overlap against meaning.
 * Words the lexicon relates to the text's terms are added at `relatedWeight`.
 */

export interface PoolingConfig {
  /** SIF smoothing a: a word of corpus probability p weighs a / (a + p) (Arora et al. 2017, "A simple but tough-to-beat baseline"). */
  sifA: number;
  /** Share of the similarity given to the hashed half, 0..1. */
  hashShare: number;
  /** Weight of the lexicon's related words relative to the text's own words (0 = lexicon off). */
  relatedWeight: number;
  subword: SubwordOptions;
}

export class Pooler {
  readonly dim: number;
  private readonly vectors: WordVectors;
  private readonly config: PoolingConfig;
  /** Zipf's law p(rank) = 1 / ((rank + 1) · H): the package ships frequency order but no counts. */
  private readonly zipfNorm: number;
  /** Word → vocabulary row, remembered: texts repeat their words (bounded). */
  private readonly rows = new Map<string, number>();

  constructor(vectors: WordVectors, config: PoolingConfig) {
    this.vectors = vectors;
    this.config = config;
    this.dim = vectors.dim + config.subword.buckets;
    this.zipfNorm = Math.log(vectors.count) + 0.5772;
  }

  /** A unit vector, or all zeros when the text has no content words (then it is equally far from everything). */
  embed(text: string): Float32Array {
    const out = new Float32Array(this.dim);
    const tokens = tokenize(text);
    let hasWords = false;
    for (const token of tokens) hasWords = this.addToken(token, 1, out) || hasWords;
    if (this.config.relatedWeight > 0) {
      for (const token of relatedTokens(tokens)) hasWords = this.addToken(token, this.config.relatedWeight, out) || hasWords;
    }

    const wordDim = this.vectors.dim;
    const share = hasWords ? this.config.hashShare : 1;
    scaleToNorm(out, 0, wordDim, Math.sqrt(1 - share));
    scaleToNorm(out, wordDim, this.dim, Math.sqrt(share));
    return out;
  }

  /**
   * Adds the token's word vector (the compound's own if the vocabulary has it, else its parts') and its
   * parts' sub-word features. Returns whether a word vector was added.
   */
  private addToken(token: Token, scale: number, out: Float32Array): boolean {
    let hasWords = false;
    const whole = this.rowOf(token.text);
    if (whole >= 0) {
      this.vectors.addRow(whole, scale * this.weight(whole), out);
      hasWords = true;
    }
    for (const part of token.parts) {
      const row = part === token.text ? whole : this.rowOf(part);
      if (whole < 0 && row >= 0) {
        this.vectors.addRow(row, scale * this.weight(row), out);
        hasWords = true;
      }
      addSubwordFeatures(part, scale * this.weight(row), out, this.vectors.dim, this.config.subword);
    }
    return hasWords;
  }

  private rowOf(word: string): number {
    let row = this.rows.get(word);
    if (row === undefined) {
      row = this.vectors.indexOf(word);
      if (this.rows.size >= 50_000) this.rows.clear();
      this.rows.set(word, row);
    }
    return row;
  }

  /** SIF weight of a vocabulary row; a word the vocabulary lacks is rarer than all it has. */
  private weight(row: number): number {
    const rank = row >= 0 ? row : this.vectors.count;
    const p = 1 / ((rank + 1) * this.zipfNorm);
    return this.config.sifA / (this.config.sifA + p);
  }
}

function scaleToNorm(v: Float32Array, from: number, to: number, norm: number): void {
  let sumSq = 0;
  for (let i = from; i < to; i++) sumSq += v[i] * v[i];
  if (sumSq === 0) return;
  const k = norm / Math.sqrt(sumSq);
  for (let i = from; i < to; i++) v[i] *= k;
}
