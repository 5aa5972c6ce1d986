import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * What "nothing half-written" means for the system of record, as queries that must all come back empty.
 * Read straight from the SQLite file (read-only, alongside a running server: WAL lets it) or the Postgres
 * database, so the check does not depend on the store code it is checking. A rule is one portable query, or
 * one per dialect where SQLite's JSON functions and Postgres's differ.
 */
type Rule = string | { sqlite: string; postgres: string };
// On Postgres the JSON columns are read as text (LIKE on JSON.stringify's compact output), not cast to json:
// a cast fails on the whole table when any row holds an escaped lone surrogate, which fuzzed text does.
const RULES: Record<string, Rule> = {
  'an interview without its draft': `
    SELECT i.id FROM interviews i WHERE NOT EXISTS (SELECT 1 FROM drafts d WHERE d.interview_id = i.id)`,
  'an interview without its audit row': `
    SELECT i.id FROM interviews i WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'interview.created' AND a.subject_id = i.id)`,
  'a draft without its interview': `
    SELECT d.id FROM drafts d WHERE NOT EXISTS (SELECT 1 FROM interviews i WHERE i.id = d.interview_id)`,
  'an approved draft without its advocate version': `
    SELECT d.id FROM drafts d WHERE d.status = 'approved' AND NOT EXISTS
      (SELECT 1 FROM advocate_versions v WHERE v.draft_id = d.id AND v.advocate_id = d.advocate_id)`,
  'an approved draft without its audit row': `
    SELECT d.id FROM drafts d WHERE d.status = 'approved' AND NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'draft.approved' AND a.subject_id = d.id)`,
  'an advocate version whose draft is not approved': `
    SELECT v.advocate_id || ' v' || v.version FROM advocate_versions v JOIN drafts d ON d.id = v.draft_id
    WHERE d.status <> 'approved' OR d.advocate_id IS DISTINCT FROM v.advocate_id`,
  'a draft.approved audit row without its approval': `
    SELECT a.subject_id FROM audit a WHERE a.action = 'draft.approved' AND NOT EXISTS
      (SELECT 1 FROM drafts d WHERE d.id = a.subject_id AND d.status = 'approved')
    AND NOT EXISTS (SELECT 1 FROM erased_records e WHERE e.record_type = 'draft' AND e.record_id = a.subject_id)`,
  'a rejected draft without its audit row': `
    SELECT d.id FROM drafts d WHERE d.status = 'rejected' AND NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'draft.rejected' AND a.subject_id = d.id)`,
  'an advocate whose current version is missing': `
    SELECT a.id FROM advocates a WHERE a.status <> 'erased' AND NOT EXISTS
      (SELECT 1 FROM advocate_versions v WHERE v.advocate_id = a.id AND v.version = a.version)`,
  'an advocate with a gap in its versions': `
    SELECT a.id FROM advocates a WHERE a.status <> 'erased' AND a.version <> (SELECT count(*) FROM advocate_versions v WHERE v.advocate_id = a.id)`,
  'a request without its audit row': `
    SELECT r.id FROM advocate_requests r WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'request.created' AND a.subject_id = r.id)`,
  'an audit row for a request that does not exist': `
    SELECT a.subject_id FROM audit a WHERE a.subject_type = 'request' AND NOT EXISTS
      (SELECT 1 FROM advocate_requests r WHERE r.id = a.subject_id)`,
  'an approved (or later) request without its final approval and contact release': `
    SELECT r.id FROM advocate_requests r WHERE r.status IN ('approved','scheduled','completed') AND (
      NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'request.contact_released' AND a.subject_id = r.id)
      OR NOT EXISTS (SELECT 1 FROM advocate_request_approvals p WHERE p.request_id = r.id AND p.capacity = 'manager'))`,
  'a declined request without its audit row': `
    SELECT r.id FROM advocate_requests r WHERE r.status = 'declined' AND NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'request.declined' AND a.subject_id = r.id)`,
  'a scheduled or completed request without its audit rows': `
    SELECT r.id FROM advocate_requests r WHERE (r.status = 'scheduled' AND NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'request.scheduled' AND a.subject_id = r.id))
      OR (r.status = 'completed' AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'request.completed' AND a.subject_id = r.id))`,
  'a nomination without its audit row': `
    SELECT n.id FROM nominations n WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'nomination.created' AND a.subject_id = n.id)`,
  'a triaged nomination without the audit row of its decision': `
    SELECT n.id FROM nominations n WHERE n.status <> 'open' AND NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.subject_type = 'nomination' AND a.subject_id = n.id AND a.actor_id = n.decided_by
        AND a.action = CASE n.status WHEN 'duplicate' THEN 'nomination.marked_duplicate' ELSE 'nomination.' || n.status END)`,
  'two live nominations of the same person': `
    SELECT identity_key FROM nominations WHERE status IN ('open','accepted') GROUP BY identity_key HAVING count(*) > 1`,
  'a verification without its audit row': `
    SELECT w.advocate_id FROM advocate_verifications w WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'advocate.verified' AND a.subject_id = w.advocate_id AND a.actor_id = w.verified_by)`,
  'a target without its audit row': `
    SELECT t.id FROM program_targets t WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = 'target.created' AND a.subject_id = t.id)`,
  'a request approval without its audit row': `
    SELECT p.request_id FROM advocate_request_approvals p WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.subject_id = p.request_id AND a.action IN ('request.approved', 'request.created'))`,
  // Erasure (server/domain/erasure.ts): a valid state with an advocate's blank row and scrubbed requests and audit details.
  'an erased record that is still there': `
    SELECT e.record_type || ' ' || e.record_id FROM erased_records e WHERE
      (e.record_type = 'draft' AND EXISTS (SELECT 1 FROM drafts d WHERE d.id = e.record_id))
      OR (e.record_type = 'interview' AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = e.record_id))
      OR (e.record_type = 'advocate' AND EXISTS (SELECT 1 FROM advocates a WHERE a.id = e.record_id AND a.status <> 'erased'))`,
  'an erased advocate that kept a profile, versions, consent or program settings': erasedAdvocateRule(),
  'a request for an erased advocate that kept its free text': `
    SELECT r.id FROM advocate_requests r JOIN advocates a ON a.id = r.advocate_id WHERE a.status = 'erased' AND (
      r.description <> '' OR r.feedback IS NOT NULL OR r.decline_reason IS NOT NULL
      OR EXISTS (SELECT 1 FROM advocate_request_approvals p WHERE p.request_id = r.id AND p.note IS NOT NULL))`,
  'an audit detail about an erased record that was not scrubbed': {
    sqlite: `
    SELECT a.id FROM audit a JOIN erased_records e ON e.record_type = a.subject_type AND e.record_id = a.subject_id
    WHERE a.action NOT IN ('advocate.erased', 'draft.erased')
      AND (a.detail_json IS NULL OR COALESCE(json_extract(a.detail_json, '$.scrubbed'), 0) <> 1)`,
    postgres: `
    SELECT a.id FROM audit a JOIN erased_records e ON e.record_type = a.subject_type AND e.record_id = a.subject_id
    WHERE a.action NOT IN ('advocate.erased', 'draft.erased')
      AND (a.detail_json IS NULL OR a.detail_json NOT LIKE '%"scrubbed":true%')`,
  },
  'an erasure without its audit row': {
    sqlite: `
    SELECT e.id FROM erasures e WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = e.kind || '.erased' AND a.subject_id = e.subject_id
        AND json_extract(a.detail_json, '$.erasureId') = e.id)`,
    postgres: `
    SELECT e.id FROM erasures e WHERE NOT EXISTS
      (SELECT 1 FROM audit a WHERE a.action = e.kind || '.erased' AND a.subject_id = e.subject_id
        AND a.detail_json LIKE '%"erasureId":"' || e.id || '"%')`,
  },
};

function erasedAdvocateRule(): Rule {
  const query = (name: string, company: string, quotes: string) => `
    SELECT a.id FROM advocates a WHERE a.status = 'erased' AND (
      ${name} <> '' OR ${company} <> '' OR ${quotes} > 0 OR a.evidence_json <> '[]'
      OR EXISTS (SELECT 1 FROM advocate_versions v WHERE v.advocate_id = a.id)
      OR EXISTS (SELECT 1 FROM advocate_consent c WHERE c.advocate_id = a.id)
      OR EXISTS (SELECT 1 FROM advocate_program p WHERE p.advocate_id = a.id)
      OR NOT EXISTS (SELECT 1 FROM erased_records e WHERE e.record_type = 'advocate' AND e.record_id = a.id))`;
  return {
    sqlite: query(`json_extract(a.profile_json, '$.name')`, `json_extract(a.profile_json, '$.company')`, `json_array_length(a.profile_json, '$.quotes')`),
    postgres: query(
      `(CASE WHEN a.profile_json LIKE '%"name":""%' THEN '' ELSE 'x' END)`,
      `(CASE WHEN a.profile_json LIKE '%"company":""%' THEN '' ELSE 'x' END)`,
      `(CASE WHEN a.profile_json LIKE '%"quotes":[]%' THEN 0 ELSE 1 END)`,
    ),
  };
}
const ruleFor = (rule: Rule, dialect: 'sqlite' | 'postgres') => (typeof rule === 'string' ? rule : rule[dialect]);
const COUNTED = ['interviews', 'drafts', 'advocates', 'advocate_versions', 'advocate_requests', 'audit', 'users', 'api_tokens', 'nominations', 'program_targets', 'erasures'];
const UNINDEXED = 'SELECT count(*) AS n FROM advocates WHERE indexed_version < version';

export type StoreReport = {
  integrity: string;
  foreignKeyViolations: number;
  /** Rule → offending ids (empty when the rule holds). */
  broken: Record<string, string[]>;
  counts: Record<string, number>;
};

export function checkStore(dataDir: string): StoreReport {
  const db = new Database(path.join(dataDir, 'vouch.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    const broken: Record<string, string[]> = {};
    for (const [rule, sql] of Object.entries(RULES)) {
      const ids = (db.prepare(ruleFor(sql, 'sqlite')).raw().all() as unknown[][]).map((row) => String(row[0]));
      if (ids.length) broken[rule] = ids.slice(0, 5);
    }
    const counts: Record<string, number> = {};
    for (const table of COUNTED) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    // Derived data: approved advocates not yet written to the search index at their current version.
    counts.unindexedAdvocates = (db.prepare(UNINDEXED).get() as { n: number }).n;
    return { integrity, foreignKeyViolations, broken, counts };
  } finally {
    db.close();
  }
}

/**
 * The same rules on a Postgres database. Postgres checks foreign keys on every write and has no
 * integrity pragma, so those two read 'ok' and 0: the rules are what this adds.
 */
export async function checkPgStore(url: string): Promise<StoreReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const broken: Record<string, string[]> = {};
    for (const [rule, sql] of Object.entries(RULES)) {
      const { rows } = await client.query({ text: ruleFor(sql, 'postgres'), rowMode: 'array' });
      const ids = (rows as unknown[][]).map((row) => String(row[0]));
      if (ids.length) broken[rule] = ids.slice(0, 5);
    }
    const counts: Record<string, number> = {};
    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
    for (const table of COUNTED) counts[table] = await count(`SELECT count(*) AS n FROM ${table}`);
    counts.unindexedAdvocates = await count(UNINDEXED);
    return { integrity: 'ok', foreignKeyViolations: 0, broken, counts };
  } finally {
    await client.end();
  }
}
