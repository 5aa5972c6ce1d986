import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emptyProfile, PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import type { WsEvent } from '../../server/domain/events.js';
import type { Role } from '../../server/domain/user.js';
import { chatChunks, modelNotFound, OllamaStandIn, type Behaviour } from '../support/ollama-standin.js';
import { roleHeaders } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Fault injection: the *server* (POST /api/interviews → drafting queue → Ollama adapter) against the
 * scripted Ollama stand-in, through every fault issue 6 lists. Transient faults are retried with backoff
 * (VOUCH_LLM_RETRIES=2: three attempts), permanent ones are not; either way a failed draft keeps its notes,
 * says why, and Retry drafts it again.
 */
const NOTES = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews/hospital-de.md'), 'utf8');
const MODEL = 'llama3.2';
const TIMEOUT_MS = 1000;

function reply(profile: Partial<ReturnType<typeof emptyProfile>> = { name: 'Katrin Vogel', company: 'Klinikum Sankt Anna' }) {
  const excerpts = Object.fromEntries(PROFILE_FIELD_NAMES.map((f) => [f, []]));
  return JSON.stringify({ excerpts, ...emptyProfile(), ...profile });
}
const good = (content = reply()): Behaviour => ({ kind: 'stream', chunks: chatChunks(MODEL, content, { pieceChars: 200 }) });
const serverError: Behaviour = { kind: 'error', status: 500, error: 'llama runner process has terminated: signal: killed' };

type Draft = { id: string; status: string; error: { code: string; message: string; retryable: boolean } | null; interview: { notes: string }; profile: { name: string } | null };

async function faultServer(ollama: OllamaStandIn, env: Record<string, string> = {}) {
  const host = await ollama.start();
  const server = await startServer({
    env: {
      VOUCH_LLM: 'ollama',
      OLLAMA_HOST: host,
      VOUCH_MODEL: MODEL,
      VOUCH_LLM_TIMEOUT_MS: String(TIMEOUT_MS),
      VOUCH_LLM_RETRIES: '2',
      VOUCH_LLM_BACKOFF_MS: '20',
      VOUCH_LLM_BACKOFF_MAX_MS: '100',
      ...env,
    },
  });
  const as = await roleHeaders(server.app);
  return { server, as, host };
}

function api(app: FastifyInstance, as: Record<Role, { authorization: string }>) {
  return {
    async paste(notes = NOTES): Promise<string> {
      const r = await app.inject({ method: 'POST', url: '/api/interviews', headers: as.manager, payload: { notes } });
      expect(r.statusCode).toBe(202);
      return r.json().draft.id;
    },
    async draft(id: string): Promise<Draft> {
      return (await app.inject({ method: 'GET', url: `/api/drafts/${id}`, headers: as.reviewer })).json();
    },
    async retry(id: string) {
      const r = await app.inject({ method: 'POST', url: `/api/drafts/${id}/retry`, headers: as.reviewer });
      expect(r.statusCode).toBe(202);
    },
  };
}

describe('model faults, driven through the server', () => {
  const ollama = new OllamaStandIn();
  let server: TestServer;
  let client: ReturnType<typeof api>;
  let as: Record<Role, { authorization: string }>;
  let port: number;
  const events: WsEvent[] = [];

  beforeAll(async () => {
    const started = await faultServer(ollama);
    server = started.server;
    port = Number(new URL(started.host).port);
    as = started.as;
    client = api(server.app, as);
    server.ctx.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => {
    // Each test uses exactly what it scripted: nothing leaks into the next one.
    expect(ollama.pending('/api/chat')).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    await ollama.close();
  });

  /** Pastes the notes, waits until the queue is idle, and returns the draft and the chat calls it made. */
  async function draftThrough(...script: Behaviour[]) {
    ollama.script('/api/chat', ...script);
    const before = ollama.requestsTo('/api/chat').length;
    const id = await client.paste();
    await server.ctx.review.queueIdle();
    return { draft: await client.draft(id), calls: ollama.requestsTo('/api/chat').length - before };
  }

  async function expectRetryDrafts(draft: Draft) {
    expect(draft.interview.notes).toBe(NOTES);
    expect(draft.error?.retryable).toBe(true);
    ollama.script('/api/chat', good());
    await client.retry(draft.id);
    await server.ctx.review.queueIdle();
    const again = await client.draft(draft.id);
    expect(again).toMatchObject({ status: 'ready', error: null, profile: { name: 'Katrin Vogel' } });
  }

  it('Ollama down: three attempts, then failed with "ollama serve"; Retry works once it is back', async () => {
    await ollama.close();
    const id = await client.paste();
    await server.ctx.review.queueIdle();
    const failed = await client.draft(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'unreachable', retryable: true });
    expect(failed.error?.message).toMatch(/not reachable at .*ollama serve.*gave up after 3 attempts/);
    const retries = events.filter((e) => e.type === 'draft.updated' && e.draft.id === id && /retry \d of 2/.test(e.draft.progress?.message ?? ''));
    expect(retries).toHaveLength(2);
    await ollama.start(port);
    await expectRetryDrafts(failed);
  });

  it('slow beyond the idle timeout: each attempt times out, then failed with the silence named', async () => {
    const slow: Behaviour = { kind: 'delay', ms: TIMEOUT_MS * 3, then: good() };
    const { draft, calls } = await draftThrough(slow, slow, slow);
    expect(calls).toBe(3);
    expect(draft).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(draft.error?.message).toMatch(/sent nothing for 1 s .*gave up after 3 attempts/);
    await expectRetryDrafts(draft);
  });

  it('a stream that stalls mid-way times out like a silent one; the next attempt drafts', async () => {
    const stall: Behaviour = { kind: 'stream', chunks: chatChunks(MODEL, reply(), { pieceChars: 200 }), delayMs: TIMEOUT_MS * 3 };
    const { draft, calls } = await draftThrough(stall, stall, good());
    expect(calls).toBe(3);
    expect(draft).toMatchObject({ status: 'ready', error: null });
    const timedOut = events.filter(
      (e) => e.type === 'draft.updated' && e.draft.id === draft.id && /sent nothing for 1 s .*retry \d of 2/.test(e.draft.progress?.message ?? ''),
    );
    expect(timedOut).toHaveLength(2);
  });

  it('slow but never silent for the idle timeout: a stream with pauses drafts normally', async () => {
    const chunks = chatChunks(MODEL, reply(), { pieceChars: 60 });
    const pause = TIMEOUT_MS / 4;
    const { draft, calls } = await draftThrough({ kind: 'stream', chunks, delayMs: pause });
    // The whole stream takes longer than the timeout: only silence counts, not total time.
    expect((chunks.length - 1) * pause).toBeGreaterThan(TIMEOUT_MS);
    expect(calls).toBe(1);
    expect(draft.status).toBe('ready');
  });

  it('500 from Ollama every time: failed with Ollama\'s own message after three attempts', async () => {
    const { draft, calls } = await draftThrough(serverError, serverError, serverError);
    expect(calls).toBe(3);
    expect(draft).toMatchObject({ status: 'failed', error: { code: 'model_error' } });
    expect(draft.error?.message).toMatch(/^Ollama answered 500: llama runner process has terminated.*gave up after 3 attempts/);
    await expectRetryDrafts(draft);
  });

  it('recovers from transient faults: a 500, a dropped connection and a 503, then the retry succeeds', async () => {
    const busy: Behaviour = { kind: 'error', status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' };
    const { draft, calls } = await draftThrough(serverError, { kind: 'hangup' }, good());
    expect(calls).toBe(3);
    expect(draft).toMatchObject({ status: 'ready', error: null, profile: { name: 'Katrin Vogel' } });
    const second = await draftThrough(busy, good());
    expect(second.calls).toBe(2);
    expect(second.draft.status).toBe('ready');
  });

  it('a stream cut mid-way is retried; cut every time, it fails saying so', async () => {
    const cut: Behaviour = { kind: 'stream', chunks: chatChunks(MODEL, reply(), { pieceChars: 100 }), cutAfter: 3 };
    const once = await draftThrough(cut, good());
    expect(once.calls).toBe(2);
    expect(once.draft.status).toBe('ready');
    const always = await draftThrough(cut, cut, cut);
    expect(always.calls).toBe(3);
    expect(always.draft.error?.message).toMatch(/closed the connection before the reply was complete.*3 attempts/);
    await expectRetryDrafts(always.draft);
  });

  it('a response body that is not JSON (a proxy\'s error page) is retried, and never printed', async () => {
    const warn = vi.spyOn(console, 'warn');
    const garbage: Behaviour = { kind: 'invalid-json', body: '<html>502 Bad Gateway</html>' };
    const { draft, calls } = await draftThrough(garbage, garbage, garbage);
    expect(calls).toBe(3);
    expect(draft.error).toMatchObject({ code: 'invalid_output', message: expect.stringMatching(/sent a reply that is not JSON.*3 attempts/) });
    // The Ollama client prints lines it cannot parse; a streamed line is the model's reply (it quotes the notes).
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    await expectRetryDrafts(draft);
  });

  it('model output that is not JSON gets one repair turn, and is not retried beyond it', async () => {
    const prose = good('Sure! Here is the profile you asked for: Katrin Vogel, Head of Patient Access.');
    const { draft, calls } = await draftThrough(prose, prose);
    expect(calls).toBe(2);
    expect(draft.error).toMatchObject({ code: 'invalid_output', message: expect.stringMatching(/after one correction/) });
    await expectRetryDrafts(draft);
  });

  it('schema-violating JSON: repaired when the model fixes it, failed when it does not', async () => {
    const wrong = good(JSON.stringify({ name: 42, company: ['Klinikum'], activities: ['juggling'] }));
    const fixed = await draftThrough(wrong, good());
    expect(fixed.calls).toBe(2);
    expect(fixed.draft.status).toBe('ready');
    const stubborn = await draftThrough(wrong, wrong);
    expect(stubborn.calls).toBe(2);
    expect(stubborn.draft).toMatchObject({ status: 'failed', error: { code: 'invalid_output' } });
    await expectRetryDrafts(stubborn.draft);
  });

  it('a model that is not pulled is permanent: one call, the pull command, no retries', async () => {
    const { draft, calls } = await draftThrough({ kind: 'error', status: 404, error: modelNotFound(MODEL) });
    expect(calls).toBe(1);
    expect(draft.error).toMatchObject({ code: 'model_missing', message: 'Model llama3.2 is not pulled: run `ollama pull llama3.2`' });
    await expectRetryDrafts(draft);
  });

  it('a transient fault in the repair turn is retried too', async () => {
    const prose = good('not json at all');
    const { draft, calls } = await draftThrough(prose, serverError, good());
    expect(calls).toBe(3);
    expect(draft.status).toBe('ready');
  });

  it('kept every interview and served every draft request during all of it', async () => {
    const list = (await server.app.inject({ method: 'GET', url: '/api/drafts', headers: as.reviewer })).json();
    expect(list.items.length).toBeGreaterThan(10);
    expect(list.items.every((d: { status: string }) => d.status === 'ready')).toBe(true);
  });

});

describe('drafting queue under a burst (VOUCH_DRAFT_CONCURRENCY=2, a model the test holds back)', () => {
  const ollama = new OllamaStandIn();
  let server: TestServer;
  let as: Record<Role, { authorization: string }>;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    // Intent by rules: the chat calls counted here are the drafting queue's, not /match reading a prospect.
    const started = await faultServer(ollama, { VOUCH_DRAFT_CONCURRENCY: '2', VOUCH_LLM_TIMEOUT_MS: '120000', VOUCH_INTENT: 'rules' });
    ({ server, as } = started);
    ollama.setDefault('/api/chat', () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return { kind: 'wait', until: gate.then(() => (inFlight -= 1)), then: good() };
    });
  });
  afterAll(async () => {
    release();
    await server?.stop();
    await ollama.close();
  });

  it('keeps answering while 20 drafts wait, shows each its place in line, and finishes them all', async () => {
    const { app } = server;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/interviews', headers: as.manager, payload: { notes: `${NOTES}\n\nFollow-up ${i}` } });
      expect(r.statusCode).toBe(202);
      ids.push(r.json().draft.id);
    }
    // Two drafts are with the model (held back), eighteen wait; the rest of the server answers as usual.
    for (let i = 0; ollama.requestsTo('/api/chat').length < 2 && i < 500; i++) await new Promise((r) => setTimeout(r, 10));
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const match = await app.inject({ method: 'POST', url: '/api/match', headers: as.rep, payload: { query: 'hospital in Germany' } });
    expect(match.statusCode).toBe(200);
    const waiting = await Promise.all(ids.map(async (id) => (await app.inject({ method: 'GET', url: `/api/drafts/${id}`, headers: as.reviewer })).json()));
    expect(waiting.every((d) => d.status === 'drafting')).toBe(true);
    const positions = waiting.map((d) => d.progress?.message ?? '');
    expect(positions.slice(0, 2).every((m) => !m.startsWith('Queued'))).toBe(true);
    expect(positions.slice(2)).toEqual(Array.from({ length: 18 }, (_, i) => `Queued: number ${i + 1} in line`));
    expect(ollama.requestsTo('/api/chat')).toHaveLength(2);

    release();
    await server.ctx.review.queueIdle();
    const done = await Promise.all(ids.map(async (id) => (await app.inject({ method: 'GET', url: `/api/drafts/${id}`, headers: as.reviewer })).json()));
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'ready'));
    expect(ollama.requestsTo('/api/chat')).toHaveLength(20);
    expect(maxInFlight).toBe(2);
  });
});
