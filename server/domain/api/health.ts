import { z } from 'zod';
import { LlmProvider } from '../draft.js';

// GET /api/health (public: no personal data)
export const HealthResponse = z.object({
  status: z.literal('ok'),
  llm: z.object({
    provider: LlmProvider,
    model: z.string(),
    reachable: z.boolean(),
    problem: z.string().optional(),
  }),
  embedder: z.object({ id: z.string(), dim: z.number().int() }),
  index: z.object({ advocates: z.number().int() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
