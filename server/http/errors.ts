import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../domain/api/session.js';
import { DomainError } from '../domain/errors.js';
import { fieldsAt } from './schema-keys.js';

const STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unsupported: 503,
  unsupported_media_type: 415,
};

/** Fastify's own 4xx codes, as the API's error names. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
};

function readable(err: FastifyError, contentType: string | undefined): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request is too large (limit 1 MiB). Notes are limited to 200,000 characters.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return contentType
        ? `The API takes JSON: send Content-Type: application/json (this request sent ${contentType.slice(0, 80)}).`
        : 'The API takes JSON: this request has a body but no Content-Type; send Content-Type: application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send JSON.';
    default:
      return err.message;
  }
}

/** The field path in a validator's instance path: "/profile/quotes/2" → profile, quotes, 2. */
const segments = (instancePath: string) => instancePath.split('/').filter(Boolean);
/** "profile.quotes.2", as issues name fields. */
const dotted = (instancePath: string) => segments(instancePath).join('.');
/** A key as sent may be anything, a megabyte long: named, not echoed whole. */
const shown = (key: string) => (key.length > 80 ? `${key.slice(0, 80)}…` : key);

type Issue = { path: string; message: string; /** The message names the field itself. */ named?: boolean };
type Validation = { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> };

/**
 * A request schema's issues as the API's: one per field. Bodies and query strings are strict, so a key the
 * route does not take (a typo, a field of another endpoint) is refused, one issue per key, naming it and
 * what the route takes instead of answering 200 having set nothing.
 */
function issuesOf(validation: Validation[], schema: unknown, inQuery: boolean): Issue[] {
  return validation.flatMap((v): Issue[] => {
    if (v.keyword !== 'unrecognized_keys' || !Array.isArray(v.params.keys)) return [{ path: dotted(v.instancePath), message: v.message ?? 'Invalid value' }];
    const at = segments(v.instancePath);
    const known = fieldsAt(schema, at);
    const owner = at.length ? at.join('.') : inQuery ? 'the query' : 'this request';
    const takes = known.length ? `: ${owner} takes ${known.join(', ')}` : '';
    return v.params.keys.map((key) => {
      const path = [...at, shown(String(key))].join('.');
      return { path, message: `Unknown ${inQuery ? 'query parameter' : 'field'} '${path}'${takes}`, named: true };
    });
  });
}

/**
 * What a 500 can honestly say about the caller's change, with the request id to find it in the log. A read
 * changed nothing. When only the answer failed (its serialization) the handler had finished: the request
 * went through. Any other failure may have come before a change's transaction committed (then nothing of it
 * was saved: each change is one transaction) or after, in a read for the answer or an announcement to
 * other pages: so the message says how to find out, and does not promise that nothing was saved.
 */
function internalMessage(method: string, code: string | undefined, requestId: string): string {
  const ours = `Something went wrong on our side (request ${requestId})`;
  if (method === 'GET' || method === 'HEAD') return `${ours}. Nothing was changed: try again.`;
  if (code === 'FST_ERR_RESPONSE_SERIALIZATION') return `${ours} after your request went through: reload to see the result.`;
  return `${ours}. If you were saving something, it was saved whole or not at all: reload to see which before you try again.`;
}

/**
 * One error handler: validation → 400 with field-level issues; domain errors → their status with the
 * message written for people; Fastify's own 4xx (bad JSON, body too large, wrong content type) keep their
 * status; anything else is a logged 500 carrying only the request id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[where];
      const issues = issuesOf(err.validation as Validation[], schema, where === 'querystring');
      // An unknown field leads the message: a misspelt key is usually why the right one is missing.
      const first = issues.find((i) => i.named) ?? issues[0];
      const body: ApiError = {
        error: 'invalid_request',
        message: first ? `${first.path && !first.named ? `${first.path}: ` : ''}${first.message}` : 'The request is not valid',
        issues: issues.map(({ path, message }) => ({ path, message })),
      };
      return reply.status(400).send(body);
    }
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      const body: ApiError = { error: err.kind, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
      return reply.status(STATUS[err.kind]).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const body: ApiError = { error: FASTIFY_CODES[err.code] ?? err.code ?? 'bad_request', message: readable(err, request.headers['content-type']) };
      return reply.status(status).send(body);
    }
    request.log.error({ err }, 'unhandled error');
    const body: ApiError = { error: 'internal', message: internalMessage(request.method, err.code, String(request.id)) };
    return reply.status(500).send(body);
  });
}
