import { randomUUID } from 'node:crypto';
import type { Advocate, AdvocateStatus, AdvocateVersion } from '../domain/advocate.js';
import type { StoredOverride } from '../domain/approval.js';
import { NO_CONSENT, type Consent } from '../domain/consent.js';
import type { EvidenceExcerpt } from '../domain/evidence.js';
import type { FieldChange, ProfileFields } from '../domain/profile.js';
import { type Db, now } from './db.js';

type Row = {
  id: string;
  identity_key: string;
  version: number;
  status: AdvocateStatus;
  profile_json: string;
  indexed_version: number;
  evidence_json: string;
  created_at: string;
  updated_at: string;
  consent_state: 'granted' | 'withdrawn' | null;
  consent_source: string | null;
  consent_by: string | null;
  consent_by_name: string | null;
  consent_at: string | null;
};
type VersionRow = {
  advocate_id: string;
  version: number;
  profile_json: string;
  draft_id: string;
  approved_by: string;
  approved_by_name: string;
  approved_at: string;
  changes_json: string;
  override_json: string | null;
  evidence_json: string;
};

const consentOf = (r: Row): Consent =>
  r.consent_state
    ? {
        state: r.consent_state,
        source: r.consent_source ?? '',
        recordedBy: r.consent_by ? { id: r.consent_by, name: r.consent_by_name ?? '' } : null,
        recordedAt: r.consent_at,
      }
    : NO_CONSENT;

const toAdvocate = (r: Row): Advocate => ({
  ...(JSON.parse(r.profile_json) as ProfileFields),
  id: r.id,
  version: r.version,
  status: r.status,
  consent: consentOf(r),
  evidence: JSON.parse(r.evidence_json) as EvidenceExcerpt[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Advocates with their consent (no row: not recorded). */
const SELECT = `SELECT a.*, c.state AS consent_state, c.source AS consent_source, c.recorded_by AS consent_by,
  u.name AS consent_by_name, c.recorded_at AS consent_at
  FROM advocates a LEFT JOIN advocate_consent c ON c.advocate_id = a.id LEFT JOIN users u ON u.id = c.recorded_by`;

export function createAdvocateStore(db: Db) {
  // Prepared once: matching reads a record for every search hit, and preparing costs more than the read.
  const byId = db.prepare(`${SELECT} WHERE a.id = ?`);
  const get = (id: string): Advocate | undefined => {
    const r = byId.get(id) as Row | undefined;
    return r && toAdvocate(r);
  };
  return {
    get,
    findByKey(key: string): Advocate | undefined {
      const r = db.prepare(`${SELECT} WHERE a.identity_key = ?`).get(key) as Row | undefined;
      return r && toAdvocate(r);
    },
    list(): Advocate[] {
      return (db.prepare(`${SELECT} ORDER BY a.updated_at DESC`).all() as Row[]).map(toAdvocate);
    },
    count(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM advocates').get() as { n: number }).n;
    },
    /** Writes a new version (creating the advocate at version 1). Call inside the approval transaction. */
    saveVersion(input: {
      advocateId?: string;
      key: string;
      profile: ProfileFields;
      draftId: string;
      approvedBy: string;
      changes: FieldChange[];
      override?: StoredOverride;
      evidence: EvidenceExcerpt[];
    }): { id: string; version: number } {
      const t = now();
      const existing = input.advocateId ? get(input.advocateId) : undefined;
      const id = existing?.id ?? randomUUID();
      const version = (existing?.version ?? 0) + 1;
      if (existing) {
        db.prepare('UPDATE advocates SET version = ?, profile_json = ?, evidence_json = ?, identity_key = ?, updated_at = ? WHERE id = ?').run(
          version,
          JSON.stringify(input.profile),
          JSON.stringify(input.evidence),
          input.key,
          t,
          id,
        );
      } else {
        db.prepare(
          `INSERT INTO advocates (id, identity_key, version, status, profile_json, evidence_json, created_at, updated_at)
           VALUES (?, ?, ?, 'active', ?, ?, ?, ?)`,
        ).run(id, input.key, version, JSON.stringify(input.profile), JSON.stringify(input.evidence), t, t);
      }
      db.prepare(
        `INSERT INTO advocate_versions (advocate_id, version, profile_json, draft_id, approved_by, approved_at, changes_json, override_json, evidence_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        version,
        JSON.stringify(input.profile),
        input.draftId,
        input.approvedBy,
        t,
        JSON.stringify(input.changes),
        input.override ? JSON.stringify(input.override) : null,
        JSON.stringify(input.evidence),
      );
      return { id, version };
    },
    versions(id: string): AdvocateVersion[] {
      const rows = db
        .prepare(
          `SELECT v.*, u.name AS approved_by_name FROM advocate_versions v JOIN users u ON u.id = v.approved_by
           WHERE v.advocate_id = ? ORDER BY v.version DESC`,
        )
        .all(id) as VersionRow[];
      return rows.map((r) => ({
        advocateId: r.advocate_id,
        version: r.version,
        profile: JSON.parse(r.profile_json) as ProfileFields,
        draftId: r.draft_id,
        approvedBy: r.approved_by,
        approvedByName: r.approved_by_name,
        approvedAt: r.approved_at,
        changesFromDraft: JSON.parse(r.changes_json) as FieldChange[],
        override: r.override_json ? (JSON.parse(r.override_json) as StoredOverride) : null,
        evidence: JSON.parse(r.evidence_json) as EvidenceExcerpt[],
      }));
    },
    /** Advocates whose latest version is not yet in the search index (after a crash or an embedder change). */
    needingIndex(): Advocate[] {
      return (db.prepare(`${SELECT} WHERE a.indexed_version < a.version`).all() as Row[]).map(toAdvocate);
    },
    /** Records that these versions are in the search index: one transaction per batch, not one per row. */
    markIndexed(rows: { id: string; version: number }[]): void {
      const stmt = db.prepare('UPDATE advocates SET indexed_version = ? WHERE id = ? AND version = ?');
      db.transaction(() => {
        for (const r of rows) stmt.run(r.version, r.id, r.version);
      })();
    },
    /** The search index must look at this advocate again (its consent changed): reconcile() does at start. */
    markUnindexed(id: string): void {
      db.prepare('UPDATE advocates SET indexed_version = 0 WHERE id = ?').run(id);
    },
    /** Consent as recorded now (no row: not recorded). Call inside the deciding transaction. */
    setConsent(id: string, input: { state: 'granted' | 'withdrawn'; source: string; recordedBy: string }): void {
      db.prepare(
        `INSERT INTO advocate_consent (advocate_id, state, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (advocate_id) DO UPDATE SET state = excluded.state, source = excluded.source,
           recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      ).run(id, input.state, input.source, input.recordedBy, now());
    },
    markAllUnindexed(): void {
      db.prepare('UPDATE advocates SET indexed_version = 0').run();
    },
  };
}
export type AdvocateStore = ReturnType<typeof createAdvocateStore>;
