import { randomUUID } from 'node:crypto';
import type { Activity, ProfileFields } from '../domain/profile.js';
import type {
  ApproverCapacity,
  Outcome,
  PersonRef,
  RequestApproval,
  RequestKind,
  RequestStatus,
  RequestSummary,
} from '../domain/request.js';
import { type Db, now } from './db.js';

/**
 * Requests for advocates (which become engagements when completed) and the advocacy program's settings per
 * advocate (engagement cap, account owner, private contact details). Contact details live here, not in the
 * advocate profile, so they never reach the search index or a match result.
 */
export type RequestRecord = {
  id: string;
  advocate: { id: string; name: string; title: string; company: string; activities: Activity[] };
  kind: RequestKind;
  prospectCompany: string;
  description: string;
  neededBy: string | null;
  status: RequestStatus;
  requestedBy: PersonRef;
  createdAt: string;
  updatedAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  declineReason: string | null;
  scheduledFor: string | null;
  happenedAt: string | null;
  completedAt: string | null;
  outcome: Outcome | null;
  feedback: string | null;
  approvals: RequestApproval[];
};

type Row = {
  id: string;
  advocate_id: string;
  kind: RequestKind;
  prospect_company: string;
  description: string;
  needed_by: string | null;
  status: RequestStatus;
  requested_by: string;
  requester_name: string;
  created_at: string;
  updated_at: string;
  decided_by: string | null;
  decider_name: string | null;
  decided_at: string | null;
  decline_reason: string | null;
  scheduled_for: string | null;
  happened_at: string | null;
  completed_at: string | null;
  outcome_json: string | null;
  feedback: string | null;
  profile_json: string;
};
type ApprovalRow = { request_id: string; capacity: ApproverCapacity; user_id: string; name: string; at: string; note: string | null };

const SELECT = `
  SELECT r.*, ru.name AS requester_name, du.name AS decider_name, a.profile_json
  FROM advocate_requests r
  JOIN users ru ON ru.id = r.requested_by
  LEFT JOIN users du ON du.id = r.decided_by
  JOIN advocates a ON a.id = r.advocate_id`;

function toRecord(r: Row, approvals: RequestApproval[]): RequestRecord {
  const p = JSON.parse(r.profile_json) as ProfileFields;
  return {
    id: r.id,
    advocate: { id: r.advocate_id, name: p.name, title: p.title, company: p.company, activities: p.activities },
    kind: r.kind,
    prospectCompany: r.prospect_company,
    description: r.description,
    neededBy: r.needed_by,
    status: r.status,
    requestedBy: { id: r.requested_by, name: r.requester_name },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decider_name ?? '' } : null,
    decidedAt: r.decided_at,
    declineReason: r.decline_reason,
    scheduledFor: r.scheduled_for,
    happenedAt: r.happened_at,
    completedAt: r.completed_at,
    outcome: r.outcome_json ? (JSON.parse(r.outcome_json) as Outcome) : null,
    feedback: r.feedback,
    approvals,
  };
}

const toApproval = (a: ApprovalRow): RequestApproval => ({
  capacity: a.capacity,
  by: { id: a.user_id, name: a.name },
  at: a.at,
  note: a.note,
});

export function createRequestStore(db: Db) {
  const approvalsFor = (ids: string[]): Map<string, RequestApproval[]> => {
    const out = new Map<string, RequestApproval[]>();
    if (ids.length === 0) return out;
    const rows = db
      .prepare(
        `SELECT ap.*, u.name FROM advocate_request_approvals ap JOIN users u ON u.id = ap.user_id
         WHERE ap.request_id IN (SELECT value FROM json_each(?)) ORDER BY ap.at`,
      )
      .all(JSON.stringify(ids)) as ApprovalRow[];
    for (const a of rows) out.set(a.request_id, [...(out.get(a.request_id) ?? []), toApproval(a)]);
    return out;
  };
  const hydrate = (rows: Row[]): RequestRecord[] => {
    const approvals = approvalsFor(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, approvals.get(r.id) ?? []));
  };
  const get = (id: string): RequestRecord | undefined => {
    const r = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
    return r && hydrate([r])[0];
  };
  const touch = (id: string, sets: string, ...values: unknown[]) =>
    db.prepare(`UPDATE advocate_requests SET ${sets}, updated_at = ? WHERE id = ?`).run(...values, now(), id);

  return {
    get,
    insert(input: {
      advocateId: string;
      kind: RequestKind;
      prospectCompany: string;
      description: string;
      neededBy: string | null;
      requestedBy: string;
    }): string {
      const id = randomUUID();
      const t = now();
      db.prepare(
        `INSERT INTO advocate_requests (id, advocate_id, kind, prospect_company, description, needed_by, status, requested_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?)`,
      ).run(id, input.advocateId, input.kind, input.prospectCompany, input.description, input.neededBy, input.requestedBy, t, t);
      return id;
    },
    /**
     * Newest first. `visibleTo` limits the list to a person's own requests and those for advocates whose
     * account they own (omit it for managers and admins, who see all).
     */
    list(filter: { status?: RequestStatus; advocateId?: string; visibleTo?: string } = {}): RequestRecord[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.status) {
        where.push('r.status = ?');
        params.push(filter.status);
      }
      if (filter.advocateId) {
        where.push('r.advocate_id = ?');
        params.push(filter.advocateId);
      }
      if (filter.visibleTo) {
        where.push(
          '(r.requested_by = ? OR r.advocate_id IN (SELECT advocate_id FROM advocate_program WHERE account_owner_id = ?))',
        );
        params.push(filter.visibleTo, filter.visibleTo);
      }
      const sql = `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY r.created_at DESC, r.id LIMIT 500`;
      return hydrate(db.prepare(sql).all(...params) as Row[]);
    },
    /** An open request by the same person for the same advocate (a duplicate is refused). */
    findOpen(advocateId: string, requestedBy: string): string | undefined {
      const r = db
        .prepare(
          `SELECT id FROM advocate_requests WHERE advocate_id = ? AND requested_by = ?
           AND status IN ('requested','approved','scheduled') LIMIT 1`,
        )
        .get(advocateId, requestedBy) as { id: string } | undefined;
      return r?.id;
    },
    addApproval(requestId: string, capacity: ApproverCapacity, userId: string, note: string | null): void {
      db.prepare('INSERT INTO advocate_request_approvals (request_id, capacity, user_id, at, note) VALUES (?, ?, ?, ?, ?)').run(
        requestId,
        capacity,
        userId,
        now(),
        note,
      );
      touch(requestId, 'status = status');
    },
    markApproved(id: string, by: string): void {
      touch(id, "status = 'approved', decided_by = ?, decided_at = ?", by, now());
    },
    markDeclined(id: string, by: string, reason: string): void {
      touch(id, "status = 'declined', decided_by = ?, decided_at = ?, decline_reason = ?", by, now(), reason);
    },
    markScheduled(id: string, scheduledFor: string): void {
      touch(id, "status = 'scheduled', scheduled_for = ?", scheduledFor);
    },
    markCompleted(id: string, input: { happenedAt: string; outcome: Outcome; feedback: string | null }): void {
      touch(
        id,
        "status = 'completed', happened_at = ?, completed_at = ?, outcome_json = ?, feedback = ?",
        input.happenedAt,
        now(),
        JSON.stringify(input.outcome),
        input.feedback,
      );
    },
    /** Completed engagements (their dates) and open commitments per advocate: the input of burnout rules. */
    engagementsOf(advocateIds: string[]): Map<string, { engagements: string[]; upcoming: number }> {
      const out = new Map<string, { engagements: string[]; upcoming: number }>();
      if (advocateIds.length === 0) return out;
      const rows = db
        .prepare(
          `SELECT advocate_id, status, happened_at FROM advocate_requests
           WHERE advocate_id IN (SELECT value FROM json_each(?)) AND status IN ('completed','approved','scheduled')`,
        )
        .all(JSON.stringify(advocateIds)) as { advocate_id: string; status: RequestStatus; happened_at: string | null }[];
      for (const r of rows) {
        const entry = out.get(r.advocate_id) ?? { engagements: [], upcoming: 0 };
        if (r.status === 'completed' && r.happened_at) entry.engagements.push(r.happened_at);
        else if (r.status !== 'completed') entry.upcoming++;
        out.set(r.advocate_id, entry);
      }
      return out;
    },
    /** Counts and the most recent requests for one advocate: "when was this advocate last asked, by whom". */
    history(advocateId: string, recent = 10) {
      const counts = db
        .prepare(
          `SELECT COUNT(*) AS total,
             SUM(status IN ('requested','approved','scheduled')) AS open,
             SUM(status = 'completed') AS completed
           FROM advocate_requests WHERE advocate_id = ?`,
        )
        .get(advocateId) as { total: number; open: number | null; completed: number | null };
      const rows = db
        .prepare(`${SELECT} WHERE r.advocate_id = ? ORDER BY r.created_at DESC, r.id LIMIT ?`)
        .all(advocateId, recent) as Row[];
      const items: RequestSummary[] = rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        prospectCompany: r.prospect_company,
        requestedBy: { id: r.requested_by, name: r.requester_name },
        createdAt: r.created_at,
        outcome: r.outcome_json ? (JSON.parse(r.outcome_json) as Outcome).result : null,
      }));
      return {
        total: counts.total,
        open: counts.open ?? 0,
        completed: counts.completed ?? 0,
        lastAsked: items[0] ?? null,
        recent: items,
      };
    },
  };
}
export type RequestStore = ReturnType<typeof createRequestStore>;

export type ProgramRecord = {
  advocateId: string;
  engagementCap: number | null;
  accountOwnerId: string | null;
  contactEmail: string;
  contactPhone: string;
  updatedBy: string | null;
  updatedAt: string | null;
};

type ProgramRow = {
  advocate_id: string;
  engagement_cap: number | null;
  account_owner_id: string | null;
  contact_email: string;
  contact_phone: string;
  updated_by: string | null;
  updated_at: string;
};

export function createAdvocateProgramStore(db: Db) {
  const toRecord = (r: ProgramRow): ProgramRecord => ({
    advocateId: r.advocate_id,
    engagementCap: r.engagement_cap,
    accountOwnerId: r.account_owner_id,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
  const empty = (advocateId: string): ProgramRecord => ({
    advocateId,
    engagementCap: null,
    accountOwnerId: null,
    contactEmail: '',
    contactPhone: '',
    updatedBy: null,
    updatedAt: null,
  });
  const get = (advocateId: string): ProgramRecord => {
    const r = db.prepare('SELECT * FROM advocate_program WHERE advocate_id = ?').get(advocateId) as ProgramRow | undefined;
    return r ? toRecord(r) : empty(advocateId);
  };
  return {
    /** The settings of one advocate (defaults when none were set). */
    get,
    /** Caps set per advocate (absent: the default applies). */
    capsOf(advocateIds: string[]): Map<string, number | null> {
      const out = new Map<string, number | null>();
      if (advocateIds.length === 0) return out;
      const rows = db
        .prepare('SELECT advocate_id, engagement_cap FROM advocate_program WHERE advocate_id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(advocateIds)) as { advocate_id: string; engagement_cap: number | null }[];
      for (const r of rows) out.set(r.advocate_id, r.engagement_cap);
      return out;
    },
    /** Writes the given fields (others keep their value). Call inside the deciding transaction. */
    update(
      advocateId: string,
      patch: Partial<Pick<ProgramRecord, 'engagementCap' | 'accountOwnerId' | 'contactEmail' | 'contactPhone'>>,
      by: string,
    ): ProgramRecord {
      const next = { ...get(advocateId), ...patch, updatedBy: by, updatedAt: now() };
      db.prepare(
        `INSERT INTO advocate_program (advocate_id, engagement_cap, account_owner_id, contact_email, contact_phone, updated_by, updated_at)
         VALUES (@advocateId, @engagementCap, @accountOwnerId, @contactEmail, @contactPhone, @updatedBy, @updatedAt)
         ON CONFLICT(advocate_id) DO UPDATE SET engagement_cap = excluded.engagement_cap,
           account_owner_id = excluded.account_owner_id, contact_email = excluded.contact_email,
           contact_phone = excluded.contact_phone, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(next);
      return next;
    },
  };
}
export type AdvocateProgramStore = ReturnType<typeof createAdvocateProgramStore>;
