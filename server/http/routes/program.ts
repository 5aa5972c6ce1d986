import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../domain/api/drafts.js';
import {
  AcceptNominationBody,
  CoverageReport,
  CreateNominationBody,
  DeclineNominationBody,
  DuplicateNominationBody,
  NominationList,
  NominationListQuery,
  NominationResponse,
  ReportCsvQuery,
  ReportQuery,
  StaleList,
  StaleQuery,
  TargetBody,
  TargetResponse,
  UpdateTargetBody,
  ValueReport,
  VerifyAdvocateBody,
  VerifyResponse,
} from '../../domain/api/program.js';
import { ApiError } from '../../domain/api/session.js';
import { requirePermission, requireUser } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/**
 * The program around the advocates: nominations (/nominate for everyone, triage on /program), profiles
 * verified with the customer, targets and coverage, the value report. Thin handlers over server/program.
 */
export const programRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { nominations, freshness, portfolio, value } = ctx.program;
  const tags = ['program'];
  const manage = requirePermission('program:manage');

  // POST /api/nominations
  app.post(
    '/api/nominations',
    { schema: { tags, body: CreateNominationBody, response: { 201: NominationResponse, ...errors } }, onRequest: requirePermission('nominations:create') },
    async (req, reply) => reply.status(201).send(await nominations.create(req.body, requireUser(req))),
  );

  // GET /api/nominations?scope=mine|all&status=
  app.get(
    '/api/nominations',
    { schema: { tags, querystring: NominationListQuery, response: { 200: NominationList, ...errors } }, onRequest: requirePermission('nominations:create') },
    async (req) => nominations.list(req.query, requireUser(req)),
  );

  // GET /api/nominations/:id
  app.get(
    '/api/nominations/:id',
    { schema: { tags, params: IdParams, response: { 200: NominationResponse, ...errors } }, onRequest: requirePermission('nominations:create') },
    async (req) => nominations.get(req.params.id, requireUser(req)),
  );

  // POST /api/nominations/:id/accept
  app.post(
    '/api/nominations/:id/accept',
    { schema: { tags, params: IdParams, body: AcceptNominationBody.optional(), response: { 200: NominationResponse, ...errors } }, onRequest: manage },
    async (req) => nominations.accept(req.params.id, req.body?.note, requireUser(req)),
  );

  // POST /api/nominations/:id/decline
  app.post(
    '/api/nominations/:id/decline',
    { schema: { tags, params: IdParams, body: DeclineNominationBody, response: { 200: NominationResponse, ...errors } }, onRequest: manage },
    async (req) => nominations.decline(req.params.id, req.body.reason, requireUser(req)),
  );

  // POST /api/nominations/:id/duplicate
  app.post(
    '/api/nominations/:id/duplicate',
    { schema: { tags, params: IdParams, body: DuplicateNominationBody, response: { 200: NominationResponse, ...errors } }, onRequest: manage },
    async (req) => nominations.markDuplicate(req.params.id, req.body, requireUser(req)),
  );

  // POST /api/advocates/:id/verify
  app.post(
    '/api/advocates/:id/verify',
    { schema: { tags, params: IdParams, body: VerifyAdvocateBody, response: { 200: VerifyResponse, ...errors } }, onRequest: manage },
    async (req) => freshness.verify(req.params.id, req.body.note, requireUser(req)),
  );

  // GET /api/program/stale?limit=
  app.get(
    '/api/program/stale',
    { schema: { tags, querystring: StaleQuery, response: { 200: StaleList, ...errors } }, onRequest: manage },
    async (req) => freshness.stale(req.query.limit),
  );

  // GET /api/program/coverage
  app.get('/api/program/coverage', { schema: { tags, response: { 200: CoverageReport, ...errors } }, onRequest: manage }, async () => portfolio.coverage());

  // POST /api/program/targets
  app.post(
    '/api/program/targets',
    { schema: { tags, body: TargetBody, response: { 201: TargetResponse, ...errors } }, onRequest: manage },
    async (req, reply) => reply.status(201).send(await portfolio.createTarget(req.body, requireUser(req))),
  );

  // POST /api/program/targets/:id
  app.post(
    '/api/program/targets/:id',
    { schema: { tags, params: IdParams, body: UpdateTargetBody, response: { 200: TargetResponse, ...errors } }, onRequest: manage },
    async (req) => portfolio.updateTarget(req.params.id, req.body.wanted, requireUser(req)),
  );

  // DELETE /api/program/targets/:id
  app.delete(
    '/api/program/targets/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } }, onRequest: manage },
    async (req, reply) => {
      await portfolio.deleteTarget(req.params.id, requireUser(req));
      return reply.status(204).send(null);
    },
  );

  // GET /api/program/report?from&to
  app.get(
    '/api/program/report',
    { schema: { tags, querystring: ReportQuery, response: { 200: ValueReport, ...errors } }, onRequest: manage },
    async (req) => value.report(req.query),
  );

  // GET /api/program/report.csv?from&to&table=engagements|quarters|advocates
  app.get(
    '/api/program/report.csv',
    {
      schema: { tags, querystring: ReportCsvQuery, produces: ['text/csv'], response: { 200: z.string().describe('CSV, one header row'), ...errors } },
      onRequest: manage,
    },
    async (req, reply) => {
      const { filename, body } = await value.csv(req.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).serializer((s: string) => s).send(body);
    },
  );
};
