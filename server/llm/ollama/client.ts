import { Ollama } from 'ollama';
import type { DraftError } from '../../domain/draft.js';
import { toFailure } from './errors.js';

export interface OllamaConnection {
  host: string;
  /**
   * The longest Ollama may stay silent: until its reply (or first streamed chunk) arrives, and between
   * streamed chunks. An idle limit rather than a total one, so a slow CPU-only model that keeps producing
   * tokens is not cut off while a stalled one is.
   */
  timeoutMs: number;
}

/** `transient`: the failure may pass (Ollama busy, restarting, a dropped connection): see retry.ts. */
export type OllamaResult<T> = { ok: true; value: T } | { ok: false; error: DraftError; transient?: boolean };

/** One request's view of Ollama. */
export interface OllamaRequest {
  client: Ollama;
  /** Push the idle deadline back; call it for every streamed chunk. */
  touch(): void;
}

/**
 * Runs one request through the official client and turns every failure into a DraftError value.
 *
 * The client takes no per-call AbortSignal (its non-streamed calls cannot be aborted at all), so each
 * request gets a fresh `Ollama` whose `fetch` carries this request's deadline and the caller's signal.
 * The instance is a few fields; it holds no connection of its own.
 */
export async function withOllama<T>(
  conn: OllamaConnection & { model: string },
  run: (request: OllamaRequest) => Promise<T>,
  signal?: AbortSignal,
): Promise<OllamaResult<T>> {
  const deadline = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new DOMException('Ollama stayed silent too long', 'TimeoutError'));
    }, conn.timeoutMs);
  };
  const abort = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const client = new Ollama({
    host: conn.host,
    fetch: (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, abort]) : abort }),
  });

  touch();
  try {
    if (signal?.aborted) throw signal.reason;
    return { ok: true, value: await run({ client, touch }) };
  } catch (err) {
    return { ok: false, ...toFailure(err, { ...conn, timedOut, cancelled: !timedOut && (signal?.aborted ?? false) }) };
  } finally {
    clearTimeout(timer);
    // Releases the socket if `run` returned before reading a body to the end.
    deadline.abort();
  }
}
