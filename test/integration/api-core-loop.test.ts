import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');
const HOSPITAL = fixture('hospital-de.md');
const BANK = fixture('bank-ca.txt');
const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('core loop over HTTP (real %s + LanceDB in a temp dir)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let admin: TestClient;
  let manager: TestClient;
  let reviewer: TestClient;
  let rep: TestClient;
  let anon: TestClient;
  let hospitalDraftId = '';
  let advocateId = '';

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    admin = new TestClient(server.url);
    manager = new TestClient(server.url);
    reviewer = new TestClient(server.url);
    rep = new TestClient(server.url);
    anon = new TestClient(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('GET/POST /api/setup', () => {
    it('asks for the first admin, creates it once, then refuses', async () => {
      expect((await anon.get('/api/setup')).body).toEqual({ needsSetup: true });
      const weak = await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.issues[0]).toMatchObject({ path: 'password' });
      const created = await admin.post('/api/setup', { email: 'Ada@Example.com ', name: 'Ada', password: PASSWORD });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({ email: 'ada@example.com', role: 'admin' });
      expect(created.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect(created.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
      const again = await anon.post('/api/setup', { email: 'eve@example.com', name: 'Eve', password: PASSWORD });
      expect(again.status).toBe(409);
      expect((await anon.get('/api/setup')).body).toEqual({ needsSetup: false });
    });
  });

  describe('POST /api/users', () => {
    it('lets the admin add users with roles and rejects duplicates and bad roles readably', async () => {
      for (const [email, role] of [
        ['mia@example.com', 'manager'],
        ['rey@example.com', 'reviewer'],
        ['sam@example.com', 'rep'],
      ]) {
        const r = await admin.post('/api/users', { email, name: email.split('@')[0], role, password: PASSWORD });
        expect(r.status).toBe(201);
        expect(r.body).not.toHaveProperty('passwordHash');
      }
      const dup = await admin.post('/api/users', { email: 'MIA@example.com', name: 'x', role: 'rep', password: PASSWORD });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('already exists');
      const badRole = await admin.post('/api/users', { email: 'z@example.com', name: 'z', role: 'god', password: PASSWORD });
      expect(badRole.status).toBe(400);
      expect(badRole.body.issues.map((i: { path: string }) => i.path)).toContain('role');
      await manager.login('mia@example.com', PASSWORD);
      await reviewer.login('rey@example.com', PASSWORD);
      await rep.login('sam@example.com', PASSWORD);
      expect((await rep.get('/api/users')).status).toBe(403);
      expect((await anon.get('/api/users')).status).toBe(401);
      expect((await admin.get('/api/users')).body.items).toHaveLength(4);
    });

    it('refuses a wrong password with a readable 401 and a cookie write without the CSRF token', async () => {
      const wrong = await anon.post('/api/session', { email: 'mia@example.com', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('Wrong email or password.');
      // Five wrong passwords lock the account for a while (429), with a message that says so.
      for (let i = 0; i < 4; i++) await anon.post('/api/session', { email: 'locked@example.com', password: 'nope nope nope' });
      const locked = await anon.post('/api/session', { email: 'locked@example.com', password: 'nope nope nope' });
      expect(locked.status).toBe(401);
      const sixth = await anon.post('/api/session', { email: 'locked@example.com', password: 'nope nope nope' });
      expect(sixth.status).toBe(429);
      expect(sixth.body.message).toMatch(/Too many wrong passwords/);
      const noCsrf = await admin.post('/api/users', { email: 'q@example.com', name: 'q', role: 'rep', password: PASSWORD }, { csrf: false });
      expect(noCsrf.status).toBe(403);
      expect(noCsrf.body.message).toMatch(/CSRF/);
    });
  });

  describe('POST /api/interviews', () => {
    it('rejects bad notes with clear 4xx and stores nothing', async () => {
      expect((await manager.post('/api/interviews', { notes: 'too short' })).status).toBe(400);
      const missing = await manager.post('/api/interviews', {});
      expect(missing.status).toBe(400);
      expect(missing.body.issues[0].path).toBe('notes');
      const huge = await manager.post('/api/interviews', { notes: 'x'.repeat(200_001) });
      expect(huge.status).toBe(413);
      expect(huge.body.message).toMatch(/limit is 200,000/);
      const badJson = await manager.post('/api/interviews', undefined, { raw: '{"notes": ' });
      expect(badJson.status).toBe(400);
      const binary = await manager.post('/api/interviews', { notes: `PK\u0003\u0004\u0000\u0000${'a'.repeat(60)}` });
      expect(binary.status).toBe(400);
      expect(binary.body.message).toMatch(/binary/);
      expect((await rep.post('/api/interviews', { notes: HOSPITAL })).status).toBe(403);
      expect((await reviewer.get('/api/drafts')).body.items).toHaveLength(0);
    });

    it('accepts notes (202), streams progress over the websocket and drafts with the embedded drafter', async () => {
      const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: { cookie: reviewer.cookieHeader } });
      const events: { type: string; draft?: { id: string; status: string } }[] = [];
      ws.on('message', (m) => events.push(JSON.parse(m.toString())));
      await new Promise((resolve) => ws.once('open', resolve));

      const r = await manager.post('/api/interviews', { notes: HOSPITAL, source: { kind: 'notes' } });
      expect(r.status).toBe(202);
      expect(r.body.draft.status).toBe('drafting');
      hospitalDraftId = r.body.draft.id;
      const draft = await reviewer.waitForDraft(hospitalDraftId);
      expect(draft.status).toBe('ready');
      expect(draft.provider).toBe('extractive');
      expect(draft.interview.notes).toBe(HOSPITAL);
      expect(draft.profile.company.length).toBeGreaterThan(0);
      for (const span of draft.evidence) {
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(draft.interview.text.length);
      }
      await new Promise((res) => setTimeout(res, 100));
      ws.close();
      const mine = events.filter((e) => e.type === 'draft.updated' && e.draft?.id === hospitalDraftId);
      expect(mine.at(-1)?.draft?.status).toBe('ready');
    });

    it('never shows a draft to a rep, not by id and not in search', async () => {
      expect((await rep.get(`/api/drafts/${hospitalDraftId}`)).status).toBe(403);
      expect((await rep.get('/api/drafts')).status).toBe(403);
      expect((await rep.get('/api/advocates')).body.items).toHaveLength(0);
      const m = await rep.post('/api/match', { query: 'hospital in Germany' });
      expect(m.status).toBe(200);
      expect(m.body.results).toHaveLength(0);
    });
  });

  describe('POST /api/drafts/:id/approve and /reject', () => {
    it('approves with edits, records who approved and what differs from the AI draft', async () => {
      const draft = (await reviewer.get(`/api/drafts/${hospitalDraftId}`)).body;
      const edited = { ...draft.profile, title: 'Chief Information Officer (edited)' };
      expect((await rep.post(`/api/drafts/${hospitalDraftId}/approve`, { profile: edited })).status).toBe(403);
      const consent = { source: 'Agreed in the interview' };
      const r = await reviewer.post(`/api/drafts/${hospitalDraftId}/approve`, { profile: edited, consent });
      expect(r.status).toBe(200);
      expect(r.body.advocate).toMatchObject({ version: 1, consent: 'granted' });
      advocateId = r.body.advocate.id;
      const seen = (await rep.get(`/api/advocates/${advocateId}`)).body;
      expect(seen.title).toBe('Chief Information Officer (edited)');
      // Reps get who approved which version and when, not what the AI drafted (rule 1).
      expect(seen.history[0]).toMatchObject({ version: 1, approvedByName: 'rey' });
      expect(seen.versions).toBeUndefined();
      const adv = (await reviewer.get(`/api/advocates/${advocateId}`)).body;
      expect(adv.versions[0]).toMatchObject({ version: 1, approvedByName: 'rey' });
      expect(adv.versions[0].changesFromDraft).toEqual([
        { field: 'title', before: draft.profile.title, after: 'Chief Information Officer (edited)' },
      ]);
    });

    it('answers 409 for decisions on a decided draft and 400 for an empty reason', async () => {
      expect((await reviewer.post(`/api/drafts/${hospitalDraftId}/approve`, {})).status).toBe(409);
      const rej = await reviewer.post(`/api/drafts/${hospitalDraftId}/reject`, { reason: 'duplicate' });
      expect(rej.status).toBe(409);
      expect(rej.body.message).toMatch(/approved/);
      const bank = await manager.post('/api/interviews', { notes: BANK });
      const bankDraft = await reviewer.waitForDraft(bank.body.draft.id);
      expect((await reviewer.post(`/api/drafts/${bankDraft.id}/reject`, { reason: '' })).status).toBe(400);
      expect((await reviewer.post(`/api/drafts/${bankDraft.id}/reject`, { reason: 'Customer asked not to be a reference' })).status).toBe(200);
      expect((await reviewer.post(`/api/drafts/${bankDraft.id}/approve`, {})).status).toBe(409);
      expect((await reviewer.post('/api/drafts/not-a-draft/approve', {})).status).toBe(404);
      expect((await reviewer.post(`/api/drafts/${bankDraft.id}/retry`)).status).toBe(409);
    });
  });

  describe('POST /api/match', () => {
    it('finds the approved advocate for a plain-language prospect, with reasons', async () => {
      await server.ctx.match.settled();
      const r = await rep.post('/api/match', {
        query: 'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling',
      });
      expect(r.status).toBe(200);
      expect(r.body.results[0].advocate.id).toBe(advocateId);
      expect(r.body.results[0].reasons.length).toBeGreaterThan(0);
      expect(typeof r.body.tookMs).toBe('number');
      expect((await rep.post('/api/match', { query: '' })).status).toBe(400);
      expect((await rep.post('/api/match', { query: 'x'.repeat(3000) })).status).toBe(400);
      expect((await rep.post('/api/match', { query: '"unbalanced AND (quote OR' })).status).toBe(200);
    });

    it('works for scripts with a bearer API token and no CSRF header', async () => {
      const t = await rep.post('/api/tokens', { name: 'crm sync' });
      expect(t.status).toBe(201);
      const script = new TestClient(server.url).withToken(t.body.token);
      expect((await script.post('/api/match', { query: 'hospital' })).status).toBe(200);
      expect((await new TestClient(server.url).withToken('vouch_nope').get('/api/advocates')).status).toBe(401);
      // Listed without its value, with when it was last used; revoking it shuts the script out.
      const listed = (await rep.get('/api/tokens')).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: t.body.id, name: 'crm sync', revokedAt: null })]);
      expect(listed[0].lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain(t.body.token);
      expect((await reviewer.request('DELETE', `/api/tokens/${t.body.id}`)).status).toBe(404);
      expect((await rep.request('DELETE', `/api/tokens/${t.body.id}`)).status).toBe(204);
      expect((await script.post('/api/match', { query: 'hospital' })).status).toBe(401);
    });
  });

  describe('restart', () => {
    it('keeps users, interviews, drafts, advocates and the index', async () => {
      const dataDir = server.dataDir;
      await server.stop();
      server = await startServer({ dataDir, env: database.env });
      const again = new TestClient(server.url);
      await again.login('sam@example.com', PASSWORD);
      expect((await again.get('/api/advocates')).body.items).toHaveLength(1);
      const m = await again.post('/api/match', { query: 'hospital in Germany' });
      expect(m.body.results[0].advocate.id).toBe(advocateId);
      const rev = new TestClient(server.url);
      await rev.login('rey@example.com', PASSWORD);
      // The queue (the default list) is empty now; decided drafts are history, asked for by status.
      expect((await rev.get('/api/drafts')).body).toMatchObject({ items: [], total: 0, counts: { approved: 1, rejected: 1 } });
      const drafts = (await rev.get('/api/drafts?status=approved,rejected')).body.items;
      expect(drafts.map((d: { status: string }) => d.status).sort()).toEqual(['approved', 'rejected']);
      const health = (await again.get('/api/health')).body;
      expect(health).toMatchObject({ status: 'ok', llm: { provider: 'extractive' }, index: { advocates: 1 } });
    });

    it('rebuilds a lost search index from the records at the next start', async () => {
      const dataDir = server.dataDir;
      await server.stop();
      // The index is derived data: deleting it (a disk cleanup, a copied data dir without it) loses nothing.
      fs.rmSync(path.join(dataDir, 'index'), { recursive: true, force: true });
      server = await startServer({ dataDir, env: database.env });
      const again = new TestClient(server.url);
      await again.login('sam@example.com', PASSWORD);
      expect((await again.get('/api/health')).body).toMatchObject({ index: { advocates: 1 } });
      const m = await again.post('/api/match', { query: 'hospital in Germany' });
      expect(m.body.results[0].advocate.id).toBe(advocateId);
    });
  });
});
