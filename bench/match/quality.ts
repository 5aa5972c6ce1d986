/**
 * Retrieval quality on judged sets through the real SearchIndex (a temporary LanceDB directory per set):
 * each query as hybrid (what the match service retrieves: server/match/fusion.ts), full-text only and
 * vector only, and — where the set has whole profiles — as the match service ranks it for a rep (hybrid
 * plus the intent boosts), scored by nDCG@5 (gain 2^grade − 1), plus how often a grade-3 advocate is first.
 * - "vouch tuning" / "vouch held-out": the 40 hand-written advocates of judged-profiles.ts with the two
 *   parts of judged.ts. Nothing is tuned on the held-out part.
 * - "embedder set, held-out": bench/embedder-judged-set.ts's profile texts with its held-out queries, a
 *   second opinion (its tuning queries chose the embedder's parameters, so they are left out).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Advocate } from '../../server/domain/advocate.js';
import type { Embedder } from '../../server/llm/types.js';
import { advocateDocument } from '../../server/match/document.js';
import { DEFAULT_FUSION, hybridSearch, type FusionOptions } from '../../server/match/fusion.js';
import { createMatchService, ftsText } from '../../server/match/service.js';
import { memoryRecords } from '../../server/match/memory-records.js';
import { openSearchIndex, type SearchIndex } from '../../server/store/search-index.js';
import { HELD_OUT_QUERIES as EMBEDDER_HELD_OUT, PROFILES } from '../embedder-judged-set.js';
import { HELD_OUT_QUERIES, JUDGED_PROFILES, JUDGED_QUERIES, type JudgedQuery } from './judged.js';
import { mean, ndcgAtK } from './stats.js';

export type Mode = 'hybrid' | 'fts' | 'vector' | 'shipped';
export const MODES: Mode[] = ['hybrid', 'fts', 'vector', 'shipped'];
export type JudgedSet = {
  name: string;
  docs: { id: string; text: string }[];
  queries: JudgedQuery[];
  /** Whole profiles, so the match service can rank them as it does for a rep (the "shipped" mode). */
  advocates?: Advocate[];
};
export type ModeScores = { ndcg5: number; top1: number };
export type SetQuality = { name: string; profiles: number; queries: number; modes: Record<Mode, ModeScores | null> };
export type EmbeddedQuery = JudgedQuery & { fts: string; vector: Float32Array };
export type Ranker = (q: EmbeddedQuery, k: number) => Promise<Record<Mode, string[] | null>>;

const vouchDocs = JUDGED_PROFILES.map((a) => ({ id: a.id, text: advocateDocument(a) }));
export const JUDGED_SETS: JudgedSet[] = [
  { name: 'vouch tuning', docs: vouchDocs, queries: JUDGED_QUERIES, advocates: JUDGED_PROFILES },
  { name: 'vouch held-out', docs: vouchDocs, queries: HELD_OUT_QUERIES, advocates: JUDGED_PROFILES },
  { name: 'embedder set, held-out', docs: Object.entries(PROFILES).map(([id, text]) => ({ id, text })), queries: EMBEDDER_HELD_OUT },
];

/** Indexes a judged set in a temporary directory and embeds its queries; `run` gets a ranker, the directory is removed after. */
export async function withJudgedIndex<T>(
  embedder: Embedder,
  set: JudgedSet,
  run: (rank: Ranker, queries: EmbeddedQuery[], index: SearchIndex) => Promise<T>,
  fusion: FusionOptions = DEFAULT_FUSION,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vouch-bench-judged-'));
  const index = await openSearchIndex(dir, embedder.dim);
  try {
    const embedded = await embedder.embedDocuments(set.docs.map((d) => d.text));
    if (!embedded.ok) throw new Error(`embedding failed: ${embedded.error.message}`);
    await index.upsert(set.docs.map((d, i) => ({ id: d.id, version: 1, status: 'active', text: d.text, vector: embedded.vectors[i] })));
    await index.optimize();
    const queries: EmbeddedQuery[] = [];
    for (const q of set.queries) {
      const r = await embedder.embedQuery(q.text);
      if (!r.ok) throw new Error(`embedding failed: ${r.error.message}`);
      queries.push({ ...q, fts: ftsText(q.text), vector: r.vectors[0] });
    }
    // The records live in memory here; the index was filled by the suite, so reconcile is never asked to.
    const service = set.advocates
      ? createMatchService({ embedder, index, advocates: memoryRecords(set.advocates), log: { info: () => {}, error: () => {} }, fusion })
      : undefined;
    const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
    const rank: Ranker = async (q, k) => ({
      hybrid: ids(await hybridSearch(index, q.vector, q.fts, k, fusion)),
      fts: ids(await index.textOnly(q.fts, k)),
      vector: ids(await index.vectorOnly(q.vector, k)),
      shipped: service ? (await service.match(q.text, k)).results.map((r) => r.advocate.id) : null,
    });
    return await run(rank, queries, index);
  } finally {
    index.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureQuality(embedder: Embedder, set: JudgedSet, fusion: FusionOptions = DEFAULT_FUSION): Promise<SetQuality> {
  return withJudgedIndex(
    embedder,
    set,
    async (rank, queries) => {
      const ndcg: Record<Mode, number[]> = { hybrid: [], fts: [], vector: [], shipped: [] };
      const top1: Record<Mode, number[]> = { hybrid: [], fts: [], vector: [], shipped: [] };
      for (const q of queries) {
        const ranked = await rank(q, 5);
        for (const mode of MODES) {
          const list = ranked[mode];
          if (!list) continue;
          ndcg[mode].push(ndcgAtK(list, q.relevant, 5));
          top1[mode].push(q.relevant[list[0]] === 3 ? 1 : 0);
        }
      }
      const modes = Object.fromEntries(
        MODES.map((m) => [m, ndcg[m].length ? { ndcg5: mean(ndcg[m]), top1: mean(top1[m]) } : null]),
      ) as Record<Mode, ModeScores | null>;
      return { name: set.name, profiles: set.docs.length, queries: queries.length, modes };
    },
    fusion,
  );
}
