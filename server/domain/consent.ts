import { z } from 'zod';
import { plainText } from './text.js';
import { can, type Role } from './user.js';

/**
 * Consent: whether the customer agreed to act as an advocate (be found by reps, be asked for calls, case
 * studies…). Approving a profile says the *content* is true; consent says the *person* agreed to be used.
 * Only advocates whose consent is granted are searchable or visible to reps (they get 404 otherwise);
 * managers, admins and reviewers still see them, marked, so someone can record the consent.
 *
 * `not_recorded` is the state of an advocate nobody has recorded consent for: approved without the
 * reviewer confirming it, or approved before Vouch knew about consent (migration 4). It is treated exactly
 * like a withdrawal, except that nobody withdrew anything.
 */
export const CONSENT_STATES = ['granted', 'withdrawn', 'not_recorded'] as const;
export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;

export const CONSENT_LABELS: Record<ConsentState, string> = {
  granted: 'Consent recorded',
  withdrawn: 'Consent withdrawn',
  not_recorded: 'No consent recorded',
};

export const Consent = z.object({
  state: ConsentState,
  /** How the customer agreed, or why consent ended: "Agreed in the interview", "Email of 12 March". */
  source: z.string(),
  recordedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  recordedAt: z.string().nullable(),
});
export type Consent = z.infer<typeof Consent>;

export const NO_CONSENT: Consent = { state: 'not_recorded', source: '', recordedBy: null, recordedAt: null };

const source = (what: string) =>
  plainText({ message: `Say ${what}` })
    .trim()
    .min(3, `Say ${what} (at least 3 characters)`)
    .max(300, 'Keep it under 300 characters');

/** On approval: the reviewer confirms the customer agreed to act as an advocate, and says how. */
export const ApprovalConsent = z.strictObject({ source: source('how the customer agreed, e.g. “Agreed in the interview”') });
export type ApprovalConsent = z.infer<typeof ApprovalConsent>;

// POST /api/advocates/:id/consent — managers and admins record consent later, or withdraw it
export const RecordConsentBody = z.strictObject({
  state: z.enum(['granted', 'withdrawn'], { message: 'Choose granted or withdrawn' }),
  source: source('how the customer agreed or withdrew, e.g. “Email from the customer, 12 March”'),
});
export type RecordConsentBody = z.infer<typeof RecordConsentBody>;

/** Searchable, requestable and visible to reps. */
export const isConsenting = (consent: Pick<Consent, 'state'>): boolean => consent.state === 'granted';

/** Whether a role may see an advocate whose consent is not granted (to record it, or to know why it is hidden). */
export const seesWithoutConsent = (role: Role): boolean => can(role, 'advocates:read-unconsented');

/** Whether this viewer may see this advocate at all: reps only consenting ones. */
export const mayViewAdvocate = (role: Role, consent: Pick<Consent, 'state'>): boolean =>
  isConsenting(consent) || seesWithoutConsent(role);
