import type { DraftError } from '../../domain/draft.js';
import type { OllamaResult } from './client.js';

/**
 * Bounded retries for transient Ollama failures (not reachable, 5xx, silent past the idle timeout, stream
 * cut, a reply that is not JSON). Permanent ones (model not pulled, our request refused, notes too long)
 * and the caller's own cancel are returned at once: waiting would not change them.
 */
export interface RetryPolicy {
  /** Attempts after the first (0 = none). */
  retries: number;
  /** Delay before the first retry; doubled for each next one. */
  baseDelayMs: number;
  /** No delay is longer than this. */
  maxDelayMs: number;
}

export const NO_RETRIES: RetryPolicy = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, the other half random, so retries
 * from several drafts that failed together do not hit Ollama again in the same instant, and each wait is
 * still at least half the one before doubled.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryHooks {
  signal?: AbortSignal;
  /** Told before each wait, e.g. to show "retrying in 2 s" on the draft. */
  onRetry?: (info: { retry: number; of: number; delayMs: number; error: DraftError }) => void;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<OllamaResult<T>>,
  hooks: RetryHooks = {},
): Promise<OllamaResult<T>> {
  const sleep = hooks.sleep ?? abortableSleep;
  let result = await attempt();
  for (let retry = 1; !result.ok && result.transient && retry <= policy.retries; retry++) {
    if (hooks.signal?.aborted) break;
    const delayMs = backoffDelay(policy, retry, hooks.random);
    hooks.onRetry?.({ retry, of: policy.retries, delayMs, error: result.error });
    await sleep(delayMs, hooks.signal);
    if (hooks.signal?.aborted) break;
    result = await attempt();
    if (!result.ok && retry === policy.retries && result.transient) {
      const attempts = policy.retries + 1;
      return { ...result, error: { ...result.error, message: `${result.error.message} (gave up after ${attempts} attempts)` } };
    }
  }
  return result;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
