import type { DraftError } from '../../domain/draft.js';

/** What the caller knew when the request failed: the ollama client's own errors don't say. */
export interface FailureContext {
  host: string;
  model: string;
  timeoutMs: number;
  /** Our deadline fired (as opposed to the caller's signal). */
  timedOut: boolean;
  cancelled: boolean;
}

/** A failure and whether waiting and trying again could help (see retry.ts). */
export interface Failure {
  error: DraftError;
  transient: boolean;
}

/**
 * Maps whatever the ollama client or fetch threw to a DraftError with a message a manager can act on, and
 * says whether it is transient. Messages never include request content (interview notes), only Ollama's
 * own error text.
 */
export function toFailure(err: unknown, ctx: FailureContext): Failure {
  if (ctx.timedOut) {
    const silence = seconds(ctx.timeoutMs);
    return fail('timeout', `Ollama at ${ctx.host} sent nothing for ${silence} (model ${ctx.model})`, true, true);
  }
  if (ctx.cancelled) return fail('internal', 'The request to Ollama was cancelled', true, false);

  const status = responseStatus(err);
  if (status !== undefined) {
    const detail = errorText(err);
    // Only Ollama's model message: a bare "404 page not found" means an Ollama too old for the endpoint.
    if (status === 404 && /model\b.*not found/i.test(detail)) {
      return fail('model_missing', `Model ${ctx.model} is not pulled: run \`ollama pull ${ctx.model}\``, true, false);
    }
    // 5xx is Ollama failing (out of memory, runner crashed, model loading) and 429/503 is Ollama busy
    // (OLLAMA_MAX_QUEUE): worth waiting for. Other 4xx are our request: the same request fails again.
    const busy = status >= 500 || status === 429;
    return fail('model_error', `Ollama answered ${status}: ${detail}`, busy, busy);
  }
  if (err instanceof SyntaxError || err instanceof OllamaNotJsonError) {
    return fail('invalid_output', `Ollama at ${ctx.host} sent a reply that is not JSON`, true, true);
  }
  if (err instanceof TypeError && err.message === 'fetch failed') {
    // undici's wording for "no HTTP response at all": refused, DNS failure, reset before the headers.
    return fail('unreachable', `Ollama is not reachable at ${ctx.host}: start it with \`ollama serve\``, true, true);
  }
  if (isStreamCut(err)) {
    return fail('model_error', 'Ollama closed the connection before the reply was complete', true, true);
  }
  if (err instanceof OllamaStreamError) return fail('model_error', `Ollama failed: ${err.message}`, true, true);
  const kind = err instanceof Error ? err.name : typeof err;
  return fail('internal', `Unexpected failure talking to Ollama (${kind})`, true, false);
}

/**
 * Ollama reports a failure after the stream started as a `{"error": "..."}` line; the client rethrows it
 * as a plain Error. The chat reader wraps those in this class so they are not confused with our own bugs.
 */
export class OllamaStreamError extends Error {
  override name = 'OllamaStreamError';
}

/** A streamed line that is not JSON (see client.ts#guarded); carries no content, so it can be logged. */
export class OllamaNotJsonError extends Error {
  override name = 'OllamaNotJsonError';
  constructor() {
    super('Ollama sent a line that is not JSON');
  }
}

function fail(code: DraftError['code'], message: string, retryable: boolean, transient: boolean): Failure {
  return { error: { code, message, retryable }, transient };
}

/** The client's ResponseError (not exported by the package) carries `status_code` and `error`. */
function responseStatus(err: unknown): number | undefined {
  if (err instanceof Error && err.name === 'ResponseError') {
    const status = (err as Error & { status_code?: unknown }).status_code;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

function errorText(err: unknown): string {
  const text = (err as { error?: unknown }).error;
  return typeof text === 'string' && text.trim() ? text.trim() : 'no error message';
}

export function isStreamCut(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // undici: 'terminated' when the socket closes mid-body; the client: no final `done` chunk arrived.
  return err.message === 'terminated' || err.message.startsWith('Did not receive done');
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
