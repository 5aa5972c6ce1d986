import type { AdvocateProgram } from '../domain/advocate.js';
import type { UpdateProgramBody } from '../domain/api/advocates.js';
import type { AdvocateLoad } from '../domain/burnout.js';
import type { Consent, RecordConsentBody } from '../domain/consent.js';
import { conflict, invalid, notFound } from '../domain/errors.js';
import type { RequestHistory } from '../domain/request.js';
import { can, type User } from '../domain/user.js';
import { audit } from '../store/audit.js';
import type { Stores } from '../store/index.js';
import type { LoadProvider } from './loads.js';

/**
 * The advocacy program's side of an advocate: engagement cap, account owner and private contact details
 * (managers and admins), and what the advocate page adds to the approved profile: load for everyone,
 * program settings and request history ("last asked, by whom") for managers and admins.
 */
export function createAdvocateProgramService(deps: {
  stores: Stores;
  loads: LoadProvider;
  /** Told after an advocate's consent changed (committed), so the search index follows at once. */
  onConsentChanged?: (advocateId: string) => void;
}) {
  const { stores, loads } = deps;
  const { db, program, advocates, users } = stores;

  function programOf(advocateId: string): AdvocateProgram {
    const p = program.get(advocateId);
    const owner = p.accountOwnerId ? users.get(p.accountOwnerId) : undefined;
    return {
      engagementCap: p.engagementCap,
      effectiveCap: p.engagementCap ?? loads.defaults.cap,
      accountOwner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
      contact: { email: p.contactEmail, phone: p.contactPhone },
      updatedAt: p.updatedAt,
    };
  }

  function resolveOwner(email: string | null | undefined): string | null | undefined {
    if (email === undefined) return undefined;
    if (email === null || email === '') return null;
    const found = users.findByEmailWithHash(email)?.user;
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

    update(advocateId: string, body: UpdateProgramBody, user: User): AdvocateProgram {
      db.transaction(() => {
        if (!advocates.get(advocateId)) throw notFound('Advocate');
        const accountOwnerId = resolveOwner(body.accountOwnerEmail);
        const patch = {
          ...(body.engagementCap !== undefined ? { engagementCap: body.engagementCap } : {}),
          ...(accountOwnerId !== undefined ? { accountOwnerId } : {}),
          ...(body.contactEmail !== undefined ? { contactEmail: body.contactEmail } : {}),
          ...(body.contactPhone !== undefined ? { contactPhone: body.contactPhone } : {}),
        };
        program.update(advocateId, patch, user.id);
        // Contact values stay out of the audit trail (it is read more widely); that they changed does not.
        audit(db, {
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
      })();
      return programOf(advocateId);
    },

    /**
     * Records consent given after approval, or its withdrawal: one transaction with the audit row (actor,
     * source). The advocate leaves (or joins) the search index right after; matching checks the record too,
     * so a withdrawal takes effect on the very next search even before the index has caught up.
     */
    recordConsent(advocateId: string, body: RecordConsentBody, user: User): Consent {
      db.transaction(() => {
        const advocate = advocates.get(advocateId);
        if (!advocate) throw notFound('Advocate');
        if (body.state === 'withdrawn' && advocate.consent.state !== 'granted') {
          throw conflict(`${advocate.name || 'This advocate'} has no consent to withdraw (${advocate.consent.state.replace('_', ' ')}).`);
        }
        advocates.setConsent(advocateId, { state: body.state, source: body.source, recordedBy: user.id });
        advocates.markUnindexed(advocateId);
        audit(db, {
          actorId: user.id,
          action: body.state === 'granted' ? 'advocate.consent_granted' : 'advocate.consent_withdrawn',
          subjectType: 'advocate',
          subjectId: advocateId,
          detail: { source: body.source, previously: advocate.consent.state },
        });
      })();
      deps.onConsentChanged?.(advocateId);
      return advocates.get(advocateId)!.consent;
    },

    /** What GET /api/advocates/:id adds for this viewer. */
    detailFor(
      advocateId: string,
      viewer: User,
    ): { load: AdvocateLoad; program?: AdvocateProgram; requestHistory?: RequestHistory } {
      const load = loads.loadOf(advocateId);
      if (!can(viewer.role, 'advocates:manage')) return { load };
      return { load, program: programOf(advocateId), requestHistory: stores.requests.history(advocateId) };
    },
  };
}
export type AdvocateProgramService = ReturnType<typeof createAdvocateProgramService>;
