import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');
const PASSWORD = 'correct horse battery';
const CONTACT = { contactEmail: 'katrin.vogel@klinikum.example', contactPhone: '+49 761 555 0100' };
const QUERY = 'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling';
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

type Events = { type: string; request?: { id: string; status: string } }[];

/** Listens on a websocket path as a signed-in client and collects the events. */
async function listen(server: TestServer, client: TestClient, wsPath: string) {
  const ws = new WebSocket(server.url.replace('http', 'ws') + wsPath, { headers: { cookie: client.cookieHeader } });
  const events: Events = [];
  ws.on('message', (m) => events.push(JSON.parse(m.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { events, close: () => ws.close() };
}

describe.each(DIALECTS)('request workflow and burnout protection over HTTP (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let admin: TestClient;
  let manager: TestClient;
  let rep: TestClient;
  let rep2: TestClient;
  let owner: TestClient;
  let reviewer: TestClient;
  let hospital = '';
  let university = '';
  let requestId = '';
  let declinedId = '';
  const ids: Record<string, string> = {};

  const approveFixture = (file: string) => admin.approveNotes(fixture(file), 'Fixture approved as drafted for the request tests');

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    const clients: [string, string, string][] = [
      ['mia@example.com', 'Mia Manager', 'manager'],
      ['sam@example.com', 'Sam Sales', 'rep'],
      ['tom@example.com', 'Tom Other', 'rep'],
      ['olga@example.com', 'Olga Owner', 'rep'],
      ['rey@example.com', 'Rey Reviewer', 'reviewer'],
    ];
    const signedIn: TestClient[] = [];
    for (const [email, name, role] of clients) {
      const created = await admin.post('/api/users', { email, name, role, password: PASSWORD });
      ids[email] = created.body.id;
      const c = new TestClient(server.url);
      await c.login(email, PASSWORD);
      signedIn.push(c);
    }
    [manager, rep, rep2, owner, reviewer] = signedIn;
    hospital = await approveFixture('hospital-de.md');
    university = await approveFixture('university-au.srt');
    await server.ctx.match.settled();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('POST /api/advocates/:id/program', () => {
    it('lets a manager set private contact details and an account owner; refuses reps and bad values', async () => {
      expect((await rep.post(`/api/advocates/${hospital}/program`, CONTACT)).status).toBe(403);
      const bad = await manager.post(`/api/advocates/${hospital}/program`, { contactEmail: 'not an email', engagementCap: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['contactEmail', 'engagementCap']);
      const unknown = await manager.post(`/api/advocates/${university}/program`, { accountOwnerEmail: 'nobody@example.com' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/No Vouch user/);
      const reviewerOwner = await manager.post(`/api/advocates/${university}/program`, { accountOwnerEmail: 'rey@example.com' });
      expect(reviewerOwner.status).toBe(400);

      const ok = await manager.post(`/api/advocates/${hospital}/program`, CONTACT);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ engagementCap: null, effectiveCap: 3, contact: { email: CONTACT.contactEmail, phone: CONTACT.contactPhone } });
      const owned = await manager.post(`/api/advocates/${university}/program`, {
        accountOwnerEmail: 'olga@example.com',
        contactEmail: 'daniel@coastalbay.example',
      });
      expect(owned.body.accountOwner).toMatchObject({ name: 'Olga Owner' });
      expect((await manager.post('/api/advocates/nope/program', CONTACT)).status).toBe(404);
    });

    it('shows the load to everyone but contact, settings and history only to managers and admins', async () => {
      const forRep = (await rep.get(`/api/advocates/${hospital}`)).body;
      expect(forRep.load).toMatchObject({ state: 'available', summary: '0 of 3 this quarter' });
      expect(forRep.program).toBeUndefined();
      expect(forRep.requestHistory).toBeUndefined();
      expect(JSON.stringify(forRep)).not.toContain(CONTACT.contactEmail);
      const forManager = (await manager.get(`/api/advocates/${hospital}`)).body;
      expect(forManager.program.contact.email).toBe(CONTACT.contactEmail);
      expect(forManager.requestHistory).toMatchObject({ total: 0, lastAsked: null });
    });
  });

  describe('POST /api/match', () => {
    it('carries each advocate’s load and never their contact details', async () => {
      const m = await rep.post('/api/match', { query: QUERY });
      expect(m.status).toBe(200);
      expect(m.body.results[0].advocate.id).toBe(hospital);
      expect(m.body.results[0].load).toMatchObject({ state: 'available', used: 0, cap: 3 });
      expect(m.body.burnout).toEqual({ mode: 'rank', hidden: 0, rankedDown: 0 });
      expect(m.text).not.toContain(CONTACT.contactEmail);
    });
  });

  describe('POST /api/requests', () => {
    it('creates a request for a rep, without contact details, and refuses bad or duplicate ones', async () => {
      const body = {
        advocateId: hospital,
        kind: 'reference_call',
        prospectCompany: 'Klinik Nord',
        description: 'Their CIO wants to hear how data privacy questions were answered.',
      };
      expect((await manager.post('/api/requests', body)).status).toBe(403);
      expect((await rep.post('/api/requests', { ...body, kind: 'lunch' })).status).toBe(400);
      const past = await rep.post('/api/requests', { ...body, neededBy: '2020-01-01' });
      expect(past.status).toBe(400);
      expect(past.body.issues[0].path).toBe('neededBy');
      expect((await rep.post('/api/requests', { ...body, advocateId: 'nope' })).status).toBe(404);

      const r = await rep.post('/api/requests', { ...body, neededBy: hoursFromNow(24 * 30).slice(0, 10) });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        status: 'requested',
        kind: 'reference_call',
        requestedBy: { name: 'Sam Sales' },
        awaiting: ['manager'],
        contact: null,
        actions: [],
        activityAgreed: expect.any(Boolean),
        load: { summary: '0 of 3 this quarter' },
      });
      requestId = r.body.id;
      const dup = await rep.post('/api/requests', body);
      expect(dup.status).toBe(409);
      expect(dup.body.message).toMatch(/already have an open request/);
    });

    it('shows reps their own requests only, and managers all of them', async () => {
      expect((await rep.get('/api/requests')).body.items.map((r: { id: string }) => r.id)).toEqual([requestId]);
      expect((await rep2.get('/api/requests')).body.items).toEqual([]);
      expect((await rep2.get(`/api/requests/${requestId}`)).status).toBe(404);
      expect((await reviewer.get('/api/requests')).status).toBe(403);
      const queue = (await manager.get('/api/requests?status=requested')).body.items;
      expect(queue.map((r: { id: string }) => r.id)).toEqual([requestId]);
      expect(queue[0].actions).toEqual(['approve', 'decline']);
    });
  });

  describe('POST /api/requests/:id/approve', () => {
    it('refuses the rep (403) and early scheduling (409)', async () => {
      const self = await rep.post(`/api/requests/${requestId}/approve`, {});
      expect(self.status).toBe(403);
      expect((await reviewer.post(`/api/requests/${requestId}/approve`, {})).status).toBe(403);
      expect((await rep2.post(`/api/requests/${requestId}/approve`, {})).status).toBe(404);
      expect((await rep.post(`/api/requests/${requestId}/schedule`, { scheduledFor: hoursFromNow(48) })).status).toBe(409);
      expect((await rep.post(`/api/requests/${requestId}/complete`, { outcome: { result: 'won' } })).status).toBe(409);
    });

    it('releases the contact details to the requesting rep only, and tells only the people concerned', async () => {
      const repWs = await listen(server, rep, '/ws');
      const otherWs = await listen(server, rep2, '/ws');
      const managerWs = await listen(server, manager, '/ws');

      const ok = await manager.post(`/api/requests/${requestId}/approve`, { note: 'Katrin is happy to help' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', decidedBy: { name: 'Mia Manager' }, awaiting: [] });
      expect(ok.body.approvals).toEqual([expect.objectContaining({ capacity: 'manager', note: 'Katrin is happy to help' })]);

      const mine = (await rep.get(`/api/requests/${requestId}`)).body;
      expect(mine.contact).toEqual({ email: CONTACT.contactEmail, phone: CONTACT.contactPhone });
      expect(mine.actions).toEqual(['schedule', 'complete']);
      expect((await rep2.get(`/api/requests/${requestId}`)).status).toBe(404);
      expect(JSON.stringify((await rep2.get(`/api/advocates/${hospital}`)).body)).not.toContain(CONTACT.contactEmail);

      await new Promise((res) => setTimeout(res, 150));
      for (const l of [repWs, otherWs, managerWs]) l.close();
      expect(repWs.events.at(-1)).toMatchObject({ type: 'request.updated', request: { id: requestId, status: 'approved' } });
      expect(managerWs.events.at(-1)).toMatchObject({ type: 'request.updated', request: { id: requestId, status: 'approved' } });
      // Another rep's browser never hears of this request.
      expect(otherWs.events.filter((e) => e.type === 'request.updated')).toEqual([]);

      expect((await manager.post(`/api/requests/${requestId}/approve`, {})).status).toBe(409);
      const late = await manager.post(`/api/requests/${requestId}/decline`, { reason: 'Changed my mind' });
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/approved/);
    });
  });

  describe('POST /api/requests/:id/decline', () => {
    it('needs a reason, and a declined request never releases the contact details', async () => {
      const r = await rep2.post('/api/requests', {
        advocateId: hospital,
        kind: 'case_study',
        prospectCompany: 'Spital Süd',
        description: 'A written case study for their board.',
      });
      expect(r.status).toBe(201);
      declinedId = r.body.id;
      expect((await manager.post(`/api/requests/${declinedId}/decline`, { reason: '' })).status).toBe(400);
      expect((await rep2.post(`/api/requests/${declinedId}/decline`, { reason: 'nope' })).status).toBe(403);
      const d = await manager.post(`/api/requests/${declinedId}/decline`, { reason: 'Katrin is on leave until March' });
      expect(d.status).toBe(200);
      const seen = (await rep2.get(`/api/requests/${declinedId}`)).body;
      expect(seen).toMatchObject({ status: 'declined', declineReason: 'Katrin is on leave until March', contact: null, actions: [] });
      expect((await manager.post(`/api/requests/${declinedId}/approve`, {})).status).toBe(409);
      expect((await rep2.post(`/api/requests/${declinedId}/schedule`, { scheduledFor: hoursFromNow(2) })).status).toBe(409);
    });
  });

  describe('POST /api/requests/:id/schedule and /complete', () => {
    it('schedules, refuses a completion in the future, completes with outcome and feedback', async () => {
      // It took place a few minutes ago (the request itself was made moments before: the test is quick).
      const s = await rep.post(`/api/requests/${requestId}/schedule`, { scheduledFor: hoursFromNow(-0.05) });
      expect(s.status).toBe(200);
      expect(s.body.status).toBe('scheduled');
      expect((await rep2.post(`/api/requests/${requestId}/complete`, { outcome: { result: 'won' } })).status).toBe(404);
      const future = await rep.post(`/api/requests/${requestId}/complete`, { happenedAt: hoursFromNow(48), outcome: { result: 'won' } });
      expect(future.status).toBe(400);
      // Nor long before it was asked for: that would keep it out of the rolling window and off the cap.
      const past = await rep.post(`/api/requests/${requestId}/complete`, { happenedAt: '2020-01-01T00:00:00Z', outcome: { result: 'won' } });
      expect(past.status).toBe(400);
      expect(past.body.message).toMatch(/before it was requested/);
      expect((await rep.post(`/api/requests/${requestId}/complete`, { outcome: { result: 'maybe' } })).status).toBe(400);
      const c = await rep.post(`/api/requests/${requestId}/complete`, {
        outcome: { result: 'won', amount: 48000, currency: 'eur' },
        feedback: 'The prospect signed after the call.',
      });
      expect(c.status).toBe(200);
      expect(c.body).toMatchObject({
        status: 'completed',
        outcome: { result: 'won', amount: 48000, currency: 'EUR' },
        feedback: 'The prospect signed after the call.',
        happenedAt: s.body.scheduledFor,
      });
      expect((await rep.post(`/api/requests/${requestId}/complete`, { outcome: { result: 'won' } })).status).toBe(409);
    });

    it('counts the engagement in the load: the advocate rests and ranks down in /api/match', async () => {
      const adv = (await manager.get(`/api/advocates/${hospital}`)).body;
      expect(adv.load).toMatchObject({ state: 'resting', used: 1, summary: '1 of 3 this quarter' });
      expect(adv.load.status).toMatch(/^Resting until \d{1,2} [A-Z][a-z]{2}/);
      expect(adv.requestHistory).toMatchObject({ total: 2, open: 0, completed: 1 });
      expect(adv.requestHistory.lastAsked).toMatchObject({ requestedBy: { name: 'Tom Other' }, status: 'declined', prospectCompany: 'Spital Süd' });

      const m = await rep.post('/api/match', { query: QUERY });
      expect(m.body.results[0].advocate.id).not.toBe(hospital);
      const ranked = m.body.results.find((r: { advocate: { id: string } }) => r.advocate.id === hospital);
      expect(ranked.load.state).toBe('resting');
      expect(m.body.burnout).toEqual({ mode: 'rank', hidden: 0, rankedDown: 1 });
    });

    it('applies a per-advocate cap: at cap with 1 of 1', async () => {
      const set = await manager.post(`/api/advocates/${hospital}/program`, { engagementCap: 1 });
      expect(set.body).toMatchObject({ engagementCap: 1, effectiveCap: 1 });
      const adv = (await rep.get(`/api/advocates/${hospital}`)).body;
      expect(adv.load).toMatchObject({ state: 'over_cap', summary: '1 of 1 this quarter' });
      expect(adv.load.status).toMatch(/^At cap until /);
    });
  });

  describe('account owner approval', () => {
    it('needs the account owner too before releasing the contact', async () => {
      const r = await rep.post('/api/requests', {
        advocateId: university,
        kind: 'event',
        prospectCompany: 'Inland State University',
        description: 'A panel on student enquiries at their summit.',
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ awaiting: ['manager', 'account_owner'], accountOwner: { name: 'Olga Owner' } });
      const first = await manager.post(`/api/requests/${r.body.id}/approve`, {});
      expect(first.body).toMatchObject({ status: 'requested', awaiting: ['account_owner'] });
      expect((await rep.get(`/api/requests/${r.body.id}`)).body.contact).toBeNull();
      expect((await manager.post(`/api/requests/${r.body.id}/approve`, {})).status).toBe(409);

      const ownerView = (await owner.get('/api/requests')).body.items;
      expect(ownerView.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
      expect(ownerView[0].contact).toBeNull();
      expect(ownerView[0].actions).toEqual(['approve', 'decline']);
      const second = await owner.post(`/api/requests/${r.body.id}/approve`, {});
      expect(second.body).toMatchObject({ status: 'approved', awaiting: [] });
      expect((await rep.get(`/api/requests/${r.body.id}`)).body.contact).toEqual({ email: 'daniel@coastalbay.example', phone: '' });
    });
  });

  describe('audit', () => {
    it('records every decision with its actor, and no contact values', async () => {
      const auditFor = (type: string, id: string) => server.ctx.stores.audit.trail(type, id);
      const trail = (await auditFor('request', requestId)).map((a) => [a.action, a.actorId]);
      expect(trail).toEqual([
        ['request.created', ids['sam@example.com']],
        ['request.approved', ids['mia@example.com']],
        ['request.contact_released', ids['mia@example.com']],
        ['request.scheduled', ids['sam@example.com']],
        ['request.completed', ids['sam@example.com']],
      ]);
      const declined = await auditFor('request', declinedId);
      expect(declined.map((a) => a.action)).toEqual(['request.created', 'request.declined']);
      expect(JSON.parse(declined[1].detail!)).toMatchObject({ reason: 'Katrin is on leave until March' });
      const program = await auditFor('advocate', hospital);
      expect(program.map((a) => a.action)).toContain('advocate.program_updated');
      expect(program.map((a) => a.detail ?? '').join()).not.toContain(CONTACT.contactEmail);
    });
  });

  describe('VOUCH_OVERCAP=hide', () => {
    it('hides at-cap advocates from match results and says how many', async () => {
      const dataDir = server.dataDir;
      await server.stop();
      server = await startServer({ dataDir, env: { ...database.env, VOUCH_OVERCAP: 'hide' } });
      const again = new TestClient(server.url);
      await again.login('sam@example.com', PASSWORD);
      const m = await again.post('/api/match', { query: QUERY });
      expect(m.status).toBe(200);
      expect(m.body.results.map((r: { advocate: { id: string } }) => r.advocate.id)).not.toContain(hospital);
      expect(m.body.results.length).toBeGreaterThan(0);
      expect(m.body.burnout).toEqual({ mode: 'hide', hidden: 1, rankedDown: 0 });
    });
  });
});
