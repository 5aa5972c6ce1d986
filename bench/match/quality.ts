/**
 * Retrieval quality on judged sets through the real SearchIndex (a temporary LanceDB directory per set):
 * each query as hybrid, full-text only and vector only, scored by nDCG@5 (gain 2^grade − 1), plus how
 * often the mode ranks a grade-3 advocate first.
 * - "vouch": the 40 hand-written advocates and 34 queries of judged.ts, indexed as advocateDocument()
 *   makes them: the headline numbers.
 * - "embedder (held-out)": bench/embedder-judged-set.ts's profile texts with its held-out queries, a
 *   second opinion (its tuning queries chose the embedder's parameters, so they are left out).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../server/llm/types.js';
import { advocateDocument } from '../../server/match/document.js';
import { ftsText } from '../../server/match/service.js';
import { openSearchIndex, type SearchIndex } from '../../server/store/search-index.js';
import { HELD_OUT_QUERIES, PROFILES } from '../embedder-judged-set.js';
import { JUDGED_PROFILES, JUDGED_QUERIES, type JudgedQuery } from './judged.js';
import { mean, ndcgAtK } from './stats.js';

export type Mode = 'hybrid' | 'fts' | 'vector';
export const MODES: Mode[] = ['hybrid', 'fts', 'vector'];
export type JudgedSet = { name: string; docs: { id: string; text: string }[]; queries: JudgedQuery[] };
export type ModeScores = { ndcg5: number; top1: number };
export type SetQuality = { name: string; profiles: number; queries: number; modes: Record<Mode, ModeScores> };
export type EmbeddedQuery = JudgedQuery & { fts: string; vector: Float32Array };

export const JUDGED_SETS: JudgedSet[] = [
  { name: 'vouch (judged.ts)', docs: JUDGED_PROFILES.map((a) => ({ id: a.id, text: advocateDocument(a) })), queries: JUDGED_QUERIES },
  { name: 'embedder set, held-out', docs: Object.entries(PROFILES).map(([id, text]) => ({ id, text })), queries: HELD_OUT_QUERIES },
];

/** Indexes a judged set in a temporary directory and embeds its queries; `run` gets both, the directory is removed after. */
export async function withJudgedIndex<T>(
  embedder: Embedder,
  set: JudgedSet,
  run: (index: SearchIndex, queries: EmbeddedQuery[]) => Promise<T>,
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
    return await run(index, queries);
  } finally {
    index.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function rankAll(index: SearchIndex, q: EmbeddedQuery, k: number): Promise<Record<Mode, string[]>> {
  const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
  return {
    hybrid: ids(await index.hybrid(q.vector, q.fts, k)),
    fts: ids(await index.textOnly(q.fts, k)),
    vector: ids(await index.vectorOnly(q.vector, k)),
  };
}

export async function measureQuality(embedder: Embedder, set: JudgedSet): Promise<SetQuality> {
  return withJudgedIndex(embedder, set, async (index, queries) => {
    const ndcg: Record<Mode, number[]> = { hybrid: [], fts: [], vector: [] };
    const top1: Record<Mode, number[]> = { hybrid: [], fts: [], vector: [] };
    for (const q of queries) {
      const ranked = await rankAll(index, q, 5);
      for (const mode of MODES) {
        ndcg[mode].push(ndcgAtK(ranked[mode], q.relevant, 5));
        top1[mode].push(q.relevant[ranked[mode][0]] === 3 ? 1 : 0);
      }
    }
    const modes = Object.fromEntries(MODES.map((m) => [m, { ndcg5: mean(ndcg[m]), top1: mean(top1[m]) }])) as Record<Mode, ModeScores>;
    return { name: set.name, profiles: set.docs.length, queries: queries.length, modes };
  });
}
