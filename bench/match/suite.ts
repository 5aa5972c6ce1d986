/**
 * The match benchmark, in order: load the embedder → ingest N generated advocates (records + index) →
 * search latency and ANN recall → judged-set quality → the real server on the same data (start, RSS,
 * match latency) → a full rebuild of the ANN index, timed, and the ANN measured again → optionally two
 * comparison ingests (ingest-compare.ts). The data directory is removed at the end unless `keep`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLocalEmbedder } from '../../server/llm/local/index.js';
import { testVectorCacheDir } from '../../test/support/vector-cache.js';
import { fusionDiagnostics, type FusionRow } from './fusion.js';
import { generateQueries } from './generate.js';
import type { VectorIndexState } from '../../server/store/search-index.js';
import { ingest, type IngestResult } from './ingest.js';
import { ingestWithoutAnn, reindexThroughService, type IngestRate } from './ingest-compare.js';
import { embedQueries, measureSearch, type SearchLatency } from './latency.js';
import { JUDGED_SETS, measureQuality, type SetQuality } from './quality.js';
import { measureServer, type ServerResult } from './server.js';
import { rssMb, type Latency } from './stats.js';

export interface SuiteOptions {
  n: number;
  seed: number;
  batch: number;
  pipeline: boolean;
  queries: number;
  fusion: boolean;
  /** Run ingest-compare.ts's two extra ingests. */
  compare: boolean;
  keep: boolean;
  progress: (message: string) => void;
}

export interface SuiteResult {
  /** 1-minute load average at the start and the end: other work on the machine skews the timings. */
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; load: [number, number] };
  embedder: { id: string; dim: number; loadSeconds: number };
  n: number;
  queries: number;
  ingest: IngestResult;
  /** The same N through MatchService.reconcile() (the path a start after an embedder change takes), and without the ANN index. */
  compare: { reindex: IngestRate; withoutAnn: IngestRate } | null;
  embedQuery: Latency;
  search: SearchLatency;
  rebuild: { seconds: number; state: VectorIndexState; ann: Latency; recallAt10: number } | null;
  quality: SetQuality[];
  fusion: FusionRow[] | null;
  memory: { rssBeforeEmbedderMb: number; rssWithEmbedderMb: number; rssAfterIndexingMb: number };
  server: ServerResult | { error: string };
  /** Only when kept. */
  dataDir: string | null;
  totalSeconds: number;
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const { progress } = options;
  const cacheDir = testVectorCacheDir();
  const rssBeforeEmbedderMb = rssMb();
  let t = performance.now();
  const embedder = await createLocalEmbedder({ cacheDir, onProgress: (f, m) => progress(`${m} ${Math.round(f * 100)}%`) });
  const loadSeconds = (performance.now() - t) / 1000;
  const rssWithEmbedderMb = rssMb();

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vouch-bench-match-'));
  progress(`data directory ${dataDir}`);
  try {
    const { index, result: ingested } = await ingest({ ...options, dataDir, embedder, progress });
    const rssAfterIndexingMb = rssMb();

    progress(`searching: ${options.queries} queries × exact, ANN, full-text, hybrid`);
    const { queries, latency: embedQuery } = await embedQueries(embedder, generateQueries(options.queries, options.seed + 1));
    const search = await measureSearch(index, queries, { exactHybrid: true });

    progress('judged sets');
    const quality: SetQuality[] = [];
    for (const set of JUDGED_SETS) quality.push(await measureQuality(embedder, set));
    const fusion = options.fusion ? await fusionDiagnostics(embedder) : null;

    progress('starting the real server on the benchmark data');
    const server = await measureServer({ dataDir, cacheDir, queries: queries.map((q) => q.text) }).catch((err: unknown) => ({
      error: err instanceof Error ? err.message : String(err),
    }));

    let rebuild: SuiteResult['rebuild'] = null;
    if (ingested.vectorIndex.kind === 'ann') {
      progress('rebuilding the ANN index from scratch (timed)');
      t = performance.now();
      await index.rebuildVectorIndex();
      const seconds = (performance.now() - t) / 1000;
      const again = await measureSearch(index, queries, { exactHybrid: false, exact: search.exactRun });
      rebuild = { seconds, state: await index.vectorIndex(), ann: again.ann, recallAt10: again.recallAt10 };
    }
    index.close();
    let compare: SuiteResult['compare'] = null;
    if (options.compare) {
      progress(`ingesting ${options.n} again without the ANN index (separate data directory)`);
      const withoutAnn = await ingestWithoutAnn({ ...options, embedder });
      progress(`re-indexing ${options.n} through MatchService.reconcile() (separate data directory)`);
      compare = { reindex: await reindexThroughService({ ...options, embedder }), withoutAnn };
    }
    const { exactRun: _unused, ...searchLatency } = search;
    return {
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        load: [loadAtStart, os.loadavg()[0]],
      },
      embedder: { id: embedder.id, dim: embedder.dim, loadSeconds },
      n: options.n,
      queries: queries.length,
      ingest: ingested,
      compare,
      embedQuery,
      search: searchLatency,
      rebuild,
      quality,
      fusion,
      memory: { rssBeforeEmbedderMb, rssWithEmbedderMb, rssAfterIndexingMb },
      server,
      dataDir: options.keep ? dataDir : null,
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (!options.keep) await rm(dataDir, { recursive: true, force: true });
  }
}
