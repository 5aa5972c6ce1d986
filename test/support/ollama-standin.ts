import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted stand-in for the Ollama HTTP API (ollama/ollama docs/api.md), for tests that need real HTTP
 * without a real model. It has no model inside: every reply is scripted by the test.
 *
 *   const ollama = new OllamaStandIn();              // /api/tags lists llama3.2 and nomic-embed-text
 *   const host = await ollama.start();               // "http://127.0.0.1:<port>"
 *   ollama.script('/api/chat', { kind: 'stream', chunks: chatChunks('llama3.2', '{"name":"Ada"}') });
 *   ollama.script('/api/chat', { kind: 'error', status: 404, error: modelNotFound('llama3.2') });
 *   ollama.setDefault('/api/embed', (req) => ({ kind: 'json', body: embedResponse(...) }));
 *   ollama.script('/api/chat', { kind: 'hangup' }, { kind: 'wait', until: gate, then: … });   // faults
 *   await ollama.close(); await ollama.start(port);  // Ollama down, then back on the same port
 *   …
 *   ollama.requests;                                 // [{ method, path, body }] in arrival order
 *   await ollama.close();
 *
 * Each path has a queue: a request takes the next scripted behaviour, or the path's default when the
 * queue is empty. A path with neither answers 500 `{"error": "stand-in: nothing scripted for …"}`, so a
 * missing script fails loudly instead of looking like a real Ollama answer.
 */

export type Behaviour =
  /** A JSON body (status 200 unless given). */
  | { kind: 'json'; body: unknown; status?: number }
  /** NDJSON, one chunk per line, `delayMs` apart; with `cutAfter`, the socket is destroyed after that many. */
  | { kind: 'stream'; chunks: unknown[]; delayMs?: number; cutAfter?: number }
  /** An error status with Ollama's `{"error": "…"}` body. */
  | { kind: 'error'; status: number; error: string }
  /** A body that is not JSON although the content type says it is. */
  | { kind: 'invalid-json'; body?: string }
  /** Wait (e.g. past the client's timeout), then behave as `then`. */
  | { kind: 'delay'; ms: number; then: Behaviour }
  /** Hold the request until the test resolves `until` (a slow model the test controls), then behave as `then`. */
  | { kind: 'wait'; until: Promise<unknown>; then: Behaviour }
  /** Close the connection without answering (a crashed or restarting server, a reset by a proxy). */
  | { kind: 'hangup' };

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed JSON body; the raw text if it was not JSON; undefined when empty. `any` so tests can dig in. */
  body: any;
}

export type Script = Behaviour | ((request: RecordedRequest) => Behaviour);

export class OllamaStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, Script[]>();
  private readonly defaults = new Map<string, Script>();
  private server: Server | undefined;

  constructor(options: { models?: string[] } = {}) {
    const models = options.models ?? ['llama3.2:latest', 'nomic-embed-text:latest'];
    this.setDefault('/api/tags', { kind: 'json', body: tagsResponse(models) });
  }

  /** Queues behaviours for a route, answered in order. */
  script(path: string, ...scripts: Script[]): this {
    this.queues.set(path, [...(this.queues.get(path) ?? []), ...scripts]);
    return this;
  }

  /** What a route answers when its queue is empty. */
  setDefault(path: string, script: Script): this {
    this.defaults.set(path, script);
    return this;
  }

  /** Scripted behaviours not yet used on a path (a test that scripted more than it used is wrong). */
  pending(path: string): number {
    return this.queues.get(path)?.length ?? 0;
  }

  /** Requests received on one path. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Listens on `port` (default: a free one). After close(), start(port) again plays Ollama coming back. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A throwing script is a test bug: answer in Ollama's error shape so the test sees it.
        const body = JSON.stringify({ error: `stand-in: ${String(err)}` });
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const request: RecordedRequest = { method: req.method ?? 'GET', path, body: parseBody(await readBody(req)) };
    this.requests.push(request);
    const script = this.queues.get(path)?.shift() ?? this.defaults.get(path);
    const fallback: Behaviour = { kind: 'error', status: 500, error: `stand-in: nothing scripted for ${path}` };
    const behaviour = typeof script === 'function' ? script(request) : (script ?? fallback);
    await perform(behaviour, res);
  }
}

async function perform(behaviour: Behaviour, res: ServerResponse): Promise<void> {
  const json = { 'Content-Type': 'application/json; charset=utf-8' };
  switch (behaviour.kind) {
    case 'json':
      res.writeHead(behaviour.status ?? 200, json).end(JSON.stringify(behaviour.body));
      return;
    case 'error':
      res.writeHead(behaviour.status, json).end(JSON.stringify({ error: behaviour.error }));
      return;
    case 'invalid-json':
      res.writeHead(200, json).end(behaviour.body ?? '{"model":"llama3.2","message":{"role":"assist');
      return;
    case 'delay':
      if (await sleepUnlessClosed(behaviour.ms, res)) await perform(behaviour.then, res);
      return;
    case 'wait':
      await behaviour.until;
      if (!res.destroyed) await perform(behaviour.then, res);
      return;
    case 'hangup':
      res.socket?.destroy();
      return;
    case 'stream': {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      const count = behaviour.cutAfter ?? behaviour.chunks.length;
      for (const [i, chunk] of behaviour.chunks.slice(0, count).entries()) {
        if (i > 0 && behaviour.delayMs && !(await sleepUnlessClosed(behaviour.delayMs, res))) return;
        // Wait for each line to reach the socket, so a cut happens after exactly `cutAfter` lines.
        await new Promise<void>((resolve) => res.write(`${JSON.stringify(chunk)}\n`, () => resolve()));
      }
      if (behaviour.cutAfter !== undefined) res.socket?.destroy();
      else res.end();
    }
  }
}

/** Resolves false if the client hung up meanwhile (e.g. its timeout fired), so nothing more is written. */
function sleepUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---- Response bodies as documented in ollama/ollama docs/api.md ----

const CREATED_AT = '2024-12-06T00:46:58.265747Z';

/** Counters of the final chat message; defaults are the numbers from the documentation's example. */
export interface ChatStats {
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

/** A non-streamed /api/chat body. */
export function chatResponse(model: string, content: string, stats: ChatStats = {}) {
  return {
    model,
    created_at: CREATED_AT,
    message: { role: 'assistant', content },
    done: true,
    ...finalStats(stats, 12),
  };
}

/**
 * A streamed /api/chat reply: `content` in pieces of `pieceChars` characters (Ollama streams about one
 * token per chunk), then the final `done: true` chunk with empty content and the counters.
 */
export function chatChunks(model: string, content: string, options: { pieceChars?: number } & ChatStats = {}) {
  const { pieceChars = 8, ...stats } = options;
  const pieces = content.match(new RegExp(`[\\s\\S]{1,${pieceChars}}`, 'g')) ?? [];
  const chunk = (content: string) => ({ model, created_at: CREATED_AT, message: { role: 'assistant', content } });
  return [
    ...pieces.map((piece) => ({ ...chunk(piece), done: false })),
    { ...chunk(''), done: true, ...finalStats(stats, pieces.length) },
  ];
}

function finalStats(stats: ChatStats, evalCount: number): Required<ChatStats> {
  return {
    done_reason: 'stop',
    total_duration: 2254970291,
    load_duration: 574751416,
    prompt_eval_count: 34,
    prompt_eval_duration: 1502000000,
    eval_count: evalCount,
    eval_duration: 175000000,
    ...stats,
  };
}

/** An /api/embed body. */
export function embedResponse(model: string, embeddings: number[][]) {
  return { model, embeddings, total_duration: 14143917, load_duration: 1019500, prompt_eval_count: 8 };
}

/** An /api/tags body listing `names` (e.g. "llama3.2:latest"). */
export function tagsResponse(names: string[]) {
  return {
    models: names.map((name) => ({
      name,
      model: name,
      modified_at: '2024-12-07T09:32:18.757212583-08:00',
      size: 3825819519,
      digest: 'fe938a131f40e6f6d40083c9f0f430a515233eb2edaa6d72eb85c50d64f2300e',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}

/** Ollama's 404 text for a model that is not pulled (Go source: `model %q not found, try pulling it first`). */
export function modelNotFound(model: string): string {
  return `model "${model}" not found, try pulling it first`;
}
