import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiError,
  CreateTokenBody,
  CreateTokenResponse,
  CreateUserBody,
  LoginBody,
  MeResponse,
  SetupBody,
  SetupStatus,
  TokenList,
  UserList,
} from '../../domain/api/session.js';
import { IdParams } from '../../domain/api/drafts.js';
import { notFound } from '../../domain/errors.js';
import { User } from '../../domain/user.js';
import { requirePermission, requireUser, SESSION_COOKIE } from '../auth.js';
import type { AppContext } from '../context.js';
import { signInLimit } from '../sign-in-limit.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 429: ApiError };

export const sessionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { auth, stores } = ctx;
  // Before the body is read: a client over its limit costs no parsing and no hash.
  const limited = signInLimit(ctx.config.signInPerMinute);
  const setCookie = (reply: FastifyReply, sessionId: string) =>
    reply.setCookie(SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      path: '/',
      maxAge: 14 * 86_400,
    });

  // GET /api/setup
  app.get('/api/setup', { schema: { tags: ['session'], response: { 200: SetupStatus } } }, async () => ({
    needsSetup: await auth.needsSetup(),
  }));

  // POST /api/setup
  app.post('/api/setup', { schema: { tags: ['session'], body: SetupBody, response: { 201: MeResponse, ...errors } }, onRequest: limited }, async (req, reply) => {
    const { user, sessionId, csrfToken } = await auth.setup(req.body, req.cookies[SESSION_COOKIE]);
    setCookie(reply, sessionId);
    return reply.status(201).send({ user, csrfToken });
  });

  // POST /api/session
  app.post('/api/session', { schema: { tags: ['session'], body: LoginBody, response: { 200: MeResponse, ...errors } }, onRequest: limited }, async (req, reply) => {
    const { user, sessionId, csrfToken } = await auth.login(req.body.email, req.body.password, req.cookies[SESSION_COOKIE]);
    setCookie(reply, sessionId);
    return { user, csrfToken };
  });

  // DELETE /api/session
  app.delete('/api/session', { schema: { tags: ['session'], response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    if (req.auth?.kind === 'session') await auth.logout(req.auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  // GET /api/me
  app.get('/api/me', { schema: { tags: ['session'], response: { 200: MeResponse, 401: ApiError } } }, async (req) => {
    const user = requireUser(req);
    return { user, csrfToken: req.auth?.kind === 'session' ? req.auth.csrfToken : '' };
  });

  // POST /api/tokens
  app.post(
    '/api/tokens',
    { schema: { tags: ['session'], body: CreateTokenBody, response: { 201: CreateTokenResponse, ...errors } }, onRequest: requirePermission('tokens:create') },
    async (req, reply) => {
      const user = requireUser(req);
      return reply.status(201).send(await stores.tokens.create(user.id, req.body.name));
    },
  );

  // GET /api/tokens
  app.get('/api/tokens', { schema: { tags: ['session'], response: { 200: TokenList, ...errors } }, onRequest: requirePermission('tokens:create') }, async (req) => ({
    items: await stores.tokens.list(requireUser(req).id),
  }));

  // DELETE /api/tokens/:id — revoke one of your own tokens
  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags: ['session'], params: IdParams, response: { 204: z.null(), 404: ApiError, ...errors } },
      onRequest: requirePermission('tokens:create'),
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!(await stores.tokens.revoke(user.id, req.params.id))) throw notFound('Active token');
      await stores.audit.record({ actorId: user.id, action: 'token.revoked', subjectType: 'api_token', subjectId: req.params.id });
      return reply.status(204).send(null);
    },
  );

  // GET /api/users
  app.get('/api/users', { schema: { tags: ['users'], response: { 200: UserList, ...errors } }, onRequest: requirePermission('users:manage') }, async () => ({
    items: await stores.users.list(),
  }));

  // POST /api/users
  app.post(
    '/api/users',
    { schema: { tags: ['users'], body: CreateUserBody, response: { 201: User, ...errors } }, onRequest: requirePermission('users:manage') },
    async (req, reply) => reply.status(201).send(await auth.createUser(req.body, requireUser(req))),
  );
};
