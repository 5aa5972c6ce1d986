import type { CompleteRequestBody, CreateRequestBody, RequestList } from '../domain/api/requests.js';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../domain/errors.js';
import {
  actionsFor,
  awaitingCapacities,
  canTransition,
  capacitiesOf,
  KIND_ACTIVITY,
  mayProgress,
  mayReleaseContact,
  mayView,
  Outcome,
  REQUEST_KIND_LABELS,
  type AdvocateRequest,
  type RequestStatus,
} from '../domain/request.js';
import { CONSENT_LABELS, isConsenting, mayViewAdvocate } from '../domain/consent.js';
import { decodeCursor, toPage } from '../domain/paging.js';
import { can, type User } from '../domain/user.js';
import type { AdvocateLoad } from '../domain/burnout.js';
import type { EventBus } from '../events.js';
import type { Stores, TxStores } from '../store/index.js';
import type { RequestRecord } from '../store/requests.js';
import type { LoadProvider } from './loads.js';

/** Tolerance for clocks: "it happened" may be a few minutes ahead of the server. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * The request workflow: a rep asks for an advocate → the advocacy manager (and the account owner, when set)
 * approve or decline → contact details are released to that rep → scheduled → completed with an outcome.
 * Every decision is one transaction with its audit row; `request.updated` goes out after the commit.
 */
export function createRequestService(deps: { stores: Stores; bus: EventBus; loads: LoadProvider; now: () => Date }) {
  const { stores, bus, loads } = deps;

  const consenting = async (advocateId: string, s: TxStores = stores) => {
    const a = await s.advocates.get(advocateId);
    return a !== undefined && isConsenting(a.consent);
  };
  /** Approving or scheduling asks more of the advocate: only while their consent stands. */
  const requireConsent = async (r: RequestRecord, verb: string, s: TxStores = stores) => {
    if (!(await consenting(r.advocate.id, s))) {
      throw unprocessable(`${r.advocate.name || 'The advocate'} no longer consents to act as an advocate; this request cannot be ${verb}. Decline it.`);
    }
  };

  const partiesOf = async (r: RequestRecord, s: TxStores = stores) => ({
    requestedBy: r.requestedBy.id,
    accountOwnerId: (await s.program.get(r.advocate.id)).accountOwnerId,
  });

  async function view(r: RequestRecord, viewer: User, knownLoad?: AdvocateLoad): Promise<AdvocateRequest> {
    const load = knownLoad ?? (await loads.loadOf(r.advocate.id));
    const prog = await stores.program.get(r.advocate.id);
    const owner = prog.accountOwnerId ? await stores.users.get(prog.accountOwnerId) : undefined;
    const parties = { requestedBy: r.requestedBy.id, accountOwnerId: prog.accountOwnerId, status: r.status };
    const approvedCapacities = r.approvals.map((a) => a.capacity);
    const { activities, ...advocate } = r.advocate;
    return {
      id: r.id,
      advocate,
      kind: r.kind,
      prospectCompany: r.prospectCompany,
      description: r.description,
      neededBy: r.neededBy,
      status: r.status,
      requestedBy: r.requestedBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      accountOwner: owner ? { id: owner.id, name: owner.name } : null,
      approvals: r.approvals,
      awaiting: r.status === 'requested' ? awaitingCapacities(prog.accountOwnerId, approvedCapacities) : [],
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      declineReason: r.declineReason,
      scheduledFor: r.scheduledFor,
      happenedAt: r.happenedAt,
      completedAt: r.completedAt,
      outcome: r.outcome,
      feedback: r.feedback,
      activityAgreed: activities.includes(KIND_ACTIVITY[r.kind]),
      // Consent withdrawn: the advocate must not be contacted, whatever the request's state.
      contact: mayReleaseContact(viewer, parties) && (await consenting(r.advocate.id)) ? { email: prog.contactEmail, phone: prog.contactPhone } : null,
      load,
      actions: actionsFor(viewer, { ...parties, approvedCapacities }),
    };
  }

  /** A request the caller may see; others get 404 so that ids reveal nothing. */
  async function visible(id: string, user: User, s: TxStores = stores): Promise<RequestRecord> {
    const r = await s.requests.get(id);
    if (!r || !mayView(user, await partiesOf(r, s))) throw notFound('Request');
    return r;
  }

  const requireTransition = (from: RequestStatus, to: RequestStatus, verb: string) => {
    if (!canTransition(from, to)) throw conflict(`This request is ${from}; it cannot be ${verb}.`);
  };

  async function publish(id: string): Promise<void> {
    const r = await stores.requests.get(id);
    if (!r) return;
    bus.publish({
      type: 'request.updated',
      request: { id: r.id, status: r.status, advocateId: r.advocate.id, ...(await partiesOf(r)) },
    });
  }

  /**
   * Runs a decision in one transaction (the request's row locked first, so decisions from several instances
   * take turns and each sees the last one's outcome), then announces it and answers with the request as
   * `user` sees it.
   */
  async function decide(id: string, user: User, fn: (tx: TxStores) => Promise<void>): Promise<AdvocateRequest> {
    await stores.transaction(async (tx) => {
      await tx.requests.lock(id);
      await fn(tx);
    });
    await publish(id);
    return view((await stores.requests.get(id))!, user);
  }

  return {
    async create(body: CreateRequestBody, user: User): Promise<AdvocateRequest> {
      const id = await stores.transaction(async (tx) => {
        // The advocate's row is taken first: two identical requests sent at once cannot both pass findOpen.
        await tx.advocates.lock(body.advocateId);
        const advocate = await tx.advocates.get(body.advocateId);
        // Reps never learn that an advocate without consent exists; others are told why they cannot ask.
        if (!advocate || !mayViewAdvocate(user.role, advocate.consent)) throw notFound('Advocate');
        if (!isConsenting(advocate.consent)) {
          throw unprocessable(`${advocate.name || 'This advocate'}: ${CONSENT_LABELS[advocate.consent.state].toLowerCase()}. Record their consent on the advocate page before asking them.`);
        }
        if (advocate.status !== 'active') {
          throw unprocessable(`${advocate.name || 'This advocate'} is ${advocate.status} and is not taking requests.`);
        }
        const open = await tx.requests.findOpen(advocate.id, user.id);
        if (open) {
          throw conflict(`You already have an open request for ${advocate.name || 'this advocate'}; follow it on the Requests page.`);
        }
        const today = deps.now().toISOString().slice(0, 10);
        if (body.neededBy && body.neededBy < today) {
          throw invalid('The needed-by date is in the past.', [{ path: 'neededBy', message: 'Choose today or a later date' }]);
        }
        const load = await loads.loadOf(advocate.id, tx);
        const requestId = await tx.requests.insert({
          advocateId: advocate.id,
          kind: body.kind,
          prospectCompany: body.prospectCompany,
          description: body.description,
          neededBy: body.neededBy ?? null,
          requestedBy: user.id,
        });
        // The account owner asking for their own account's advocate has, by asking, given their approval.
        const ownerId = (await tx.program.get(advocate.id)).accountOwnerId;
        if (ownerId === user.id) await tx.requests.addApproval(requestId, 'account_owner', user.id, 'Requested by the account owner');
        await tx.audit.record({
          actorId: user.id,
          action: 'request.created',
          subjectType: 'request',
          subjectId: requestId,
          detail: { advocateId: advocate.id, kind: body.kind, prospectCompany: body.prospectCompany, load: load.summary, loadState: load.state },
        });
        return requestId;
      });
      await publish(id);
      return view((await stores.requests.get(id))!, user);
    },

    /** One page, newest first, with counts per status of everything the caller may see. */
    async list(query: { status?: RequestStatus[]; advocateId?: string; limit: number; cursor?: string }, user: User): Promise<RequestList> {
      const scope = { advocateId: query.advocateId, visibleTo: can(user.role, 'requests:decide') ? undefined : user.id };
      const page = await stores.requests.page({ ...scope, statuses: query.status }, { limit: query.limit, cursor: decodeCursor('requests', query.cursor) });
      const loadMap = await loads.loadsFor(page.items.map((r) => r.advocate.id));
      const views = new Map<string, AdvocateRequest>();
      for (const r of page.items) views.set(r.id, await view(r, user, loadMap.get(r.advocate.id)));
      return { ...toPage('requests', page, (r) => views.get(r.id)!), counts: await stores.requests.counts(scope) };
    },

    async get(id: string, user: User): Promise<AdvocateRequest> {
      return view(await visible(id, user), user);
    },

    approve(id: string, input: { note?: string }, user: User): Promise<AdvocateRequest> {
      return decide(id, user, async (tx) => {
        const r = await visible(id, user, tx);
        const { accountOwnerId } = await partiesOf(r, tx);
        const mine = capacitiesOf(user, accountOwnerId);
        if (mine.length === 0) throw forbidden('Only the advocacy manager or the advocate’s account owner can approve this request.');
        requireTransition(r.status, 'approved', 'approved');
        await requireConsent(r, 'approved', tx);
        const approved = r.approvals.map((a) => a.capacity);
        const awaitingBefore = awaitingCapacities(accountOwnerId, approved);
        const adding = mine.filter((c) => awaitingBefore.includes(c));
        // Nothing new to add is a conflict, unless nothing is missing any more (e.g. the account owner was removed).
        if (adding.length === 0 && awaitingBefore.length > 0) {
          throw conflict('You already approved this request; it waits for the account owner.');
        }
        for (const capacity of adding) await tx.requests.addApproval(id, capacity, user.id, input.note?.trim() || null);
        const awaiting = awaitingCapacities(accountOwnerId, [...approved, ...adding]);
        const load = await loads.loadOf(r.advocate.id, tx);
        await tx.audit.record({
          actorId: user.id,
          action: 'request.approved',
          subjectType: 'request',
          subjectId: id,
          detail: { capacities: adding, final: awaiting.length === 0, awaiting, note: input.note ?? null, load: load.summary, loadState: load.state },
        });
        if (awaiting.length === 0) {
          await tx.requests.markApproved(id, user.id);
          await tx.audit.record({
            actorId: user.id,
            action: 'request.contact_released',
            subjectType: 'request',
            subjectId: id,
            detail: { advocateId: r.advocate.id, to: r.requestedBy.id },
          });
        }
      });
    },

    decline(id: string, reason: string, user: User): Promise<AdvocateRequest> {
      return decide(id, user, async (tx) => {
        const r = await visible(id, user, tx);
        const mine = capacitiesOf(user, (await partiesOf(r, tx)).accountOwnerId);
        if (mine.length === 0) throw forbidden('Only the advocacy manager or the advocate’s account owner can decline this request.');
        requireTransition(r.status, 'declined', 'declined');
        await tx.requests.markDeclined(id, user.id, reason);
        await tx.audit.record({ actorId: user.id, action: 'request.declined', subjectType: 'request', subjectId: id, detail: { reason, capacities: mine } });
      });
    },

    schedule(id: string, scheduledFor: string, user: User): Promise<AdvocateRequest> {
      return decide(id, user, async (tx) => {
        const r = await visible(id, user, tx);
        if (!mayProgress(user, await partiesOf(r, tx))) throw forbidden('Only the advocacy manager or the rep who asked can schedule this.');
        requireTransition(r.status, 'scheduled', 'scheduled');
        await requireConsent(r, 'scheduled', tx);
        const at = new Date(scheduledFor).toISOString();
        await tx.requests.markScheduled(id, at);
        await tx.audit.record({
          actorId: user.id,
          action: 'request.scheduled',
          subjectType: 'request',
          subjectId: id,
          detail: { scheduledFor: at, previously: r.scheduledFor },
        });
      });
    },

    complete(id: string, body: CompleteRequestBody, user: User): Promise<AdvocateRequest> {
      const outcome = Outcome.parse(body.outcome);
      return decide(id, user, async (tx) => {
        const r = await visible(id, user, tx);
        if (!mayProgress(user, await partiesOf(r, tx))) throw forbidden('Only the advocacy manager or the rep who asked can complete this.');
        requireTransition(r.status, 'completed', 'completed');
        const now = deps.now();
        const scheduled = r.scheduledFor ? Date.parse(r.scheduledFor) : NaN;
        const happened = body.happenedAt
          ? Date.parse(body.happenedAt)
          : Number.isFinite(scheduled) && scheduled <= now.getTime()
            ? scheduled
            : now.getTime();
        if (happened > now.getTime() + FUTURE_SLACK_MS) {
          throw invalid('It cannot have happened in the future: complete it once it took place.', [
            { path: 'happenedAt', message: 'Choose a time in the past' },
          ]);
        }
        // A rep may not date it before they asked: a date from long ago would keep the engagement out of the
        // advocate's rolling window, off their cap. The advocacy team may (entering past engagements for
        // the value report); the audit row keeps who recorded which date.
        if (!can(user.role, 'requests:decide') && happened < Date.parse(r.createdAt) - FUTURE_SLACK_MS) {
          throw invalid(`It cannot have happened before it was requested (${r.createdAt.slice(0, 10)}).`, [
            { path: 'happenedAt', message: 'Choose a time after the request was made' },
          ]);
        }
        const happenedAt = new Date(happened).toISOString();
        await tx.requests.markCompleted(id, { happenedAt, outcome, feedback: body.feedback?.trim() || null });
        await tx.audit.record({
          actorId: user.id,
          action: 'request.completed',
          subjectType: 'request',
          subjectId: id,
          detail: { happenedAt, outcome, feedback: Boolean(body.feedback?.trim()), kind: REQUEST_KIND_LABELS[r.kind] },
        });
      });
    },
  };
}
export type RequestService = ReturnType<typeof createRequestService>;
