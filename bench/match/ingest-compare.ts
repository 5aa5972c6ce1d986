/**
 * Two more ingests of the same N, each in its own temporary data directory, to explain ingest.ts's number:
 * - through MatchService.reconcile(), the production re-index path (a start after an embedder change):
 *   loads every stale advocate, embeds and upserts them 1024 at a time (the next embedded while the last is
 *   written), marks each batch indexed in one SQLite transaction;
 * - ingest.ts's path with the vector search left exact: what the ANN index's upkeep costs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../server/llm/types.js';
import { ingest } from './ingest.js';
import { createMatchService } from '../../server/match/service.js';
import { openSearchIndex } from '../../server/store/search-index.js';
import { generateAdvocate, rng } from './generate.js';
import { openRecords } from './records.js';

export type IngestRate = { n: number; seconds: number; perSecond: number };

export async function reindexThroughService(options: { n: number; seed: number; embedder: Embedder }): Promise<IngestRate> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vouch-bench-reindex-'));
  const records = await openRecords(dataDir, { indexed: false });
  const index = await openSearchIndex(path.join(dataDir, 'index'), options.embedder.dim);
  try {
    const random = rng(options.seed);
    for (let start = 0; start < options.n; start += 5000) {
      await records.add(Array.from({ length: Math.min(5000, options.n - start) }, (_, j) => generateAdvocate(random, start + j)));
    }
    const match = createMatchService({
      embedder: options.embedder,
      index,
      advocates: records.stores.advocates,
      log: { info: () => undefined, error: () => undefined },
    });
    const t = performance.now();
    const n = await match.reconcile();
    const seconds = (performance.now() - t) / 1000;
    return { n, seconds, perSecond: n / seconds };
  } finally {
    index.close();
    await records.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function ingestWithoutAnn(options: { n: number; seed: number; batch: number; pipeline: boolean; embedder: Embedder }): Promise<IngestRate> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vouch-bench-exact-'));
  try {
    const { index, result } = await ingest({ ...options, annMinRows: Number.POSITIVE_INFINITY, dataDir, progress: () => undefined });
    index.close();
    return { n: result.n, seconds: result.seconds, perSecond: result.perSecond };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
