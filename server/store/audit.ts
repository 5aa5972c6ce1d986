import { type Executor, now } from './db.js';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: unknown;
};

/** Append-only trail of decisions (approvals, rejections, user changes). Record inside the deciding transaction. */
export function createAuditStore(db: Executor) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit')
        .values({
          at: now(),
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
        })
        .execute();
    },
    async trail(subjectType: string, subjectId: string): Promise<{ at: string; actorId: string | null; action: string; detail: string | null }[]> {
      return db
        .selectFrom('audit')
        .select(['at', 'actor_id as actorId', 'action', 'detail_json as detail'])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .orderBy('id')
        .execute();
    },
  };
}
export type AuditStore = ReturnType<typeof createAuditStore>;
