/**
 * Server-side search latency on the ingested index, one query at a time: exact vector scan, ANN vector
 * search, full-text, and hybrid (the retrieval step of a match), plus ANN recall@10 against the exact scan.
 * Query vectors are embedded beforehand; embedding a query is timed on its own.
 */
import type { Embedder } from '../../server/llm/types.js';
import { hybridSearch } from '../../server/match/fusion.js';
import { ftsText } from '../../server/match/service.js';
import type { SearchIndex } from '../../server/store/search-index.js';
import { recallAtK, timed, type Latency } from './stats.js';

export type Query = { text: string; fts: string; vector: Float32Array };

export async function embedQueries(embedder: Embedder, texts: string[]): Promise<{ queries: Query[]; latency: Latency }> {
  const queries: Query[] = [];
  const { latency } = await timed(texts, async (text) => {
    const r = await embedder.embedQuery(text);
    if (!r.ok) throw new Error(`embedding failed: ${r.error.message}`);
    queries.push({ text, fts: ftsText(text), vector: r.vectors[0] });
    return [];
  }, 0);
  return { queries, latency };
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

export interface SearchLatency {
  exact: Latency;
  ann: Latency;
  fts: Latency;
  /** LanceDB's own hybrid query (vector + full-text + its RRF reranker), for comparison. */
  lancedbHybrid: Latency;
  /** What the match service runs: both searches at once, fused by RRF (server/match/fusion.ts). */
  hybrid: Latency;
  /** ANN top-10 vs exact top-10, same filter (active advocates). */
  recallAt10: number;
  /** Hybrid with the ANN vs hybrid with the exact scan (first 50 queries): how much of the fused top-10 the ANN keeps. */
  hybridOverlapAt10?: number;
}

export type ExactRun = Awaited<ReturnType<typeof timed>>;

/** `exact`: reuse an earlier exact run (the exact scan does not change when the ANN index does; it takes minutes at 100k). */
export async function measureSearch(
  index: SearchIndex,
  queries: Query[],
  options: { exactHybrid: boolean; exact?: ExactRun },
): Promise<SearchLatency & { exactRun: ExactRun }> {
  const k = 10;
  const exact = options.exact ?? (await timed(queries, async (q) => ids(await index.vectorOnly(q.vector, k, { exact: true }))));
  const ann = await timed(queries, async (q) => ids(await index.vectorOnly(q.vector, k)));
  const fts = await timed(queries, async (q) => ids(await index.textOnly(q.fts, k)));
  const lancedbHybrid = await timed(queries, async (q) => ids(await index.hybrid(q.vector, q.fts, k)));
  const hybrid = await timed(queries, async (q) => ids(await hybridSearch(index, q.vector, q.fts, k)));
  const result: SearchLatency & { exactRun: ExactRun } = {
    exactRun: exact,
    exact: exact.latency,
    ann: ann.latency,
    fts: fts.latency,
    lancedbHybrid: lancedbHybrid.latency,
    hybrid: hybrid.latency,
    recallAt10: recallAtK(ann.results, exact.results, k),
  };
  if (options.exactHybrid) {
    // The first 50 queries suffice for an overlap, and keep the exact scans short at 100k.
    const sample = queries.slice(0, 50);
    const exactHybrid = await timed(sample, async (q) => ids(await hybridSearch(index, q.vector, q.fts, k, undefined, { exact: true })), 0);
    result.hybridOverlapAt10 = recallAtK(hybrid.results.slice(0, sample.length), exactHybrid.results, k);
  }
  return result;
}
