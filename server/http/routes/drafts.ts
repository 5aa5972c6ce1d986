import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveBody,
  ApproveResponse,
  CreateInterviewBody,
  CreateInterviewResponse,
  DraftDetail,
  DraftList,
  DraftListQuery,
  draftsOldestFirst,
  IdParams,
  QUEUE_STATUSES,
  RejectBody,
  type DraftSummary,
} from '../../domain/api/drafts.js';
import { EraseDraftBody, ErasureResult } from '../../domain/api/erasure.js';
import { ApiError } from '../../domain/api/session.js';
import { DraftStatus, type Draft } from '../../domain/draft.js';
import { notFound, tooLarge } from '../../domain/errors.js';
import { MAX_NOTES_CHARS } from '../../domain/interview.js';
import { decodeCursor, toPage } from '../../domain/paging.js';
import { queuedProgress } from '../../review/drafting.js';
import { requirePermission, requireUser } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** A queue row: enough to triage without loading the notes. */
const summary = (d: Draft): DraftSummary => ({
  id: d.id,
  interviewId: d.interviewId,
  status: d.status,
  provider: d.provider,
  model: d.model,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  createdBy: d.createdBy,
  name: d.profile?.name ?? '',
  company: d.profile?.company ?? '',
  failingChecks: d.checks.filter((c) => c.status === 'fail').length,
  errorMessage: d.error?.message ?? null,
});

export const draftRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { review, stores, erasure } = ctx;

  // POST /api/interviews
  app.post(
    '/api/interviews',
    {
      schema: { tags: ['drafts'], body: CreateInterviewBody, response: { 202: CreateInterviewResponse, 413: ApiError, ...errors } },
      onRequest: requirePermission('interviews:create'),
      // Over-long notes are a 413 (a size limit), not a 400: checked before the schema runs.
      preValidation: async (req) => {
        const notes = (req.body as { notes?: unknown } | undefined)?.notes;
        if (typeof notes === 'string' && notes.length > MAX_NOTES_CHARS) {
          throw tooLarge(
            `The notes are ${notes.length.toLocaleString('en')} characters; the limit is ${MAX_NOTES_CHARS.toLocaleString('en')}. Split the interview into parts.`,
          );
        }
      },
    },
    async (req, reply) => reply.status(202).send(await review.submitInterview(req.body, requireUser(req))),
  );

  // GET /api/drafts?status=&limit=&cursor= — the review queue (ready, drafting, failed) oldest first unless a
  // status is asked for; lists with approved or rejected drafts are newest first. Counts per status come
  // from one GROUP BY, not from the rows.
  app.get(
    '/api/drafts',
    { schema: { tags: ['drafts'], querystring: DraftListQuery, response: { 200: DraftList, ...errors } }, onRequest: requirePermission('drafts:read') },
    async (req) => {
      const statuses = req.query.status ?? [...QUEUE_STATUSES];
      const order = draftsOldestFirst(statuses) ? 'asc' : 'desc';
      const list = `drafts:${order}`;
      const page = await stores.drafts.page(statuses, order, { limit: req.query.limit, cursor: decodeCursor(list, req.query.cursor) });
      return { ...toPage(list, page, summary), counts: await stores.drafts.counts() };
    },
  );

  // GET /api/drafts/:id
  app.get(
    '/api/drafts/:id',
    { schema: { tags: ['drafts'], params: IdParams, response: { 200: DraftDetail, ...errors } }, onRequest: requirePermission('drafts:read') },
    async (req) => {
      const draft = await stores.drafts.get(req.params.id);
      const interview = draft && (await stores.interviews.get(draft.interviewId));
      if (!draft || !interview) throw notFound('Draft');
      // The queue position is live state, not stored: a reloaded page still says where the draft waits.
      const position = await review.queuePosition(draft.id);
      return { ...draft, ...(position === undefined ? {} : { progress: queuedProgress(position) }), interview };
    },
  );

  // POST /api/drafts/:id/approve
  app.post(
    '/api/drafts/:id/approve',
    {
      schema: { tags: ['drafts'], params: IdParams, body: ApproveBody.optional(), response: { 200: ApproveResponse, ...errors } },
      onRequest: requirePermission('drafts:decide'),
    },
    async (req) => review.approve(req.params.id, req.body ?? {}, requireUser(req)),
  );

  // POST /api/drafts/:id/reject
  app.post(
    '/api/drafts/:id/reject',
    {
      schema: { tags: ['drafts'], params: IdParams, body: RejectBody, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
      onRequest: requirePermission('drafts:decide'),
    },
    async (req) => review.reject(req.params.id, req.body.reason, requireUser(req)),
  );

  // POST /api/drafts/:id/retry
  app.post(
    '/api/drafts/:id/retry',
    {
      schema: {
        tags: ['drafts'],
        params: IdParams,
        response: { 202: z.object({ draft: z.object({ id: z.string(), status: DraftStatus }) }), ...errors },
      },
      onRequest: requirePermission('drafts:retry'),
    },
    async (req, reply) => reply.status(202).send(await review.retry(req.params.id, requireUser(req))),
  );

  // POST /api/drafts/:id/erase — a draft that was never approved, with its notes (admins, managers); not undoable
  app.post(
    '/api/drafts/:id/erase',
    {
      schema: { tags: ['erasure'], params: IdParams, body: EraseDraftBody, response: { 200: ErasureResult, ...errors } },
      onRequest: requirePermission('drafts:erase'),
    },
    async (req) => erasure.eraseDraft(req.params.id, req.body, requireUser(req)),
  );
};
