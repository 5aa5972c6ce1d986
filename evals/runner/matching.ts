import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Advocate } from '../../server/domain/advocate.js';
import { emptyProfile } from '../../server/domain/profile.js';
import { createLocalEmbedder } from '../../server/llm/local/index.js';
import { createMatchService } from '../../server/match/service.js';
import type { AdvocateStore } from '../../server/store/advocates.js';
import { openSearchIndex } from '../../server/store/search-index.js';
import type { MatchingDataset } from '../dataset/matching.js';
import type { RunMatching } from '../store/run-file.js';
import { matchingMetrics, scoreQueries } from './ranking.js';

export interface MatchingSettings {
  k: number;
  vectorCacheDir: string;
  onProgress?: (message: string) => void;
}

/**
 * The matching set through what reps use: the local embedder, a LanceDB index in a temporary directory and
 * the match service (hybrid retrieval, active advocates only). Independent of the drafting provider.
 */
export async function runMatching(dataset: MatchingDataset, settings: MatchingSettings): Promise<RunMatching> {
  let shown = -1;
  // The word-vector cache is built once (a few seconds); say so every 25%, not on every step.
  const onProgress = (fraction: number, message: string) => {
    const step = Math.floor(fraction * 4);
    if (step !== shown) settings.onProgress?.(`${message} ${step * 25}%`);
    shown = step;
  };
  const embedder = await createLocalEmbedder({ cacheDir: settings.vectorCacheDir, onProgress });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vouch-eval-index-'));
  const index = await openSearchIndex(dir, embedder.dim);
  try {
    const now = new Date(0).toISOString();
    const advocates = new Map<string, Advocate>(
      dataset.advocates.map((a) => [a.id, {
        ...emptyProfile(),
        ...a.profile,
        id: a.id,
        version: 1,
        status: a.status,
        // The dataset's advocates stand for consenting ones: matching only ever searches those.
        consent: { state: 'granted', source: 'eval dataset', recordedBy: null, recordedAt: now },
        evidence: [],
        createdAt: now,
        updatedAt: now,
      }]),
    );
    // The store methods the match service uses; the records live in memory for the eval.
    const store = {
      get: async (id: string) => advocates.get(id),
      getMany: async (ids: string[]) => new Map(ids.flatMap((id) => (advocates.has(id) ? [[id, advocates.get(id)!] as const] : []))),
      versionsNow: async () => [...advocates.values()].map((a) => ({ id: a.id, version: a.version, consenting: true, markedIndexed: false })),
      markIndexed: async () => {},
      lastErasedAt: async () => null,
    } satisfies Pick<AdvocateStore, 'get' | 'getMany' | 'versionsNow' | 'markIndexed' | 'lastErasedAt'>;
    const service = createMatchService({ embedder, index, advocates: store as unknown as AdvocateStore, log: { info: () => {}, error: () => {} } });
    await service.reconcile();
    // Compact so the full-text index covers every row. Measured on LanceDB 0.31: rows written after the FTS
    // index was created are searched "flat", and that search ranked by wrong scores and differently from one
    // process to the next (nDCG@5 0.79 or 0.86 on the same data), which no gate can use. The server only
    // optimises after 50 writes (server/store/search-index.ts), so reps may see the unstable ranking today.
    await index.optimize();
    const ranked = new Map<string, string[]>();
    for (const q of dataset.queries) {
      const response = await service.match(q.prospect, settings.k);
      ranked.set(q.id, response.results.map((r) => r.advocate.id));
    }
    const queries = scoreQueries(dataset.queries, ranked, settings.k);
    return { embedder: embedder.id, k: settings.k, advocatesSha: dataset.advocatesSha, metrics: matchingMetrics(queries), queries };
  } finally {
    index.close();
    await rm(dir, { recursive: true, force: true });
  }
}
