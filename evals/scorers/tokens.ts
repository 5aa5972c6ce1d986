import type { Scorer } from './types.js';

/** Tokens generated and generation speed, from Ollama's eval_count / eval_duration when the provider reports them. */
export const tokens: Scorer = ({ sample, options }) => {
  const usage = sample.usage;
  const generated = usage?.completionTokens;
  if (generated === undefined) return { pass: true, score: 1, reason: 'not reported by this provider' };
  const details: Record<string, number> = { completionTokens: generated };
  if (usage?.promptTokens !== undefined) details.promptTokens = usage.promptTokens;
  if (usage?.evalDurationMs !== undefined) details.evalDurationMs = usage.evalDurationMs;
  const speed = usage?.evalDurationMs ? ` at ${((generated / usage.evalDurationMs) * 1000).toFixed(1)} tok/s` : '';
  const max = options.maxCompletionTokens;
  const over = max !== null && generated > max;
  return {
    pass: !over,
    score: max === null || generated === 0 ? 1 : Math.min(1, max / generated),
    reason: `${generated} tokens generated${speed}${over ? `, over the ${max}-token limit` : ''}`,
    details,
  };
};
