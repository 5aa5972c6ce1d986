/**
 * `--fusion`: why hybrid scores what it scores, on the tuning part of the judged set only (the held-out
 * part must stay unseen). nDCG@5 of the shipped fusion (server/match/fusion.ts) against reciprocal-rank
 * fusion recomputed here from deeper full-text and vector rankings, with other k, depths and weights.
 */
import type { Embedder } from '../../server/llm/types.js';
import { rrf } from '../../server/match/fusion.js';
import { JUDGED_SETS, withJudgedIndex } from './quality.js';
import { mean, ndcgAtK } from './stats.js';

const VARIANTS: { name: string; depth: number; k: number; ftsWeight: number }[] = [
  { name: 'RRF k 60, 5 per side', depth: 5, k: 60, ftsWeight: 1 },
  { name: 'RRF k 60, 20 per side', depth: 20, k: 60, ftsWeight: 1 },
  { name: 'RRF k 10, 20 per side', depth: 20, k: 10, ftsWeight: 1 },
  { name: 'RRF k 1, 20 per side', depth: 20, k: 1, ftsWeight: 1 },
  { name: 'RRF k 60, 20 per side, fts ×2', depth: 20, k: 60, ftsWeight: 2 },
  { name: 'RRF k 60, 20 per side, vector ×2', depth: 20, k: 60, ftsWeight: 0.5 },
];

export type FusionRow = { set: string; variant: string; ndcg5: number };

export async function fusionDiagnostics(embedder: Embedder): Promise<FusionRow[]> {
  const rows: FusionRow[] = [];
  for (const set of JUDGED_SETS.filter((s) => s.name === 'vouch tuning')) {
    const scores = await withJudgedIndex(embedder, set, async (rank, queries) => {
      const out: Record<string, number[]> = {};
      const add = (name: string, value: number) => (out[name] ??= []).push(value);
      for (const q of queries) {
        const shipped = await rank(q, 5);
        const deep = await rank(q, 20);
        add('shipped: hybrid (server/match/fusion.ts)', ndcgAtK(shipped.hybrid!, q.relevant, 5));
        add('shipped: hybrid + intent boosts (match service)', ndcgAtK(shipped.shipped ?? [], q.relevant, 5));
        add('full-text only', ndcgAtK(shipped.fts!, q.relevant, 5));
        add('vector only', ndcgAtK(shipped.vector!, q.relevant, 5));
        const asHits = (ids: string[]) => ids.map((id) => ({ id, score: 0 }));
        for (const v of VARIANTS) {
          const fused = rrf(
            [
              { hits: asHits(deep.fts!.slice(0, v.depth)), weight: v.ftsWeight },
              { hits: asHits(deep.vector!.slice(0, v.depth)), weight: 1 },
            ],
            v.k,
          ).map((h) => h.id);
          add(v.name, ndcgAtK(fused, q.relevant, 5));
        }
      }
      return out;
    });
    for (const [variant, values] of Object.entries(scores)) rows.push({ set: set.name, variant, ndcg5: mean(values) });
  }
  return rows;
}
