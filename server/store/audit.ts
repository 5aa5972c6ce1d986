import { type Db, now } from './db.js';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: unknown;
};

/** Append-only trail of decisions (approvals, rejections, user changes). Call inside the deciding transaction. */
export function audit(db: Db, entry: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit (at, actor_id, action, subject_type, subject_id, detail_json) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    now(),
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  );
}

export function auditFor(db: Db, subjectType: string, subjectId: string) {
  return db
    .prepare('SELECT at, actor_id AS actorId, action, detail_json AS detail FROM audit WHERE subject_type = ? AND subject_id = ? ORDER BY id')
    .all(subjectType, subjectId) as { at: string; actorId: string | null; action: string; detail: string | null }[];
}
