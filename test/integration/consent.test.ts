import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_SQLITE_MIGRATIONS } from '../fixtures/legacy-sqlite-migrations.js';
import { openStores } from '../../server/store/index.js';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');
const PASSWORD = 'correct horse battery';
const QUERY = 'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling';
const ids = (r: { body: { results?: { advocate: { id: string } }[]; items?: { id: string }[] } }) =>
  (r.body.results?.map((x) => x.advocate.id) ?? r.body.items?.map((x) => x.id)) as string[];

describe('consent: only advocates who agreed are searchable or visible to reps', () => {
  let server: TestServer;
  let admin: TestClient;
  let manager: TestClient;
  let reviewer: TestClient;
  let rep: TestClient;
  let hospital = '';
  let managerId = '';

  beforeAll(async () => {
    server = await startServer();
    admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    const people: [string, string, string][] = [
      ['mia@example.com', 'Mia Manager', 'manager'],
      ['rey@example.com', 'Rey Reviewer', 'reviewer'],
      ['sam@example.com', 'Sam Sales', 'rep'],
    ];
    const clients: TestClient[] = [];
    for (const [email, name, role] of people) {
      const created = await admin.post('/api/users', { email, name, role, password: PASSWORD });
      if (role === 'manager') managerId = created.body.id;
      const c = new TestClient(server.url);
      await c.login(email, PASSWORD);
      clients.push(c);
    }
    [manager, reviewer, rep] = clients;
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('POST /api/drafts/:id/approve without the consent confirmation', () => {
    it('approves the profile but leaves consent unrecorded: reps get 404, by list, id, search and request', async () => {
      const created = await manager.post('/api/interviews', { notes: fixture('hospital-de.md') });
      const draft = await reviewer.waitForDraft(created.body.draft.id);
      const r = await reviewer.post(`/api/drafts/${draft.id}/approve`, { profile: draft.profile, override: { reason: 'Fixture approved as drafted' } });
      expect(r.status).toBe(200);
      expect(r.body.advocate.consent).toBe('not_recorded');
      hospital = r.body.advocate.id;
      await server.ctx.match.settled();

      expect(ids(await rep.get('/api/advocates'))).toEqual([]);
      expect((await rep.get(`/api/advocates/${hospital}`)).status).toBe(404);
      expect(ids(await rep.post('/api/match', { query: QUERY }))).toEqual([]);
      const ask = await rep.post('/api/requests', { advocateId: hospital, kind: 'reference_call', prospectCompany: 'Klinik Nord', description: 'A peer call about patient scheduling' });
      expect(ask.status).toBe(404);
      expect(ask.body.message).toBe('Advocate was not found');
      // Nothing unconsented is in the search index at all.
      expect(await server.ctx.match.indexedCount()).toBe(0);
    });

    it('shows the advocate to managers and reviewers, marked, and never finds it for anyone', async () => {
      const listed = (await manager.get('/api/advocates')).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: hospital, consent: expect.objectContaining({ state: 'not_recorded' }) })]);
      expect((await reviewer.get(`/api/advocates/${hospital}`)).body.consent.state).toBe('not_recorded');
      expect(ids(await manager.post('/api/match', { query: QUERY }))).toEqual([]);
      const ask = await admin.post('/api/requests', { advocateId: hospital, kind: 'reference_call', prospectCompany: 'Klinik Nord', description: 'A peer call about patient scheduling' });
      expect(ask.status).toBe(422);
      expect(ask.body.message).toMatch(/no consent recorded/i);
    });
  });

  describe('POST /api/advocates/:id/consent', () => {
    it('records consent later (audited with the actor): the advocate becomes findable and visible to reps', async () => {
      expect((await manager.post(`/api/advocates/${hospital}/consent`, { state: 'granted', source: 'ok' })).status).toBe(400);
      const r = await manager.post(`/api/advocates/${hospital}/consent`, { state: 'granted', source: 'Email from Katrin Vogel, 20 March' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ state: 'granted', source: 'Email from Katrin Vogel, 20 March', recordedBy: { id: managerId, name: 'Mia Manager' } });
      await server.ctx.match.settled();
      expect(ids(await rep.post('/api/match', { query: QUERY }))).toEqual([hospital]);
      expect((await rep.get(`/api/advocates/${hospital}`)).status).toBe(200);
      const trail = await server.ctx.stores.audit.trail('advocate', hospital);
      expect(trail.at(-1)).toMatchObject({ actorId: managerId, action: 'advocate.consent_granted' });
    });

    it('withdrawal takes the advocate out of matching at once and blocks its open requests', async () => {
      const ask = await rep.post('/api/requests', { advocateId: hospital, kind: 'reference_call', prospectCompany: 'Klinik Nord', description: 'A peer call about patient scheduling' });
      expect(ask.status).toBe(201);

      const w = await manager.post(`/api/advocates/${hospital}/consent`, { state: 'withdrawn', source: 'Katrin asked by phone to stop, 2 April' });
      expect(w.status).toBe(200);
      expect(w.body.state).toBe('withdrawn');
      // No waiting for the index: the very next search and read already leave her out.
      expect(ids(await rep.post('/api/match', { query: QUERY }))).toEqual([]);
      expect((await rep.get(`/api/advocates/${hospital}`)).status).toBe(404);
      const approve = await manager.post(`/api/requests/${ask.body.id}/approve`, {});
      expect(approve.status).toBe(422);
      expect(approve.body.message).toMatch(/no longer consents/);
      expect((await manager.get(`/api/advocates/${hospital}`)).body.consent).toMatchObject({ state: 'withdrawn', recordedBy: { name: 'Mia Manager' } });
      const trail = await server.ctx.stores.audit.trail('advocate', hospital);
      expect(trail.at(-1)).toMatchObject({ actorId: managerId, action: 'advocate.consent_withdrawn' });
      expect(JSON.parse(trail.at(-1)!.detail!)).toMatchObject({ source: 'Katrin asked by phone to stop, 2 April', previously: 'granted' });
      // And the index follows.
      await server.ctx.match.settled();
      expect(await server.ctx.match.indexedCount()).toBe(0);
    });

    it('refuses to withdraw what was never granted, and unknown advocates', async () => {
      const again = await manager.post(`/api/advocates/${hospital}/consent`, { state: 'withdrawn', source: 'A second withdrawal' });
      expect(again.status).toBe(409);
      expect((await manager.post('/api/advocates/nope/consent', { state: 'granted', source: 'Email of 1 May' })).status).toBe(404);
      expect((await rep.post(`/api/advocates/${hospital}/consent`, { state: 'granted', source: 'I asked her myself' })).status).toBe(403);
    });

    it('the reviewer can confirm consent at approval, and a later approval keeps it', async () => {
      const id = await admin.approveNotes(fixture('bank-ca.txt'));
      await server.ctx.match.settled();
      const detail = (await rep.get(`/api/advocates/${id}`)).body;
      expect(detail.consent).toMatchObject({ state: 'granted', recordedBy: { name: 'Ada Admin' } });
      // A new version of the same advocate, approved without the box ticked, keeps the recorded consent.
      const created = await manager.post('/api/interviews', { notes: fixture('bank-ca.txt') });
      const draft = await reviewer.waitForDraft(created.body.draft.id);
      const r = await reviewer.post(`/api/drafts/${draft.id}/approve`, { profile: draft.profile, override: { reason: 'Fixture approved as drafted' } });
      expect(r.body.advocate).toMatchObject({ id, version: 2, consent: 'granted' });
    });
  });
});

describe('migration 4: advocates approved before consent existed', () => {
  it('have no consent recorded, and are marked for removal from the search index at the next start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-consent-migration-'));
    const file = path.join(dir, 'vouch.sqlite');
    // A database as the previous release left it: migrations 1–3 and one indexed advocate.
    const raw = new Database(file);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    LEGACY_SQLITE_MIGRATIONS.slice(0, 3).forEach((sql, i) => {
      raw.exec(sql);
      raw.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(i + 1, new Date().toISOString());
    });
    raw
      .prepare(`INSERT INTO advocates (id, identity_key, version, status, profile_json, indexed_version, created_at, updated_at) VALUES ('a1', 'k', 1, 'active', ?, 1, 'x', 'x')`)
      .run(JSON.stringify({ name: 'Old Advocate', title: '', company: 'Acme', industry: '', region: '', companySize: '', languages: [], products: [], useCases: [], outcomes: [], quotes: [], activities: [] }));
    raw.close();

    const stores = await openStores({ dataDir: dir });
    try {
      const a = (await stores.advocates.get('a1'))!;
      expect(a.consent.state).toBe('not_recorded');
      expect(a.evidence).toEqual([]);
      expect((await stores.advocates.needingIndex()).map((x) => x.id)).toEqual(['a1']);
      // What the search index must hold now: nothing of it (no consent recorded).
      expect(await stores.advocates.versionsNow()).toEqual([{ id: 'a1', version: 1, consenting: false, markedIndexed: false }]);
    } finally {
      await stores.close();
    }
  });
});
