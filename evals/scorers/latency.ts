import type { Scorer } from './types.js';

/** Wall-clock time of the provider call (for a cached output: the time it took when it was generated). */
export const latency: Scorer = ({ sample, options }) => {
  const ms = sample.latencyMs;
  if (ms === null) return { pass: true, score: 1, reason: 'not measured' };
  const budget = options.latencyBudgetMs;
  return {
    pass: ms <= budget,
    score: ms <= 0 ? 1 : Math.min(1, budget / ms),
    reason: ms <= budget ? `${Math.round(ms)} ms` : `${Math.round(ms)} ms, over the ${budget} ms budget`,
    details: { latencyMs: ms },
  };
};
