import { z } from 'zod';
import { Advocate, AdvocateProgram, AdvocateVersion, ContactEmail, ContactPhone, VersionStamp } from '../advocate.js';
import { AdvocateLoad, MAX_CAP } from '../burnout.js';
import { Freshness } from '../freshness.js';
import { RequestHistory } from '../request.js';
import { Email } from '../user.js';

// GET /api/advocates
export const AdvocateList = z.object({ items: z.array(Advocate) });
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
