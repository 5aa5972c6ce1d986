import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../domain/api/drafts.js';
import { ApiError, ChangePasswordBody, ChangePasswordResponse, SetPasswordBody, SetPasswordResponse } from '../../domain/api/session.js';
import { requirePermission, requireSignedIn, requireUser } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError };

export const passwordRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { passwords } = ctx.auth;

  // POST /api/users/:id/password — an admin sets a new password for someone (ends their sessions, clears their lockout)
  app.post(
    '/api/users/:id/password',
    {
      schema: { tags: ['users'], params: IdParams, body: SetPasswordBody, response: { 200: SetPasswordResponse, ...errors } },
      onRequest: requirePermission('users:manage'),
    },
    async (req) => passwords.setFor(req.params.id, req.body.password, requireUser(req)),
  );

  // POST /api/me/password — change your own password (the current one is required; your other sessions end)
  app.post(
    '/api/me/password',
    { schema: { tags: ['session'], body: ChangePasswordBody, response: { 200: ChangePasswordResponse, ...errors } }, onRequest: requireSignedIn },
    async (req) =>
      passwords.changeOwn(requireUser(req), req.body.currentPassword, req.body.newPassword, req.auth?.kind === 'session' ? req.auth.sessionId : null),
  );
};
