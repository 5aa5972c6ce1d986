import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { cacheLayout, decodeHeader, HEADER_BYTES } from './cache-format.js';
import { Vocabulary } from './vocabulary.js';

/** The cache in memory: one file read, typed-array views over it, no per-word objects. */
export interface WordVectors {
  readonly dim: number;
  readonly count: number;
  /** The word's row, or -1. Rows are in corpus-frequency order, so the row is also the word's rank. */
  indexOf(word: string): number;
  /** Adds `weight` × the unit vector of `row` to `out` (length ≥ dim). */
  addRow(row: number, weight: number, out: Float32Array): void;
}

export type LoadResult = { ok: true; vectors: WordVectors } | { ok: false; reason: string };

/** Reads and verifies a cache file. A missing, truncated or damaged file is a reason to rebuild, not an exception. */
export async function loadWordVectors(path: string): Promise<LoadResult> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (err) {
    return { ok: false, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : String(err) };
  }
  const header = decodeHeader(file);
  if (typeof header === 'string') return { ok: false, reason: header };
  const layout = cacheLayout(header);
  if (file.length !== layout.totalBytes) {
    return { ok: false, reason: `size ${file.length} bytes, header says ${layout.totalBytes}` };
  }
  if (crc32(file.subarray(HEADER_BYTES)) !== header.crc32) return { ok: false, reason: 'checksum mismatch' };

  // A Float32Array view needs a 4-byte-aligned offset; readFile of a large file gives offset 0, a copy always does.
  const bytes: Uint8Array = file.byteOffset % 4 === 0 ? file : new Uint8Array(file);
  const scales = new Float32Array(bytes.buffer, bytes.byteOffset + layout.scalesOffset, header.count);
  const rows = new Int8Array(bytes.buffer, bytes.byteOffset + layout.vectorsOffset, header.count * header.dim);
  const words = bytes.subarray(layout.wordsOffset, layout.totalBytes);
  const vocabulary = new Vocabulary(words);
  if (vocabulary.size !== header.count) {
    return { ok: false, reason: `${vocabulary.size} words for ${header.count} vectors` };
  }

  const dim = header.dim;
  return {
    ok: true,
    vectors: {
      dim,
      count: header.count,
      indexOf: (word) => vocabulary.indexOf(word),
      addRow(row, weight, out) {
        const w = weight * scales[row];
        const base = row * dim;
        for (let i = 0; i < dim; i++) out[i] += w * rows[base + i];
      },
    },
  };
}
