import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * The tables of the system of record as Kysely sees them (the same on SQLite and Postgres; migrations.ts
 * makes them). Timestamps are ISO-8601 text on both dialects, so ordering and comparisons behave alike.
 * JSON columns are text holding values the domain's zod schemas validated.
 */
export interface Schema {
  schema_migrations: { version: number; applied_at: string };
  users: { id: string; email: string; name: string; role: string; password_hash: string; created_at: string };
  sessions: { id_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  interviews: {
    id: string;
    notes: string;
    text: string;
    source_kind: string;
    source_filename: string | null;
    created_by: string;
    created_at: string;
  };
  drafts: {
    id: string;
    interview_id: string;
    status: string;
    progress_json: string | null;
    profile_json: string | null;
    evidence_json: ColumnType<string, string | undefined, string>;
    checks_json: ColumnType<string, string | undefined, string>;
    provider: string;
    model: string;
    prompt_id: ColumnType<string, string | undefined, string>;
    prompt_version: ColumnType<string, string | undefined, string>;
    error_json: string | null;
    duration_ms: number | null;
    created_by: string;
    created_at: string;
    updated_at: string;
    decided_by: string | null;
    decided_at: string | null;
    reject_reason: string | null;
    advocate_id: string | null;
    /** The worker drafting it (queue claims, migration 6); null while it waits; kept afterwards as who drafted it. */
    claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
    /** When that claim lapses unless renewed: a worker that died loses its drafts to the others. */
    claim_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
    /** How many times a worker claimed it (1 for a draft drafted once). */
    claims: ColumnType<number, number | undefined, number>;
  };
  advocates: {
    id: string;
    identity_key: string;
    version: number;
    status: ColumnType<string, string | undefined, string>;
    profile_json: string;
    indexed_version: ColumnType<number, number | undefined, number>;
    /** Evidence excerpts the reviewer approved with this version (migration 5): what reps see of the notes. */
    evidence_json: ColumnType<string, string | undefined, string>;
    /** What the list searches (migration 9; domain/advocate.ts#advocateSearchText); null until computed. */
    search_text: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: string;
    updated_at: string;
  };
  advocate_versions: {
    advocate_id: string;
    version: number;
    profile_json: string;
    draft_id: string;
    approved_by: string;
    approved_at: string;
    changes_json: string;
    override_json: string | null;
    evidence_json: ColumnType<string, string | undefined, string>;
  };
  /** Consent as recorded now (migration 4); no row: not recorded. */
  advocate_consent: { advocate_id: string; state: string; source: string; recorded_by: string; recorded_at: string };
  audit: {
    id: Generated<number>;
    at: string;
    actor_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    detail_json: string | null;
  };
  settings: { key: string; value: string };
  advocate_requests: {
    id: string;
    advocate_id: string;
    kind: string;
    prospect_company: string;
    description: string;
    needed_by: string | null;
    status: string;
    requested_by: string;
    created_at: string;
    updated_at: string;
    decided_by: string | null;
    decided_at: string | null;
    decline_reason: string | null;
    scheduled_for: string | null;
    happened_at: string | null;
    completed_at: string | null;
    outcome_json: string | null;
    feedback: string | null;
  };
  advocate_request_approvals: { request_id: string; capacity: string; user_id: string; at: string; note: string | null };
  advocate_program: {
    advocate_id: string;
    engagement_cap: number | null;
    account_owner_id: string | null;
    contact_email: string;
    contact_phone: string;
    updated_by: string | null;
    updated_at: string;
  };
  /** One row per erasure (migration 8): who erased an advocate or an unapproved draft, when. */
  erasures: { id: string; at: string; kind: string; subject_id: string; actor_id: string | null };
  /** The ids an erasure deleted (advocate, drafts, interviews) or scrubbed (requests): the erasure log, no personal data. */
  erased_records: { erasure_id: string; record_type: string; record_id: string };
  /** Wrong passwords per account (migration 6): the login lockout, shared by every instance. */
  login_failures: { id: Generated<number>; account: string; at: string };
  /** Nominations of customers as advocates (migration 7; server/domain/nomination.ts). */
  nominations: {
    id: string;
    name: string;
    company: string;
    /** name|company as advocateKey normalises them: compares with advocates.identity_key. */
    identity_key: string;
    email: ColumnType<string, string | undefined, string>;
    reason: string;
    relationship: string;
    activities_json: ColumnType<string, string | undefined, string>;
    status: string;
    nominated_by: string;
    created_at: string;
    updated_at: string;
    decided_by: string | null;
    decided_at: string | null;
    decision_note: string | null;
    duplicate_of: string | null;
  };
  /** "Verified with the customer" (migration 7); approvals count as verifications too. */
  advocate_verifications: { id: Generated<number>; advocate_id: string; verified_by: string; verified_at: string; note: string };
  /** Advocates wanted per segment (migration 7; '' = any). */
  program_targets: {
    id: string;
    industry: string;
    region: string;
    product: string;
    segment_key: string;
    wanted: number;
    created_by: string;
    created_at: string;
    updated_by: string;
    updated_at: string;
  };
  /** Searches per day and segment (migration 7): the intent's industry/region/products only, never the words. */
  match_demand: {
    day: string;
    industry: string;
    region: string;
    /** Products named, lower case, sorted, joined with ", ". */
    products: string;
    searches: number;
    no_fit: number;
    few_fit: number;
  };
}

export type Dialect = 'sqlite' | 'postgres';

/** What a store runs its queries on: the database, or a transaction (a Transaction is a Kysely too). */
export type Executor = Kysely<Schema>;
