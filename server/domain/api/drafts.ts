import { z } from 'zod';
import { Draft, DRAFT_STATUSES, DraftStatus } from '../draft.js';
import { Interview, InterviewSource, MAX_NOTES_CHARS } from '../interview.js';
import { ApprovalOverride } from '../approval.js';
import { ApprovalConsent, ConsentState } from '../consent.js';
import { pageOf, PageQuery, statusList } from '../paging.js';
import { ProfileFields } from '../profile.js';
import { plainText } from '../text.js';

// POST /api/interviews — notes over MAX_NOTES_CHARS get 413 (checked before schema validation)
export const CreateInterviewBody = z.strictObject({
  notes: z
    .string({ message: 'Paste the interview notes' })
    .max(MAX_NOTES_CHARS, { message: `Notes are limited to ${MAX_NOTES_CHARS.toLocaleString('en')} characters` }),
  source: InterviewSource.optional(),
});
export type CreateInterviewBody = z.infer<typeof CreateInterviewBody>;

export const CreateInterviewResponse = z.object({
  interview: z.object({ id: z.string() }),
  draft: z.object({ id: z.string(), status: DraftStatus }),
});
export type CreateInterviewResponse = z.infer<typeof CreateInterviewResponse>;

/** What the review queue works on, and what GET /api/drafts lists when no status is asked for. */
export const QUEUE_STATUSES = ['ready', 'drafting', 'failed'] as const satisfies readonly DraftStatus[];

/**
 * The queue (any of QUEUE_STATUSES) is oldest first: the order reviewers work in. Lists that include
 * approved or rejected drafts are history, newest first.
 */
export const draftsOldestFirst = (statuses: readonly DraftStatus[]): boolean =>
  statuses.every((s) => (QUEUE_STATUSES as readonly DraftStatus[]).includes(s));

// GET /api/drafts?status=ready,failed&limit=&cursor= — default status: ready,drafting,failed
export const DraftListQuery = PageQuery.extend({ status: statusList(DRAFT_STATUSES).optional() });
export type DraftListQuery = z.input<typeof DraftListQuery>;

/** A queue row: enough to triage without loading the notes. */
export const DraftSummary = Draft.pick({
  id: true,
  interviewId: true,
  status: true,
  provider: true,
  model: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
}).extend({
  name: z.string(),
  company: z.string(),
  failingChecks: z.number().int(),
  errorMessage: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;
export const DraftList = pageOf(DraftSummary).extend({
  /** Drafts per status over the whole table (one GROUP BY, whatever this page lists): the queue's counts. */
  counts: z.record(DraftStatus, z.number().int()),
});
export type DraftList = z.infer<typeof DraftList>;

// GET /api/drafts/:id — the draft with its interview (the evidence) beside it
export const DraftDetail = Draft.extend({ interview: Interview });
export type DraftDetail = z.infer<typeof DraftDetail>;

/** Every `:id` in a path: plain text too (an id with NUL in it was a 500 on Postgres, not a 404). */
export const IdParams = z.object({ id: plainText().min(1).max(64) });

// POST /api/drafts/:id/approve
export const ApproveBody = z.strictObject({
  /**
   * The profile as the reviewer edited it; absent = approve the AI draft as is. Strict here, not in
   * ProfileFields: an extra key in a model's reply is dropped, one in a request is a mistake to name.
   */
  profile: ProfileFields.strict().optional(),
  /** Approve although quote/number checks fail; the reason is stored on the advocate version and audited. */
  override: ApprovalOverride.optional(),
  /**
   * The reviewer confirms the customer agreed to act as an advocate, and how. Absent: an existing advocate
   * keeps the consent it has; a new one has none recorded, so reps cannot find it until a manager records it.
   */
  consent: ApprovalConsent.optional(),
});
export type ApproveBody = z.infer<typeof ApproveBody>;
export const ApproveResponse = z.object({
  advocate: z.object({ id: z.string(), version: z.number().int(), consent: ConsentState }),
});
export type ApproveResponse = z.infer<typeof ApproveResponse>;

// POST /api/drafts/:id/reject
export const RejectBody = z.strictObject({
  reason: plainText().trim().min(3, 'Give the reason (at least 3 characters)').max(2000),
});
export type RejectBody = z.infer<typeof RejectBody>;
