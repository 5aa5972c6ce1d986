import { ApiError as ApiErrorBody } from '$domain/api/session';

export type FieldIssue = { path: string; message: string };

/**
 * The one error shape the UI deals with. Every failed call becomes an ApiError whose `message` can be shown
 * to a person as is; `issues` carry field-level problems (400) so forms can put them next to their fields.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** The message for one field, matching "email", "body.email", "profile.name", "profile.quotes.2"… */
  issueFor(field: string): string | undefined {
    return issueFor(this.issues, field);
  }
}

export function issueFor(issues: FieldIssue[], field: string): string | undefined {
  const norm = (p: string) => p.replace(/^body[./]/, '').replace(/\//g, '.');
  return issues.find((i) => {
    const p = norm(i.path);
    return p === field || p.startsWith(field + '.') || p.endsWith('.' + field);
  })?.message;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Some of what you entered is not valid. Check the highlighted fields.',
  401: 'You are signed out. Sign in again to continue.',
  403: 'Your role does not allow this.',
  404: 'This item no longer exists, or the link is wrong.',
  409: 'This item changed in the meantime. Reload the page to see its current state.',
  413: 'That is too large to send. Shorten it and try again.',
  429: 'Too many attempts. Wait a moment and try again.',
};

/** Turn any non-2xx response into an ApiError, whatever its body (JSON error, HTML from a proxy, nothing). */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = undefined;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to a message by status
  }
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) {
    return new ApiError(res.status, parsed.data.error, parsed.data.message, parsed.data.issues ?? []);
  }
  const message =
    STATUS_MESSAGES[res.status] ??
    (res.status >= 500
      ? `The Vouch server had a problem (HTTP ${res.status}). Try again; if it keeps happening, check the server log.`
      : `The request failed (HTTP ${res.status}).`);
  return new ApiError(res.status, 'http_' + res.status, message);
}

export function networkError(): ApiError {
  return new ApiError(
    0,
    'network',
    'Could not reach the Vouch server. Check that it is running and that you are online, then try again.',
  );
}

/** A message for anything caught in a handler: ApiError messages as is, anything else generic (no internals). */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  console.error(err);
  return 'Something went wrong in this page. Reload it and try again.';
}
