import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../domain/api/session.js';
import { DomainError } from '../domain/errors.js';

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

/** "profile.quotes.2" from a zod path. */
const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * One error handler: validation → 400 with field-level issues; domain errors → their status with the
 * message written for people; Fastify's own 4xx (bad JSON, body too large, wrong content type) keep their
 * status; anything else is a logged 500 carrying only the request id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: dotted((v.params as { issue?: { path?: PropertyKey[] } }).issue?.path ?? [v.instancePath.replace(/^\//, '')]),
        message: v.message ?? 'Invalid value',
      }));
      const first = issues[0];
      const body: ApiError = {
        error: 'invalid_request',
        message: first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'The request is not valid',
        issues,
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
    const body: ApiError = {
      error: 'internal',
      message: `Something went wrong on our side. Nothing you sent was lost; try again. (request ${request.id})`,
    };
    return reply.status(500).send(body);
  });
}
