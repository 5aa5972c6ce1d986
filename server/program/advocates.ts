import type { AdvocateProgram } from '../domain/advocate.js';
import type { UpdateProgramBody } from '../domain/api/advocates.js';
import type { AdvocateLoad } from '../domain/burnout.js';
import type { Consent, RecordConsentBody } from '../domain/consent.js';
import { conflict, invalid, notFound } from '../domain/errors.js';
import type { RequestHistory } from '../domain/request.js';
import { can, type User } from '../domain/user.js';
import type { Stores, TxStores } from '../store/index.js';
import type { Freshness } from '../domain/freshness.js';
import type { FreshnessService } from './freshness.js';
import type { LoadProvider } from './loads.js';

/**
 * The advocacy program's side of an advocate: engagement cap, account owner and private contact details
 * (managers and admins), and what the advocate page adds to the approved profile: load for everyone,
 * program settings and request history ("last asked, by whom") for managers and admins.
 */
export function createAdvocateProgramService(deps: {
  stores: Stores;
  loads: LoadProvider;
  freshness: FreshnessService;
  /** Told after an advocate's consent changed (committed), so the search index follows at once. */
  onConsentChanged?: (advocateId: string) => void;
}) {
  const { stores, loads } = deps;
  async function programOf(advocateId: string, s: TxStores = stores): Promise<AdvocateProgram> {
    const p = await s.program.get(advocateId);
    const owner = p.accountOwnerId ? await s.users.get(p.accountOwnerId) : undefined;
    return {
      engagementCap: p.engagementCap,
      effectiveCap: p.engagementCap ?? loads.defaults.cap,
      accountOwner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
      contact: { email: p.contactEmail, phone: p.contactPhone },
      updatedAt: p.updatedAt,
    };
  }

  async function resolveOwner(s: TxStores, email: string | null | undefined): Promise<string | null | undefined> {
    if (email === undefined) return undefined;
    if (email === null || email === '') return null;
    const found = (await s.users.findByEmailWithHash(email))?.user;
    if (!found) {
      throw invalid(`No Vouch user has the email ${email}: add them on the Users page first.`, [
        { path: 'accountOwnerEmail', message: 'No user with this email' },
      ]);
    }
    if (!can(found.role, 'requests:read')) {
      throw invalid(`${found.name} is a reviewer; the account owner must be a sales rep, a manager or an admin.`, [
        { path: 'accountOwnerEmail', message: 'Choose a sales rep, manager or admin' },
      ]);
    }
    return found.id;
  }

  return {
    programOf,

    async update(advocateId: string, body: UpdateProgramBody, user: User): Promise<AdvocateProgram> {
      return stores.transaction(async (tx) => {
        if (!(await tx.advocates.get(advocateId))) throw notFound('Advocate');
        const accountOwnerId = await resolveOwner(tx, body.accountOwnerEmail);
        const patch = {
          ...(body.engagementCap !== undefined ? { engagementCap: body.engagementCap } : {}),
          ...(accountOwnerId !== undefined ? { accountOwnerId } : {}),
          ...(body.contactEmail !== undefined ? { contactEmail: body.contactEmail } : {}),
          ...(body.contactPhone !== undefined ? { contactPhone: body.contactPhone } : {}),
        };
        await tx.program.update(advocateId, patch, user.id);
        // Contact values stay out of the audit trail (it is read more widely); that they changed does not.
        await tx.audit.record({
          actorId: user.id,
          action: 'advocate.program_updated',
          subjectType: 'advocate',
          subjectId: advocateId,
          detail: {
            changed: Object.keys(patch),
            ...('engagementCap' in patch ? { engagementCap: patch.engagementCap } : {}),
            ...('accountOwnerId' in patch ? { accountOwnerId: patch.accountOwnerId } : {}),
          },
        });
        return programOf(advocateId, tx);
      });
    },

    /**
     * Records consent given after approval, or its withdrawal: one transaction with the audit row (actor,
     * source). The advocate leaves (or joins) the search index right after; matching checks the record too,
     * so a withdrawal takes effect on the very next search even before the index has caught up.
     */
    async recordConsent(advocateId: string, body: RecordConsentBody, user: User): Promise<Consent> {
      await stores.transaction(async (tx) => {
        await tx.advocates.lock(advocateId);
        const advocate = await tx.advocates.get(advocateId);
        if (!advocate) throw notFound('Advocate');
        if (body.state === 'withdrawn' && advocate.consent.state !== 'granted') {
          throw conflict(`${advocate.name || 'This advocate'} has no consent to withdraw (${advocate.consent.state.replace('_', ' ')}).`);
        }
        await tx.advocates.setConsent(advocateId, { state: body.state, source: body.source, recordedBy: user.id });
        await tx.advocates.markUnindexed(advocateId);
        await tx.audit.record({
          actorId: user.id,
          action: body.state === 'granted' ? 'advocate.consent_granted' : 'advocate.consent_withdrawn',
          subjectType: 'advocate',
          subjectId: advocateId,
          detail: { source: body.source, previously: advocate.consent.state },
        });
      });
      deps.onConsentChanged?.(advocateId);
      return (await stores.advocates.get(advocateId))!.consent;
    },

    /** What GET /api/advocates/:id adds for this viewer. */
    async detailFor(
      advocateId: string,
      viewer: User,
    ): Promise<{ load: AdvocateLoad; freshness: Freshness; program?: AdvocateProgram; requestHistory?: RequestHistory }> {
      const load = await loads.loadOf(advocateId);
      const freshness = await deps.freshness.freshnessFor(advocateId, viewer);
      if (!can(viewer.role, 'advocates:manage')) return { load, freshness };
      return { load, freshness, program: await programOf(advocateId), requestHistory: await stores.requests.history(advocateId) };
    },
  };
}
export type AdvocateProgramService = ReturnType<typeof createAdvocateProgramService>;
