import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadInterviewFixtures } from '../fixtures/interviews/index.js';
import { startApp, type RunningApp } from '../support/app.js';
import { databaseFor } from '../support/dialects.js';
import { TestClient } from '../support/http-client.js';

const PASSWORD = 'correct horse battery';
const OVERRIDE = { reason: 'Fixture approved as drafted for the two-instance test' };
/** The customers in the fixtures agreed in the interview: reps may find them. */
const CONSENT = { source: 'Agreed in the interview' };
const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * Two real server processes (tsx server/main.ts) on one Postgres database, each with its own data dir and
 * search index: what a deployment behind a load balancer looks like. Every draft is drafted exactly once,
 * decisions on one draft or request from both instances at once have exactly one winner, sessions and the
 * login lockout hold on both, events reach the other instance's sockets, and each index learns of
 * approvals made on the other.
 */
describe('two instances on one Postgres', () => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let a: RunningApp;
  let b: RunningApp;
  let sql: pg.Client;
  const c: Record<string, { a: TestClient; b: TestClient }> = {};
  const fixtures = loadInterviewFixtures();
  let drafts: { id: string; fixture: string }[] = [];

  beforeAll(async () => {
    database = await databaseFor('postgres');
    const env = {
      VOUCH_DATABASE_URL: database.url!,
      VOUCH_LLM: 'extractive',
      VOUCH_EMBEDDER: 'local',
      VOUCH_ADMIN_EMAIL: 'ada@example.com',
      VOUCH_ADMIN_PASSWORD: PASSWORD,
      VOUCH_SYNC_POLL_MS: '500',
    };
    // Started together on an empty database: migrations and the first admin must not collide.
    [a, b] = await Promise.all([startApp({ env: { ...env, VOUCH_INSTANCE_ID: 'vouch-a' } }), startApp({ env: { ...env, VOUCH_INSTANCE_ID: 'vouch-b' } })]);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const admin = new TestClient(a.url);
    await admin.login('ada@example.com', PASSWORD);
    c.admin = { a: admin, b: admin.at(b.url) };
    for (const [email, role] of [
      ['mia@example.com', 'manager'],
      ['rey@example.com', 'reviewer'],
      ['sam@example.com', 'rep'],
      ['lou@example.com', 'reviewer'],
    ]) {
      expect((await c.admin.b.post('/api/users', { email, name: email.split('@')[0], role, password: PASSWORD })).status).toBe(201);
      const client = new TestClient(a.url);
      await client.login(email, PASSWORD);
      c[email.split('@')[0]] = { a: client, b: client.at(b.url) };
    }
  });
  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('drafts every interview posted to either instance exactly once, shared between both', async () => {
    const started = performance.now();
    const posted = await Promise.all(
      [...fixtures, ...fixtures].map(async (f, i) => {
        const client = i % 2 === 0 ? c.mia.a : c.mia.b;
        const r = await client.post('/api/interviews', { notes: f.raw });
        expect(r.status).toBe(202);
        return { id: r.body.draft.id as string, fixture: f.name };
      }),
    );
    drafts = posted;
    const ids = posted.map((d) => d.id);
    const rows = await until('every draft to leave drafting', async () => {
      const r = await sql.query('SELECT id, status, claims, claimed_by FROM drafts WHERE id = ANY($1)', [ids]);
      return r.rows.every((row) => row.status !== 'drafting') ? r.rows : undefined;
    });
    const seconds = (performance.now() - started) / 1000;
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(row).toMatchObject({ status: 'ready', claims: 1 });
    const byInstance = (prefix: string) => rows.filter((r) => String(r.claimed_by).startsWith(prefix)).length;
    console.log(
      `[two-instances] ${ids.length} drafts in ${seconds.toFixed(1)} s (${(ids.length / seconds).toFixed(1)}/s): ` +
        `vouch-a drafted ${byInstance('vouch-a/')}, vouch-b ${byInstance('vouch-b/')}`,
    );
    expect(byInstance('vouch-a/') + byInstance('vouch-b/')).toBe(ids.length);
    // Both instances list the same drafts.
    const listed = async (client: TestClient) => ((await client.get('/api/drafts')).body.items as { id: string }[]).map((d) => d.id).sort();
    expect(await listed(c.rey.a)).toEqual(await listed(c.rey.b));
  });

  it('approves a draft once when both instances approve it at the same moment (the other gets 409)', async () => {
    const firsts = fixtures.map((f) => drafts.find((d) => d.fixture === f.name)!);
    const started = performance.now();
    for (const d of firsts) {
      const draft = (await c.rey.a.get(`/api/drafts/${d.id}`)).body;
      const body = { profile: draft.profile, override: OVERRIDE, consent: CONSENT };
      const [ra, rb] = await Promise.all([c.rey.a.post(`/api/drafts/${d.id}/approve`, body), c.lou.b.post(`/api/drafts/${d.id}/approve`, body)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    }
    const ms = performance.now() - started;
    const versions = await sql.query('SELECT draft_id, COUNT(*)::int AS n FROM advocate_versions GROUP BY draft_id');
    expect(versions.rows).toHaveLength(firsts.length);
    for (const v of versions.rows) expect(v.n).toBe(1);
    const audits = await sql.query("SELECT COUNT(*)::int AS n FROM audit WHERE action = 'draft.approved'");
    expect(audits.rows[0].n).toBe(firsts.length);
    console.log(`[two-instances] ${firsts.length} contested approvals (2 at once each) in ${ms.toFixed(0)} ms`);
  });

  it('takes concurrent approvals of different drafts on both instances, and tells the other instance’s sockets', async () => {
    const seconds = drafts.filter((d, i) => drafts.findIndex((x) => x.fixture === d.fixture) !== i);
    const socket = new WebSocket(b.url.replace('http', 'ws') + '/ws', { headers: { cookie: c.rey.b.cookieHeader } });
    const seen = new Set<string>();
    socket.on('message', (data) => {
      const event = JSON.parse(String(data));
      if (event.type === 'draft.updated' && event.draft.status === 'approved') seen.add(event.draft.id);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const started = performance.now();
    const results = await Promise.all(
      seconds.map(async (d, i) => {
        const client = i % 2 === 0 ? c.rey.a : c.lou.b;
        const draft = (await client.get(`/api/drafts/${d.id}`)).body;
        return client.post(`/api/drafts/${d.id}/approve`, { profile: draft.profile, override: OVERRIDE, consent: CONSENT });
      }),
    );
    const ms = performance.now() - started;
    expect(results.map((r) => r.status)).toEqual(seconds.map(() => 200));
    // Second interviews of the same people: new versions of the advocates the first ones made.
    const max = await sql.query('SELECT MAX(version)::int AS v, COUNT(*)::int AS n FROM advocates');
    expect(max.rows[0]).toEqual({ v: 2, n: fixtures.length });
    console.log(`[two-instances] ${seconds.length} approvals at once across both instances in ${ms.toFixed(0)} ms (${((seconds.length / ms) * 1000).toFixed(0)}/s)`);
    // Instance b's socket hears of every approval, those made on instance a included (LISTEN/NOTIFY).
    await until('the approvals made on instance a to reach a socket on instance b', async () =>
      seconds.every((d) => seen.has(d.id)) ? true : undefined,
    );
    socket.close();
  });

  it('finds advocates approved on the other instance in each instance’s own index', async () => {
    const advocates = (await c.sam.a.get('/api/advocates')).body.items as { id: string; company: string }[];
    expect(advocates.length).toBe(fixtures.length);
    for (const client of [c.sam.a, c.sam.b]) {
      await until('every advocate to be searchable', async () => {
        const m = await client.post('/api/match', { query: 'hospital bank council energy retail university telecom logistics', limit: 50 });
        return m.status === 200 && m.body.results.length === fixtures.length ? true : undefined;
      });
    }
  });

  it('follows consent recorded on the other instance: granted later, the advocate joins that index; withdrawn, it leaves', async () => {
    const notes = [
      'Interview with Noor Haddad, Head of Finance Operations at Cedar Freight, a logistics company in Amman, Jordan.',
      'Noor Haddad: We closed the books in four days instead of eleven after moving invoicing onto the platform.',
      'Noor Haddad: Honestly, the audit went smoother than any year before.',
      'She would take a reference call with other logistics firms.',
    ].join('\n');
    const posted = await c.mia.a.post('/api/interviews', { notes });
    expect(posted.status).toBe(202);
    const draft = await c.rey.a.waitForDraft(posted.body.draft.id);
    // Approved on a without consent: nobody may find Noor yet.
    const approved = await c.rey.a.post(`/api/drafts/${draft.id}/approve`, { profile: draft.profile, override: OVERRIDE });
    expect(approved.status).toBe(200);
    expect(approved.body.advocate.consent).toBe('not_recorded');
    const id = approved.body.advocate.id as string;
    const found = async (client: TestClient) =>
      ((await client.post('/api/match', { query: 'logistics finance team in Jordan closing the books faster', limit: 50 })).body.results as { advocate: { id: string } }[]).some(
        (r) => r.advocate.id === id,
      );
    expect(await found(c.sam.b)).toBe(false);
    // Consent recorded on a: b's own index catches up (its profile did not change, only its consent).
    expect((await c.mia.a.post(`/api/advocates/${id}/consent`, { state: 'granted', source: 'Email from Noor, 3 May' })).status).toBe(200);
    await until('b to find the advocate', async () => ((await found(c.sam.b)) ? true : undefined));
    // Withdrawn on b: a stops finding her at once (matching checks the record too).
    expect((await c.mia.b.post(`/api/advocates/${id}/consent`, { state: 'withdrawn', source: 'Noor asked to pause, 9 May' })).status).toBe(200);
    expect(await found(c.sam.a)).toBe(false);
    expect((await c.sam.a.get(`/api/advocates/${id}`)).status).toBe(404);
  });

  it('decides a request once when both instances decide it at the same moment', async () => {
    const [first, second] = (await c.sam.a.get('/api/advocates')).body.items as { id: string }[];
    const ask = async (advocateId: string) => {
      const r = await c.sam.b.post('/api/requests', { advocateId, kind: 'reference_call', prospectCompany: 'Prospect GmbH', description: 'A reference call, please.' });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const one = await ask(first.id);
    const [x, y] = await Promise.all([c.mia.a.post(`/api/requests/${one}/approve`, {}), c.admin.b.post(`/api/requests/${one}/approve`, {})]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const two = await ask(second.id);
    const [p, q] = await Promise.all([
      c.mia.b.post(`/api/requests/${two}/approve`, {}),
      c.admin.a.post(`/api/requests/${two}/decline`, { reason: 'The advocate is on leave' }),
    ]);
    expect([p.status, q.status].sort()).toEqual([200, 409]);
    const trail = await sql.query(
      `SELECT subject_id, action, COUNT(*)::int AS n FROM audit WHERE subject_type = 'request' GROUP BY subject_id, action ORDER BY subject_id, action`,
    );
    const released = trail.rows.filter((r) => r.action === 'request.contact_released');
    expect(released.filter((r) => r.subject_id === one)).toEqual([{ subject_id: one, action: 'request.contact_released', n: 1 }]);
    // Approved (and the contact released) or declined, never both, each once.
    const decided = trail.rows.filter((r) => r.subject_id === two && r.action !== 'request.created');
    const actions = decided.map((r) => `${r.action}×${r.n}`);
    expect([['request.approved×1', 'request.contact_released×1'], ['request.declined×1']]).toContainEqual(actions);
  });

  it('keeps a session valid on both instances, and a sign-out ends it on both', async () => {
    const browser = new TestClient(a.url);
    await browser.login('lou@example.com', PASSWORD);
    expect((await browser.at(b.url).get('/api/me')).body.user.email).toBe('lou@example.com');
    expect((await browser.at(b.url).request('DELETE', '/api/session')).status).toBe(204);
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('locks an account after 5 wrong passwords counted across both instances', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await new TestClient(i % 2 === 0 ? a.url : b.url).post('/api/session', { email: 'rey@example.com', password: 'wrong password' });
      expect(r.status).toBe(401);
    }
    for (const url of [a.url, b.url]) {
      const r = await new TestClient(url).post('/api/session', { email: 'rey@example.com', password: PASSWORD });
      expect(r.status).toBe(429);
      expect(r.body.message).toMatch(/Too many wrong passwords/);
    }
  });

  it('takes over the drafts of an instance that died once their lease lapses', async () => {
    await b.stop('SIGKILL');
    // A draft instance b had claimed when it was killed (its lease runs out in a second).
    const interview = (await sql.query('SELECT id, created_by FROM interviews LIMIT 1')).rows[0];
    const t = new Date();
    const id = '00000000-0000-4000-8000-00000000dead';
    await sql.query(
      `INSERT INTO drafts (id, interview_id, status, progress_json, provider, model, created_by, created_at, updated_at,
         claimed_by, claim_expires_at, claims)
       VALUES ($1, $2, 'drafting', '{"stage":"queued"}', 'extractive', 'rules', $3, $4, $4, 'vouch-b/killed', $5, 1)`,
      [id, interview.id, interview.created_by, t.toISOString(), new Date(t.getTime() + 1000).toISOString()],
    );
    const row = await until('instance a to draft it', async () => {
      const r = (await sql.query('SELECT status, claimed_by, claims FROM drafts WHERE id = $1', [id])).rows[0];
      return r.status === 'drafting' ? undefined : r;
    });
    expect(row).toMatchObject({ status: 'ready', claims: 2 });
    expect(row.claimed_by).toMatch(/^vouch-a\//);
  });
});
