/**
 * Schema migrations, in order; never edit one that has shipped, append a new one. The same list makes the
 * schema on SQLite and on Postgres (db.ts runs each pending one in a transaction and records its number in
 * schema_migrations), so write portable SQL: TEXT/INTEGER columns, ISO-8601 text for times, no `;` inside a
 * statement (the runner splits on it). `{{AUTO_ID}}` is the one dialect-specific piece: an auto-numbered
 * primary key (INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, an identity column on Postgres).
 * JSON columns hold values validated by the domain's zod schemas on the way in and out.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','manager','reviewer','rep')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    notes TEXT NOT NULL,
    text TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_filename TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  );
  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL REFERENCES interviews(id),
    status TEXT NOT NULL CHECK (status IN ('drafting','ready','approved','rejected','failed')),
    progress_json TEXT,
    profile_json TEXT,
    evidence_json TEXT NOT NULL DEFAULT '[]',
    checks_json TEXT NOT NULL DEFAULT '[]',
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_id TEXT NOT NULL DEFAULT '',
    prompt_version TEXT NOT NULL DEFAULT '',
    error_json TEXT,
    duration_ms INTEGER,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TEXT,
    reject_reason TEXT,
    advocate_id TEXT
  );
  CREATE INDEX drafts_status ON drafts(status, created_at);
  CREATE TABLE advocates (
    id TEXT PRIMARY KEY,
    identity_key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    profile_json TEXT NOT NULL,
    indexed_version INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE advocate_versions (
    advocate_id TEXT NOT NULL REFERENCES advocates(id),
    version INTEGER NOT NULL,
    profile_json TEXT NOT NULL,
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    approved_by TEXT NOT NULL REFERENCES users(id),
    approved_at TEXT NOT NULL,
    changes_json TEXT NOT NULL,
    PRIMARY KEY (advocate_id, version)
  );
  CREATE TABLE audit (
    id {{AUTO_ID}},
    at TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    detail_json TEXT
  );
  CREATE INDEX audit_subject ON audit(subject_type, subject_id);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: approvals that overrode failing authenticity checks keep the reason and the checks.
  `ALTER TABLE advocate_versions ADD COLUMN override_json TEXT;`,
  // 3: requests for advocates (→ engagements), their approvals, and per-advocate program settings
  // (engagement cap, account owner, private contact details kept out of the advocate profile and the index).
  `
  CREATE TABLE advocate_requests (
    id TEXT PRIMARY KEY,
    advocate_id TEXT NOT NULL REFERENCES advocates(id),
    kind TEXT NOT NULL CHECK (kind IN ('reference_call','case_study','event','peer_review')),
    prospect_company TEXT NOT NULL,
    description TEXT NOT NULL,
    needed_by TEXT,
    status TEXT NOT NULL CHECK (status IN ('requested','approved','declined','scheduled','completed')),
    requested_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TEXT,
    decline_reason TEXT,
    scheduled_for TEXT,
    happened_at TEXT,
    completed_at TEXT,
    outcome_json TEXT,
    feedback TEXT
  );
  CREATE INDEX advocate_requests_advocate ON advocate_requests(advocate_id, status, happened_at);
  CREATE INDEX advocate_requests_requester ON advocate_requests(requested_by, created_at);
  CREATE INDEX advocate_requests_status ON advocate_requests(status, created_at);
  CREATE TABLE advocate_request_approvals (
    request_id TEXT NOT NULL REFERENCES advocate_requests(id),
    capacity TEXT NOT NULL CHECK (capacity IN ('manager','account_owner')),
    user_id TEXT NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (request_id, capacity)
  );
  CREATE TABLE advocate_program (
    advocate_id TEXT PRIMARY KEY REFERENCES advocates(id),
    engagement_cap INTEGER CHECK (engagement_cap IS NULL OR engagement_cap >= 0),
    account_owner_id TEXT REFERENCES users(id),
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    updated_by TEXT REFERENCES users(id),
    updated_at TEXT NOT NULL
  );
  `,
  // 4: consent (server/domain/consent.ts). No row: consent not recorded. Advocates approved before this
  // migration get no row: approval never asked about consent, so nobody can say the customer agreed, and
  // reps stop seeing them until a manager records it. Their index rows are marked stale so the next start
  // removes them from the search index (only consenting advocates are indexed).
  `
  CREATE TABLE advocate_consent (
    advocate_id TEXT PRIMARY KEY REFERENCES advocates(id),
    state TEXT NOT NULL CHECK (state IN ('granted','withdrawn')),
    source TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at TEXT NOT NULL
  );
  UPDATE advocates SET indexed_version = 0;
  `,
  // 5: evidence excerpts snapshotted at approval (server/domain/excerpts.ts): what reps may see of the notes.
  `
  ALTER TABLE advocates ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE advocate_versions ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '[]';
  `,
  // 6: several instances on one database. Drafting is a queue of durable claims: a worker claims a draft
  // (claimed_by) for a lease it renews while it drafts; a lapsed lease frees the draft for another worker;
  // `claims` counts claims (1 = drafted once). Wrong passwords are counted here too, so the login lockout
  // holds across instances.
  `
  ALTER TABLE drafts ADD COLUMN claimed_by TEXT;
  ALTER TABLE drafts ADD COLUMN claim_expires_at TEXT;
  ALTER TABLE drafts ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE login_failures (
    id {{AUTO_ID}},
    account TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX login_failures_account ON login_failures(account, at);
  `,
  // 7: the program around the advocates. Nominations (anyone names a customer; a manager triages it).
  // Verifications with the customer (an approval counts as one too: advocate_versions.approved_at), so
  // stale profiles can be listed. Targets: advocates wanted per segment. match_demand: what reps searched
  // for, kept only as the intent's segment (industry, region, products) counted per day, never the words
  // or the person. Advocate references cascade or clear on delete, so erasing an advocate is not blocked.
  `
  CREATE TABLE nominations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    identity_key TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    relationship TEXT NOT NULL,
    activities_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('open','accepted','declined','duplicate')),
    nominated_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_by TEXT REFERENCES users(id),
    decided_at TEXT,
    decision_note TEXT,
    duplicate_of TEXT REFERENCES advocates(id) ON DELETE SET NULL
  );
  CREATE INDEX nominations_status ON nominations(status, created_at);
  CREATE INDEX nominations_nominator ON nominations(nominated_by, created_at);
  CREATE UNIQUE INDEX nominations_live ON nominations(identity_key) WHERE status IN ('open','accepted');
  CREATE TABLE advocate_verifications (
    id {{AUTO_ID}},
    advocate_id TEXT NOT NULL REFERENCES advocates(id) ON DELETE CASCADE,
    verified_by TEXT NOT NULL REFERENCES users(id),
    verified_at TEXT NOT NULL,
    note TEXT NOT NULL
  );
  CREATE INDEX advocate_verifications_advocate ON advocate_verifications(advocate_id, verified_at);
  CREATE INDEX advocate_versions_approved ON advocate_versions(advocate_id, approved_at);
  CREATE TABLE program_targets (
    id TEXT PRIMARY KEY,
    industry TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    product TEXT NOT NULL DEFAULT '',
    segment_key TEXT NOT NULL UNIQUE,
    wanted INTEGER NOT NULL CHECK (wanted >= 1),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL
  );
  CREATE TABLE match_demand (
    day TEXT NOT NULL,
    industry TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '',
    searches INTEGER NOT NULL DEFAULT 0,
    no_fit INTEGER NOT NULL DEFAULT 0,
    few_fit INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, industry, region, products)
  );
  `,
  // 8: erasure (right to erasure, server/erasure). `erasures`: who erased what kind of record, when (the
  // reason is in the audit row). `erased_records`: every id an erasure deleted or scrubbed, no personal
  // data: the erasure log that is re-applied to an older backup after a restore (mirrored outside the
  // database in VOUCH_ERASURE_LOG). An erased advocate keeps a blank row (status 'erased', empty profile)
  // because its requests keep their business facts for value reporting and still reference it.
  `
  CREATE TABLE erasures (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('advocate','draft')),
    subject_id TEXT NOT NULL,
    actor_id TEXT
  );
  CREATE INDEX erasures_at ON erasures(at);
  CREATE TABLE erased_records (
    erasure_id TEXT NOT NULL REFERENCES erasures(id),
    record_type TEXT NOT NULL CHECK (record_type IN ('advocate','draft','interview','request','nomination')),
    record_id TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id)
  );
  `,
  // 9: lists in pages (server/domain/paging.ts). Each list is read in its order, (time, id), from an index,
  // and a cursor page starts at an index seek; the advocates' index also holds the status, so counting the
  // list reads the index and not the profiles. The advocates list searches a normalised text of the fields
  // it shows (name, title, company, industry, region, products): NULL until computed, which openStores does
  // for existing rows (the text is built by the domain's normaliser, not by SQL, so both dialects agree).
  `
  ALTER TABLE advocates ADD COLUMN search_text TEXT;
  CREATE INDEX advocates_updated ON advocates(updated_at, id, status);
  CREATE INDEX drafts_created ON drafts(created_at, id);
  CREATE INDEX advocate_requests_created ON advocate_requests(created_at, id);
  CREATE INDEX nominations_created ON nominations(created_at, id);
  `,
];
