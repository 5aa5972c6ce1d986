import { describe, expect, it } from 'vitest';
import type { IntentReader, IntentOutcome } from '../../server/llm/types.js';
import { createIntentResolver, PAUSE_MS } from '../../server/match/intent-source.js';

const reply = { industry: 'hospital', region: 'Germany', companySize: '', products: [], useCase: '', persona: '', language: '' };

/** A reader that answers from a script and counts its calls (the HTTP side is tested against the Ollama stand-in). */
function scripted(outcomes: IntentOutcome[]) {
  let calls = 0;
  const reader: IntentReader = {
    model: 'llama3.2',
    promptVersion: '1',
    read: async () => {
      calls += 1;
      return outcomes.shift() ?? { ok: true, reply, ms: 5 };
    },
  };
  return { reader, calls: () => calls };
}
const timeout: IntentOutcome = { ok: false, error: { code: 'timeout', message: 'llama3.2 did not answer within 2.5 s', retryable: true } };
const quiet = { info: () => {}, warn: () => {} };

describe('intent resolver', () => {
  it('uses the model, puts its industry on the rules’ label, and reads a description once', async () => {
    const { reader, calls } = scripted([]);
    const resolve = createIntentResolver({ reader, log: quiet });
    const first = await resolve('a hospital in Germany');
    expect(first).toEqual({ intent: { industry: 'Healthcare', region: 'Germany', products: [] }, source: { by: 'model', model: 'llama3.2' } });
    await resolve('a  hospital in Germany ');
    expect(calls()).toBe(1);
  });

  it('falls back to the rules with the reason, and leaves a failing model alone for a minute after three failures', async () => {
    let t = 1_000_000;
    const { reader, calls } = scripted([timeout, timeout, timeout]);
    const resolve = createIntentResolver({ reader, log: quiet, now: () => t });
    for (const q of ['bank in Canada', 'bank in France', 'bank in Spain']) {
      const r = await resolve(q);
      expect(r.source).toEqual({ by: 'rules', fallback: 'llama3.2 did not answer within 2.5 s' });
      expect(r.intent.industry).toBe('Financial services');
    }
    const paused = await resolve('bank in Italy');
    expect(paused.source.by).toBe('rules');
    expect(paused.source.fallback).toMatch(/failed 3 readings in a row \(last: llama3.2 did not answer within 2.5 s\); not asked again until/);
    expect(calls()).toBe(3);
    t += PAUSE_MS + 1;
    expect((await resolve('bank in Italy')).source).toEqual({ by: 'model', model: 'llama3.2' });
    expect(calls()).toBe(4);
  });

  it('takes edited chips as the rep’s, and reads by rules without a model', async () => {
    const { reader, calls } = scripted([]);
    expect((await createIntentResolver({ reader, log: quiet })('x', { products: [] })).source).toEqual({ by: 'rep' });
    expect(calls()).toBe(0);
    expect((await createIntentResolver({ log: quiet })('a bank in Canada')).source).toEqual({ by: 'rules' });
  });
});
