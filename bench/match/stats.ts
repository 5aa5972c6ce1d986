/** Small, pure measures for the match benchmark: percentiles, recall against a reference, nDCG. */

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export type Latency = { p50: number; p95: number; samples: number };

export const latency = (ms: number[]): Latency => ({ p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), samples: ms.length });

/**
 * Runs `search` once per input, sequentially (one rep at a time, as a latency measure should), after
 * `warmup` untimed calls. Returns the latencies and each call's ranked ids.
 */
export async function timed<T>(
  inputs: T[],
  search: (input: T) => Promise<string[]>,
  warmup = 5,
): Promise<{ latency: Latency; results: string[][] }> {
  for (const input of inputs.slice(0, warmup)) await search(input);
  const ms: number[] = [];
  const results: string[][] = [];
  for (const input of inputs) {
    const t = performance.now();
    results.push(await search(input));
    ms.push(performance.now() - t);
  }
  return { latency: latency(ms), results };
}

/** Mean over queries of |approx top-k ∩ exact top-k| / |exact top-k| (queries with no exact result are skipped). */
export function recallAtK(approx: string[][], exact: string[][], k: number): number {
  let sum = 0;
  let n = 0;
  exact.forEach((truth, i) => {
    const want = truth.slice(0, k);
    if (want.length === 0) return;
    const got = new Set(approx[i].slice(0, k));
    sum += want.filter((id) => got.has(id)).length / want.length;
    n += 1;
  });
  return n === 0 ? Number.NaN : sum / n;
}

/** nDCG@k with gain 2^grade − 1 (the same formula as bench/embedder.ts). */
export function ndcgAtK(ranked: string[], grades: Record<string, number>, k: number): number {
  const dcg = (gs: number[]) => gs.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a).slice(0, k));
  return ideal === 0 ? 0 : dcg(ranked.slice(0, k).map((id) => grades[id] ?? 0)) / ideal;
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
export const rssMb = () => Math.round(process.memoryUsage().rss / (1024 * 1024));
