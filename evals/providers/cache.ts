import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashOf } from '../lib/hash.js';
import type { DraftSample } from './types.js';

/**
 * Model outputs on disk, one small JSON file per key (prompt id+version+sha, model+digest, input hash,
 * options), so re-scoring a run or re-running after a scorer change costs no model time. Only successful
 * outputs are written: an error (timeout, Ollama down, unusable reply) is retried on the next run.
 */
export interface OutputCache {
  dir: string;
  /** false with --no-cache: always call the model (and store the fresh output). */
  read: boolean;
}

/** Bump to orphan every cached output (e.g. when the drafter's own behaviour changes). */
const CACHE_FORMAT = 1;

const Entry = z.object({
  sample: z.object({
    output: z.unknown(),
    latencyMs: z.number().nullable(),
    usage: z.object({ promptTokens: z.number().optional(), completionTokens: z.number().optional(), evalDurationMs: z.number().optional() }).optional(),
  }),
});

export function cacheFile(cache: OutputCache, key: object): string {
  const hash = hashOf({ format: CACHE_FORMAT, key });
  return path.join(cache.dir, hash.slice(0, 2), `${hash}.json`);
}

async function readEntry(file: string): Promise<DraftSample | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = Entry.safeParse(JSON.parse(text));
    // A damaged entry is a miss: the output is generated again and the file rewritten.
    return parsed.success ? { ...parsed.data.sample, cached: true } : undefined;
  } catch {
    return undefined;
  }
}

export async function cachedDraft(cache: OutputCache, key: object, produce: () => Promise<DraftSample>): Promise<DraftSample> {
  const file = cacheFile(cache, key);
  if (cache.read) {
    const hit = await readEntry(file);
    if (hit) return hit;
  }
  const sample = await produce();
  if (sample.error !== undefined) return sample; // never cache errors
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const entry = { key, createdAt: new Date().toISOString(), sample: { output: sample.output, latencyMs: sample.latencyMs, usage: sample.usage } };
  await writeFile(tmp, `${JSON.stringify(entry)}\n`);
  await rename(tmp, file);
  return sample;
}
