import { z } from 'zod';
import { Advocate, AdvocateProgram, AdvocateStatus, AdvocateVersion, ContactEmail, ContactPhone, VersionStamp } from '../advocate.js';
import { AdvocateLoad, MAX_CAP } from '../burnout.js';
import { CONSENT_STATES, ConsentState } from '../consent.js';
import { Freshness } from '../freshness.js';
import { pageOf, PageQuery } from '../paging.js';
import { plainText } from '../text.js';
import { RequestHistory } from '../request.js';
import { Email } from '../user.js';

/** `consent=` on the list: a state, or `not_granted` (withdrawn or never recorded: what reps cannot see). */
export const ADVOCATE_CONSENT_FILTERS = [...CONSENT_STATES, 'not_granted'] as const;
export const AdvocateConsentFilter = z.enum(ADVOCATE_CONSENT_FILTERS, {
  message: `Use one of ${ADVOCATE_CONSENT_FILTERS.join(', ')}`,
});
export type AdvocateConsentFilter = z.infer<typeof AdvocateConsentFilter>;

// GET /api/advocates?q=&status=&consent=&limit=&cursor= — most recently updated first
export const AdvocateListQuery = PageQuery.extend({
  /** Words that must each occur in name, title, company, industry, region or products (any case). */
  q: plainText().max(200, 'Keep the search under 200 characters').optional(),
  status: AdvocateStatus.optional(),
  /** Managers, admins, reviewers: filter by consent. Reps only ever see granted consent, whatever they ask. */
  consent: AdvocateConsentFilter.optional(),
});
export type AdvocateListQuery = z.input<typeof AdvocateListQuery>;

/** A list row: what the table shows, not the quotes, outcomes, evidence or versions (GET /api/advocates/:id has those). */
export const AdvocateSummary = Advocate.pick({
  id: true,
  version: true,
  status: true,
  name: true,
  title: true,
  company: true,
  industry: true,
  region: true,
  products: true,
  createdAt: true,
  updatedAt: true,
}).extend({ consent: z.object({ state: ConsentState }) });
export type AdvocateSummary = z.infer<typeof AdvocateSummary>;

export const AdvocateList = pageOf(AdvocateSummary).extend({
  /** Advocates without granted consent, over the whole list (not only this filter): null for reps. */
  withoutConsent: z.number().int().nullable(),
});
export type AdvocateList = z.infer<typeof AdvocateList>;

// GET /api/advocates/:id
export const AdvocateDetail = Advocate.extend({
  /** Every version's number, approver and time: everyone who may read the advocate. */
  history: z.array(VersionStamp),
  /** The full versions (AI draft vs approved, overrides, older profiles): drafts:read only (see VersionStamp). */
  versions: z.array(AdvocateVersion).optional(),
  /** Burnout protection: engagements this quarter, resting/at cap (everyone who may read advocates). */
  load: AdvocateLoad.optional(),
  /** When the profile was last verified (approval or with the customer) and whether it is stale; who and the note for managers. */
  freshness: Freshness.optional(),
  /** Cap, account owner and private contact details: managers and admins only. */
  program: AdvocateProgram.optional(),
  /** When this advocate was last asked, by whom: managers and admins only. */
  requestHistory: RequestHistory.optional(),
});
export type AdvocateDetail = z.infer<typeof AdvocateDetail>;

// POST /api/advocates/:id/program — managers and admins; fields left out stay as they are
export const UpdateProgramBody = z.strictObject({
  /** null: back to the default cap (VOUCH_ADVOCATE_CAP). 0: not to be asked at all. */
  engagementCap: z
    .number({ message: 'Give the cap as a whole number' })
    .int('Give the cap as a whole number')
    .min(0, 'The cap cannot be negative')
    .max(MAX_CAP, `The cap is at most ${MAX_CAP}`)
    .nullable()
    .optional(),
  /** The account owner's sign-in email; null or '' removes the account owner. */
  accountOwnerEmail: z.union([z.literal(''), Email]).nullable().optional(),
  contactEmail: ContactEmail.optional(),
  contactPhone: ContactPhone.optional(),
});
export type UpdateProgramBody = z.infer<typeof UpdateProgramBody>;
export const ProgramResponse = AdvocateProgram;
