import { randomUUID } from 'node:crypto';
import { expressionBuilder, type Expression, type SqlBool, type Updateable } from 'kysely';
import type { Cursor, StorePage } from '../domain/paging.js';
import type { Activity, ProfileFields } from '../domain/profile.js';
import {
  REQUEST_STATUSES,
  type ApproverCapacity,
  type Outcome,
  type PersonRef,
  type RequestApproval,
  type RequestKind,
  type RequestStatus,
  type RequestSummary,
} from '../domain/request.js';
import { type Dialect, type Executor, now } from './db.js';
import { keysetPage } from './paging.js';
import type { Schema } from './schema.js';

/** Filters of the requests list (GET /api/requests). */
export type RequestListFilter = { statuses?: readonly RequestStatus[]; advocateId?: string; visibleTo?: string };

/**
 * The list's filters on advocate_requests as `r`, as one condition both the rows and the counts use (null:
 * none). `visibleTo` limits the list to a person's own requests and those for advocates whose account they
 * own (left out for managers and admins, who see all).
 */
function listCondition(filter: RequestListFilter): Expression<SqlBool> | null {
  const eb = expressionBuilder<{ r: Schema['advocate_requests']; advocate_program: Schema['advocate_program'] }, 'r'>();
  const parts: Expression<SqlBool>[] = [];
  if (filter.statuses) parts.push(eb('r.status', 'in', [...filter.statuses]));
  if (filter.advocateId) parts.push(eb('r.advocate_id', '=', filter.advocateId));
  const viewer = filter.visibleTo;
  if (viewer) {
    parts.push(
      eb.or([
        eb('r.requested_by', '=', viewer),
        eb('r.advocate_id', 'in', eb.selectFrom('advocate_program').select('advocate_id').where('account_owner_id', '=', viewer)),
      ]),
    );
  }
  return parts.length ? eb.and(parts) : null;
}

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
  kind: string;
  prospect_company: string;
  description: string;
  needed_by: string | null;
  status: string;
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
type ApprovalRow = { request_id: string; capacity: string; user_id: string; name: string; at: string; note: string | null };

/** Lists of ids go to `IN (…)` in chunks, well below either dialect's limit on bound parameters. */
const CHUNK = 500;
const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));
/**
 * Past this many ids (/program asks about every advocate) one read of the whole table, kept to the ids,
 * beats hundreds of chunked `IN (…)` reads: those tables hold a few rows per engaged advocate only.
 */
const WHOLE_TABLE_ABOVE = 4 * CHUNK;
const byIds = (ids: string[]): (string[] | undefined)[] => (ids.length > WHOLE_TABLE_ABOVE ? [undefined] : chunks(ids));

function toRecord(r: Row, approvals: RequestApproval[]): RequestRecord {
  const p = JSON.parse(r.profile_json) as ProfileFields;
  return {
    id: r.id,
    advocate: { id: r.advocate_id, name: p.name, title: p.title, company: p.company, activities: p.activities },
    kind: r.kind as RequestKind,
    prospectCompany: r.prospect_company,
    description: r.description,
    neededBy: r.needed_by,
    status: r.status as RequestStatus,
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
  capacity: a.capacity as ApproverCapacity,
  by: { id: a.user_id, name: a.name },
  at: a.at,
  note: a.note,
});

export function createRequestStore(db: Executor, dialect: Dialect) {
  const select = () =>
    db
      .selectFrom('advocate_requests as r')
      .innerJoin('users as ru', 'ru.id', 'r.requested_by')
      .leftJoin('users as du', 'du.id', 'r.decided_by')
      .innerJoin('advocates as a', 'a.id', 'r.advocate_id')
      .selectAll('r')
      .select(['ru.name as requester_name', 'du.name as decider_name', 'a.profile_json']);

  const approvalsFor = async (ids: string[]): Promise<Map<string, RequestApproval[]>> => {
    const out = new Map<string, RequestApproval[]>();
    for (const part of chunks(ids)) {
      const rows = await db
        .selectFrom('advocate_request_approvals as ap')
        .innerJoin('users as u', 'u.id', 'ap.user_id')
        .selectAll('ap')
        .select('u.name')
        .where('ap.request_id', 'in', part)
        .orderBy('ap.at')
        .execute();
      for (const a of rows) out.set(a.request_id, [...(out.get(a.request_id) ?? []), toApproval(a)]);
    }
    return out;
  };
  const hydrate = async (rows: Row[]): Promise<RequestRecord[]> => {
    const approvals = await approvalsFor(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, approvals.get(r.id) ?? []));
  };
  const get = async (id: string): Promise<RequestRecord | undefined> => {
    const r = await select().where('r.id', '=', id).executeTakeFirst();
    return r && (await hydrate([r]))[0];
  };
  const touch = (id: string, patch: Updateable<Schema['advocate_requests']>) =>
    db.updateTable('advocate_requests').set({ ...patch, updated_at: now() }).where('id', '=', id).execute();

  return {
    get,
    /**
     * Locks the request's row until the transaction ends (Postgres: FOR UPDATE), so decisions on one request
     * from several instances take turns and each sees the state the previous one left. SQLite transactions
     * already run one at a time.
     */
    async lock(id: string): Promise<void> {
      if (dialect === 'postgres') await db.selectFrom('advocate_requests').select('id').where('id', '=', id).forUpdate().execute();
    },
    async insert(input: {
      advocateId: string;
      kind: RequestKind;
      prospectCompany: string;
      description: string;
      neededBy: string | null;
      requestedBy: string;
    }): Promise<string> {
      const id = randomUUID();
      const t = now();
      await db
        .insertInto('advocate_requests')
        .values({
          id,
          advocate_id: input.advocateId,
          kind: input.kind,
          prospect_company: input.prospectCompany,
          description: input.description,
          needed_by: input.neededBy,
          status: 'requested',
          requested_by: input.requestedBy,
          created_at: t,
          updated_at: t,
          decided_by: null,
          decided_at: null,
          decline_reason: null,
          scheduled_for: null,
          happened_at: null,
          completed_at: null,
          outcome_json: null,
          feedback: null,
        })
        .execute();
      return id;
    },
    /** One page of the requests list, newest first (keyset on created_at, id). */
    async page(filter: RequestListFilter, request: { limit: number; cursor?: Cursor }): Promise<StorePage<RequestRecord>> {
      const condition = listCondition(filter);
      const rows = condition ? select().where(condition) : select();
      const count = condition ? db.selectFrom('advocate_requests as r').where(condition) : db.selectFrom('advocate_requests as r');
      const page = await keysetPage(rows, count, { time: 'r.created_at', id: 'r.id', order: 'desc' }, request, (r) => [r.created_at, r.id]);
      return { ...page, items: await hydrate(page.items) };
    },
    /** Requests per status under `filter` (its statuses left out): every status present, 0 when none. */
    async counts(filter: Omit<RequestListFilter, 'statuses'>): Promise<Record<RequestStatus, number>> {
      const condition = listCondition(filter);
      const base = db.selectFrom('advocate_requests as r').select(['r.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('r.status');
      const out = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
      for (const r of await (condition ? base.where(condition) : base).execute()) out[r.status as RequestStatus] = Number(r.n);
      return out;
    },
    /** An open request by the same person for the same advocate (a duplicate is refused). */
    async findOpen(advocateId: string, requestedBy: string): Promise<string | undefined> {
      const r = await db
        .selectFrom('advocate_requests')
        .select('id')
        .where('advocate_id', '=', advocateId)
        .where('requested_by', '=', requestedBy)
        .where('status', 'in', ['requested', 'approved', 'scheduled'])
        .limit(1)
        .executeTakeFirst();
      return r?.id;
    },
    async addApproval(requestId: string, capacity: ApproverCapacity, userId: string, note: string | null): Promise<void> {
      await db.insertInto('advocate_request_approvals').values({ request_id: requestId, capacity, user_id: userId, at: now(), note }).execute();
      await touch(requestId, {});
    },
    async markApproved(id: string, by: string): Promise<void> {
      await touch(id, { status: 'approved', decided_by: by, decided_at: now() });
    },
    async markDeclined(id: string, by: string, reason: string): Promise<void> {
      await touch(id, { status: 'declined', decided_by: by, decided_at: now(), decline_reason: reason });
    },
    async markScheduled(id: string, scheduledFor: string): Promise<void> {
      await touch(id, { status: 'scheduled', scheduled_for: scheduledFor });
    },
    async markCompleted(id: string, input: { happenedAt: string; outcome: Outcome; feedback: string | null }): Promise<void> {
      await touch(id, {
        status: 'completed',
        happened_at: input.happenedAt,
        completed_at: now(),
        outcome_json: JSON.stringify(input.outcome),
        feedback: input.feedback,
      });
    },
    /** Completed engagements (their dates) and open commitments per advocate: the input of burnout rules. */
    async engagementsOf(advocateIds: string[]): Promise<Map<string, { engagements: string[]; upcoming: number }>> {
      const out = new Map<string, { engagements: string[]; upcoming: number }>();
      const wanted = new Set(advocateIds);
      for (const part of byIds(advocateIds)) {
        let q = db.selectFrom('advocate_requests').select(['advocate_id', 'status', 'happened_at']).where('status', 'in', ['completed', 'approved', 'scheduled']);
        if (part) q = q.where('advocate_id', 'in', part);
        for (const r of await q.execute()) {
          if (!wanted.has(r.advocate_id)) continue;
          const entry = out.get(r.advocate_id) ?? { engagements: [], upcoming: 0 };
          if (r.status === 'completed' && r.happened_at) entry.engagements.push(r.happened_at);
          else if (r.status !== 'completed') entry.upcoming++;
          out.set(r.advocate_id, entry);
        }
      }
      return out;
    },
    /** Counts and the most recent requests for one advocate: "when was this advocate last asked, by whom". */
    async history(advocateId: string, recent = 10) {
      const counts = await db
        .selectFrom('advocate_requests')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.sum<number>(eb.case().when('status', 'in', ['requested', 'approved', 'scheduled']).then(1).else(0).end()).as('open'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'completed').then(1).else(0).end()).as('completed'),
        ])
        .where('advocate_id', '=', advocateId)
        .executeTakeFirstOrThrow();
      const rows = await select().where('r.advocate_id', '=', advocateId).orderBy('r.created_at', 'desc').orderBy('r.id').limit(recent).execute();
      const items: RequestSummary[] = rows.map((r) => ({
        id: r.id,
        kind: r.kind as RequestKind,
        status: r.status as RequestStatus,
        prospectCompany: r.prospect_company,
        requestedBy: { id: r.requested_by, name: r.requester_name },
        createdAt: r.created_at,
        outcome: r.outcome_json ? (JSON.parse(r.outcome_json) as Outcome).result : null,
      }));
      return {
        total: Number(counts.total),
        open: Number(counts.open ?? 0),
        completed: Number(counts.completed ?? 0),
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

export function createAdvocateProgramStore(db: Executor) {
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
  const get = async (advocateId: string): Promise<ProgramRecord> => {
    const r = await db.selectFrom('advocate_program').selectAll().where('advocate_id', '=', advocateId).executeTakeFirst();
    return r ? toRecord(r) : empty(advocateId);
  };
  return {
    /** The settings of one advocate (defaults when none were set). */
    get,
    /** Caps set per advocate (absent: the default applies). */
    async capsOf(advocateIds: string[]): Promise<Map<string, number | null>> {
      const out = new Map<string, number | null>();
      const wanted = new Set(advocateIds);
      for (const part of byIds(advocateIds)) {
        let q = db.selectFrom('advocate_program').select(['advocate_id', 'engagement_cap']);
        if (part) q = q.where('advocate_id', 'in', part);
        for (const r of await q.execute()) if (wanted.has(r.advocate_id)) out.set(r.advocate_id, r.engagement_cap);
      }
      return out;
    },
    /** Writes the given fields (others keep their value). Call inside the deciding transaction. */
    async update(
      advocateId: string,
      patch: Partial<Pick<ProgramRecord, 'engagementCap' | 'accountOwnerId' | 'contactEmail' | 'contactPhone'>>,
      by: string,
    ): Promise<ProgramRecord> {
      const next = { ...(await get(advocateId)), ...patch, updatedBy: by, updatedAt: now() };
      const row = {
        advocate_id: advocateId,
        engagement_cap: next.engagementCap,
        account_owner_id: next.accountOwnerId,
        contact_email: next.contactEmail,
        contact_phone: next.contactPhone,
        updated_by: next.updatedBy,
        updated_at: next.updatedAt,
      };
      const { advocate_id: _key, ...changes } = row;
      await db
        .insertInto('advocate_program')
        .values(row)
        .onConflict((oc) => oc.column('advocate_id').doUpdateSet(changes))
        .execute();
      return next;
    },
  };
}
export type AdvocateProgramStore = ReturnType<typeof createAdvocateProgramStore>;
