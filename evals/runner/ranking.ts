import type { MatchingQuery } from '../dataset/matching.js';
import type { RunMatching, RunQuery } from '../store/run-file.js';

/** Graded relevance by id (unlisted = 0). */
export type Grades = Record<string, number>;

/** nDCG@k with exponential gain (2^grade − 1): the order of the top k against the best possible order. */
export function ndcgAtK(ranked: string[], grades: Grades, k: number): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => grades[id] ?? 0)) / ideal;
}

/** recall@k: share of the relevant ids (grade ≥ 1) that appear in the top k. */
export function recallAtK(ranked: string[], grades: Grades, k: number): number {
  const relevant = Object.keys(grades).filter((id) => grades[id] > 0);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** The figures of a matching run from its ranked lists; the gate recomputes them with today's grades. */
export function scoreQueries(queries: MatchingQuery[], ranked: Map<string, string[]>, k: number): RunQuery[] {
  return queries.map((q) => {
    const list = ranked.get(q.id) ?? [];
    return { id: q.id, inputSha: q.inputSha, ranked: list, ndcg: ndcgAtK(list, q.relevant, k), recall: recallAtK(list, q.relevant, k) };
  });
}

export function matchingMetrics(queries: RunQuery[]): RunMatching['metrics'] {
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  return { matchingNdcg5: mean(queries.map((q) => q.ndcg)), matchingRecall5: mean(queries.map((q) => q.recall)) };
}
