import { describe, expect, it } from 'vitest';
import { CompleteRequestBody, CreateRequestBody } from '../../server/domain/api/requests.js';
import { mayReceive, type WsEvent } from '../../server/domain/events.js';
import {
  actionsFor,
  awaitingCapacities,
  canTransition,
  capacitiesOf,
  mayReleaseContact,
  mayView,
  Outcome,
  REQUEST_STATUSES,
  requiredCapacities,
} from '../../server/domain/request.js';

const rep = { id: 'rep-1', role: 'rep' as const };
const otherRep = { id: 'rep-2', role: 'rep' as const };
const manager = { id: 'mgr', role: 'manager' as const };
const admin = { id: 'adm', role: 'admin' as const };
const reviewer = { id: 'rev', role: 'reviewer' as const };
const owner = { id: 'owner', role: 'rep' as const };

describe('request transitions', () => {
  it('decides only requested requests, schedules and completes only approved ones', () => {
    expect(canTransition('requested', 'approved')).toBe(true);
    expect(canTransition('requested', 'declined')).toBe(true);
    expect(canTransition('requested', 'scheduled')).toBe(false);
    expect(canTransition('requested', 'completed')).toBe(false);
    expect(canTransition('approved', 'scheduled')).toBe(true);
    expect(canTransition('approved', 'completed')).toBe(true);
    expect(canTransition('approved', 'declined')).toBe(false);
    expect(canTransition('scheduled', 'scheduled')).toBe(true);
    expect(canTransition('scheduled', 'completed')).toBe(true);
  });

  it('has no way out of declined or completed', () => {
    for (const to of REQUEST_STATUSES) {
      expect(canTransition('declined', to)).toBe(false);
      expect(canTransition('completed', to)).toBe(false);
    }
  });
});

describe('approvals', () => {
  it('needs the manager, and the account owner when one is set', () => {
    expect(requiredCapacities(null)).toEqual(['manager']);
    expect(requiredCapacities('owner')).toEqual(['manager', 'account_owner']);
    expect(awaitingCapacities('owner', ['manager'])).toEqual(['account_owner']);
    expect(awaitingCapacities(null, ['manager'])).toEqual([]);
  });

  it('lets managers and admins approve as manager, the account owner as owner, nobody else', () => {
    expect(capacitiesOf(manager, null)).toEqual(['manager']);
    expect(capacitiesOf(admin, 'owner')).toEqual(['manager']);
    expect(capacitiesOf(owner, 'owner')).toEqual(['account_owner']);
    expect(capacitiesOf({ ...manager, id: 'owner' }, 'owner')).toEqual(['manager', 'account_owner']);
    expect(capacitiesOf(rep, 'owner')).toEqual([]);
    expect(capacitiesOf(reviewer, null)).toEqual([]);
  });

  it('offers each person exactly the actions the server accepts', () => {
    const base = { requestedBy: rep.id, accountOwnerId: 'owner', approvedCapacities: [] as ('manager' | 'account_owner')[] };
    expect(actionsFor(rep, { ...base, status: 'requested' })).toEqual([]);
    expect(actionsFor(manager, { ...base, status: 'requested' })).toEqual(['approve', 'decline']);
    expect(actionsFor(manager, { ...base, status: 'requested', approvedCapacities: ['manager'] })).toEqual(['decline']);
    expect(actionsFor(owner, { ...base, status: 'requested', approvedCapacities: ['manager'] })).toEqual(['approve', 'decline']);
    expect(actionsFor(rep, { ...base, status: 'approved' })).toEqual(['schedule', 'complete']);
    expect(actionsFor(otherRep, { ...base, status: 'approved' })).toEqual([]);
    expect(actionsFor(manager, { ...base, status: 'completed' })).toEqual([]);
    // The account owner was removed after the manager approved: the manager can finish it.
    expect(actionsFor(manager, { ...base, accountOwnerId: null, status: 'requested', approvedCapacities: ['manager'] })).toEqual([
      'approve',
      'decline',
    ]);
  });
});

describe('who sees what', () => {
  const parties = { requestedBy: rep.id, accountOwnerId: 'owner' };
  it('shows a request to its requester, the account owner, managers and admins only', () => {
    expect(mayView(rep, parties)).toBe(true);
    expect(mayView(owner, parties)).toBe(true);
    expect(mayView(manager, parties)).toBe(true);
    expect(mayView(admin, parties)).toBe(true);
    expect(mayView(otherRep, parties)).toBe(false);
    expect(mayView(reviewer, parties)).toBe(false);
  });

  it('releases contact details to the requester only once approved, never to other reps', () => {
    expect(mayReleaseContact(rep, { ...parties, status: 'requested' })).toBe(false);
    expect(mayReleaseContact(rep, { ...parties, status: 'declined' })).toBe(false);
    expect(mayReleaseContact(rep, { ...parties, status: 'approved' })).toBe(true);
    expect(mayReleaseContact(rep, { ...parties, status: 'completed' })).toBe(true);
    expect(mayReleaseContact(otherRep, { ...parties, status: 'approved' })).toBe(false);
    expect(mayReleaseContact(owner, { ...parties, status: 'approved' })).toBe(false);
    expect(mayReleaseContact(manager, { ...parties, status: 'requested' })).toBe(true);
  });

  it('sends request events only to the requester, the account owner and managers/admins', () => {
    const event: WsEvent = {
      type: 'request.updated',
      request: { id: 'r1', status: 'approved', advocateId: 'a1', requestedBy: rep.id, accountOwnerId: 'owner' },
    };
    expect(mayReceive(event, rep)).toBe(true);
    expect(mayReceive(event, owner)).toBe(true);
    expect(mayReceive(event, manager)).toBe(true);
    expect(mayReceive(event, otherRep)).toBe(false);
    expect(mayReceive(event, reviewer)).toBe(false);
    expect(mayReceive({ type: 'draft.updated', draft: { id: 'd', status: 'ready' } }, rep)).toBe(false);
  });
});

describe('request bodies', () => {
  it('needs a kind, a prospect company and a description; needed-by is a date', () => {
    const ok = CreateRequestBody.safeParse({
      advocateId: 'a1',
      kind: 'reference_call',
      prospectCompany: ' Klinik Nord ',
      description: 'CIO wants to hear about GDPR and scheduling',
      neededBy: '2026-02-01',
    });
    expect(ok.success && ok.data.prospectCompany).toBe('Klinik Nord');
    const bad = CreateRequestBody.safeParse({ advocateId: 'a1', kind: 'lunch', prospectCompany: '', description: 'short', neededBy: '1 Feb' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['description', 'kind', 'neededBy', 'prospectCompany']);
  });

  it('records an outcome with an optional amount and a currency code', () => {
    expect(Outcome.parse({ result: 'won', amount: 120000, currency: 'eur' })).toEqual({ result: 'won', amount: 120000, currency: 'EUR' });
    expect(Outcome.parse({ result: 'open' })).toEqual({ result: 'open', amount: null, currency: 'USD' });
    expect(Outcome.safeParse({ result: 'won', amount: -1 }).success).toBe(false);
    expect(CompleteRequestBody.safeParse({ outcome: { result: 'maybe' } }).success).toBe(false);
  });
});
