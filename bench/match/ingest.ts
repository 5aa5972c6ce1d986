/**
 * Ingest through the real path: generated advocates → advocateDocument → the local embedder, in batches
 * → SearchIndex.upsert (which compacts every 50 writes and builds the ANN index when the table is large
 * enough). Profiles are generated batch by batch, so the process never holds all N of them.
 * `pipeline` (the default of run.ts) overlaps the embedding of the next batch with the current write, as
 * MatchService.indexAdvocates does; without it, one batch after the other.
 */
import path from 'node:path';
import type { Embedder } from '../../server/llm/types.js';
import { advocateDocument } from '../../server/match/document.js';
import { openSearchIndex, type SearchIndex, type VectorIndexState } from '../../server/store/search-index.js';
import { generateAdvocate, rng } from './generate.js';
import { openRecords } from './records.js';
import { rssMb } from './stats.js';

export interface IngestResult {
  n: number;
  batch: number;
  /** Embedding of batch i+1 overlapped with the upsert of batch i, as the match service does. */
  pipelined: boolean;
  /** Wall time until all N are searchable through their indexes (final optimize included), without generating and SQLite records. */
  seconds: number;
  perSecond: number;
  embedSeconds: number;
  /** Includes the optimizes and ANN builds that upsert triggers; when pipelined, only the time spent waiting for it. */
  upsertSeconds: number;
  finalOptimizeSeconds: number;
  /** Writing the SQLite records (not part of indexing; reported apart). */
  recordSeconds: number;
  vectorIndex: VectorIndexState;
  rssMb: number;
}

export async function ingest(options: {
  n: number;
  seed: number;
  batch: number;
  pipeline: boolean;
  /** Passed to openSearchIndex (diagnostics: Infinity leaves the vector search exact). */
  annMinRows?: number;
  dataDir: string;
  embedder: Embedder;
  progress: (message: string) => void;
}): Promise<{ index: SearchIndex; result: IngestResult }> {
  const { n, batch, embedder } = options;
  const records = await openRecords(options.dataDir, { indexed: true });
  await records.setIndexEmbedder(embedder.id);
  const index = await openSearchIndex(path.join(options.dataDir, 'index'), embedder.dim, { annMinRows: options.annMinRows });
  const random = rng(options.seed);
  let embedMs = 0;
  let upsertMs = 0;
  let asideMs = 0; // generating profiles and writing records: not indexing
  let reported = 0;
  let writing: Promise<void> = Promise.resolve();
  const started = performance.now();

  for (let start = 0; start < n; start += batch) {
    let t = performance.now();
    const list = Array.from({ length: Math.min(batch, n - start) }, (_, j) => generateAdvocate(random, start + j));
    await records.add(list);
    asideMs += performance.now() - t;

    t = performance.now();
    const texts = list.map(advocateDocument);
    const embedded = await embedder.embedDocuments(texts);
    if (!embedded.ok) throw new Error(`embedding failed: ${embedded.error.message}`);
    embedMs += performance.now() - t;

    t = performance.now();
    await writing; // one upsert at a time, in order
    writing = index.upsert(list.map((a, j) => ({ id: a.id, version: a.version, status: a.status, text: texts[j], vector: embedded.vectors[j] })));
    writing.catch(() => undefined); // a failure surfaces at the next await, not as an unhandled rejection
    if (!options.pipeline) await writing;
    upsertMs += performance.now() - t;

    const done = start + list.length;
    if (done - reported >= n / 10 || done === n) {
      reported = done;
      options.progress(`ingest ${done}/${n} (embed ${(embedMs / 1000).toFixed(1)} s, upsert ${(upsertMs / 1000).toFixed(1)} s)`);
    }
  }
  let t = performance.now();
  await writing;
  upsertMs += performance.now() - t;
  t = performance.now();
  await index.optimize();
  const optimizeMs = performance.now() - t;
  const seconds = (performance.now() - started - asideMs) / 1000;
  await records.close();

  return {
    index,
    result: {
      n,
      batch,
      pipelined: options.pipeline,
      seconds,
      perSecond: n / seconds,
      embedSeconds: embedMs / 1000,
      upsertSeconds: upsertMs / 1000,
      finalOptimizeSeconds: optimizeMs / 1000,
      recordSeconds: asideMs / 1000,
      vectorIndex: await index.vectorIndex(),
      rssMb: rssMb(),
    },
  };
}
