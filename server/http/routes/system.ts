import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../domain/api/health.js';
import type { AppContext } from '../context.js';

export const systemRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // GET /api/health — public, no personal data: which model drafts, which embedder indexes.
  app.get('/api/health', { schema: { tags: ['system'], response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
    llm: await ctx.llmHealth(),
    embedder: { id: ctx.embedder.id, dim: ctx.embedder.dim },
    index: { advocates: await ctx.stores.advocates.count() },
  }));
};
