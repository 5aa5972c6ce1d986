import { createHash } from 'node:crypto';

/**
 * The on-disk layout of the word-vector cache, shared by the converter and the loader so the two cannot
 * drift. One file, little-endian:
 *
 *   header (64 bytes): magic "VOUCHWVC", formatVersion u32, dim u32, count u32, wordsBytes u32, crc32 u32
 *   scales   Float32[count]        per-row dequantisation factor (row = unit vector ≈ int8 × scale)
 *   vectors  Int8[count × dim]     unit-length word vectors, quantised per row
 *   words    UTF-8, '\n'-separated, row order = the package's frequency order
 *
 * The float section comes first so its offset (64) is 4-byte aligned and can be viewed without copying.
 * The crc32 covers everything after the header, so a truncated or damaged file is rejected, not half-used.
 */

/** Bump whenever the bytes written for the same source would differ (layout, quantisation, vocabulary rule). */
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 64;
const MAGIC = 'VOUCHWVC';

export interface CacheHeader {
  dim: number;
  count: number;
  wordsBytes: number;
  crc32: number;
}

export interface CacheLayout {
  scalesOffset: number;
  vectorsOffset: number;
  wordsOffset: number;
  totalBytes: number;
}

export function cacheLayout(h: Pick<CacheHeader, 'dim' | 'count' | 'wordsBytes'>): CacheLayout {
  const scalesOffset = HEADER_BYTES;
  const vectorsOffset = scalesOffset + h.count * 4;
  const wordsOffset = vectorsOffset + h.count * h.dim;
  return { scalesOffset, vectorsOffset, wordsOffset, totalBytes: wordsOffset + h.wordsBytes };
}

export function encodeHeader(h: CacheHeader): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(FORMAT_VERSION, 8);
  buf.writeUInt32LE(h.dim, 12);
  buf.writeUInt32LE(h.count, 16);
  buf.writeUInt32LE(h.wordsBytes, 20);
  buf.writeUInt32LE(h.crc32, 24);
  return buf;
}

/** The header, or a reason the file cannot be this format. */
export function decodeHeader(buf: Buffer): CacheHeader | string {
  if (buf.length < HEADER_BYTES) return 'file shorter than its header';
  if (buf.toString('latin1', 0, 8) !== MAGIC) return 'not a word-vector cache (bad magic)';
  const version = buf.readUInt32LE(8);
  if (version !== FORMAT_VERSION) return `format version ${version}, expected ${FORMAT_VERSION}`;
  return {
    dim: buf.readUInt32LE(12),
    count: buf.readUInt32LE(16),
    wordsBytes: buf.readUInt32LE(20),
    crc32: buf.readUInt32LE(24),
  };
}

/**
 * The cache's file name. It fingerprints everything that decides the bytes (format version, source package
 * version and size), so changing any of them makes a new file instead of reusing a stale one.
 */
export function cacheFileName(source: { version: string; bytes: number }): string {
  const key = `${FORMAT_VERSION}|${source.version}|${source.bytes}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${CACHE_FILE_PREFIX}${hash}.bin`;
}

/** Every cache file starts with this, so stale ones can be found and removed after a rebuild. */
export const CACHE_FILE_PREFIX = 'wink-sg-100d-';
