import { z } from 'zod';
import { pageOf, PageQuery, statusList } from '../paging.js';
import { AdvocateRequest, Outcome, REQUEST_STATUSES, RequestKind, RequestStatus } from '../request.js';
import { plainText } from '../text.js';

// POST /api/requests — a rep asks for an advocate for a prospect
export const CreateRequestBody = z.strictObject({
  advocateId: plainText({ message: 'Choose an advocate' }).min(1, 'Choose an advocate').max(64),
  kind: RequestKind,
  prospectCompany: plainText({ message: 'Name the prospect company' })
    .trim()
    .min(1, 'Name the prospect company')
    .max(200, 'Keep the company name under 200 characters'),
  description: plainText({ message: 'Say what the prospect needs' })
    .trim()
    .min(10, 'Say in a sentence what the prospect needs from the advocate (at least 10 characters)')
    .max(2000, 'Keep the description under 2,000 characters'),
  /** The date the prospect needs it by (YYYY-MM-DD), if any. */
  neededBy: z.iso.date({ message: 'Use a date such as 2026-01-31' }).nullable().optional(),
});
export type CreateRequestBody = z.input<typeof CreateRequestBody>;

/** Still to be decided or to happen: what the requests page shows first. */
export const OPEN_REQUEST_STATUSES = ['requested', 'approved', 'scheduled'] as const satisfies readonly RequestStatus[];

// GET /api/requests?status=requested,approved&advocateId=…&limit=&cursor= — newest first; reps see their own
// (and those for advocates whose account they own); managers and admins all
export const RequestListQuery = PageQuery.extend({
  status: statusList(REQUEST_STATUSES).optional(),
  advocateId: plainText().max(64).optional(),
});
export type RequestListQuery = z.input<typeof RequestListQuery>;

export const RequestList = pageOf(AdvocateRequest).extend({
  /** Requests per status that the caller may see (advocateId applies, status does not): the page's counts. */
  counts: z.record(RequestStatus, z.number().int()),
});
export type RequestList = z.infer<typeof RequestList>;

// GET /api/requests/:id and every transition below answer with the request as the caller may see it
export const RequestResponse = AdvocateRequest;

// POST /api/requests/:id/approve
export const ApproveRequestBody = z.strictObject({
  note: plainText().trim().max(1000, 'Keep the note under 1,000 characters').optional(),
});
export type ApproveRequestBody = z.infer<typeof ApproveRequestBody>;

// POST /api/requests/:id/decline
export const DeclineRequestBody = z.strictObject({
  reason: plainText({ message: 'Give the reason' })
    .trim()
    .min(3, 'Give the reason (at least 3 characters): the rep will read it')
    .max(2000),
});
export type DeclineRequestBody = z.infer<typeof DeclineRequestBody>;

// POST /api/requests/:id/schedule
export const ScheduleRequestBody = z.strictObject({
  scheduledFor: z.iso.datetime({ offset: true, message: 'Give the date and time it is scheduled for' }),
});
export type ScheduleRequestBody = z.infer<typeof ScheduleRequestBody>;

// POST /api/requests/:id/complete — it happened: outcome (won/lost/open, amount) and the rep's feedback
export const CompleteRequestBody = z.strictObject({
  /** When it happened; default: the scheduled time if past, else now. Feeds the advocate's load. */
  happenedAt: z.iso.datetime({ offset: true, message: 'Give the date and time it happened' }).optional(),
  outcome: Outcome.strict(),
  feedback: plainText().trim().max(4000, 'Keep the feedback under 4,000 characters').optional(),
});
export type CompleteRequestBody = z.input<typeof CompleteRequestBody>;
