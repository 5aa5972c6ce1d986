import type { Drafter } from '../../server/llm/types.js';
import type { Usage } from '../scorers/types.js';
import type { DraftSample } from './types.js';

/** One call through the Drafter port, timed; a failed draft becomes a sample with `error` (code: message). */
export async function timedDraft(drafter: Drafter, text: string): Promise<DraftSample> {
  const started = performance.now();
  const outcome = await drafter.draft({ text });
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  if (!outcome.ok) return { output: null, error: `${outcome.error.code}: ${outcome.error.message}`, latencyMs, cached: false };
  return { output: outcome.profile, latencyMs, usage: compact(outcome.usage), cached: false };
}

function compact(usage: Usage | undefined): Usage | undefined {
  if (!usage) return undefined;
  const kept = Object.fromEntries(Object.entries(usage).filter(([, v]) => typeof v === 'number')) as Usage;
  return Object.keys(kept).length > 0 ? kept : undefined;
}
