import { Ollama } from 'ollama';
import type { DraftError } from '../../domain/draft.js';
import { OllamaNotJsonError, toFailure } from './errors.js';

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
    fetch: async (input, init) => {
      const res = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, abort]) : abort });
      return res.ok && res.body && isStreamed(init) ? guarded(res) : res;
    },
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

function isStreamed(init: RequestInit | undefined): boolean {
  if (typeof init?.body !== 'string') return false;
  try {
    return (JSON.parse(init.body) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/**
 * A streamed reply whose lines are checked before the client reads them. The client skips a line that is
 * not JSON and prints it with console.warn; a streamed line is the model's reply, which quotes the notes, so
 * that would put personal data in the log (a proxy's error page, or a stream closed mid-line). Here such a
 * line ends the stream with OllamaNotJsonError instead, and nothing is printed.
 */
function guarded(res: Response): Response {
  const decoder = new TextDecoder();
  let pending = '';
  const check = (line: string, controller: TransformStreamDefaultController<Uint8Array>) => {
    if (line.trim() === '') return true;
    try {
      JSON.parse(line);
      return true;
    } catch {
      controller.error(new OllamaNotJsonError());
      return false;
    }
  };
  const body = res.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
        pending = lines.pop() ?? '';
        if (lines.every((line) => check(line, controller))) controller.enqueue(chunk);
      },
      flush(controller) {
        check(pending + decoder.decode(), controller);
      },
    }),
  );
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
