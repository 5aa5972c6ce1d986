import { notFound } from '../domain/errors.js';
import {
  daysSince,
  freshnessOf,
  isStale,
  latestVerification,
  type Freshness,
  type StaleList,
  type VerifiedHint,
} from '../domain/freshness.js';
import { can, type User } from '../domain/user.js';
import type { Stores } from '../store/index.js';

/**
 * Data kept fresh: each advocate's "last verified" (its latest approval, or a manager's "verified with the
 * customer"), the stale list on /program, and the date-only hint reps see on match results.
 */
export function createFreshnessService(deps: { stores: Stores; staleDays: number; now: () => Date }) {
  const { stores, staleDays } = deps;

  async function freshnessFor(advocateId: string, viewer: User): Promise<Freshness> {
    const { approval, verification } = await stores.portfolio.verificationEvents(advocateId);
    return freshnessOf(latestVerification(approval, verification), deps.now(), staleDays, can(viewer.role, 'program:manage'));
  }

  return {
    staleDays,
    freshnessFor,

    /** A manager confirmed the profile with the customer: recorded with the note, audited, in one transaction. */
    async verify(advocateId: string, note: string, user: User): Promise<Freshness> {
      await stores.transaction(async (tx) => {
        await tx.advocates.lock(advocateId);
        const advocate = await tx.advocates.get(advocateId);
        if (!advocate) throw notFound('Advocate');
        const { approval, verification } = await tx.portfolio.verificationEvents(advocateId);
        const before = latestVerification(approval, verification);
        const at = await tx.portfolio.addVerification(advocateId, user.id, note);
        await tx.audit.record({
          actorId: user.id,
          action: 'advocate.verified',
          subjectType: 'advocate',
          subjectId: advocateId,
          detail: { note, at, previouslyVerifiedAt: before?.at ?? null, wasStale: isStale(before?.at ?? null, deps.now(), staleDays) },
        });
      });
      return freshnessFor(advocateId, user);
    },

    /** For match results: when each advocate was last verified and whether that is stale. Dates only. */
    async hintsFor(advocateIds: string[]): Promise<Map<string, VerifiedHint>> {
      const last = await stores.portfolio.lastVerifiedOf(advocateIds);
      const now = deps.now();
      return new Map(advocateIds.map((id) => [id, { lastVerifiedAt: last.get(id) ?? null, stale: isStale(last.get(id) ?? null, now, staleDays) }]));
    },

    /** Advocates (not retired) whose profile was not verified for more than `staleDays`, oldest first. */
    async stale(limit: number): Promise<StaleList> {
      const now = deps.now();
      const rows = await stores.portfolio.freshnessRows();
      const stale = rows
        .map((r) => {
          const last = latestVerification(
            r.lastApprovedAt ? { at: r.lastApprovedAt, how: 'approval', by: null, note: null } : null,
            r.lastVerifiedAt ? { at: r.lastVerifiedAt, how: 'verified', by: null, note: null } : null,
          );
          return { r, last };
        })
        .filter(({ last }) => isStale(last?.at ?? null, now, staleDays))
        // Ties (one import approved many at the same instant) by id: stable, and decided without the profiles.
        .sort((a, b) => (a.last?.at ?? '').localeCompare(b.last?.at ?? '') || a.r.id.localeCompare(b.r.id));
      const page = stale.slice(0, limit);
      const headlines = await stores.portfolio.headlinesOf(page.map(({ r }) => r.id));
      return {
        staleAfterDays: staleDays,
        checked: rows.length,
        total: stale.length,
        items: page.map(({ r, last }) => ({
          advocate: { id: r.id, name: '', title: '', company: '', ...headlines.get(r.id), status: r.status },
          consenting: r.consenting,
          lastVerifiedAt: last?.at ?? null,
          how: last?.how ?? null,
          daysSince: last ? daysSince(last.at, now) : null,
        })),
      };
    },
  };
}
export type FreshnessService = ReturnType<typeof createFreshnessService>;
