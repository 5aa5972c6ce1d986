import { randomUUID } from 'node:crypto';
import type { Draft, DraftError, DraftProgress, DraftStatus, LlmProvider } from '../domain/draft.js';
import type { DraftCheck, EvidenceSpan } from '../domain/evidence.js';
import type { ProfileFields } from '../domain/profile.js';
import { type Db, now } from './db.js';

type Row = {
  id: string;
  interview_id: string;
  status: DraftStatus;
  progress_json: string | null;
  profile_json: string | null;
  evidence_json: string;
  checks_json: string;
  provider: LlmProvider;
  model: string;
  prompt_id: string;
  prompt_version: string;
  error_json: string | null;
  duration_ms: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  advocate_id: string | null;
};

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

const toDraft = (r: Row): Draft => ({
  id: r.id,
  interviewId: r.interview_id,
  status: r.status,
  progress: parse<DraftProgress>(r.progress_json) ?? undefined,
  profile: parse<ProfileFields>(r.profile_json),
  evidence: parse<EvidenceSpan[]>(r.evidence_json) ?? [],
  checks: parse<DraftCheck[]>(r.checks_json) ?? [],
  provider: r.provider,
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

export function createDraftStore(db: Db) {
  const get = (id: string): Draft | undefined => {
    const r = db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined;
    return r && toDraft(r);
  };
  return {
    get,
    insert(input: { interviewId: string; provider: LlmProvider; model: string; createdBy: string }): Draft {
      const t = now();
      const id = randomUUID();
      db.prepare(
        `INSERT INTO drafts (id, interview_id, status, progress_json, provider, model, created_by, created_at, updated_at)
         VALUES (?, ?, 'drafting', ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.interviewId, JSON.stringify({ stage: 'queued' }), input.provider, input.model, input.createdBy, t, t);
      return get(id)!;
    },
    list(status?: DraftStatus): Draft[] {
      const rows = status
        ? db.prepare('SELECT * FROM drafts WHERE status = ? ORDER BY created_at, id').all(status)
        : db.prepare('SELECT * FROM drafts ORDER BY created_at, id').all();
      return (rows as Row[]).map(toDraft);
    },
    /** Drafts left `drafting` by a stopped process: resumed at start so no notes wait forever. */
    unfinished(): Draft[] {
      return (db.prepare("SELECT * FROM drafts WHERE status = 'drafting' ORDER BY created_at").all() as Row[]).map(toDraft);
    },
    setProgress(id: string, progress: DraftProgress): void {
      db.prepare('UPDATE drafts SET progress_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), now(), id);
    },
    /** (Re)start drafting: clears a previous failure; provider/model are whatever drafts it now. */
    restart(id: string, provider: LlmProvider, model: string): void {
      db.prepare(
        `UPDATE drafts SET status = 'drafting', progress_json = ?, error_json = NULL, provider = ?, model = ?, updated_at = ?
         WHERE id = ?`,
      ).run(JSON.stringify({ stage: 'queued' }), provider, model, now(), id);
    },
    markReady(
      id: string,
      result: {
        profile: ProfileFields;
        evidence: EvidenceSpan[];
        checks: DraftCheck[];
        promptId: string;
        promptVersion: string;
        durationMs: number;
      },
    ): void {
      db.prepare(
        `UPDATE drafts SET status = 'ready', progress_json = ?, profile_json = ?, evidence_json = ?, checks_json = ?,
           prompt_id = ?, prompt_version = ?, duration_ms = ?, error_json = NULL, updated_at = ?
         WHERE id = ? AND status = 'drafting'`,
      ).run(
        JSON.stringify({ stage: 'done', fraction: 1 }),
        JSON.stringify(result.profile),
        JSON.stringify(result.evidence),
        JSON.stringify(result.checks),
        result.promptId,
        result.promptVersion,
        Math.round(result.durationMs),
        now(),
        id,
      );
    },
    markFailed(id: string, error: DraftError, durationMs: number): void {
      db.prepare(
        `UPDATE drafts SET status = 'failed', progress_json = NULL, error_json = ?, duration_ms = ?, updated_at = ?
         WHERE id = ? AND status = 'drafting'`,
      ).run(JSON.stringify(error), Math.round(durationMs), now(), id);
    },
    markApproved(id: string, by: string, advocateId: string): void {
      const t = now();
      db.prepare(
        `UPDATE drafts SET status = 'approved', decided_by = ?, decided_at = ?, advocate_id = ?, updated_at = ? WHERE id = ?`,
      ).run(by, t, advocateId, t, id);
    },
    markRejected(id: string, by: string, reason: string): void {
      const t = now();
      db.prepare(
        `UPDATE drafts SET status = 'rejected', decided_by = ?, decided_at = ?, reject_reason = ?, updated_at = ? WHERE id = ?`,
      ).run(by, t, reason, t, id);
    },
  };
}
export type DraftStore = ReturnType<typeof createDraftStore>;
