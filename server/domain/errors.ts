/**
 * Errors the domain and services raise; server/http maps each kind to one status code. Messages are
 * written for the person who will read them in the UI.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: | 'invalid'
      | 'unprocessable'
      | 'not_found'
      | 'conflict'
      | 'forbidden'
      | 'too_large'
      | 'unauthenticated'
      | 'rate_limited'
      | 'unsupported'
      | 'unsupported_media_type',
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** For `rate_limited`: seconds after which trying again may work (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalid = (message: string, issues?: { path: string; message: string }[]) =>
  new DomainError('invalid', message, issues);
/** Well-formed, but a product rule refuses it as it stands (e.g. an unverified quote without override). */
export const unprocessable = (message: string, issues?: { path: string; message: string }[]) =>
  new DomainError('unprocessable', message, issues);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);
export const conflict = (message: string) => new DomainError('conflict', message);
export const forbidden = (message = 'Your role does not allow this') => new DomainError('forbidden', message);
export const tooLarge = (message: string) => new DomainError('too_large', message);
export const rateLimited = (message: string, retryAfterSeconds?: number) =>
  new DomainError('rate_limited', message, undefined, retryAfterSeconds);
export const unauthenticated = (message = 'Sign in first') => new DomainError('unauthenticated', message);
/** A body in a format the API does not take (it takes JSON in UTF-8). */
export const unsupportedMedia = (message: string) => new DomainError('unsupported_media_type', message);
