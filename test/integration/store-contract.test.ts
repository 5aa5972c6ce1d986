import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/db.js';
import { openStores, type Stores } from '../../server/store/index.js';
import { hashToken } from '../../server/store/sessions.js';
import { EmailTakenError } from '../../server/store/users.js';
import { LEGACY_SQLITE_MIGRATIONS } from '../fixtures/legacy-sqlite-migrations.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-store-'));
const NOTES = 'Dr. Katrin Weber, Head of Digital, Klinikum Nord. "We cut discharge time by 30%."';
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('store contract (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let stores: Stores;
  let userId = '';

  beforeAll(async () => {
    database = await databaseFor(dialect);
    stores = await openStores({ dataDir: tempDir(), databaseUrl: database.url });
    userId = (await stores.users.insert({ email: 'ada@example.com', name: 'Ada', role: 'admin', passwordHash: 'x' })).id;
  });
  afterAll(async () => {
    await stores?.close();
    await database?.drop();
  });

  const newDraft = async () => {
    const interview = await stores.interviews.insert({ notes: NOTES, text: NOTES, source: { kind: 'notes' }, createdBy: userId });
    return stores.drafts.insert({ interviewId: interview.id, provider: 'extractive', model: 'rules', createdBy: userId });
  };

  it('reports a duplicate email as EmailTakenError (a unique constraint on both dialects)', async () => {
    await expect(stores.users.insert({ email: 'ada@example.com', name: 'Again', role: 'rep', passwordHash: 'x' })).rejects.toBeInstanceOf(
      EmailTakenError,
    );
    expect(await stores.users.count()).toBe(1);
  });

  it('opens sessions by their raw id only, and forgets them on delete', async () => {
    const s = await stores.sessions.create(userId);
    expect(await stores.sessions.find(s.sessionId)).toEqual({ userId, csrfToken: s.csrfToken, expiresAt: expect.any(String) });
    expect(await stores.sessions.find('not-a-session')).toBeUndefined();
    expect(await stores.sessions.alive([hashToken(s.sessionId), hashToken('not-a-session')])).toEqual(
      new Map([[hashToken(s.sessionId), { userId, role: 'admin' }]]),
    );
    await stores.sessions.delete(s.sessionId);
    expect(await stores.sessions.find(s.sessionId)).toBeUndefined();
  });

  it('clears expired sessions at the next sign-in, and keeps the live ones', async () => {
    const old = await stores.sessions.create(userId);
    const live = await stores.sessions.create(userId);
    await stores.db.kysely.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id_hash', '=', hashToken(old.sessionId)).execute();
    await stores.sessions.create(userId);
    const left = await stores.db.kysely.selectFrom('sessions').select('id_hash').execute();
    expect(left.map((r) => r.id_hash)).not.toContain(hashToken(old.sessionId));
    expect(left.map((r) => r.id_hash)).toContain(hashToken(live.sessionId));
  });

  it('commits every write of a transaction together, or none when it throws', async () => {
    const before = (await stores.drafts.list()).length;
    await expect(
      stores.transaction(async (tx) => {
        const interview = await tx.interviews.insert({ notes: NOTES, text: NOTES, source: { kind: 'notes' }, createdBy: userId });
        await tx.drafts.insert({ interviewId: interview.id, provider: 'extractive', model: 'rules', createdBy: userId });
        await tx.audit.record({ actorId: userId, action: 'interview.created', subjectType: 'interview', subjectId: interview.id });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await stores.drafts.list()).length).toBe(before);
    const id = await stores.transaction(async (tx) => {
      const interview = await tx.interviews.insert({ notes: NOTES, text: NOTES, source: { kind: 'notes' }, createdBy: userId });
      await tx.audit.record({ actorId: userId, action: 'interview.created', subjectType: 'interview', subjectId: interview.id });
      return interview.id;
    });
    expect(await stores.interviews.get(id)).toMatchObject({ id, notes: NOTES });
    expect((await stores.audit.trail('interview', id)).map((a) => a.action)).toEqual(['interview.created']);
  });

  it('resolves API tokens by value, records last use to the minute, and forgets revoked ones', async () => {
    const t = await stores.tokens.create(userId, 'script');
    expect((await stores.tokens.list(userId)).find((x) => x.id === t.id)?.lastUsedAt).toBeNull();
    expect(await stores.tokens.use(t.token)).toBe(userId);
    const first = (await stores.tokens.list(userId)).find((x) => x.id === t.id)!.lastUsedAt;
    expect(first).not.toBeNull();
    // A second use within the minute does not write again (no commit per script request).
    expect(await stores.tokens.use(t.token)).toBe(userId);
    expect((await stores.tokens.list(userId)).find((x) => x.id === t.id)!.lastUsedAt).toBe(first);
    // Older than a minute: recorded again.
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    await stores.db.kysely.updateTable('api_tokens').set({ last_used_at: old }).where('id', '=', t.id).execute();
    await stores.tokens.use(t.token);
    expect((await stores.tokens.list(userId)).find((x) => x.id === t.id)!.lastUsedAt! > old).toBe(true);
    expect(await stores.tokens.revoke(userId, t.id)).toBe(true);
    expect(await stores.tokens.use(t.token)).toBeUndefined();
    expect(await stores.tokens.use('vouch_not-a-token')).toBeUndefined();
  });

  it('upserts settings', async () => {
    await stores.settings.set('k', 'one');
    await stores.settings.set('k', 'two');
    expect(await stores.settings.get('k')).toBe('two');
  });

  describe('draft claims', () => {
    // Each test starts with an empty queue: drafts earlier tests left waiting are set aside.
    beforeEach(async () => {
      await stores.db.kysely.updateTable('drafts').set({ status: 'failed', claimed_by: null }).where('status', '=', 'drafting').execute();
    });
    it('gives each waiting draft to exactly one of many concurrent claimers', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 24; i++) ids.add((await newDraft()).id);
      const until = iso(Date.now() + 60_000);
      const taken: Record<string, string[]> = {};
      // Six workers claim two at a time, all at once, until nothing is left.
      await Promise.all(
        Array.from({ length: 6 }, async (_, w) => {
          const worker = `w${w}`;
          taken[worker] = [];
          for (;;) {
            const got = await stores.drafts.claim(worker, { limit: 2, until });
            if (got.length === 0) break;
            taken[worker].push(...got);
          }
        }),
      );
      const all = Object.values(taken).flat().filter((id) => ids.has(id));
      expect(all.length).toBe(ids.size);
      expect(new Set(all).size).toBe(ids.size);
      for (const id of ids) expect((await stores.drafts.claimOf(id))?.claims).toBe(1);
      expect(await stores.drafts.waiting()).toEqual([]);
    });

    it('lets another worker take a draft whose lease lapsed; the first one can then neither renew nor store', async () => {
      const draft = await newDraft();
      const t = Date.now();
      const firstTake = await stores.drafts.claim('dead', { limit: 50, until: iso(t + 1000), at: iso(t) });
      expect(firstTake).toContain(draft.id);
      // While the lease holds nobody else gets it …
      expect(await stores.drafts.claim('alive', { limit: 50, until: iso(t + 60_000), at: iso(t + 500) })).not.toContain(draft.id);
      // … after it lapsed, someone does.
      expect(await stores.drafts.claim('alive', { limit: 50, until: iso(t + 60_000), at: iso(t + 2000) })).toContain(draft.id);
      expect(await stores.drafts.renew(draft.id, 'dead', iso(t + 5000))).toBe(false);
      const result = { profile: {} as never, evidence: [], checks: [], promptId: 'p', promptVersion: '1', durationMs: 1 };
      expect(await stores.drafts.markReady(draft.id, result, 'dead')).toBe(false);
      expect(await stores.drafts.markReady(draft.id, result, 'alive')).toBe(true);
      expect(await stores.drafts.claimOf(draft.id)).toMatchObject({ claimedBy: 'alive', claimExpiresAt: null, claims: 2 });
      expect((await stores.drafts.get(draft.id))?.status).toBe('ready');
    });

    it('frees one instance’s claims at its restart (a stable instance id) and leaves the others’', async () => {
      const a = await newDraft();
      const b = await newDraft();
      const until = iso(Date.now() + 60_000);
      await stores.drafts.claim('vouch-a/1234', { limit: 1, until });
      await stores.drafts.claim('vouch-b/5678', { limit: 1, until });
      expect(await stores.drafts.releaseClaims('vouch-a/')).toBe(1);
      expect(await stores.drafts.waiting()).toEqual([a.id]);
      expect((await stores.drafts.claimOf(b.id))?.claimedBy).toBe('vouch-b/5678');
    });

    it('approves a ready draft once: a second approval finds nothing to update', async () => {
      const draft = await newDraft();
      const [claimed] = await stores.drafts.claim('w', { limit: 1, until: iso(Date.now() + 60_000) });
      expect(claimed).toBe(draft.id);
      const result = { profile: {} as never, evidence: [], checks: [], promptId: 'p', promptVersion: '1', durationMs: 1 };
      await stores.drafts.markReady(draft.id, result, 'w');
      expect(await stores.drafts.markApproved(draft.id, userId, 'adv-1')).toBe(true);
      expect(await stores.drafts.markApproved(draft.id, userId, 'adv-2')).toBe(false);
      expect((await stores.drafts.get(draft.id))?.advocateId).toBe('adv-1');
    });
  });

  it('reads burnout inputs the same for a few advocates and for all of them (one whole-table read past 2,000 ids)', async () => {
    const t = iso(Date.now());
    for (const id of ['adv-load-1', 'adv-load-2']) {
      await stores.db.kysely
        .insertInto('advocates')
        .values({ id, identity_key: id, version: 1, status: 'active', profile_json: '{}', created_at: t, updated_at: t })
        .execute();
    }
    const request = (advocateId: string) =>
      stores.requests.insert({ advocateId, kind: 'reference_call', prospectCompany: 'P', description: 'd', neededBy: null, requestedBy: userId });
    const done = await request('adv-load-1');
    await request('adv-load-1');
    await stores.db.kysely.updateTable('advocate_requests').set({ status: 'completed', happened_at: t }).where('id', '=', done).execute();
    const open = await request('adv-load-2');
    await stores.db.kysely.updateTable('advocate_requests').set({ status: 'approved' }).where('id', '=', open).execute();
    await stores.db.kysely.insertInto('advocate_program').values({ advocate_id: 'adv-load-2', engagement_cap: 5, contact_email: '', contact_phone: '', updated_at: t }).execute();

    const few = ['adv-load-1', 'adv-load-2'];
    const many = [...few, ...Array.from({ length: 2500 }, (_, i) => `unknown-${i}`)];
    const expected = new Map([
      ['adv-load-1', { engagements: [t], upcoming: 0 }],
      ['adv-load-2', { engagements: [], upcoming: 1 }],
    ]);
    expect(await stores.requests.engagementsOf(few)).toEqual(expected);
    expect(await stores.requests.engagementsOf(many)).toEqual(expected);
    expect(await stores.requests.engagementsOf(['adv-load-2'])).toEqual(new Map([['adv-load-2', { engagements: [], upcoming: 1 }]]));
    expect(await stores.program.capsOf(many)).toEqual(new Map([['adv-load-2', 5]]));
    expect(await stores.program.capsOf(['adv-load-1'])).toEqual(new Map());
  });

  it('counts sign-in attempts per account within a window, at most the limit even when they race', async () => {
    const t = Date.now();
    expect(await stores.loginFailures.reserve('eve@example.com', iso(t - 1000), iso(t - 60_000), 5)).toMatchObject({ counted: true });
    expect(await stores.loginFailures.reserve('eve@example.com', iso(t), iso(t - 60_000), 5)).toMatchObject({ counted: true });
    expect(await stores.loginFailures.reserve('bob@example.com', iso(t), iso(t - 60_000), 5)).toMatchObject({ counted: true });
    expect(await stores.loginFailures.recent('eve@example.com', iso(t - 500), 10)).toEqual([iso(t)]);
    expect(await stores.loginFailures.recent('eve@example.com', iso(t - 5000), 10)).toHaveLength(2);
    // 20 at once on the pool (Postgres: separate connections): 3 more fit under a limit of 5, no more.
    const raced = await Promise.all(Array.from({ length: 20 }, () => stores.loginFailures.reserve('eve@example.com', iso(t), iso(t - 60_000), 5)));
    expect(raced.filter((r) => r.counted)).toHaveLength(3);
    expect(raced.find((r) => !r.counted)).toMatchObject({ counted: false, times: expect.arrayContaining([iso(t - 1000)]) });
    const one = raced.find((r) => r.counted);
    if (one?.counted) await stores.loginFailures.release(one.id);
    expect(await stores.loginFailures.recent('eve@example.com', iso(t - 5000), 10)).toHaveLength(4);
    await stores.loginFailures.clear('eve@example.com');
    expect(await stores.loginFailures.recent('eve@example.com', iso(0), 10)).toEqual([]);
    expect(await stores.loginFailures.recent('bob@example.com', iso(0), 10)).toHaveLength(1);
    await stores.loginFailures.prune(iso(t + 1));
    expect(await stores.loginFailures.recent('bob@example.com', iso(0), 10)).toEqual([]);
  });
});

describe('Postgres connections', () => {
  it('survive the database killing an idle pooled connection: the loss is reported and the next query reconnects', async () => {
    const database = await databaseFor('postgres');
    const lost: Error[] = [];
    const stores = await openStores({ dataDir: tempDir(), databaseUrl: database.url }, (err) => lost.push(err));
    const killer = new pg.Client({ connectionString: database.url });
    try {
      await stores.settings.set('probe', 'before');
      await killer.connect();
      // What a restart, a failover or DROP DATABASE … WITH (FORCE) does to the pool's idle connections.
      const killed = await killer.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await expect.poll(() => lost.length).toBeGreaterThan(0);
      expect(lost[0]!.message).toMatch(/terminating connection/);
      await stores.settings.set('probe', 'after');
      expect(await stores.settings.get('probe')).toBe('after');
    } finally {
      await killer.end();
      await stores.close();
      await database.drop();
    }
  });
});

describe('migrations', () => {
  it('make the same tables, columns and nullability on SQLite and Postgres', async () => {
    const database = await databaseFor('postgres');
    const sqlite = await openDb({ sqliteFile: path.join(tempDir(), 'vouch.sqlite') });
    const postgres = await openDb({ databaseUrl: database.url! });
    try {
      // SQLite lets TEXT PRIMARY KEY columns hold NULL (a documented legacy quirk); our code never writes
      // one, and Postgres makes key columns NOT NULL. Key columns count as not null on both.
      const keyColumns = (table: string) =>
        new Set(
          sqlite.sqlite
            ? (sqlite.sqlite.pragma(`table_info(${table})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).map((c) => c.name)
            : [],
        );
      const shape = async (db: typeof sqlite) =>
        (await db.kysely.introspection.getTables())
          .map((t) => {
            const keys = keyColumns(t.name);
            return { table: t.name, columns: t.columns.map((c) => `${c.name}${c.isNullable && !keys.has(c.name) ? '?' : ''}`).sort() };
          })
          .sort((a, b) => a.table.localeCompare(b.table));
      const s = await shape(sqlite);
      expect(s.map((t) => t.table)).toContain('login_failures');
      expect(JSON.stringify(await shape(postgres), null, 1)).toEqual(JSON.stringify(s, null, 1));
    } finally {
      await sqlite.close();
      await postgres.close();
      await database.drop();
    }
  });

  it('upgrade a SQLite database the previous store (better-sqlite3, migrations 1–3) created, keeping its data', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'vouch.sqlite');
    // The old code path: better-sqlite3, schema_migrations, each migration exec'd in a transaction.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    LEGACY_SQLITE_MIGRATIONS.forEach((sql, i) =>
      old.transaction(() => {
        old.exec(sql);
        old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, new Date().toISOString());
      })(),
    );
    const t = new Date().toISOString();
    old.prepare("INSERT INTO users VALUES ('u1', 'ada@example.com', 'Ada', 'admin', 'hash', ?)").run(t);
    old.prepare("INSERT INTO interviews VALUES ('i1', ?, ?, 'notes', NULL, 'u1', ?)").run(NOTES, NOTES, t);
    old
      .prepare(
        `INSERT INTO drafts (id, interview_id, status, progress_json, provider, model, created_by, created_at, updated_at)
         VALUES ('d1', 'i1', 'drafting', '{"stage":"queued"}', 'extractive', 'rules', 'u1', ?, ?)`,
      )
      .run(t, t);
    old.prepare("INSERT INTO audit (at, actor_id, action, subject_type, subject_id) VALUES (?, 'u1', 'interview.created', 'interview', 'i1')").run(t);
    old.close();

    const stores = await openStores({ dataDir });
    try {
      const versions = await stores.db.kysely.selectFrom('schema_migrations').select('version').orderBy('version').execute();
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      expect(await stores.users.get('u1')).toMatchObject({ email: 'ada@example.com' });
      expect(await stores.interviews.get('i1')).toMatchObject({ notes: NOTES });
      // The interrupted draft is waiting in the new queue, and new audit rows number on after the old ones.
      expect(await stores.drafts.waiting()).toEqual(['d1']);
      expect(await stores.drafts.claim('w', { limit: 5, until: new Date(Date.now() + 60_000).toISOString() })).toEqual(['d1']);
      await stores.audit.record({ actorId: 'u1', action: 'draft.retried', subjectType: 'interview', subjectId: 'i1' });
      expect((await stores.audit.trail('interview', 'i1')).map((a) => a.action)).toEqual(['interview.created', 'draft.retried']);
    } finally {
      await stores.close();
    }
  });
});
