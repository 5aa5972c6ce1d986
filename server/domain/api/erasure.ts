import { z } from 'zod';
import { DraftStatus } from '../draft.js';
import { ErasureKind, ErasureReason } from '../erasure.js';
import { plainText } from '../text.js';

// GET /api/advocates/:id/erasure — admins: what erasing this advocate deletes and keeps, before confirming
export const ErasurePreview = z.object({
  advocate: z.object({ id: z.string(), name: z.string(), company: z.string() }),
  /** What to type into `confirm`: the advocate's name (the company when the profile has no name). */
  confirmPhrase: z.string(),
  /** Approved versions of the profile, all deleted. */
  versions: z.number().int(),
  /** Interviews (the notes) and drafts deleted: those that produced the versions, and unapproved drafts of the same person. */
  interviews: z.number().int(),
  drafts: z.number().int(),
  /** Unapproved drafts among those (same name and company, still in review or rejected). */
  unapprovedDrafts: z.number().int(),
  consentRecorded: z.boolean(),
  contactDetails: z.boolean(),
  /** Nominations of the person (by name and company, or marked a duplicate of the advocate), deleted. */
  nominations: z.number().int(),
  /** Requests kept for value reporting without their free text; those in flight block the erasure. */
  requests: z.object({ total: z.number().int(), inFlight: z.number().int() }),
  /** Audit entries whose details are scrubbed (who and when stay). */
  auditEntries: z.number().int(),
  /** Why the advocate cannot be erased now (requests in flight), or null. */
  blocked: z.string().nullable(),
});
export type ErasurePreview = z.infer<typeof ErasurePreview>;

// POST /api/advocates/:id/erase — admins; not undoable
export const EraseAdvocateBody = z.strictObject({
  reason: ErasureReason,
  /** The advocate's name typed by the person erasing (see ErasurePreview.confirmPhrase). */
  confirm: plainText({ message: 'Type the advocate’s name to confirm' }).max(400),
});
export type EraseAdvocateBody = z.infer<typeof EraseAdvocateBody>;

// POST /api/drafts/:id/erase — admins and managers; only drafts that were never approved
export const EraseDraftBody = z.strictObject({ reason: ErasureReason });
export type EraseDraftBody = z.infer<typeof EraseDraftBody>;

export const ErasureResult = z.object({
  erasure: z.object({
    id: z.string(),
    at: z.string(),
    kind: ErasureKind,
    subjectId: z.string(),
    versions: z.number().int(),
    drafts: z.number().int(),
    interviews: z.number().int(),
    /** Requests kept (business facts) with their free text removed. */
    requests: z.number().int(),
    auditEntries: z.number().int(),
    /** A draft's status when it was erased. */
    draftStatus: DraftStatus.optional(),
  }),
});
export type ErasureResult = z.infer<typeof ErasureResult>;
