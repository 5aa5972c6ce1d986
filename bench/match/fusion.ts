/**
 * `--fusion`: why hybrid scores what it scores. For each judged set, nDCG@5 of LanceDB's hybrid (RRF,
 * k 60, `limit` candidates per side: what ships) against reciprocal-rank fusion recomputed here from
 * deeper full-text and vector rankings, with other k and weights. Diagnostic only: choosing a fusion on
 * these sets and reporting it on the same sets would be optimistic.
 */
import type { Embedder } from '../../server/llm/types.js';
import { JUDGED_SETS, rankAll, withJudgedIndex } from './quality.js';
import { mean, ndcgAtK } from './stats.js';

const rrf = (lists: string[][], k: number, weights: number[]) => {
  const score = new Map<string, number>();
  lists.forEach((list, li) => list.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + weights[li] / (k + rank + 1))));
  return [...score.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
};

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
  for (const set of JUDGED_SETS) {
    const scores = await withJudgedIndex(embedder, set, async (index, queries) => {
      const out: Record<string, number[]> = {};
      const add = (name: string, value: number) => (out[name] ??= []).push(value);
      for (const q of queries) {
        const shipped = await rankAll(index, q, 5);
        const deep = await rankAll(index, q, 20);
        add('shipped: LanceDB hybrid (RRF k 60, limit 5)', ndcgAtK(shipped.hybrid, q.relevant, 5));
        add('full-text only', ndcgAtK(shipped.fts, q.relevant, 5));
        add('vector only', ndcgAtK(shipped.vector, q.relevant, 5));
        for (const v of VARIANTS) {
          const fused = rrf([deep.fts.slice(0, v.depth), deep.vector.slice(0, v.depth)], v.k, [v.ftsWeight, 1]);
          add(v.name, ndcgAtK(fused, q.relevant, 5));
        }
      }
      return out;
    });
    for (const [variant, values] of Object.entries(scores)) rows.push({ set: set.name, variant, ndcg5: mean(values) });
  }
  return rows;
}
