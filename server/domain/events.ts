import { z } from 'zod';
import { DraftError, DraftProgress, DraftStatus } from './draft.js';

/** Every websocket message, server → browser. One map imported by the emitter and the UI. */
export const WsEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('draft.updated'),
    draft: z.object({
      id: z.string(),
      status: DraftStatus,
      progress: DraftProgress.optional(),
      /** Why drafting failed, sent with the status so the page can say it at once. */
      error: DraftError.optional(),
    }),
  }),
  z.object({ type: z.literal('hello'), user: z.object({ id: z.string(), role: z.string() }) }),
]);
export type WsEvent = z.infer<typeof WsEvent>;
