import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { DRAFT_STATUSES, type Draft, type DraftError, type DraftProgress, type DraftStatus, type LlmProvider } from '../domain/draft.js';
import type { DraftCheck, EvidenceSpan } from '../domain/evidence.js';
import type { Cursor, StorePage } from '../domain/paging.js';
import type { ProfileFields } from '../domain/profile.js';
import { type Dialect, type Executor, now } from './db.js';
import { keysetPage } from './paging.js';
import type { Schema } from './schema.js';

type Row = Selectable<Schema['drafts']>;

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

const toDraft = (r: Row): Draft => ({
  id: r.id,
  interviewId: r.interview_id,
  status: r.status as DraftStatus,
  progress: parse<DraftProgress>(r.progress_json) ?? undefined,
  profile: parse<ProfileFields>(r.profile_json),
  evidence: parse<EvidenceSpan[]>(r.evidence_json) ?? [],
  checks: parse<DraftCheck[]>(r.checks_json) ?? [],
  provider: r.provider as LlmProvider,
  model: r.model,
  promptId: r.prompt_id,
  promptVersion: r.prompt_version,
  error: parse<DraftError>(r.error_json),
  durationMs: r.duration_ms,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  rejectReason: r.reject_reason,
  advocateId: r.advocate_id,
});

/** Who holds a draft's claim, and for how long (the drafting queue's view of a row). */
export type DraftClaim = { id: string; claimedBy: string | null; claimExpiresAt: string | null; claims: number };

export function createDraftStore(db: Executor, dialect: Dialect) {
  const get = async (id: string): Promise<Draft | undefined> => {
    const r = await db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toDraft(r);
  };
  return {
    get,
    /**
     * The draft, its row locked until the transaction ends (Postgres: SELECT … FOR UPDATE), so two
     * instances deciding the same draft take turns and the second sees the first's decision. SQLite runs
     * one transaction at a time, so a plain read is already exclusive there.
     */
    async getForDecision(id: string): Promise<Draft | undefined> {
      const q = db.selectFrom('drafts').selectAll().where('id', '=', id);
      const r = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
      return r && toDraft(r);
    },
    async insert(input: { interviewId: string; provider: LlmProvider; model: string; createdBy: string }): Promise<Draft> {
      const t = now();
      const id = randomUUID();
      await db
        .insertInto('drafts')
        .values({
          id,
          interview_id: input.interviewId,
          status: 'drafting',
          progress_json: JSON.stringify({ stage: 'queued' }),
          profile_json: null,
          error_json: null,
          duration_ms: null,
          decided_by: null,
          decided_at: null,
          reject_reason: null,
          advocate_id: null,
          provider: input.provider,
          model: input.model,
          created_by: input.createdBy,
          created_at: t,
          updated_at: t,
        })
        .execute();
      return (await get(id))!;
    },
    /** Every draft (or those in one status), oldest first. Not for the API: it pages (`page`). */
    async list(status?: DraftStatus): Promise<Draft[]> {
      let q = db.selectFrom('drafts').selectAll().orderBy('created_at').orderBy('id');
      if (status) q = q.where('status', '=', status);
      return (await q.execute()).map((r) => toDraft(r));
    },
    /** One page of the drafts in `statuses`, by creation time (keyset on created_at, id). */
    async page(
      statuses: readonly DraftStatus[],
      order: 'asc' | 'desc',
      request: { limit: number; cursor?: Cursor },
    ): Promise<StorePage<Draft>> {
      const rows = db.selectFrom('drafts').selectAll().where('status', 'in', [...statuses]);
      const count = db.selectFrom('drafts').where('status', 'in', [...statuses]);
      const page = await keysetPage(rows, count, { time: 'created_at', id: 'id', order }, request, (r) => [r.created_at, r.id]);
      return { ...page, items: page.items.map((r) => toDraft(r)) };
    },
    /** Drafts per status (every status present, 0 when none): one GROUP BY on the status index. */
    async counts(): Promise<Record<DraftStatus, number>> {
      const out = Object.fromEntries(DRAFT_STATUSES.map((s) => [s, 0])) as Record<DraftStatus, number>;
      const rows = await db.selectFrom('drafts').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      for (const r of rows) out[r.status as DraftStatus] = Number(r.n);
      return out;
    },

    // ── The drafting queue: durable claims with a lease ────────────────────────────────────────────────
    /**
     * Claims up to `limit` waiting drafts (oldest first) for `worker` until `until`: drafts nobody holds,
     * or whose holder's lease lapsed (it died or hung). Postgres: FOR UPDATE SKIP LOCKED, so concurrent
     * claimers from several instances skip each other's rows instead of waiting or taking the same ones.
     * SQLite: the one UPDATE is atomic (one writer at a time). Returns the claimed ids.
     */
    async claim(worker: string, opts: { limit: number; until: string; at?: string }): Promise<string[]> {
      if (opts.limit <= 0) return [];
      const at = opts.at ?? now();
      const waiting = db
        .selectFrom('drafts')
        .select('id')
        .where('status', '=', 'drafting')
        .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claim_expires_at', '<', at)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(opts.limit);
      const rows = await db
        .updateTable('drafts')
        .set((eb) => ({ claimed_by: worker, claim_expires_at: opts.until, claims: eb('claims', '+', 1) }))
        .where('id', 'in', dialect === 'postgres' ? waiting.forUpdate().skipLocked() : waiting)
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
    /** Extends the lease while drafting; false when the claim was lost (it lapsed and another worker took it). */
    async renew(id: string, worker: string, until: string): Promise<boolean> {
      const r = await db
        .updateTable('drafts')
        .set({ claim_expires_at: until })
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('status', '=', 'drafting')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Frees claims so the drafts are taken again at once: all of them (`null`: SQLite has one instance) or one worker's. */
    async releaseClaims(workerPrefix: string | null): Promise<number> {
      let q = db.updateTable('drafts').set({ claimed_by: null, claim_expires_at: null }).where('status', '=', 'drafting');
      // substr, not LIKE: an instance id may contain `_`, which LIKE reads as a wildcard.
      q =
        workerPrefix === null
          ? q.where('claimed_by', 'is not', null)
          : q.where(sql<string>`substr(claimed_by, 1, ${workerPrefix.length})`, '=', workerPrefix);
      return Number((await q.executeTakeFirst()).numUpdatedRows);
    },
    /** Drafts waiting for a worker, oldest first (their place in line). */
    async waiting(at: string = now()): Promise<string[]> {
      const rows = await db
        .selectFrom('drafts')
        .select('id')
        .where('status', '=', 'drafting')
        .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claim_expires_at', '<', at)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(500)
        .execute();
      return rows.map((r) => r.id);
    },
    async claimOf(id: string): Promise<DraftClaim | undefined> {
      const r = await db
        .selectFrom('drafts')
        .select(['id', 'claimed_by as claimedBy', 'claim_expires_at as claimExpiresAt', 'claims'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { ...r, claims: Number(r.claims) };
    },
    async setProgress(id: string, progress: DraftProgress, worker: string): Promise<void> {
      await db
        .updateTable('drafts')
        .set({ progress_json: JSON.stringify(progress), updated_at: now() })
        .where('id', '=', id)
        .where('claimed_by', '=', worker)
        .where('status', '=', 'drafting')
        .execute();
    },
    /** (Re)start drafting: clears a previous failure and any claim; provider/model are whatever drafts it now. */
    async restart(id: string, provider: LlmProvider, model: string): Promise<void> {
      await db
        .updateTable('drafts')
        .set({
          status: 'drafting',
          progress_json: JSON.stringify({ stage: 'queued' }),
          error_json: null,
          provider,
          model,
          claimed_by: null,
          claim_expires_at: null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
    },
    /**
     * Stores the result if `worker` still holds the claim; false when it lost it (the result is dropped).
     * claimed_by stays as the record of which worker drafted it.
     */
    async markReady(
      id: string,
      result: {
        profile: ProfileFields;
        evidence: EvidenceSpan[];
        checks: DraftCheck[];
        promptId: string;
        promptVersion: string;
        durationMs: number;
      },
      worker: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('drafts')
        .set({
          status: 'ready',
          progress_json: JSON.stringify({ stage: 'done', fraction: 1 }),
          profile_json: JSON.stringify(result.profile),
          evidence_json: JSON.stringify(result.evidence),
          checks_json: JSON.stringify(result.checks),
          prompt_id: result.promptId,
          prompt_version: result.promptVersion,
          duration_ms: Math.round(result.durationMs),
          error_json: null,
          claim_expires_at: null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'drafting')
        .where('claimed_by', '=', worker)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markFailed(id: string, error: DraftError, durationMs: number, worker: string): Promise<boolean> {
      const r = await db
        .updateTable('drafts')
        .set({
          status: 'failed',
          progress_json: null,
          error_json: JSON.stringify(error),
          duration_ms: Math.round(durationMs),
          claim_expires_at: null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'drafting')
        .where('claimed_by', '=', worker)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Only a `ready` draft becomes approved; false otherwise (the caller answers 409). */
    async markApproved(id: string, by: string, advocateId: string): Promise<boolean> {
      const t = now();
      const r = await db
        .updateTable('drafts')
        .set({ status: 'approved', decided_by: by, decided_at: t, advocate_id: advocateId, updated_at: t })
        .where('id', '=', id)
        .where('status', '=', 'ready')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markRejected(id: string, by: string, reason: string): Promise<void> {
      const t = now();
      await db
        .updateTable('drafts')
        .set({ status: 'rejected', decided_by: by, decided_at: t, reject_reason: reason, updated_at: t })
        .where('id', '=', id)
        .execute();
    },
  };
}
export type DraftStore = ReturnType<typeof createDraftStore>;
