import { z } from 'zod';
import { AdvocateContact } from './advocate.js';
import { AdvocateLoad } from './burnout.js';
import type { Activity } from './profile.js';
import { can, type Role } from './user.js';

/**
 * A rep's request for an advocate, and the engagement it becomes: requested → approved (by the advocacy
 * manager and, where set, the advocate's account owner) or declined → scheduled → completed with an outcome.
 * Contact details are released to the requesting rep only once the request is approved.
 */
export const REQUEST_KINDS = ['reference_call', 'case_study', 'event', 'peer_review'] as const;
export const RequestKind = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKind>;

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  reference_call: 'Reference call',
  case_study: 'Case study',
  event: 'Event',
  peer_review: 'Peer review',
};

/** The profile activity an advocate must have agreed to for each kind of request. */
export const KIND_ACTIVITY: Record<RequestKind, Activity> = {
  reference_call: 'reference_call',
  case_study: 'case_study',
  event: 'event_speaker',
  peer_review: 'peer_review',
};

export const REQUEST_STATUSES = ['requested', 'approved', 'declined', 'scheduled', 'completed'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  requested: 'Waiting for approval',
  approved: 'Approved',
  declined: 'Declined',
  scheduled: 'Scheduled',
  completed: 'Completed',
};

/** Which transitions a request may make; anything else is a 409. Rescheduling keeps it `scheduled`. */
const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  requested: ['approved', 'declined'],
  approved: ['scheduled', 'completed'],
  scheduled: ['scheduled', 'completed'],
  declined: [],
  completed: [],
};

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Still to happen: counts as `upcoming` in an advocate's load, and blocks a duplicate request. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['requested', 'approved', 'scheduled'];
/** Statuses in which the requesting rep sees the advocate's contact details. */
export const CONTACT_RELEASED: readonly RequestStatus[] = ['approved', 'scheduled', 'completed'];

/** In which capacity a person approves: the advocacy manager (role) or the advocate's account owner (person). */
export const ApproverCapacity = z.enum(['manager', 'account_owner']);
export type ApproverCapacity = z.infer<typeof ApproverCapacity>;

type Viewer = { id: string; role: Role };
type RequestParties = { requestedBy: string; accountOwnerId: string | null };

/** Approvals a request needs: always the advocacy manager's, and the account owner's when one is set. */
export function requiredCapacities(accountOwnerId: string | null): ApproverCapacity[] {
  return accountOwnerId ? ['manager', 'account_owner'] : ['manager'];
}

/** The capacities in which `user` may approve or decline this request (none: 403). */
export function capacitiesOf(user: Viewer, accountOwnerId: string | null): ApproverCapacity[] {
  const out: ApproverCapacity[] = [];
  if (can(user.role, 'requests:decide')) out.push('manager');
  if (accountOwnerId && user.id === accountOwnerId) out.push('account_owner');
  return out;
}

export function awaitingCapacities(accountOwnerId: string | null, approved: readonly ApproverCapacity[]): ApproverCapacity[] {
  return requiredCapacities(accountOwnerId).filter((c) => !approved.includes(c));
}

/** Managers and admins see every request; others their own and those for advocates they own the account of. */
export function mayView(viewer: Viewer, r: RequestParties): boolean {
  return can(viewer.role, 'requests:decide') || viewer.id === r.requestedBy || viewer.id === r.accountOwnerId;
}

/** Scheduling and completing: the manager, or the rep who asked (they are the one on the call). */
export function mayProgress(viewer: Viewer, r: RequestParties): boolean {
  return can(viewer.role, 'requests:decide') || viewer.id === r.requestedBy;
}

/** Contact details: to managers/admins, and to the requesting rep once (and only once) the request is approved. */
export function mayReleaseContact(viewer: Viewer, r: RequestParties & { status: RequestStatus }): boolean {
  if (can(viewer.role, 'requests:decide')) return true;
  return viewer.id === r.requestedBy && CONTACT_RELEASED.includes(r.status);
}

export const RequestAction = z.enum(['approve', 'decline', 'schedule', 'complete']);
export type RequestAction = z.infer<typeof RequestAction>;

/** What `viewer` may do next with the request, so the UI offers exactly what the server accepts. */
export function actionsFor(
  viewer: Viewer,
  r: RequestParties & { status: RequestStatus; approvedCapacities: readonly ApproverCapacity[] },
): RequestAction[] {
  const actions: RequestAction[] = [];
  if (r.status === 'requested') {
    const mine = capacitiesOf(viewer, r.accountOwnerId);
    const awaiting = awaitingCapacities(r.accountOwnerId, r.approvedCapacities);
    // Approve what is still missing; or finish a request whose missing approval no longer applies.
    if (mine.some((c) => awaiting.includes(c)) || (mine.length > 0 && awaiting.length === 0)) actions.push('approve');
    if (mine.length > 0) actions.push('decline');
  }
  if (mayProgress(viewer, r)) {
    if (canTransition(r.status, 'scheduled')) actions.push('schedule');
    if (canTransition(r.status, 'completed')) actions.push('complete');
  }
  return actions;
}

export const OUTCOMES = ['won', 'lost', 'open'] as const;
export const OutcomeResult = z.enum(OUTCOMES);
export type OutcomeResult = z.infer<typeof OutcomeResult>;
export const OUTCOME_LABELS: Record<OutcomeResult, string> = { won: 'Won', lost: 'Lost', open: 'Still open' };

export const Outcome = z.object({
  result: OutcomeResult,
  /** Deal amount, when known. */
  amount: z.number().min(0, 'The amount cannot be negative').max(1e12).nullable().default(null),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR or USD')
    .default('USD'),
});
export type Outcome = z.infer<typeof Outcome>;

export const PersonRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const RequestApproval = z.object({
  capacity: ApproverCapacity,
  by: PersonRef,
  at: z.string(),
  note: z.string().nullable(),
});
export type RequestApproval = z.infer<typeof RequestApproval>;

/** A request as one viewer sees it: `contact` is null unless the rules above release it to them. */
export const AdvocateRequest = z.object({
  id: z.string(),
  advocate: z.object({ id: z.string(), name: z.string(), title: z.string(), company: z.string() }),
  kind: RequestKind,
  prospectCompany: z.string(),
  description: z.string(),
  neededBy: z.string().nullable(),
  status: RequestStatus,
  requestedBy: PersonRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  accountOwner: PersonRef.nullable(),
  approvals: z.array(RequestApproval),
  /** Approvals still missing while the request waits. */
  awaiting: z.array(ApproverCapacity),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  scheduledFor: z.string().nullable(),
  happenedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: Outcome.nullable(),
  feedback: z.string().nullable(),
  /** Whether the advocate agreed to this kind of activity in their approved profile. */
  activityAgreed: z.boolean(),
  contact: AdvocateContact.nullable(),
  /** The advocate's load now (shown to managers deciding, and to the rep). */
  load: AdvocateLoad,
  actions: z.array(RequestAction),
});
export type AdvocateRequest = z.infer<typeof AdvocateRequest>;

/** "When was this advocate last asked, by whom": shown to managers and admins on the advocate page. */
export const RequestSummary = z.object({
  id: z.string(),
  kind: RequestKind,
  status: RequestStatus,
  prospectCompany: z.string(),
  requestedBy: PersonRef,
  createdAt: z.string(),
  outcome: OutcomeResult.nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestHistory = z.object({
  total: z.number().int(),
  open: z.number().int(),
  completed: z.number().int(),
  lastAsked: RequestSummary.nullable(),
  recent: z.array(RequestSummary),
});
export type RequestHistory = z.infer<typeof RequestHistory>;
