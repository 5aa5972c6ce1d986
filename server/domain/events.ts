import { z } from 'zod';
import { DraftError, DraftProgress, DraftStatus } from './draft.js';
import { NominationStatus } from './nomination.js';
import { RequestStatus } from './request.js';
import { can, type Role } from './user.js';

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
  /** A draft that was never approved was erased with its notes: pages showing it leave it. */
  z.object({ type: z.literal('draft.erased'), draft: z.object({ id: z.string() }) }),
  /** A request was created or changed status (or got one of its approvals). */
  z.object({
    type: z.literal('request.updated'),
    request: z.object({
      id: z.string(),
      status: RequestStatus,
      advocateId: z.string(),
      requestedBy: z.string(),
      accountOwnerId: z.string().nullable(),
    }),
  }),
  /** A nomination was made or triaged: the nominator follows theirs, managers triage on /program. */
  z.object({
    type: z.literal('nomination.updated'),
    nomination: z.object({ id: z.string(), status: NominationStatus, nominatedBy: z.string() }),
  }),
  z.object({ type: z.literal('hello'), user: z.object({ id: z.string(), role: z.string() }) }),
]);
export type WsEvent = z.infer<typeof WsEvent>;

/**
 * Who may receive an event: draft events only roles that read drafts (a rep never learns a draft exists);
 * request events only the requester, the advocate's account owner, and managers/admins; nomination events
 * only the nominator and managers/admins.
 */
export function mayReceive(event: WsEvent, user: { id: string; role: Role }): boolean {
  switch (event.type) {
    case 'draft.updated':
    case 'draft.erased':
      return can(user.role, 'drafts:read');
    case 'request.updated':
      return (
        can(user.role, 'requests:decide') || user.id === event.request.requestedBy || user.id === event.request.accountOwnerId
      );
    case 'nomination.updated':
      return can(user.role, 'program:manage') || user.id === event.nomination.nominatedBy;
    case 'hello':
      return true;
  }
}
