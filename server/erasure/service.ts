import { randomUUID } from 'node:crypto';
import type { ErasurePreview, ErasureResult } from '../domain/api/erasure.js';
import {
  blockedByRequests,
  confirmationPhrase,
  confirms,
  contactsInText,
  inFlight,
  personalDataIn,
  reasonMessage,
  scopeOf,
  recordsOf,
  type ErasureLogEntry,
  type ErasureScope,
} from '../domain/erasure.js';
import { conflict, invalid, notFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { EventBus } from '../events.js';
import { now } from '../store/db.js';
import type { ErasureLog } from '../store/erasure-log.js';
import type { Stores, TxStores } from '../store/index.js';

const union = (...lists: string[][]) => [...new Set(lists.flat())];

/**
 * The right to erasure (rules in server/domain/erasure.ts). Each erasure is one transaction: the records are
 * deleted or blanked, the audit details about them scrubbed, the erasure recorded (ids only) with an audit
 * row naming the actor and the reason. After the commit the erasure goes to the erasure log outside the
 * database, the search index forgets the advocate (other instances follow through their catch-up), and on
 * SQLite the WAL is checkpointed so the freed pages (zeroed: secure_delete) leave it too.
 */
export function createErasureService(deps: {
  stores: Stores;
  log: ErasureLog;
  bus?: EventBus;
  /** Told after an advocate's erasure committed: the search index and the caches forget it. */
  onAdvocateErased?: (advocateId: string) => Promise<void> | void;
  warn?: (msg: string) => void;
}) {
  const { stores, log } = deps;

  /** After the commit: the log outside the database (a failure is repaired from the database at the next start), the WAL. */
  async function afterCommit(entry: ErasureLogEntry): Promise<void> {
    try {
      log.append([entry]);
    } catch (err) {
      deps.warn?.(`writing the erasure log ${log.file} failed (${String(err)}); it is written from the database at the next start`);
    }
    await stores.db.checkpoint();
  }

  async function footprint(tx: TxStores, advocateId: string) {
    const found = await tx.erasures.footprintOfAdvocate(advocateId);
    if (!found) throw notFound('Advocate');
    return found;
  }

  /** Re-applies one logged erasure to a database that lacks it (a restored backup): no rule blocks it, it already happened. */
  async function reapply(entry: ErasureLogEntry): Promise<void> {
    await stores.transaction(async (tx) => {
      const logged = scopeOf(entry);
      let scope: ErasureScope = logged;
      if (logged.advocateId) {
        await tx.advocates.lock(logged.advocateId);
        const current = await tx.erasures.footprintOfAdvocate(logged.advocateId);
        // Requests still open in the backup cannot go on: declined, audited, then scrubbed with the rest.
        for (const requestId of await tx.erasures.declineInFlight(logged.advocateId, now())) {
          await tx.audit.record({ actorId: null, action: 'request.declined', subjectType: 'request', subjectId: requestId, detail: { erasureId: entry.id } });
        }
        if (current) {
          scope = {
            advocateId: logged.advocateId,
            draftIds: union(logged.draftIds, current.scope.draftIds),
            interviewIds: union(logged.interviewIds, current.scope.interviewIds),
            requestIds: union(logged.requestIds, current.scope.requestIds),
            nominationIds: union(logged.nominationIds, current.scope.nominationIds),
          };
        }
      }
      const scrubbed = await tx.erasures.erase(scope, { id: entry.id, at: entry.at, kind: entry.kind, subjectId: entry.subjectId, actorId: entry.actorId });
      await tx.audit.record({
        actorId: entry.actorId,
        action: `${entry.kind}.erased`,
        subjectType: entry.kind,
        subjectId: entry.subjectId,
        detail: { erasureId: entry.id, reapplied: true, erasedAt: entry.at, auditEntries: scrubbed },
      });
    });
    await stores.db.checkpoint();
  }

  return {
    /** What erasing this advocate deletes and keeps, and whether something blocks it now. */
    async preview(advocateId: string): Promise<ErasurePreview> {
      const advocate = await stores.advocates.get(advocateId);
      if (!advocate) throw notFound('Advocate');
      const fp = await footprint(stores, advocateId);
      return {
        advocate: { id: advocate.id, name: advocate.name, company: advocate.company },
        confirmPhrase: confirmationPhrase(advocate),
        versions: fp.versions,
        interviews: fp.scope.interviewIds.length,
        drafts: fp.scope.draftIds.length,
        unapprovedDrafts: fp.unapprovedDrafts,
        consentRecorded: fp.consentRecorded,
        contactDetails: fp.contact !== null,
        nominations: fp.scope.nominationIds.length,
        requests: { total: fp.requests.length, inFlight: fp.requests.filter((r) => inFlight(r.status)).length },
        auditEntries: await stores.erasures.auditCount(fp.scope),
        blocked: blockedByRequests(fp.requests.map((r) => r.status)),
      };
    },

    async eraseAdvocate(advocateId: string, body: { reason: string; confirm: string }, user: User): Promise<ErasureResult> {
      const entry: ErasureLogEntry = { id: randomUUID(), at: now(), kind: 'advocate', subjectId: advocateId, actorId: user.id, records: [] };
      const result = await stores.transaction(async (tx) => {
        // The advocate's row first: a request created at the same moment waits, then finds no advocate.
        await tx.advocates.lock(advocateId);
        const advocate = await tx.advocates.get(advocateId);
        if (!advocate) throw notFound('Advocate');
        const fp = await footprint(tx, advocateId);
        const blocked = blockedByRequests(fp.requests.map((r) => r.status));
        if (blocked) throw conflict(blocked);
        const phrase = confirmationPhrase(advocate);
        if (!confirms(body.confirm, phrase)) {
          throw invalid(`Type “${phrase}” exactly to confirm the erasure.`, [{ path: 'confirm', message: `Type “${phrase}”` }]);
        }
        const inNotes = contactsInText((await tx.erasures.interviewTexts(fp.scope.interviewIds)).join('\n'));
        const named = personalDataIn(body.reason, {
          names: fp.names,
          emails: [fp.contact?.email ?? '', ...inNotes.emails],
          phones: [fp.contact?.phone ?? '', ...inNotes.phones],
        });
        if (named.length) throw invalid(reasonMessage(named), [{ path: 'reason', message: 'Leave out the name and contact details' }]);
        entry.records = recordsOf(fp.scope);
        const auditEntries = await tx.erasures.erase(fp.scope, entry);
        const counts = { versions: fp.versions, drafts: fp.scope.draftIds.length, interviews: fp.scope.interviewIds.length, requests: fp.requests.length };
        await tx.audit.record({
          actorId: user.id,
          action: 'advocate.erased',
          subjectType: 'advocate',
          subjectId: advocateId,
          detail: { erasureId: entry.id, reason: body.reason, ...counts, auditEntries },
        });
        return { ...counts, auditEntries };
      });
      await afterCommit(entry);
      await deps.onAdvocateErased?.(advocateId);
      return { erasure: { id: entry.id, at: entry.at, kind: 'advocate', subjectId: advocateId, ...result } };
    },

    /** A draft that was never approved, with its interview (the notes). Approved ones belong to an advocate: 409. */
    async eraseDraft(draftId: string, body: { reason: string }, user: User): Promise<ErasureResult> {
      const entry: ErasureLogEntry = { id: randomUUID(), at: now(), kind: 'draft', subjectId: draftId, actorId: user.id, records: [] };
      const result = await stores.transaction(async (tx) => {
        const draft = await tx.drafts.getForDecision(draftId);
        if (!draft) throw notFound('Draft');
        if (draft.status === 'approved') {
          throw conflict('This draft was approved: its notes are the evidence of an advocate. An admin erases the advocate instead, on the advocate page.');
        }
        const inNotes = contactsInText((await tx.erasures.interviewTexts([draft.interviewId])).join('\n'));
        const named = personalDataIn(body.reason, { names: [draft.profile?.name ?? ''], ...inNotes });
        if (named.length) throw invalid(reasonMessage(named), [{ path: 'reason', message: 'Leave out the name and contact details' }]);
        const scope: ErasureScope = { advocateId: null, draftIds: [draft.id], interviewIds: [draft.interviewId], requestIds: [], nominationIds: [] };
        entry.records = recordsOf(scope);
        const auditEntries = await tx.erasures.erase(scope, entry);
        await tx.audit.record({
          actorId: user.id,
          action: 'draft.erased',
          subjectType: 'draft',
          subjectId: draftId,
          detail: { erasureId: entry.id, reason: body.reason, status: draft.status, interviewId: draft.interviewId, auditEntries },
        });
        return { status: draft.status, auditEntries };
      });
      await afterCommit(entry);
      deps.bus?.publish({ type: 'draft.erased', draft: { id: draftId } });
      return {
        erasure: {
          id: entry.id,
          at: entry.at,
          kind: 'draft',
          subjectId: draftId,
          versions: 0,
          drafts: 1,
          interviews: 1,
          requests: 0,
          auditEntries: result.auditEntries,
          draftStatus: result.status,
        },
      };
    },

    /**
     * Brings the database and the erasure log into agreement: erasures the log has and the database lacks
     * (a backup from before them was restored) are applied again; erasures the database has and the log
     * lacks (made on another instance, or the log write failed) are added to the log. Run at start and by
     * `npm run restore`. `reapply: false` only copies to the log (the periodic catch-up).
     */
    async syncLog(opts: { reapply?: boolean } = {}): Promise<{ reapplied: number; logged: number }> {
      const logged = log.read();
      const recorded = await stores.erasures.list();
      const inDb = new Set(recorded.map((e) => e.id));
      const inLog = new Set(logged.map((e) => e.id));
      let reapplied = 0;
      if (opts.reapply !== false) {
        for (const entry of logged) {
          if (inDb.has(entry.id)) continue;
          await reapply(entry);
          if (entry.kind === 'advocate') await deps.onAdvocateErased?.(entry.subjectId);
          inDb.add(entry.id);
          reapplied += 1;
        }
      }
      const missing = recorded.filter((e) => !inLog.has(e.id));
      log.append(missing);
      return { reapplied, logged: missing.length };
    },
  };
}
export type ErasureService = ReturnType<typeof createErasureService>;
