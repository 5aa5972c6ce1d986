import { z } from 'zod';
import { OPEN_STATUSES, type RequestStatus } from './request.js';
import { plainText } from './text.js';

/**
 * Erasure, the right to erasure (GDPR art. 17), as rules without IO. An advocate is erased with everything
 * that is about the person: its versions, consent, program settings and contact details, the interviews and
 * drafts that produced it (and unapproved drafts of the same name and company, which would bring the person
 * back when approved). Requests for the advocate keep their business facts (kind, status, dates, prospect,
 * outcome and amount: value reporting counts them) and lose their free text. The audit trail keeps who
 * decided what and when, but every detail that can carry words about the person is dropped from it.
 * An unapproved draft (notes pasted by mistake, a rejected draft of someone who declined) is erased the same
 * way with its interview. Erasure is not undoable.
 */
export const ERASURE_KINDS = ['advocate', 'draft'] as const;
export const ErasureKind = z.enum(ERASURE_KINDS);
export type ErasureKind = z.infer<typeof ErasureKind>;

/** What an erasure touched: advocates, drafts and interviews are removed (an advocate leaves a blank row); requests are scrubbed. */
export const ERASED_RECORD_TYPES = ['advocate', 'draft', 'interview', 'request', 'nomination'] as const;
export const ErasedRecordType = z.enum(ERASED_RECORD_TYPES);
export type ErasedRecordType = z.infer<typeof ErasedRecordType>;

/**
 * One erasure in the erasure log: ids and times only, never personal data (no name, no reason), so the log
 * can be kept apart from the backups for as long as any backup exists, and re-applied to a restored one.
 */
export const ErasureLogEntry = z.object({
  id: z.string().min(1),
  at: z.string().min(1),
  kind: ErasureKind,
  subjectId: z.string().min(1),
  /** The Vouch user who erased it (an employee, not the person erased). */
  actorId: z.string().nullable(),
  records: z.array(z.object({ type: ErasedRecordType, id: z.string().min(1) })),
});
export type ErasureLogEntry = z.infer<typeof ErasureLogEntry>;

/** The ids one erasure removes or scrubs. */
export type ErasureScope = {
  advocateId: string | null;
  draftIds: string[];
  interviewIds: string[];
  requestIds: string[];
  /** Nominations of the person (same name and company, or marked a duplicate of the advocate): who they are and why. */
  nominationIds: string[];
};

export const recordsOf = (scope: ErasureScope): ErasureLogEntry['records'] => [
  ...(scope.advocateId ? [{ type: 'advocate' as const, id: scope.advocateId }] : []),
  ...scope.draftIds.map((id) => ({ type: 'draft' as const, id })),
  ...scope.interviewIds.map((id) => ({ type: 'interview' as const, id })),
  ...scope.requestIds.map((id) => ({ type: 'request' as const, id })),
  ...scope.nominationIds.map((id) => ({ type: 'nomination' as const, id })),
];

export const scopeOf = (entry: Pick<ErasureLogEntry, 'records'>): ErasureScope => {
  const ids = (type: ErasedRecordType) => entry.records.filter((r) => r.type === type).map((r) => r.id);
  return { advocateId: ids('advocate')[0] ?? null, draftIds: ids('draft'), interviewIds: ids('interview'), requestIds: ids('request'), nominationIds: ids('nomination') };
};

// ── Confirmation ─────────────────────────────────────────────────────────────────────────────────────────

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

/** What the person erasing an advocate types to confirm: the name, or the company for a profile without one. */
export function confirmationPhrase(p: { name: string; company: string }): string {
  return p.name.trim() || p.company.trim() || 'erase';
}

/** Typed confirmation: the phrase, ignoring case and runs of white space. */
export function confirms(typed: string, phrase: string): boolean {
  return fold(typed) !== '' && fold(typed) === fold(phrase);
}

// ── The reason ───────────────────────────────────────────────────────────────────────────────────────────

/** Why it is erased: kept in the audit trail after the person is gone, so it must not name them. */
export const ErasureReason = plainText({ message: 'Give the reason for the erasure' })
  .trim()
  .min(3, 'Give the reason for the erasure (at least 3 characters), e.g. “Erasure request received 4 March”')
  .max(500, 'Keep the reason under 500 characters');

const words = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The parts of a reason that would keep the erased person in the audit trail: a part of their name (three
 * letters or more, as a whole word), an email address or a phone number of theirs. Empty when there is none.
 */
export function personalDataIn(reason: string, person: { names: string[]; emails: string[]; phones: string[] }): string[] {
  const found: string[] = [];
  const said = new Set(words(reason));
  for (const part of person.names.flatMap(words)) {
    if (part.length >= 3 && /\p{L}/u.test(part) && said.has(part) && !found.includes(part)) found.push(part);
  }
  const lower = fold(reason);
  for (const email of person.emails.map(fold).filter(Boolean)) if (lower.includes(email)) found.push(email);
  // The subscriber part of a number: "+44 20 7946 0321" and "020 7946 0321" share their last eight digits.
  const reasonDigits = digits(reason);
  for (const phone of person.phones.map(digits).filter((d) => d.length >= 6)) {
    if (reasonDigits.includes(phone.slice(-8)) && !found.includes('the phone number')) found.push('the phone number');
  }
  return found;
}

/** Email addresses and phone numbers written in a text (the notes): a reason must not repeat them either. */
export function contactsInText(text: string): { emails: string[]; phones: string[] } {
  const emails = [...new Set(text.match(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu) ?? [])];
  const date = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
  const phones = [...new Set((text.match(/\+?\d[\d\s()./-]{6,}\d/g) ?? []).filter((p) => digits(p).length >= 8 && !date.test(p.trim())))];
  return { emails, phones };
}

export function reasonMessage(found: string[]): string {
  return `The reason stays in the audit trail after the erasure, so it must not identify the person: leave out ${found
    .map((f) => (f === 'the phone number' ? f : `“${f}”`))
    .join(', ')}.`;
}

// ── Requests in flight ───────────────────────────────────────────────────────────────────────────────────

/**
 * Requests still in flight block an erasure: a rep may be waiting for an answer or be about to call the
 * person. Those waiting for approval are declined first; approved or scheduled ones are completed (with what
 * happened, e.g. outcome "open" or "lost"), so that the rep is told and value reporting has a final row.
 * Returns why the erasure must wait, or null.
 */
export function blockedByRequests(statuses: readonly RequestStatus[]): string | null {
  const waiting = statuses.filter((s) => s === 'requested').length;
  const committed = statuses.filter((s) => s === 'approved' || s === 'scheduled').length;
  if (waiting + committed === 0) return null;
  const parts = [
    waiting ? `decline the ${waiting === 1 ? 'request' : `${waiting} requests`} waiting for approval` : '',
    committed ? `complete the approved or scheduled ${committed === 1 ? 'one' : `ones (${committed})`} with what happened` : '',
  ].filter(Boolean);
  const n = waiting + committed;
  return `${n === 1 ? 'A request is' : `${n} requests are`} still in flight for this advocate: on the Requests page, ${parts.join(', and ')}; then erase.`;
}
export const inFlight = (status: RequestStatus) => OPEN_STATUSES.includes(status);

// ── The audit trail ──────────────────────────────────────────────────────────────────────────────────────

/**
 * What each audited action about an erased subject keeps in its detail: facts about the decision (ids,
 * versions, capacities, dates, outcome), never free text (reasons, notes, consent sources, override
 * reasons and the checks they overrode, which quote the notes). Actions not listed keep nothing.
 */
const KEEP: Record<string, readonly string[]> = {
  'draft.approved': ['advocateId', 'version', 'edited', 'excerpts'],
  'advocate.consent_granted': ['at', 'draftId', 'previously'],
  'advocate.consent_withdrawn': ['previously'],
  'advocate.program_updated': ['changed', 'engagementCap', 'accountOwnerId'],
  'request.created': ['advocateId', 'kind', 'prospectCompany', 'load', 'loadState'],
  'request.approved': ['capacities', 'final', 'awaiting', 'load', 'loadState'],
  'request.contact_released': ['advocateId', 'to'],
  'request.declined': ['capacities'],
  'request.scheduled': ['scheduledFor', 'previously'],
  'request.completed': ['happenedAt', 'outcome', 'feedback', 'kind'],
  'advocate.verified': ['at', 'previouslyVerifiedAt', 'wasStale'],
  'nomination.created': ['activities', 'email'],
  'nomination.accepted': ['previously'],
  'nomination.declined': ['previously'],
  'nomination.marked_duplicate': ['previously', 'advocateId'],
};

/** An audit detail with everything that may be about the person dropped, marked `scrubbed`. */
export function scrubAuditDetail(action: string, detail: unknown): Record<string, unknown> {
  const source = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const key of KEEP[action] ?? []) if (Object.hasOwn(source, key)) out[key] = source[key];
  // That an approval overrode failing checks is a fact worth keeping; its reason and the checks are not.
  if (action === 'draft.approved' && source.override) out.overridden = true;
  if (source.overridden === true) out.overridden = true;
  out.scrubbed = true;
  return out;
}
