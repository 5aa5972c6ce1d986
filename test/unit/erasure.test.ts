import { describe, expect, it } from 'vitest';
import {
  blockedByRequests,
  confirmationPhrase,
  confirms,
  contactsInText,
  ErasureLogEntry,
  personalDataIn,
  recordsOf,
  scopeOf,
  scrubAuditDetail,
} from '../../server/domain/erasure.js';

describe('confirmationPhrase / confirms', () => {
  it('asks for the name, or the company when the profile has none', () => {
    expect(confirmationPhrase({ name: ' Anna Weber ', company: 'Klinik' })).toBe('Anna Weber');
    expect(confirmationPhrase({ name: '', company: 'Klinik Nord' })).toBe('Klinik Nord');
  });
  it('ignores case and runs of white space, nothing else', () => {
    expect(confirms('  anna   WEBER ', 'Anna Weber')).toBe(true);
    expect(confirms('Anna', 'Anna Weber')).toBe(false);
    expect(confirms('Anna Webber', 'Anna Weber')).toBe(false);
    expect(confirms('', '')).toBe(false);
  });
});

describe('personalDataIn', () => {
  const person = { names: ['Dr. Anna-Lena Weber'], emails: ['anna@klinik.example'], phones: ['+49 30 1234 5678'] };
  it('finds a part of the name, an email or a phone number of the person', () => {
    expect(personalDataIn('Weber asked on the phone', person)).toEqual(['weber']);
    expect(personalDataIn('Mail from ANNA@klinik.example', person)).toContain('anna@klinik.example');
    expect(personalDataIn('Called from 030 1234 5678', person)).toEqual(['the phone number']);
  });
  it('leaves reasons that do not identify the person alone (short name parts are not words of the name)', () => {
    expect(personalDataIn('Erasure request received by email on 4 March', person)).toEqual([]);
    expect(personalDataIn('Dr. office asked', { names: ['Dr. Li'], emails: [], phones: [] })).toEqual([]);
    expect(personalDataIn('Webernet contract ended', person)).toEqual([]);
  });
});

describe('contactsInText', () => {
  it('finds the email addresses and phone numbers in notes', () => {
    const found = contactsInText('Reach Anna at anna.weber@klinik-nord.example or +49 (30) 1234-5678; met on 12.03.2026, 40% faster.');
    expect(found.emails).toEqual(['anna.weber@klinik-nord.example']);
    expect(found.phones).toEqual(['+49 (30) 1234-5678']);
  });
});

describe('blockedByRequests', () => {
  it('is null without requests in flight, and says what to do with each kind otherwise', () => {
    expect(blockedByRequests(['completed', 'declined'])).toBeNull();
    expect(blockedByRequests(['requested'])).toMatch(/^A request is still in flight.*decline the request waiting for approval/);
    const both = blockedByRequests(['requested', 'requested', 'scheduled', 'completed'])!;
    expect(both).toMatch(/3 requests are still in flight/);
    expect(both).toMatch(/decline the 2 requests waiting for approval, and complete the approved or scheduled one/);
  });
});

describe('scrubAuditDetail', () => {
  it('keeps the facts of a decision and drops every free text', () => {
    const approved = scrubAuditDetail('draft.approved', {
      advocateId: 'a1',
      version: 2,
      edited: true,
      excerpts: 4,
      override: { reason: 'Anna confirmed it', checks: [{ message: 'Quote not found: "I love it"' }] },
    });
    expect(approved).toEqual({ advocateId: 'a1', version: 2, edited: true, excerpts: 4, overridden: true, scrubbed: true });
    expect(scrubAuditDetail('draft.rejected', { reason: 'Duplicate of Anna Weber' })).toEqual({ scrubbed: true });
    expect(scrubAuditDetail('advocate.consent_granted', { source: 'Email from Anna', at: 'approval', draftId: 'd1' })).toEqual({
      at: 'approval',
      draftId: 'd1',
      scrubbed: true,
    });
    expect(scrubAuditDetail('request.declined', { reason: 'Anna is on leave', capacities: ['manager'] })).toEqual({ capacities: ['manager'], scrubbed: true });
    expect(scrubAuditDetail('request.completed', { happenedAt: 't', outcome: { result: 'won', amount: 5 }, feedback: true, kind: 'Case study' })).toEqual({
      happenedAt: 't',
      outcome: { result: 'won', amount: 5 },
      feedback: true,
      kind: 'Case study',
      scrubbed: true,
    });
  });
  it('keeps nothing of actions it does not know, and is idempotent', () => {
    expect(scrubAuditDetail('nomination.created', { nominee: 'Anna Weber' })).toEqual({ scrubbed: true });
    expect(scrubAuditDetail('interview.created', null)).toEqual({ scrubbed: true });
    const once = scrubAuditDetail('draft.approved', { advocateId: 'a1', override: { reason: 'x' } });
    expect(scrubAuditDetail('draft.approved', once)).toEqual(once);
  });
});

describe('the erasure log entry', () => {
  it('round-trips a scope through its record ids, and holds no other field', () => {
    const scope = { advocateId: 'a1', draftIds: ['d1', 'd2'], interviewIds: ['i1', 'i2'], requestIds: ['r1'], nominationIds: ['n1'] };
    const entry = ErasureLogEntry.parse({ id: 'e1', at: '2026-01-01T00:00:00.000Z', kind: 'advocate', subjectId: 'a1', actorId: 'u1', records: recordsOf(scope), reason: 'x' });
    expect(entry).not.toHaveProperty('reason');
    expect(scopeOf(entry)).toEqual(scope);
  });
});
