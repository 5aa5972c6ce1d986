import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyProfile, PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import { TestClient } from '../support/http-client.js';
import { chatChunks, modelNotFound, OllamaStandIn } from '../support/ollama-standin.js';
import { startServer, type TestServer } from '../support/server.js';

const NOTES = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews/hospital-de.md'), 'utf8');
const PASSWORD = 'correct horse battery';

/** A model reply as Ollama's structured output would shape it: excerpts first, then the profile. */
function modelReply(profile: Partial<ReturnType<typeof emptyProfile>>, excerpts: Record<string, string[]> = {}) {
  const allExcerpts = Object.fromEntries(PROFILE_FIELD_NAMES.map((f) => [f, excerpts[f] ?? []]));
  return JSON.stringify({ excerpts: allExcerpts, ...emptyProfile(), ...profile });
}

describe('the server drafting through Ollama (scripted stand-in over real HTTP)', () => {
  const ollama = new OllamaStandIn();
  let server: TestServer;
  let client: TestClient;

  beforeAll(async () => {
    const host = await ollama.start();
    server = await startServer({ env: { VOUCH_LLM: 'ollama', OLLAMA_HOST: host, VOUCH_MODEL: 'llama3.2', VOUCH_EMBEDDER: 'local' } });
    client = new TestClient(server.url);
    await client.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
    await ollama.close();
  });

  it('reports Ollama as the drafter in /api/health', async () => {
    const health = (await client.get('/api/health')).body;
    expect(health.llm).toMatchObject({ provider: 'ollama', model: 'llama3.2', reachable: true });
  });

  it('fails a draft with "run `ollama pull`" when the model is missing, keeps the notes, and retries', async () => {
    ollama.script('/api/chat', { kind: 'error', status: 404, error: modelNotFound('llama3.2') });
    const created = await client.post('/api/interviews', { notes: NOTES });
    expect(created.status).toBe(202);
    const failed = await client.waitForDraft(created.body.draft.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.message).toContain('ollama pull llama3.2');
    expect(failed.error.retryable).toBe(true);
    expect(failed.interview.notes).toBe(NOTES);

    // The model is pulled now: the retry drafts from the model, and the server checks every quote.
    const realQuote = NOTES.match(/[“"]([^”"]{20,})[”"]/)?.[1] ?? '';
    expect(realQuote.length).toBeGreaterThan(0);
    const invented = 'Vouch is the best thing that ever happened to our hospital.';
    ollama.script('/api/chat', {
      kind: 'stream',
      chunks: chatChunks('llama3.2', modelReply({ name: 'Test Person', company: 'Test Company', quotes: [realQuote, invented] }, { quotes: [realQuote] })),
    });
    const retry = await client.post(`/api/drafts/${failed.id}/retry`);
    expect(retry.status).toBe(202);
    const ready = await client.waitForDraft(failed.id);
    expect(ready).toMatchObject({ status: 'ready', provider: 'ollama', model: 'llama3.2', promptId: 'draft-profile' });
    const quoteChecks = ready.checks.filter((c: { kind: string }) => c.kind === 'quote');
    expect(quoteChecks.map((c: { index: number; status: string }) => [c.index, c.status])).toEqual([
      [0, 'pass'],
      [1, 'fail'],
    ]);
    const span = ready.evidence.find((e: { field: string; index?: number }) => e.field === 'quotes' && e.index === 0);
    expect(ready.interview.text.slice(span.start, span.end)).toContain(realQuote.slice(0, 20));
    // What the adapter sent: the notes as delimited data and a JSON schema as `format`.
    const sent = ollama.requestsTo('/api/chat').at(-1)!.body;
    expect(typeof sent.format).toBe('object');
    expect(JSON.stringify(sent.messages)).toContain('interview_notes');
  });
});
