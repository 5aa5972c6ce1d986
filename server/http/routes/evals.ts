import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EvalRunDetail, EvalRunList, EvalRunParams } from '../../domain/api/evals.js';
import { ApiError } from '../../domain/api/session.js';
import { createEvalsReader } from '../../evals-read/index.js';
import { requirePermission } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 422: ApiError };

/** Eval runs and committed baselines from VOUCH_EVALS_DIR, read-only (`npm run eval` writes them). */
export const evalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const evals = createEvalsReader(ctx.config.evalsDir);

  // GET /api/evals/runs
  app.get(
    '/api/evals/runs',
    { schema: { tags: ['evals'], response: { 200: EvalRunList, ...errors } }, onRequest: requirePermission('evals:read') },
    async () => evals.list(),
  );

  // GET /api/evals/runs/:id
  app.get(
    '/api/evals/runs/:id',
    { schema: { tags: ['evals'], params: EvalRunParams, response: { 200: EvalRunDetail, ...errors } }, onRequest: requirePermission('evals:read') },
    async (req) => evals.get(req.params.id),
  );
};
