import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../domain/errors.js';
import { can, type Permission, type User } from '../domain/user.js';
import type { Stores } from '../store/index.js';

export const SESSION_COOKIE = 'vouch_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** How the caller authenticated: cookie sessions need a CSRF token on writes, bearer tokens do not. */
    auth: { kind: 'session'; sessionId: string; csrfToken: string; expiresAt: string } | { kind: 'token' } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes that happen before a session exists. */
const CSRF_EXEMPT = new Set(['POST /api/session', 'POST /api/setup']);

/** Resolves the caller from the session cookie or an `Authorization: Bearer` API token. */
export const authPlugin = fp(
  async (app, opts: { stores: Stores }) => {
    const { sessions, tokens, users } = opts.stores;
    app.decorateRequest('user', null);
    app.decorateRequest('auth', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        const userId = await tokens.use(header.slice(7).trim());
        const user = userId ? await users.get(userId) : undefined;
        if (!user) throw unauthenticated('The API token is not valid or was revoked.');
        request.user = user;
        request.auth = { kind: 'token' };
        return;
      }
      const sessionId = request.cookies[SESSION_COOKIE];
      if (!sessionId) return;
      const session = await sessions.find(sessionId);
      const user = session && (await users.get(session.userId));
      if (!session || !user) return;
      request.user = user;
      request.auth = { kind: 'session', sessionId, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    });
    app.addHook('preHandler', async (request) => {
      if (request.auth?.kind !== 'session' || SAFE_METHODS.has(request.method)) return;
      const route = `${request.method} ${request.routeOptions.url ?? ''}`;
      if (CSRF_EXEMPT.has(route)) return;
      if (request.headers['x-csrf-token'] !== request.auth.csrfToken) {
        throw forbidden('Missing or wrong CSRF token: reload the page and try again.');
      }
    });
  },
  { name: 'vouch-auth', dependencies: ['@fastify/cookie'] },
);

/**
 * Route-level onRequest hook: the caller must be signed in and their role must hold the permission. It runs
 * right after the caller is resolved, before the body is parsed or validated, so a role that may not use a
 * route learns nothing from it (not even which bodies it would accept).
 */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.user) throw unauthenticated();
    if (!can(request.user.role, permission)) throw forbidden();
  };
}

/** Route-level onRequest hook for routes every signed-in person may use: anonymous callers stop here (401), before the body is read. */
export async function requireSignedIn(request: FastifyRequest): Promise<void> {
  if (!request.user) throw unauthenticated();
}

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw unauthenticated();
  return request.user;
}
