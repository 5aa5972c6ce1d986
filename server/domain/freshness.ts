import { z } from 'zod';
import { PersonRef } from './request.js';
import { plainText } from './text.js';

/**
 * Data kept fresh: when an advocate's profile was last confirmed true. An approval counts (a reviewer
 * checked it against the notes of an interview), and so does a manager marking it "verified with the
 * customer" with a note. A profile not verified for `staleDays` (VOUCH_STALE_DAYS) is stale: titles,
 * employers and opinions change, and a rep should not quote an outcome from three years ago as today's.
 */
export const DEFAULT_STALE_DAYS = 180;
const DAY_MS = 86_400_000;

export const VerificationHow = z.enum(['approval', 'verified']);
export type VerificationHow = z.infer<typeof VerificationHow>;

export type VerificationEvent = { at: string; how: VerificationHow; by: PersonRef | null; note: string | null };

/** The latest of the latest approval and the latest verification (either may be missing). */
export function latestVerification(approval: VerificationEvent | null, verification: VerificationEvent | null): VerificationEvent | null {
  if (!approval) return verification;
  if (!verification) return approval;
  return Date.parse(verification.at) >= Date.parse(approval.at) ? verification : approval;
}

/** Whole days from `at` to `now` (0 on the same day or for a time slightly ahead). */
export const daysSince = (at: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / DAY_MS));

/** Stale: never verified, or verified more than `staleDays` whole days ago. */
export const isStale = (lastVerifiedAt: string | null, now: Date, staleDays: number): boolean =>
  lastVerifiedAt === null || !Number.isFinite(Date.parse(lastVerifiedAt)) || daysSince(lastVerifiedAt, now) > staleDays;

/** The instant a profile verified at `at` becomes stale. */
export const staleFrom = (at: string, staleDays: number): string => new Date(Date.parse(at) + (staleDays + 1) * DAY_MS).toISOString();

/**
 * How fresh a profile is, as the advocate page shows it. `by` and `note` are for managers and admins (the
 * note may say what the customer told them); everyone else gets the date and whether it is stale.
 */
export const Freshness = z.object({
  lastVerifiedAt: z.string().nullable(),
  how: VerificationHow.nullable(),
  by: PersonRef.nullable().optional(),
  note: z.string().nullable().optional(),
  daysSince: z.number().int().nullable(),
  stale: z.boolean(),
  staleAfterDays: z.number().int(),
});
export type Freshness = z.infer<typeof Freshness>;

export function freshnessOf(event: VerificationEvent | null, now: Date, staleDays: number, detailed: boolean): Freshness {
  return {
    lastVerifiedAt: event?.at ?? null,
    how: event?.how ?? null,
    ...(detailed ? { by: event?.by ?? null, note: event?.note ?? null } : {}),
    daysSince: event ? daysSince(event.at, now) : null,
    stale: isStale(event?.at ?? null, now, staleDays),
    staleAfterDays: staleDays,
  };
}

/** What a rep sees on a match result: the date only (who verified it and their note are not theirs to see). */
export const VerifiedHint = z.object({ lastVerifiedAt: z.string().nullable(), stale: z.boolean() });
export type VerifiedHint = z.infer<typeof VerifiedHint>;

// POST /api/advocates/:id/verify — a manager confirmed the profile with the customer
export const VerifyAdvocateBody = z.strictObject({
  note: plainText({ message: 'Say how you verified it' })
    .trim()
    .min(3, 'Say how you verified it, e.g. “Call with the customer, 3 March: still CIO, numbers current”')
    .max(500, 'Keep the note under 500 characters'),
});
export type VerifyAdvocateBody = z.infer<typeof VerifyAdvocateBody>;

/** One row of the stale list on /program. */
export const StaleProfile = z.object({
  advocate: z.object({ id: z.string(), name: z.string(), title: z.string(), company: z.string(), status: z.string() }),
  consenting: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
  how: VerificationHow.nullable(),
  daysSince: z.number().int().nullable(),
});
export type StaleProfile = z.infer<typeof StaleProfile>;

export const StaleList = z.object({
  staleAfterDays: z.number().int(),
  /** Advocates that are not retired (the ones a stale profile can still mislead about). */
  checked: z.number().int(),
  total: z.number().int(),
  /** Oldest first; at most `limit`. */
  items: z.array(StaleProfile),
});
export type StaleList = z.infer<typeof StaleList>;
