import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * The program around the advocates over real HTTP, on both dialects: nominations (create, triage, what the
 * nominator sees, events), profiles kept fresh (approval counts, verified with the customer, stale list,
 * the hint on match results), targets and coverage, demand from reps' searches (intent only), and the
 * value report (JSON and CSV).
 */
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');
const PASSWORD = 'correct horse battery';
const NOMINEE = {
  name: 'Dana Park',
  company: 'Northwind Logistics',
  email: 'dana.park@northwind.example',
  reason: 'Cut their dispatch planning time in half and says so to anyone who asks.',
  relationship: 'I am their account executive since 2023',
  activities: ['reference_call', 'event_speaker'],
};
const DANA_NOTES = `Interviewee: Dana Park
Role: Head of Dispatch
Company: Northwind Logistics
Location: Rotterdam, Netherlands
Industry: Logistics

Dana runs dispatch for 240 trucks. Since Lumen Routing went live, planning the next day takes two hours instead of four.
She said: "We plan tomorrow before lunch now, which used to take the whole afternoon."
She is happy to take reference calls.`;

type Event = { type: string; nomination?: { id: string; status: string } };

async function listen(server: TestServer, client: TestClient) {
  const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: { cookie: client.cookieHeader } });
  const events: Event[] = [];
  ws.on('message', (m) => events.push(JSON.parse(m.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { events, close: () => ws.close() };
}

/** Waits until `check` passes (events arrive after the HTTP answer); fails with the last error after 10 s. */
async function eventually(check: () => void): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((res) => setTimeout(res, 25));
    }
  }
}

describe.each(DIALECTS)('the program over HTTP (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let admin: TestClient;
  let manager: TestClient;
  let rep: TestClient;
  let rep2: TestClient;
  let reviewer: TestClient;
  let hospital = '';
  let bank = '';
  const trail = async (type: string, id: string) =>
    server.ctx.stores.audit.trail(type, id).then((rows) => rows.map((r) => ({ action: r.action, actorId: r.actorId })));
  const users: Record<string, string> = {};

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    users.ada = (await admin.get('/api/me')).body.user.id;
    const people: [string, string, string][] = [
      ['mia@example.com', 'Mia Manager', 'manager'],
      ['sam@example.com', 'Sam Sales', 'rep'],
      ['tom@example.com', 'Tom Other', 'rep'],
      ['rey@example.com', 'Rey Reviewer', 'reviewer'],
    ];
    const clients: TestClient[] = [];
    for (const [email, name, role] of people) {
      users[email] = (await admin.post('/api/users', { email, name, role, password: PASSWORD })).body.id;
      const c = new TestClient(server.url);
      await c.login(email, PASSWORD);
      clients.push(c);
    }
    [manager, rep, rep2, reviewer] = clients;
    hospital = await admin.approveNotes(fixture('hospital-de.md'), 'Fixture approved as drafted for the program tests');
    bank = await admin.approveNotes(fixture('bank-ca.txt'), 'Fixture approved as drafted for the program tests');
    await server.ctx.match.settled();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('nominations', () => {
    let danaId = '';
    let katrinId = '';
    let otherId = '';

    it('lets every role nominate, refuses bad input readably and a second live nomination of the same person', async () => {
      const bad = await rep.post('/api/nominations', { name: 'D', company: '', email: 'not-an-email', reason: 'great', relationship: 'me' });
      expect(bad.status).toBe(400);
      expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['company', 'email', 'name', 'reason', 'relationship']);
      expect(bad.body.message).toMatch(/name|company|email|advocate/i);

      const events = await listen(server, rep);
      const others = await listen(server, rep2);
      const managers = await listen(server, manager);
      const r = await rep.post('/api/nominations', NOMINEE);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        ...NOMINEE,
        status: 'open',
        nominatedBy: { id: users['sam@example.com'], name: 'Sam Sales' },
        decidedBy: null,
        actions: [],
        candidates: [],
        advocate: null,
      });
      danaId = r.body.id;
      await eventually(() => expect(events.events).toContainEqual({ type: 'nomination.updated', nomination: { id: danaId, status: 'open', nominatedBy: users['sam@example.com'] } }));
      await eventually(() => expect(managers.events.some((e) => e.nomination?.id === danaId)).toBe(true));
      expect(others.events.some((e) => e.type === 'nomination.updated')).toBe(false);
      for (const l of [events, others, managers]) l.close();

      const again = await rep2.post('/api/nominations', { ...NOMINEE, name: ' dana  PARK ', email: '' });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('already nominated by a colleague');

      // A reviewer nominates too; this one is an approved advocate already (same name and company).
      const k = await reviewer.post('/api/nominations', {
        name: 'Katrin Vogel',
        company: 'Klinikum Sankt Anna',
        reason: 'She spoke at our user group and people lined up to ask her questions.',
        relationship: 'Met her at the user group',
      });
      expect(k.status).toBe(201);
      katrinId = k.body.id;
      const o = await rep2.post('/api/nominations', {
        name: 'Lee Chan',
        company: 'Harbourline Credit Union',
        reason: 'Runs the lending team and loves the new forms.',
        relationship: 'Their support contact',
        activities: ['case_study'],
      });
      expect(o.status).toBe(201);
      otherId = o.body.id;
      const trailRows = await trail('nomination', danaId);
      expect(trailRows).toEqual([{ action: 'nomination.created', actorId: users['sam@example.com'] }]);
      const detail = JSON.stringify(await server.ctx.stores.audit.trail('nomination', danaId));
      expect(detail).not.toContain(NOMINEE.email);
    });

    it('shows the nominator their own nominations only, and managers all of them with duplicate candidates', async () => {
      const mine = await rep.get('/api/nominations');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual([danaId]);
      expect(mine.body.counts).toEqual({ open: 1, accepted: 0, declined: 0, duplicate: 0 });
      expect((await rep.get('/api/nominations?scope=all')).status).toBe(403);
      expect((await rep.get(`/api/nominations/${katrinId}`)).status).toBe(404);
      expect((await rep2.get(`/api/nominations/${danaId}`)).status).toBe(404);

      const all = await manager.get('/api/nominations?scope=all&status=open');
      expect(all.status).toBe(200);
      // Oldest first: the triage order.
      expect(all.body.items.map((n: { id: string }) => n.id)).toEqual([danaId, katrinId, otherId]);
      expect(all.body.counts.open).toBe(3);
      const katrin = all.body.items.find((n: { id: string }) => n.id === katrinId);
      expect(katrin.actions).toEqual(['accept', 'decline', 'duplicate']);
      expect(katrin.candidates[0]).toMatchObject({ id: hospital, match: 'same_person' });
      expect(katrin.advocate).toMatchObject({ id: hospital });
      const lee = all.body.items.find((n: { id: string }) => n.id === otherId);
      expect(lee.candidates).toEqual([expect.objectContaining({ id: bank, match: 'same_company' })]);
    });

    it('lets a manager accept, decline with a reason, or mark a duplicate; audited; wrong states are 409', async () => {
      expect((await rep.post(`/api/nominations/${danaId}/accept`, {})).status).toBe(403);
      const accepted = await manager.post(`/api/nominations/${danaId}/accept`, { note: 'Will interview in January' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: { name: 'Mia Manager' }, decisionNote: 'Will interview in January', actions: ['decline', 'duplicate'] });
      expect((await manager.post(`/api/nominations/${danaId}/accept`, {})).status).toBe(409);

      expect((await manager.post(`/api/nominations/${otherId}/decline`, { reason: '' })).status).toBe(400);
      const declined = await manager.post(`/api/nominations/${otherId}/decline`, { reason: 'Their contract ends this quarter.' });
      expect(declined.body).toMatchObject({ status: 'declined', decisionNote: 'Their contract ends this quarter.', actions: [] });
      expect((await manager.post(`/api/nominations/${otherId}/accept`, {})).status).toBe(409);

      expect((await manager.post(`/api/nominations/${katrinId}/duplicate`, { advocateId: 'nope' })).status).toBe(404);
      const dup = await manager.post(`/api/nominations/${katrinId}/duplicate`, { advocateId: hospital });
      expect(dup.body).toMatchObject({ status: 'duplicate', duplicateOf: { id: hospital, name: 'Katrin Vogel' } });
      expect((await manager.post('/api/nominations/nope/accept', {})).status).toBe(404);

      expect(await trail('nomination', danaId)).toEqual([
        { action: 'nomination.created', actorId: users['sam@example.com'] },
        { action: 'nomination.accepted', actorId: users['mia@example.com'] },
      ]);
      expect((await trail('nomination', otherId)).at(-1)).toEqual({ action: 'nomination.declined', actorId: users['mia@example.com'] });
      expect((await trail('nomination', katrinId)).at(-1)).toEqual({ action: 'nomination.marked_duplicate', actorId: users['mia@example.com'] });

      // What the nominators see.
      expect((await rep2.get(`/api/nominations/${otherId}`)).body).toMatchObject({ status: 'declined', decisionNote: 'Their contract ends this quarter.' });
      expect((await reviewer.get(`/api/nominations/${katrinId}`)).body.duplicateOf).toMatchObject({ name: 'Katrin Vogel' });
    });

    it('shows the nominator when the accepted nominee became an approved advocate', async () => {
      const r = await manager.post('/api/interviews', { notes: DANA_NOTES });
      const draft = await manager.waitForDraft(r.body.draft.id);
      const ok = await admin.post(`/api/drafts/${draft.id}/approve`, {
        profile: { ...draft.profile, name: 'Dana Park', company: 'Northwind Logistics' },
        override: { reason: 'Test notes' },
        consent: { source: 'Agreed in the interview' },
      });
      expect(ok.status).toBe(200);
      const seen = (await rep.get(`/api/nominations/${danaId}`)).body;
      expect(seen.advocate).toEqual({ id: ok.body.advocate.id, name: 'Dana Park', company: 'Northwind Logistics' });
    });
  });

  describe('profiles kept fresh', () => {
    it('counts the approval as verification; managers see by whom, reps only the date', async () => {
      const m = (await manager.get(`/api/advocates/${hospital}`)).body.freshness;
      expect(m).toMatchObject({ how: 'approval', by: { name: 'Ada Admin' }, note: null, stale: false, daysSince: 0, staleAfterDays: 180 });
      const r = (await rep.get(`/api/advocates/${hospital}`)).body.freshness;
      expect(r).toMatchObject({ how: 'approval', stale: false });
      expect(r.by).toBeUndefined();
      expect(r.note).toBeUndefined();
      expect((await manager.get('/api/program/stale')).body).toMatchObject({ staleAfterDays: 180, total: 0, items: [] });
    });

    it('lists a profile not verified for VOUCH_STALE_DAYS, hints it on match results, and clears it when verified', async () => {
      // The hospital's approval, as if it had been made in 2025.
      await server.ctx.stores.db.kysely.updateTable('advocate_versions').set({ approved_at: '2025-01-10T09:00:00.000Z' }).where('advocate_id', '=', hospital).execute();
      const stale = (await manager.get('/api/program/stale')).body;
      expect(stale.total).toBe(1);
      expect(stale.items[0]).toMatchObject({ advocate: { id: hospital, name: 'Katrin Vogel' }, consenting: true, how: 'approval', lastVerifiedAt: '2025-01-10T09:00:00.000Z' });
      expect(stale.items[0].daysSince).toBeGreaterThan(180);
      expect((await rep.get(`/api/advocates/${hospital}`)).body.freshness.stale).toBe(true);

      const match = await rep.post('/api/match', { query: 'mid-size hospital in Germany, worried about data privacy' });
      const hit = match.body.results.find((x: { advocate: { id: string } }) => x.advocate.id === hospital);
      expect(hit.verified).toEqual({ lastVerifiedAt: '2025-01-10T09:00:00.000Z', stale: true });
      const fresh = match.body.results.find((x: { advocate: { id: string } }) => x.advocate.id === bank);
      expect(fresh.verified.stale).toBe(false);

      expect((await rep.post(`/api/advocates/${hospital}/verify`, { note: 'Called her' })).status).toBe(403);
      expect((await manager.post(`/api/advocates/${hospital}/verify`, { note: 'ok' })).status).toBe(400);
      expect((await manager.post('/api/advocates/nope/verify', { note: 'Called the customer' })).status).toBe(404);
      const v = await manager.post(`/api/advocates/${hospital}/verify`, { note: 'Call with Katrin, 4 Dec: still Head of Patient Access' });
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({ how: 'verified', by: { name: 'Mia Manager' }, note: 'Call with Katrin, 4 Dec: still Head of Patient Access', stale: false });
      expect((await manager.get('/api/program/stale')).body.total).toBe(0);
      expect((await trail('advocate', hospital)).at(-1)).toEqual({ action: 'advocate.verified', actorId: users['mia@example.com'] });
      const after = await rep.post('/api/match', { query: 'mid-size hospital in Germany, worried about data privacy' });
      expect(after.body.results.find((x: { advocate: { id: string } }) => x.advocate.id === hospital).verified.stale).toBe(false);
    });
  });

  describe('targets, coverage and demand', () => {
    let targetId = '';

    it('sets targets per segment, refuses bad and duplicate ones, and shows have / want / gap', async () => {
      expect((await manager.post('/api/program/targets', { wanted: 2 })).body.issues[0]).toMatchObject({ path: 'industry' });
      expect((await manager.post('/api/program/targets', { industry: 'Healthcare', wanted: 0 })).status).toBe(400);
      const t = await manager.post('/api/program/targets', { industry: 'hospitals', region: 'germany', wanted: 3 });
      expect(t.status).toBe(201);
      expect(t.body).toMatchObject({ industry: 'Healthcare', region: 'Germany', product: '', wanted: 3, updatedBy: { name: 'Mia Manager' } });
      targetId = t.body.id;
      const dup = await manager.post('/api/program/targets', { industry: 'Healthcare', region: 'GERMANY', wanted: 5 });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('Healthcare · Germany');
      await manager.post('/api/program/targets', { region: 'Brazil', wanted: 4 });

      const c = (await manager.get('/api/program/coverage')).body;
      expect(c.advocates).toBe(3);
      const de = c.targets.find((x: { id: string }) => x.id === targetId);
      expect(de).toMatchObject({ label: 'Healthcare · Germany', have: 1, availableNow: 1, gap: 2, sample: [{ id: hospital, name: 'Katrin Vogel' }] });
      expect(c.targets[0]).toMatchObject({ label: 'Brazil', have: 0, gap: 4 });

      const changed = await manager.post(`/api/program/targets/${targetId}`, { wanted: 1 });
      expect(changed.body.wanted).toBe(1);
      expect((await manager.get('/api/program/coverage')).body.targets.find((x: { id: string }) => x.id === targetId).gap).toBe(0);
      expect((await trail('target', targetId)).map((r) => r.action)).toEqual(['target.created', 'target.updated']);
    });

    it('deletes a target (audited)', async () => {
      expect((await manager.delete(`/api/program/targets/${targetId}`)).status).toBe(204);
      expect((await manager.delete(`/api/program/targets/${targetId}`)).status).toBe(404);
      expect((await manager.post(`/api/program/targets/${targetId}`, { wanted: 2 })).status).toBe(404);
      expect((await trail('target', targetId)).at(-1)).toEqual({ action: 'target.deleted', actorId: users['mia@example.com'] });
    });

    it('counts reps’ searches by the segment of their intent only, and shows where they found few advocates', async () => {
      const query = 'a cooperative bank in Brazil, worried about loan decision times, meeting on Tuesday with Joana';
      for (const client of [rep, rep2]) expect((await client.post('/api/match', { query })).status).toBe(200);
      // A manager's search is not demand.
      await manager.post('/api/match', { query: 'a bank in Portugal' });
      const c = (await manager.get('/api/program/coverage')).body;
      const gap = c.demand.gaps.find((g: { region: string }) => g.region === 'Brazil');
      expect(gap).toMatchObject({ industry: 'Financial services', region: 'Brazil', searches: 2, noFit: 2, fewFit: 0, targeted: true });
      expect(c.demand.gaps.some((g: { region: string }) => g.region === 'Portugal')).toBe(false);

      const rows = await server.ctx.stores.db.kysely.selectFrom('match_demand').selectAll().execute();
      const stored = JSON.stringify(rows);
      for (const word of ['cooperative', 'loan', 'Tuesday', 'Joana', 'worried']) expect(stored).not.toContain(word);
      expect(Object.keys(rows[0]).sort()).toEqual(['day', 'few_fit', 'industry', 'no_fit', 'products', 'region', 'searches']);
    });
  });

  describe('GET /api/program/report', () => {
    /** A rep asks, the manager approves and records it as done on a past date (entering past engagements). */
    async function engagement(advocateId: string, prospect: string, happenedAt: string, outcome: object) {
      const r = await rep.post('/api/requests', { advocateId, kind: 'reference_call', prospectCompany: prospect, description: 'A reference call about their results.' });
      expect(r.status).toBe(201);
      expect((await manager.post(`/api/requests/${r.body.id}/approve`, {})).status).toBe(200);
      const done = await manager.post(`/api/requests/${r.body.id}/complete`, { happenedAt, outcome });
      expect(done.status).toBe(200);
    }

    beforeAll(async () => {
      await engagement(hospital, 'Klinik Nord', '2026-02-10T10:00:00Z', { result: 'open', amount: 100000, currency: 'EUR' });
      // The same deal, later, with another advocate: one deal, its latest outcome.
      await engagement(bank, 'klinik nord', '2026-03-05T10:00:00Z', { result: 'won', amount: 120000, currency: 'EUR' });
      await engagement(hospital, 'Acme Health', '2026-05-12T10:00:00Z', { result: 'lost', amount: 50000, currency: 'USD' });
      await engagement(bank, '=HYPERLINK("http://x")', '2026-05-20T10:00:00Z', { result: 'won', amount: null, currency: 'USD' });
      // Outside the range asked for below.
      await engagement(bank, 'Old Bank', '2025-11-20T10:00:00Z', { result: 'won', amount: 999, currency: 'USD' });
    });

    it('reports pipeline and won revenue per quarter and currency, engagements and top advocates, and says what it cannot', async () => {
      expect((await rep.get('/api/program/report')).status).toBe(403);
      expect((await manager.get('/api/program/report?from=2026-07-01&to=2026-01-01')).status).toBe(400);
      expect((await manager.get('/api/program/report?from=yesterday')).status).toBe(400);
      const r = await manager.get('/api/program/report?from=2026-01-01&to=2026-06-30');
      expect(r.status).toBe(200);
      const v = r.body;
      expect(v).toMatchObject({ from: '2026-01-01', to: '2026-06-30', engagements: 4, advocatesEngaged: 2, deals: 3, outcomes: { won: 2, lost: 1, open: 0 }, unpricedDeals: 1 });
      expect(v.money).toEqual([
        { currency: 'EUR', pipeline: 120000, won: 120000 },
        { currency: 'USD', pipeline: 50000, won: 0 },
      ]);
      expect(v.quarters.map((q: { quarter: string; engagements: number; deals: number; dealsWon: number }) => [q.quarter, q.engagements, q.deals, q.dealsWon])).toEqual([
        ['2026-Q1', 2, 1, 1],
        ['2026-Q2', 2, 2, 1],
      ]);
      expect(v.quarters[0].money).toEqual([{ currency: 'EUR', pipeline: 120000, won: 120000 }]);
      // Both advocates took part in the won Klinik Nord deal; the bank's advocate also won the unpriced one.
      expect(v.topByWon.map((a: { advocate: { id: string }; dealsWon: number }) => [a.advocate.id, a.dealsWon])).toEqual([
        [bank, 2],
        [hospital, 1],
      ]);
      expect(v.advocates.find((a: { advocate: { id: string } }) => a.advocate.id === hospital)).toMatchObject({ engagements: 2, dealsWon: 1, won: [{ currency: 'EUR', amount: 120000 }] });
      expect(v.caveats.join(' ')).toMatch(/no win rate/i);
    });

    it('exports CSV with one header row, spreadsheet formulas neutralised', async () => {
      const res = await manager.get('/api/program/report.csv?from=2026-01-01&to=2026-06-30');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toContain('vouch-value-engagements-2026-01-01-to-2026-06-30.csv');
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe('date,quarter,advocate,advocate_company,kind,prospect_company,rep,outcome,amount,currency,deal,request_id');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/^2026-02-10,2026-Q1,Katrin Vogel,Klinikum Sankt Anna,Reference call,Klinik Nord,Sam Sales,open,100000,EUR,klinik nord\|EUR,/);
      expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
      const quarters = await manager.get('/api/program/report.csv?from=2026-01-01&to=2026-06-30&table=quarters');
      expect(quarters.text.split('\r\n')[0]).toBe('quarter,from,to,engagements,deals,deals_won,currency,influenced_pipeline,won_revenue');
      expect((await manager.get('/api/program/report.csv?table=people')).status).toBe(400);
      expect((await rep.get('/api/program/report.csv')).status).toBe(403);
    });
  });
});
