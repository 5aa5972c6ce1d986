import { mayViewAdvocate } from '../domain/consent.js';
import { conflict, forbidden, notFound } from '../domain/errors.js';
import {
  CreateNominationBody,
  canTransitionNomination,
  duplicateCandidates,
  indexKeys,
  mayViewNomination,
  nominationActions,
  nomineeKey,
  NOMINATION_STATUS_LABELS,
  nominationsOldestFirst,
  type Nomination,
  type NominationList,
  type NominationStatus,
} from '../domain/nomination.js';
import { decodeCursor, toPage } from '../domain/paging.js';
import { can, type User } from '../domain/user.js';
import type { EventBus } from '../events.js';
import { isUniqueViolation } from '../store/db.js';
import type { Stores, TxStores } from '../store/index.js';
import type { AdvocateBrief, NominationRecord } from '../store/nominations.js';

/**
 * Nominations: anyone signed in names a customer; managers and admins triage (accept → interview them,
 * decline with a reason, or mark a duplicate of an advocate). Every step is one transaction with its audit
 * row (the nominee's email stays out of the audit trail); `nomination.updated` goes out after the commit.
 */
export function createNominationService(deps: { stores: Stores; bus: EventBus }) {
  const { stores, bus } = deps;
  const ref = (a: AdvocateBrief) => ({ id: a.id, name: a.name, company: a.company });

  /** The nominations as `viewer` sees them: related advocates named only where the viewer may see them. */
  async function views(records: NominationRecord[], viewer: User): Promise<Nomination[]> {
    const manager = can(viewer.role, 'program:manage');
    const visible = (a: AdvocateBrief | undefined) => (a && mayViewAdvocate(viewer.role, { state: a.consenting ? 'granted' : 'not_recorded' }) ? ref(a) : null);
    const byKey = await stores.nominations.advocatesByKey([...new Set(records.map((r) => r.identityKey))]);
    const triaging = manager ? records.filter((r) => r.status === 'open' || r.status === 'accepted') : [];
    const index = indexKeys(triaging.length ? await stores.nominations.advocateKeys() : []);
    const candidatesOf = new Map(triaging.map((r) => [r.id, duplicateCandidates(r, index)]));
    const byId = await stores.nominations.advocatesById([
      ...new Set([...records.flatMap((r) => (r.duplicateOf ? [r.duplicateOf] : [])), ...[...candidatesOf.values()].flat().map((c) => c.id)]),
    ]);
    return records.map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      email: r.email,
      reason: r.reason,
      relationship: r.relationship,
      activities: r.activities,
      status: r.status,
      nominatedBy: r.nominatedBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
      duplicateOf: r.duplicateOf ? visible(byId.get(r.duplicateOf)) : null,
      advocate: r.status === 'declined' ? null : visible(byKey.get(r.identityKey)),
      candidates: (candidatesOf.get(r.id) ?? []).flatMap((c) => {
        const a = byId.get(c.id);
        return a ? [{ ...ref(a), match: c.match }] : [];
      }),
      actions: nominationActions(viewer, r.status),
    }));
  }
  const view = async (r: NominationRecord, viewer: User) => (await views([r], viewer))[0];

  /** A nomination the caller may see; others get 404 so that ids reveal nothing. */
  async function visible(id: string, user: User, s: TxStores = stores): Promise<NominationRecord> {
    const r = await s.nominations.get(id);
    if (!r || !mayViewNomination(user, r.nominatedBy.id)) throw notFound('Nomination');
    return r;
  }

  const publish = (r: { id: string; status: NominationStatus; nominatedBy: { id: string } }) =>
    bus.publish({ type: 'nomination.updated', nomination: { id: r.id, status: r.status, nominatedBy: r.nominatedBy.id } });

  /** One triage step: the row locked first (instances take turns), the transition checked, audited. */
  async function decide(
    id: string,
    user: User,
    to: NominationStatus,
    fn: (tx: TxStores, r: NominationRecord) => Promise<{ note: string | null; duplicateOf?: string; detail: object }>,
  ): Promise<Nomination> {
    await stores.transaction(async (tx) => {
      await tx.nominations.lock(id);
      const r = await visible(id, user, tx);
      if (!canTransitionNomination(r.status, to)) {
        throw conflict(`This nomination is ${NOMINATION_STATUS_LABELS[r.status].toLowerCase()}; it cannot be ${to === 'duplicate' ? 'marked a duplicate' : to}.`);
      }
      const { note, duplicateOf, detail } = await fn(tx, r);
      await tx.nominations.decide(id, { status: to, by: user.id, note, duplicateOf });
      await tx.audit.record({
        actorId: user.id,
        action: `nomination.${to === 'duplicate' ? 'marked_duplicate' : to}`,
        subjectType: 'nomination',
        subjectId: id,
        detail: { previously: r.status, ...detail },
      });
    });
    const after = (await stores.nominations.get(id))!;
    publish(after);
    return view(after, user);
  }

  return {
    async create(input: CreateNominationBody, user: User): Promise<Nomination> {
      const body = CreateNominationBody.parse(input);
      const identityKey = nomineeKey(body);
      const refuse = (who: string, status: NominationStatus) =>
        conflict(`${body.name} (${body.company}) was already nominated by ${who}; the advocacy team has it (${NOMINATION_STATUS_LABELS[status].toLowerCase()}).`);
      // The unique index on live nominations (migration 7) settles two identical nominations sent at once.
      const id = await stores.transaction(async (tx) => {
        const live = await tx.nominations.findLive(identityKey);
        if (live) {
          throw refuse(live.nominatedBy.id === user.id ? 'you' : 'a colleague', live.status);
        }
        const nominationId = await tx.nominations.insert({
          name: body.name,
          company: body.company,
          identityKey,
          email: body.email ?? '',
          reason: body.reason,
          relationship: body.relationship,
          activities: [...new Set(body.activities)],
          nominatedBy: user.id,
        });
        await tx.audit.record({
          actorId: user.id,
          action: 'nomination.created',
          subjectType: 'nomination',
          subjectId: nominationId,
          detail: { name: body.name, company: body.company, activities: body.activities, email: Boolean(body.email) },
        });
        return nominationId;
      }).catch((err: unknown) => {
        if (isUniqueViolation(err)) throw refuse('a colleague', 'open');
        throw err;
      });
      const r = (await stores.nominations.get(id))!;
      publish(r);
      return view(r, user);
    },

    async list(
      query: { scope: 'mine' | 'all'; status?: NominationStatus[]; limit: number; cursor?: string },
      user: User,
    ): Promise<NominationList> {
      const all = query.scope === 'all';
      if (all && !can(user.role, 'program:manage')) {
        // Not a 404: the caller asked for something their role does not include.
        throw forbidden('Only advocacy managers and admins see every nomination; leave out scope=all for your own.');
      }
      const nominatedBy = all ? undefined : user.id;
      const order = nominationsOldestFirst(query.status) ? 'asc' : 'desc';
      const list = `nominations:${order}`;
      const page = await stores.nominations.page({ statuses: query.status, nominatedBy }, order, {
        limit: query.limit,
        cursor: decodeCursor(list, query.cursor),
      });
      const items = await views(page.items, user);
      const byId = new Map(items.map((n) => [n.id, n]));
      return { ...toPage(list, page, (r) => byId.get(r.id)!), counts: await stores.nominations.counts(nominatedBy) };
    },

    async get(id: string, user: User): Promise<Nomination> {
      return view(await visible(id, user), user);
    },

    accept(id: string, note: string | undefined, user: User): Promise<Nomination> {
      return decide(id, user, 'accepted', async () => ({ note: note?.trim() || null, detail: { note: note?.trim() || null } }));
    },

    decline(id: string, reason: string, user: User): Promise<Nomination> {
      return decide(id, user, 'declined', async () => ({ note: reason, detail: { reason } }));
    },

    markDuplicate(id: string, input: { advocateId: string; note?: string }, user: User): Promise<Nomination> {
      return decide(id, user, 'duplicate', async (tx) => {
        if (!(await tx.advocates.get(input.advocateId))) throw notFound('Advocate');
        return { note: input.note?.trim() || null, duplicateOf: input.advocateId, detail: { advocateId: input.advocateId } };
      });
    },
  };
}
export type NominationService = ReturnType<typeof createNominationService>;
