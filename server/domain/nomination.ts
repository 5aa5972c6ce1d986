import { z } from 'zod';
import { advocateKey } from './advocate.js';
import { pageOf, PageQuery, statusList } from './paging.js';
import { Activity } from './profile.js';
import { PersonRef } from './request.js';
import { plainText } from './text.js';
import { can, Email, type Role } from './user.js';

/**
 * A nomination: someone in the company (any signed-in role: sales, success, support…) names a customer who
 * would make a good advocate. The advocacy manager triages it: accepts it (then interviews the customer,
 * which is how anyone becomes an advocate: rule 1 still holds), declines it with a reason, or marks it a
 * duplicate of an existing advocate. The nominator follows the status of their own nominations.
 *
 * A nomination is not an advocate and is never searchable: it is what one colleague says about a customer.
 */
export const NOMINATION_STATUSES = ['open', 'accepted', 'declined', 'duplicate'] as const;
export const NominationStatus = z.enum(NOMINATION_STATUSES);
export type NominationStatus = z.infer<typeof NominationStatus>;

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  open: 'Waiting for the advocacy team',
  accepted: 'Accepted: to be interviewed',
  declined: 'Declined',
  duplicate: 'Already an advocate',
};

/**
 * Triage: an open nomination is accepted, declined or a duplicate; an accepted one can still be declined
 * (the customer said no when asked) or turn out to be a duplicate. Declined and duplicate are final.
 */
const TRANSITIONS: Record<NominationStatus, readonly NominationStatus[]> = {
  open: ['accepted', 'declined', 'duplicate'],
  accepted: ['declined', 'duplicate'],
  declined: [],
  duplicate: [],
};
export const canTransitionNomination = (from: NominationStatus, to: NominationStatus): boolean => TRANSITIONS[from].includes(to);

/** Still being worked on: a second nomination of the same person is refused while one is. */
export const LIVE_NOMINATION: readonly NominationStatus[] = ['open', 'accepted'];

export const NominationAction = z.enum(['accept', 'decline', 'duplicate']);
export type NominationAction = z.infer<typeof NominationAction>;

type Viewer = { id: string; role: Role };

/** Managers and admins see every nomination; everyone else only their own (others get 404). */
export const mayViewNomination = (viewer: Viewer, nominatedBy: string): boolean =>
  can(viewer.role, 'program:manage') || viewer.id === nominatedBy;

/** What `viewer` may do next with a nomination in `status`, so the UI offers exactly what the server accepts. */
export function nominationActions(viewer: Viewer, status: NominationStatus): NominationAction[] {
  if (!can(viewer.role, 'program:manage')) return [];
  const out: NominationAction[] = [];
  if (canTransitionNomination(status, 'accepted')) out.push('accept');
  if (canTransitionNomination(status, 'declined')) out.push('decline');
  if (canTransitionNomination(status, 'duplicate')) out.push('duplicate');
  return out;
}

/** The same identity an approval uses (name|company, normalised), so a nominee and an advocate compare alike. */
export const nomineeKey = (n: { name: string; company: string }): string => advocateKey(n);

/** The company part of an identity key. */
const companyOfKey = (key: string): string => key.slice(key.indexOf('|') + 1);

export type DuplicateCandidate = { id: string; match: 'same_person' | 'same_company' };

/** Advocates' identity keys indexed by person and by company, built once for many nominations. */
export type KeyIndex = { byKey: Map<string, string[]>; byCompany: Map<string, { id: string; key: string }[]> };

export function indexKeys(advocates: readonly { id: string; key: string }[]): KeyIndex {
  const byKey = new Map<string, string[]>();
  const byCompany = new Map<string, { id: string; key: string }[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const a of advocates) {
    add(byKey, a.key, a.id);
    const company = companyOfKey(a.key);
    if (company) add(byCompany, company, a);
  }
  return { byKey, byCompany };
}

/**
 * Advocates a nomination may duplicate: the same person (name and company as an approval would key them)
 * first, then others at the same company. At most `max` back.
 */
export function duplicateCandidates(nominee: { name: string; company: string }, index: KeyIndex, max = 10): DuplicateCandidate[] {
  const key = nomineeKey(nominee);
  const company = companyOfKey(key);
  const same = (index.byKey.get(key) ?? []).map((id) => ({ id, match: 'same_person' as const }));
  const colleagues = company
    ? (index.byCompany.get(company) ?? []).filter((a) => a.key !== key).map((a) => ({ id: a.id, match: 'same_company' as const }))
    : [];
  return [...same, ...colleagues].slice(0, max);
}

const text = (min: number, max: number, what: string) =>
  plainText({ message: what })
    .trim()
    .min(min, min > 1 ? `${what} (at least ${min} characters)` : what)
    .max(max, `Keep it under ${max.toLocaleString('en')} characters`);
const note = () => plainText().trim().max(1000, 'Keep the note under 1,000 characters');

// POST /api/nominations — anyone signed in nominates a customer
export const CreateNominationBody = z.strictObject({
  name: text(2, 200, 'Give the customer’s name'),
  company: text(1, 200, 'Name their company'),
  /** Optional: the advocacy team finds it in the CRM otherwise. Kept out of the audit trail. */
  email: z.union([z.literal(''), Email]).optional(),
  reason: text(10, 2000, 'Say why they would be a good advocate'),
  relationship: text(3, 300, 'Say how you know them, or who owns the account'),
  activities: z.array(Activity, { message: 'Choose from the listed activities' }).max(6).default([]),
});
export type CreateNominationBody = z.input<typeof CreateNominationBody>;

// POST /api/nominations/:id/accept
export const AcceptNominationBody = z.strictObject({ note: note().optional() });
// POST /api/nominations/:id/decline
export const DeclineNominationBody = z.strictObject({ reason: text(3, 2000, 'Give the reason: the nominator reads it') });
// POST /api/nominations/:id/duplicate
export const DuplicateNominationBody = z.strictObject({
  advocateId: plainText({ message: 'Choose the advocate it duplicates' }).min(1, 'Choose the advocate it duplicates').max(64),
  note: note().optional(),
});

// GET /api/nominations?scope=&status=open,accepted&limit=&cursor=
export const NominationListQuery = PageQuery.extend({
  /** `mine` (default): the caller's own nominations. `all`: every nomination (managers and admins). */
  scope: z.enum(['mine', 'all']).default('mine'),
  status: statusList(NOMINATION_STATUSES).optional(),
});
export type NominationListQuery = z.input<typeof NominationListQuery>;

/** Nominations still being worked on are listed oldest first (the triage order); any other list newest first. */
export const nominationsOldestFirst = (statuses: readonly NominationStatus[] | undefined): boolean =>
  statuses !== undefined && statuses.every((s) => LIVE_NOMINATION.includes(s));

const AdvocateRef = z.object({ id: z.string(), name: z.string(), company: z.string() });

export const Nomination = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string(),
  email: z.string(),
  reason: z.string(),
  relationship: z.string(),
  activities: z.array(Activity),
  status: NominationStatus,
  nominatedBy: PersonRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  /** The manager's note on accepting, or the reason for declining. */
  decisionNote: z.string().nullable(),
  /** The advocate it duplicates (null when not a duplicate, or the viewer may not see that advocate). */
  duplicateOf: AdvocateRef.nullable(),
  /** An approved advocate with the same name and company: the nomination became an advocate. */
  advocate: AdvocateRef.nullable(),
  /** Managers, while it is being triaged: advocates it may duplicate (same person first, then same company). */
  candidates: z.array(AdvocateRef.extend({ match: z.enum(['same_person', 'same_company']) })),
  actions: z.array(NominationAction),
});
export type Nomination = z.infer<typeof Nomination>;

export const NominationList = pageOf(Nomination).extend({
  /** Per status, over everything the scope covers (not only the listed page). */
  counts: z.record(NominationStatus, z.number().int()),
});
export type NominationList = z.infer<typeof NominationList>;
