import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../domain/api/drafts.js';
import {
  ApproveRequestBody,
  CompleteRequestBody,
  CreateRequestBody,
  DeclineRequestBody,
  RequestList,
  RequestListQuery,
  RequestResponse,
  ScheduleRequestBody,
} from '../../domain/api/requests.js';
import { ApiError } from '../../domain/api/session.js';
import { requirePermission, requireUser } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/**
 * The request workflow. Who may approve, schedule or see contact details depends on the person (requester,
 * account owner) as well as the role, so the service decides those; the role check here only keeps out
 * roles that take no part (reviewers).
 */
export const requestRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { requests } = ctx.program;
  const tags = ['requests'];

  // POST /api/requests
  app.post(
    '/api/requests',
    { schema: { tags, body: CreateRequestBody, response: { 201: RequestResponse, ...errors } }, onRequest: requirePermission('requests:create') },
    async (req, reply) => reply.status(201).send(await requests.create(req.body, requireUser(req))),
  );

  // GET /api/requests?status=&advocateId=&limit=&cursor= — newest first, with counts per status
  app.get(
    '/api/requests',
    { schema: { tags, querystring: RequestListQuery, response: { 200: RequestList, ...errors } }, onRequest: requirePermission('requests:read') },
    async (req) => requests.list(req.query, requireUser(req)),
  );

  // GET /api/requests/:id
  app.get(
    '/api/requests/:id',
    { schema: { tags, params: IdParams, response: { 200: RequestResponse, ...errors } }, onRequest: requirePermission('requests:read') },
    async (req) => requests.get(req.params.id, requireUser(req)),
  );

  // POST /api/requests/:id/approve
  app.post(
    '/api/requests/:id/approve',
    {
      schema: { tags, params: IdParams, body: ApproveRequestBody.optional(), response: { 200: RequestResponse, ...errors } },
      onRequest: requirePermission('requests:read'),
    },
    async (req) => requests.approve(req.params.id, req.body ?? {}, requireUser(req)),
  );

  // POST /api/requests/:id/decline
  app.post(
    '/api/requests/:id/decline',
    { schema: { tags, params: IdParams, body: DeclineRequestBody, response: { 200: RequestResponse, ...errors } }, onRequest: requirePermission('requests:read') },
    async (req) => requests.decline(req.params.id, req.body.reason, requireUser(req)),
  );

  // POST /api/requests/:id/schedule
  app.post(
    '/api/requests/:id/schedule',
    { schema: { tags, params: IdParams, body: ScheduleRequestBody, response: { 200: RequestResponse, ...errors } }, onRequest: requirePermission('requests:read') },
    async (req) => requests.schedule(req.params.id, req.body.scheduledFor, requireUser(req)),
  );

  // POST /api/requests/:id/complete
  app.post(
    '/api/requests/:id/complete',
    { schema: { tags, params: IdParams, body: CompleteRequestBody, response: { 200: RequestResponse, ...errors } }, onRequest: requirePermission('requests:read') },
    async (req) => requests.complete(req.params.id, req.body, requireUser(req)),
  );
};
