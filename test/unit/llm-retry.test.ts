import { describe, expect, it } from 'vitest';
import type { DraftError } from '../../server/domain/draft.js';
import type { OllamaResult } from '../../server/llm/ollama/client.js';
import { backoffDelay, withRetries, type RetryPolicy } from '../../server/llm/ollama/retry.js';

const policy: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 5000 };
const down: DraftError = { code: 'unreachable', message: 'Ollama is not reachable', retryable: true };
const missing: DraftError = { code: 'model_missing', message: 'Model x is not pulled', retryable: true };

/** Answers the scripted results in order; records the waits instead of waiting. */
function scripted(results: OllamaResult<string>[]) {
  const waits: number[] = [];
  let calls = 0;
  const attempt = async () => results[Math.min(calls++, results.length - 1)];
  const sleep = async (ms: number) => void waits.push(ms);
  return { attempt, sleep, waits, calls: () => calls };
}

describe('backoffDelay', () => {
  it('doubles from the base, half fixed and half jitter, and never passes the cap', () => {
    const low = [1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0));
    const high = [1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 1));
    expect(low).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(high).toEqual([1000, 2000, 4000, 5000, 5000]);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(policy, 2, Math.random);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });
});

describe('withRetries', () => {
  it('retries a transient failure and returns the first success', async () => {
    const s = scripted([{ ok: false, error: down, transient: true }, { ok: false, error: down, transient: true }, { ok: true, value: 'draft' }]);
    const seen: number[] = [];
    const r = await withRetries(policy, s.attempt, { sleep: s.sleep, random: () => 0, onRetry: (i) => seen.push(i.retry) });
    expect(r).toEqual({ ok: true, value: 'draft' });
    expect(s.calls()).toBe(3);
    expect(s.waits).toEqual([500, 1000]);
    expect(seen).toEqual([1, 2]);
  });

  it('stops after the configured retries and says how many attempts it made', async () => {
    const s = scripted([{ ok: false, error: down, transient: true }]);
    const r = await withRetries(policy, s.attempt, { sleep: s.sleep, random: () => 1 });
    expect(s.calls()).toBe(4);
    expect(s.waits).toEqual([1000, 2000, 4000]);
    expect(r).toMatchObject({ ok: false, error: { code: 'unreachable', message: 'Ollama is not reachable (gave up after 4 attempts)' } });
  });

  it('does not retry a permanent failure', async () => {
    const s = scripted([{ ok: false, error: missing, transient: false }]);
    const r = await withRetries(policy, s.attempt, { sleep: s.sleep });
    expect(s.calls()).toBe(1);
    expect(s.waits).toEqual([]);
    expect(r).toMatchObject({ ok: false, error: missing });
  });

  it('stops a permanent failure met while retrying (e.g. the model was removed)', async () => {
    const s = scripted([{ ok: false, error: down, transient: true }, { ok: false, error: missing, transient: false }]);
    const r = await withRetries(policy, s.attempt, { sleep: s.sleep });
    expect(s.calls()).toBe(2);
    expect(r).toMatchObject({ ok: false, error: missing });
  });

  it('does nothing more with retries set to 0', async () => {
    const s = scripted([{ ok: false, error: down, transient: true }]);
    const r = await withRetries({ ...policy, retries: 0 }, s.attempt, { sleep: s.sleep });
    expect(s.calls()).toBe(1);
    expect(r).toMatchObject({ ok: false, error: down });
  });

  it("stops waiting when the caller's signal aborts", async () => {
    const s = scripted([{ ok: false, error: down, transient: true }]);
    const controller = new AbortController();
    const r = await withRetries(policy, s.attempt, { signal: controller.signal, sleep: async () => controller.abort() });
    expect(s.calls()).toBe(1);
    expect(r.ok).toBe(false);
  });
});
