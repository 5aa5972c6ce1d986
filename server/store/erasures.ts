import { advocateKey } from '../domain/advocate.js';
import { recordsOf, scrubAuditDetail, type ErasureKind, type ErasureLogEntry, type ErasureScope } from '../domain/erasure.js';
import { emptyProfile, type ProfileFields } from '../domain/profile.js';
import type { RequestStatus } from '../domain/request.js';
import { ERASED } from './advocates.js';
import type { Executor } from './db.js';

/** Lists of ids go to `IN (…)` in chunks, well below either dialect's limit on bound parameters. */
const CHUNK = 500;
const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));
const unique = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];

/** Everything one advocate's erasure touches, as read inside its transaction (before anything is deleted). */
export type AdvocateFootprint = {
  scope: ErasureScope;
  versions: number;
  unapprovedDrafts: number;
  requests: { id: string; status: RequestStatus }[];
  consentRecorded: boolean;
  contact: { email: string; phone: string } | null;
  /** Every name the profile had in any version (the reason must not repeat one). */
  names: string[];
};

/**
 * Erasure in the system of record (server/domain/erasure.ts says what and why). Call inside the erasing
 * transaction: deletions, scrubbing, the erasure row and its record ids commit together or not at all.
 */
export function createErasureStore(db: Executor) {
  const auditRows = (scope: ErasureScope) => {
    const subjects: [string, string[]][] = [
      ['advocate', scope.advocateId ? [scope.advocateId] : []],
      ['draft', scope.draftIds],
      ['interview', scope.interviewIds],
      ['request', scope.requestIds],
      ['nomination', scope.nominationIds],
    ];
    return subjects.flatMap(([type, ids]) => chunks(ids).map((part) => ({ type, part })));
  };

  return {
    /**
     * What erasing an advocate removes: its versions and their drafts and interviews, drafts linked to it,
     * and unapproved drafts of the same name and company (approving one would bring the person back).
     */
    async footprintOfAdvocate(advocateId: string): Promise<AdvocateFootprint | undefined> {
      const advocate = await db
        .selectFrom('advocates')
        .select(['id', 'identity_key', 'profile_json'])
        .where('id', '=', advocateId)
        .where('status', '<>', ERASED)
        .executeTakeFirst();
      if (!advocate) return undefined;
      const versions = await db.selectFrom('advocate_versions').select(['draft_id', 'profile_json']).where('advocate_id', '=', advocateId).execute();
      const linked = await db.selectFrom('drafts').select('id').where('advocate_id', '=', advocateId).execute();
      const unapproved = (
        await db.selectFrom('drafts').select(['id', 'profile_json']).where('status', '<>', 'approved').where('profile_json', 'is not', null).execute()
      ).filter((d) => advocateKey(JSON.parse(d.profile_json!) as ProfileFields) === advocate.identity_key);
      const draftIds = unique([...versions.map((v) => v.draft_id), ...linked.map((d) => d.id), ...unapproved.map((d) => d.id)]);
      const interviewIds: string[] = [];
      for (const part of chunks(draftIds)) {
        interviewIds.push(...(await db.selectFrom('drafts').select('interview_id').where('id', 'in', part).execute()).map((d) => d.interview_id));
      }
      const requests = await db.selectFrom('advocate_requests').select(['id', 'status']).where('advocate_id', '=', advocateId).execute();
      const consent = await db.selectFrom('advocate_consent').select('state').where('advocate_id', '=', advocateId).executeTakeFirst();
      const program = await db.selectFrom('advocate_program').select(['contact_email', 'contact_phone']).where('advocate_id', '=', advocateId).executeTakeFirst();
      // Nominations of the person under any name and company the profile had, or marked a duplicate of it.
      const keys = unique([advocate.identity_key, ...[...versions.map((v) => v.profile_json), ...unapproved.map((d) => d.profile_json)].map((j) => advocateKey(JSON.parse(j!) as ProfileFields))]);
      const nominations: string[] = [];
      for (const part of chunks(keys)) {
        nominations.push(...(await db.selectFrom('nominations').select('id').where('identity_key', 'in', part).execute()).map((n) => n.id));
      }
      nominations.push(...(await db.selectFrom('nominations').select('id').where('duplicate_of', '=', advocateId).execute()).map((n) => n.id));
      const names = unique([advocate.profile_json, ...versions.map((v) => v.profile_json), ...unapproved.map((d) => d.profile_json)].map((j) => (j ? (JSON.parse(j) as ProfileFields).name : '')));
      return {
        scope: { advocateId, draftIds, interviewIds: unique(interviewIds), requestIds: requests.map((r) => r.id), nominationIds: unique(nominations) },
        versions: versions.length,
        unapprovedDrafts: unapproved.filter((d) => !linked.some((l) => l.id === d.id)).length,
        requests: requests.map((r) => ({ id: r.id, status: r.status as RequestStatus })),
        consentRecorded: consent !== undefined,
        contact: program && (program.contact_email || program.contact_phone) ? { email: program.contact_email, phone: program.contact_phone } : null,
        names,
      };
    },

    /** The normalised text of these interviews (the service looks for contact details in them). */
    async interviewTexts(ids: string[]): Promise<string[]> {
      const out: string[] = [];
      for (const part of chunks(ids)) out.push(...(await db.selectFrom('interviews').select('text').where('id', 'in', part).execute()).map((r) => r.text));
      return out;
    },

    /** Audit entries about the scope's records (their details are scrubbed by erase()). */
    async auditCount(scope: ErasureScope): Promise<number> {
      let n = 0;
      for (const { type, part } of auditRows(scope)) {
        const r = await db
          .selectFrom('audit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('subject_type', '=', type)
          .where('subject_id', 'in', part)
          .executeTakeFirstOrThrow();
        n += Number(r.n);
      }
      return n;
    },

    /**
     * Deletes or blanks everything in `scope` and records the erasure (id, time, kind, actor and the ids,
     * nothing personal). The advocate leaves a blank row: status 'erased', empty profile, no versions,
     * consent or program settings. Its requests keep kind, status, dates, prospect company, who asked and
     * decided, outcome and amount; their description, feedback, decline reason and approval notes (free
     * text that may name the person) are removed. Returns how many audit details were scrubbed.
     */
    async erase(scope: ErasureScope, erasure: { id: string; at: string; kind: ErasureKind; subjectId: string; actorId: string | null }): Promise<number> {
      const advocateId = scope.advocateId;
      if (advocateId) {
        for (const part of chunks(scope.requestIds)) {
          await db.updateTable('advocate_request_approvals').set({ note: null }).where('request_id', 'in', part).execute();
        }
        await db.updateTable('advocate_requests').set({ description: '', feedback: null, decline_reason: null }).where('advocate_id', '=', advocateId).execute();
        await db.deleteFrom('advocate_versions').where('advocate_id', '=', advocateId).execute();
        await db.deleteFrom('advocate_consent').where('advocate_id', '=', advocateId).execute();
        await db.deleteFrom('advocate_program').where('advocate_id', '=', advocateId).execute();
        // "Verified with the customer" notes are about the person (the advocate row stays, so no cascade).
        await db.deleteFrom('advocate_verifications').where('advocate_id', '=', advocateId).execute();
        await db
          .updateTable('advocates')
          .set({
            identity_key: `erased:${advocateId}`,
            status: ERASED,
            version: 0,
            indexed_version: 0,
            profile_json: JSON.stringify(emptyProfile()),
            evidence_json: '[]',
            search_text: '',
            updated_at: erasure.at,
          })
          .where('id', '=', advocateId)
          .execute();
      }
      for (const part of chunks(scope.draftIds)) {
        // A version of another advocate never points at these drafts (they are this advocate's or unapproved).
        await db.deleteFrom('drafts').where('id', 'in', part).execute();
      }
      for (const part of chunks(scope.interviewIds)) {
        await db.deleteFrom('interviews').where('id', 'in', part).execute();
      }
      for (const part of chunks(scope.nominationIds)) {
        await db.deleteFrom('nominations').where('id', 'in', part).execute();
      }
      let scrubbed = 0;
      for (const { type, part } of auditRows(scope)) {
        const rows = await db.selectFrom('audit').select(['id', 'action', 'detail_json']).where('subject_type', '=', type).where('subject_id', 'in', part).execute();
        for (const r of rows) {
          const detail = JSON.stringify(scrubAuditDetail(r.action, r.detail_json === null ? null : JSON.parse(r.detail_json)));
          if (detail !== r.detail_json) await db.updateTable('audit').set({ detail_json: detail }).where('id', '=', r.id).execute();
          scrubbed += 1;
        }
      }
      await db
        .insertInto('erasures')
        .values({ id: erasure.id, at: erasure.at, kind: erasure.kind, subject_id: erasure.subjectId, actor_id: erasure.actorId })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const records = recordsOf(scope).map((r) => ({ erasure_id: erasure.id, record_type: r.type, record_id: r.id }));
      for (const part of chunks(records)) {
        await db.insertInto('erased_records').values(part).onConflict((oc) => oc.columns(['record_type', 'record_id']).doNothing()).execute();
      }
      return scrubbed;
    },

    /** Requests still in flight for an advocate whose erasure is being re-applied: declined without a reason. */
    async declineInFlight(advocateId: string, at: string): Promise<string[]> {
      const rows = await db
        .updateTable('advocate_requests')
        .set({ status: 'declined', decided_at: at, updated_at: at, decline_reason: null })
        .where('advocate_id', '=', advocateId)
        .where('status', 'in', ['requested', 'approved', 'scheduled'])
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async has(id: string): Promise<boolean> {
      return (await db.selectFrom('erasures').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    /** Every erasure with its record ids, oldest first: the erasure log as the database holds it. */
    async list(): Promise<ErasureLogEntry[]> {
      const erasures = await db.selectFrom('erasures').selectAll().orderBy('at').orderBy('id').execute();
      const records = await db.selectFrom('erased_records').selectAll().execute();
      const byErasure = new Map<string, ErasureLogEntry['records']>();
      for (const r of records) {
        byErasure.set(r.erasure_id, [...(byErasure.get(r.erasure_id) ?? []), { type: r.record_type as ErasureLogEntry['records'][number]['type'], id: r.record_id }]);
      }
      return erasures.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind as ErasureKind,
        subjectId: e.subject_id,
        actorId: e.actor_id,
        records: byErasure.get(e.id) ?? [],
      }));
    },
  };
}
export type ErasureStore = ReturnType<typeof createErasureStore>;
