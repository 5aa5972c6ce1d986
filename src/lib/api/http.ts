import type { z } from 'zod';
import { ApiError, errorFromResponse, networkError } from './errors';

type Method = 'GET' | 'POST' | 'DELETE';

export type RequestOptions<S extends z.ZodType> = {
  method?: Method;
  body?: unknown;
  /** The shared zod schema of the response; it is parsed, so a contract drift shows up as a clear error. */
  schema: S;
  signal?: AbortSignal;
};

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Set from GET /api/me; sent as x-csrf-token on every cookie-authenticated write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in call answers 401 (the session expired or was revoked elsewhere). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Paths where a 401 is an expected answer, not an expired session. */
const SESSION_PATHS = ['/api/me', '/api/session', '/api/setup'];

export async function request<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.output<S>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }

  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (res.status === 401 && !SESSION_PATHS.includes(path)) unauthorizedHandler?.();
    throw error;
  }

  let json: unknown = undefined;
  if (res.status !== 204) {
    const text = await res.text();
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new ApiError(res.status, 'bad_response', 'The server answered with something that is not JSON.');
      }
    }
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues, json);
    throw new ApiError(
      res.status,
      'unexpected_response',
      'The server sent a response this page does not understand. Reload the page; if it persists, the UI and server versions may differ.',
    );
  }
  return parsed.data;
}
