import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStore } from '../support/invariants.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { TestClient } from '../support/http-client.js';
import { findInIndex, findInRecords, findInSqliteFiles } from '../support/personal-data.js';
import { PASSWORD } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

/** The person to erase: what must be gone afterwards, everywhere. */
const NAME = 'Marguerite Quillfeather';
const EMAIL = 'm.quillfeather@zephyrwell.example';
const PHONE = '+44 20 7946 0321';
const QUOTE = 'Zephyrwell halved our rota chaos within six weeks';
const NEEDLES = ['Quillfeather', 'Marguerite', EMAIL, PHONE, QUOTE, 'Zephyrwell'];

const interview = (extra: string) => `Interviewee: ${NAME}
Role: Director of Nursing Operations
Company: Zephyrwell Clinics
Location: Bristol, United Kingdom

Marguerite said: "${QUOTE}." Her team uses Lumen Scheduler for shift planning across 9 clinics and she would take a reference call.
${extra}`;
const OTHER = `Interviewee: Oskar Brandvold
Role: Head of Logistics
Company: Fjordline Freight
Location: Bergen, Norway

Oskar said: "Lumen Scheduler cut our dock waiting time by 30% in one winter." He is happy to speak at events.`;
const QUERY = 'nursing operations director at clinics in the United Kingdom planning shifts';

describe.each(DIALECTS)('erasure (right to erasure) on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  const as = {} as Record<'admin' | 'manager' | 'reviewer' | 'rep', TestClient>;
  const ids = { admin: '', advocate: '', other: '', drafts: [] as string[], interviews: [] as string[], requests: {} as Record<string, string> };
  let erasedAt = new Date();

  const records = () =>
    findInRecords(dialect === 'postgres' ? { databaseUrl: database.url } : { sqliteFile: path.join(server.dataDir, 'vouch.sqlite') }, NEEDLES);
  const draftReady = async (notes: string) => {
    const r = await as.manager.post('/api/interviews', { notes });
    expect(r.status).toBe(202);
    ids.interviews.push(r.body.interview.id);
    return as.reviewer.waitForDraft(r.body.draft.id);
  };
  const approve = async (notes: string, consentSource: string) => {
    const draft = await draftReady(notes);
    const r = await as.reviewer.post(`/api/drafts/${draft.id}/approve`, {
      profile: draft.profile,
      override: { reason: `Checked against the notes of ${NAME}` },
      consent: { source: consentSource },
    });
    expect(r.status).toBe(200);
    return { draftId: draft.id as string, advocateId: r.body.advocate.id as string, version: r.body.advocate.version as number };
  };

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    as.admin = new TestClient(server.url);
    ids.admin = (await as.admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD })).body.user.id;
    for (const role of ['manager', 'reviewer', 'rep'] as const) {
      await as.admin.post('/api/users', { email: `${role}@example.com`, name: `${role} person`, role, password: PASSWORD });
      as[role] = new TestClient(server.url);
      await as[role].login(`${role}@example.com`, PASSWORD);
    }

    // Two approved versions of Marguerite, a rejected third draft of her, and someone else.
    const v1 = await approve(interview('We spoke on 3 March.'), `Agreed in the interview; ${NAME} asked for ${EMAIL}`);
    const v2 = await approve(interview(`Follow-up: the rota work now covers 12 clinics. Call ${PHONE}.`), 'Agreed again in the follow-up');
    expect(v2).toMatchObject({ advocateId: v1.advocateId, version: 2 });
    ids.advocate = v1.advocateId;
    const third = await draftReady(interview('A duplicate paste of the first interview.'));
    expect((await as.reviewer.post(`/api/drafts/${third.id}/reject`, { reason: `Duplicate of ${NAME}'s first interview` })).status).toBe(200);
    ids.drafts = [v1.draftId, v2.draftId, third.id];
    ids.other = (await approve(OTHER, 'Agreed in the interview')).advocateId;

    // Program settings with contact details, and requests in each state.
    expect((await as.manager.post(`/api/advocates/${ids.advocate}/program`, { contactEmail: EMAIL, contactPhone: PHONE, engagementCap: 4 })).status).toBe(200);
    const ask = async (kind: string) => {
      const r = await as.rep.post('/api/requests', {
        advocateId: ids.advocate,
        kind,
        prospectCompany: 'Northwind Health',
        description: `Would ${NAME} talk to Northwind about rota planning?`,
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    ids.requests.won = await ask('reference_call');
    expect((await as.manager.post(`/api/requests/${ids.requests.won}/approve`, { note: 'Marguerite is keen' })).status).toBe(200);
    const done = await as.rep.post(`/api/requests/${ids.requests.won}/complete`, {
      outcome: { result: 'won', amount: 48000, currency: 'GBP' },
      feedback: `Marguerite Quillfeather was brilliant on the call`,
    });
    expect(done.status).toBe(200);
    ids.requests.declined = await ask('case_study');
    expect((await as.manager.post(`/api/requests/${ids.requests.declined}/decline`, { reason: 'Marguerite is on leave until May' })).status).toBe(200);
    ids.requests.open = await ask('peer_review');

    // The program's records of her: a rep's nomination (accepted: she was interviewed) and a verification note.
    const nominated = await as.rep.post('/api/nominations', {
      name: NAME,
      company: 'Zephyrwell Clinics',
      email: EMAIL,
      reason: `${NAME} fixed rota planning across nine clinics and talks about it at every meetup`,
      relationship: 'I am the account executive for Zephyrwell',
      activities: ['reference_call'],
    });
    expect(nominated.status).toBe(201);
    expect((await as.manager.post(`/api/nominations/${nominated.body.id}/accept`, { note: `Calling Marguerite on ${PHONE}` })).status).toBe(200);
    expect((await as.manager.post(`/api/advocates/${ids.advocate}/verify`, { note: `Marguerite confirmed the 12 clinics by phone` })).status).toBe(200);
    await server.ctx.match.settled();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('before the erasure', () => {
    it('holds the person in the records, the index and match results (the searches below can find her)', async () => {
      expect((await records()).map((h) => h.needle)).toEqual(expect.arrayContaining(NEEDLES));
      const m = await as.rep.post('/api/match', { query: QUERY });
      expect(m.body.results.map((r: { advocate: { id: string } }) => r.advocate.id)).toContain(ids.advocate);
      expect(server.ctx.match.factCacheStats().entries).toBeGreaterThan(0);
      const index = await findInIndex(path.join(server.dataDir, 'index'), NEEDLES, new Date(0));
      expect(index.rows.length).toBeGreaterThan(0);
    });
  });

  describe('GET /api/advocates/:id/erasure', () => {
    it('names what will be deleted and kept, and what blocks it now; admins only', async () => {
      const r = await as.admin.get(`/api/advocates/${ids.advocate}/erasure`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        advocate: { id: ids.advocate, name: NAME },
        confirmPhrase: NAME,
        versions: 2,
        interviews: 3,
        drafts: 3,
        unapprovedDrafts: 1,
        consentRecorded: true,
        contactDetails: true,
        nominations: 1,
        requests: { total: 3, inFlight: 1 },
      });
      expect(r.body.auditEntries).toBeGreaterThanOrEqual(10);
      expect(r.body.blocked).toMatch(/in flight.*decline/);
      for (const role of ['manager', 'reviewer', 'rep'] as const) expect((await as[role].get(`/api/advocates/${ids.advocate}/erasure`)).status).toBe(403);
      expect((await as.admin.get('/api/advocates/no-such-id/erasure')).status).toBe(404);
    });
  });

  describe('POST /api/advocates/:id/erase', () => {
    const body = { reason: 'Erasure request received by email on 4 March', confirm: NAME };

    it('is for admins only: managers, reviewers and reps get 403', async () => {
      for (const role of ['manager', 'reviewer', 'rep'] as const) expect((await as[role].post(`/api/advocates/${ids.advocate}/erase`, body)).status).toBe(403);
    });

    it('answers 409 while a request is in flight, saying what to do', async () => {
      const r = await as.admin.post(`/api/advocates/${ids.advocate}/erase`, body);
      expect(r.status).toBe(409);
      expect(r.body.message).toMatch(/decline the request waiting for approval/);
      expect((await as.admin.get(`/api/advocates/${ids.advocate}`)).status).toBe(200);
    });

    it('needs the name typed, and a reason that does not identify the person', async () => {
      expect((await as.manager.post(`/api/requests/${ids.requests.open}/decline`, { reason: 'The customer asked to be erased' })).status).toBe(200);
      const wrong = await as.admin.post(`/api/advocates/${ids.advocate}/erase`, { ...body, confirm: 'Marguerite' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.issues[0]).toMatchObject({ path: 'confirm' });
      for (const reason of [`Quillfeather asked by phone`, `Request from ${EMAIL}`, `Called from 020 7946 0321`]) {
        const named = await as.admin.post(`/api/advocates/${ids.advocate}/erase`, { ...body, reason });
        expect(named.status).toBe(400);
        expect(named.body.issues[0]).toMatchObject({ path: 'reason' });
      }
      expect((await as.admin.post(`/api/advocates/${ids.advocate}/erase`, { confirm: NAME })).status).toBe(400);
      expect((await as.admin.get(`/api/advocates/${ids.advocate}`)).status).toBe(200);
    });

    it('erases in one go: versions, consent, program settings, interviews and drafts; requests are scrubbed', async () => {
      erasedAt = new Date();
      const r = await as.admin.post(`/api/advocates/${ids.advocate}/erase`, { ...body, confirm: '  marguerite   QUILLFEATHER ' });
      expect(r.status).toBe(200);
      expect(r.body.erasure).toMatchObject({ kind: 'advocate', subjectId: ids.advocate, versions: 2, drafts: 3, interviews: 3, requests: 3 });
      await server.ctx.match.settled();
    });

    it('is 404 afterwards, for everyone and everything that was hers', async () => {
      for (const role of ['admin', 'manager', 'reviewer', 'rep'] as const) expect((await as[role].get(`/api/advocates/${ids.advocate}`)).status).toBe(404);
      expect((await as.admin.get(`/api/advocates/${ids.advocate}/erasure`)).status).toBe(404);
      expect((await as.admin.post(`/api/advocates/${ids.advocate}/erase`, body)).status).toBe(404);
      for (const id of ids.drafts) expect((await as.admin.get(`/api/drafts/${id}`)).status).toBe(404);
      expect((await as.admin.get('/api/advocates')).body.items.map((a: { id: string }) => a.id)).toEqual([ids.other]);
      const ask = await as.rep.post('/api/requests', { advocateId: ids.advocate, kind: 'reference_call', prospectCompany: 'Acme', description: 'A call about rota planning' });
      expect(ask.status).toBe(404);
    });

    it('leaves nothing personal in any text column of any table', async () => {
      expect(await records()).toEqual([]);
      if (dialect === 'sqlite') expect(findInSqliteFiles(path.join(server.dataDir, 'vouch.sqlite'), NEEDLES)).toEqual([]);
    });

    it('takes her out of the search index and its files, and out of the fact-vector cache; match never returns her', async () => {
      const index = await findInIndex(path.join(server.dataDir, 'index'), NEEDLES, erasedAt);
      expect(index).toEqual({ rows: [], versions: expect.any(Number), olderFiles: [] });
      expect(server.ctx.match.factCacheStats()).toEqual({ entries: 0, bytes: 0 });
      for (const query of [QUERY, `${NAME} Zephyrwell`, QUOTE]) {
        const m = await as.admin.post('/api/match', { query });
        expect(m.body.results.map((x: { advocate: { id: string } }) => x.advocate.id)).not.toContain(ids.advocate);
      }
      // Someone else is still found.
      const other = await as.rep.post('/api/match', { query: 'logistics in Norway, dock waiting times' });
      expect(other.body.results[0].advocate.id).toBe(ids.other);
    });

    it('keeps the requests’ business facts for value reporting, without their free text', async () => {
      const list = (await as.manager.get('/api/requests')).body.items.filter((x: { advocate: { id: string } }) => x.advocate.id === ids.advocate);
      expect(list).toHaveLength(3);
      const won = list.find((x: { id: string }) => x.id === ids.requests.won);
      expect(won).toMatchObject({
        kind: 'reference_call',
        status: 'completed',
        prospectCompany: 'Northwind Health',
        outcome: { result: 'won', amount: 48000, currency: 'GBP' },
        description: '',
        feedback: null,
        advocate: { id: ids.advocate, name: '', title: '', company: '' },
        contact: null,
      });
      expect(won.happenedAt).toEqual(expect.any(String));
      expect(won.approvals.map((a: { note: string | null }) => a.note)).toEqual([null]);
      expect(list.find((x: { id: string }) => x.id === ids.requests.declined)).toMatchObject({ status: 'declined', declineReason: null });
      // The rep who asked still sees their own request, without the person.
      expect((await as.rep.get(`/api/requests/${ids.requests.won}`)).body).toMatchObject({ status: 'completed', description: '', contact: null });
    });

    it('audits the erasure with the actor and the reason, and scrubs the details of earlier entries', async () => {
      const trail = await server.ctx.stores.audit.trail('advocate', ids.advocate);
      const erased = trail.find((a) => a.action === 'advocate.erased')!;
      expect(erased.actorId).toBe(ids.admin);
      expect(JSON.parse(erased.detail!)).toMatchObject({ reason: body.reason, versions: 2, drafts: 3, interviews: 3, requests: 3 });
      expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['advocate.consent_granted', 'advocate.program_updated', 'advocate.erased']));
      for (const a of trail.filter((x) => x.action !== 'advocate.erased')) expect(JSON.parse(a.detail!)).toMatchObject({ scrubbed: true });
      const approval = (await server.ctx.stores.audit.trail('draft', ids.drafts[0]))[0];
      expect(approval).toMatchObject({ action: 'draft.approved', actorId: expect.any(String) });
      const detail = JSON.parse(approval.detail!);
      expect(detail).toMatchObject({ advocateId: ids.advocate, version: 1, edited: true, excerpts: expect.any(Number), scrubbed: true });
      expect(detail).not.toHaveProperty('override');
      const completed = (await server.ctx.stores.audit.trail('request', ids.requests.won)).find((a) => a.action === 'request.completed')!;
      expect(JSON.parse(completed.detail!)).toMatchObject({ outcome: { result: 'won', amount: 48000 }, scrubbed: true });
    });

    it('leaves a store that satisfies every invariant, and the erasure in the erasure log (ids only)', async () => {
      if (dialect === 'sqlite') expect(checkStore(server.dataDir)).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, broken: {} });
      const log = fs.readFileSync(server.ctx.config.erasureLog, 'utf8');
      const entry = JSON.parse(log.trim().split('\n').at(-1)!);
      expect(entry).toMatchObject({ kind: 'advocate', subjectId: ids.advocate, actorId: ids.admin });
      expect(entry.records).toEqual(expect.arrayContaining([{ type: 'advocate', id: ids.advocate }, ...ids.drafts.map((id) => ({ type: 'draft', id }))]));
      for (const needle of [...NEEDLES, body.reason]) expect(log).not.toContain(needle);
    });
  });

  describe('POST /api/drafts/:id/erase', () => {
    it('erases a draft that was never approved with its notes (managers and admins), audited; 404 afterwards', async () => {
      const mistake = await draftReady(`Interviewee: Petronella Vantongeren\nRole: CFO\nCompany: Kestrel Mutual\n\nPasted into the wrong tool by mistake. "We are not a customer."`);
      for (const role of ['reviewer', 'rep'] as const) expect((await as[role].post(`/api/drafts/${mistake.id}/erase`, { reason: 'Pasted by mistake' })).status).toBe(403);
      const named = await as.manager.post(`/api/drafts/${mistake.id}/erase`, { reason: 'Vantongeren is not a customer' });
      expect(named.status).toBe(400);
      const r = await as.manager.post(`/api/drafts/${mistake.id}/erase`, { reason: 'Pasted into Vouch by mistake' });
      expect(r.status).toBe(200);
      expect(r.body.erasure).toMatchObject({ kind: 'draft', subjectId: mistake.id, drafts: 1, interviews: 1, draftStatus: 'ready' });
      expect((await as.manager.get(`/api/drafts/${mistake.id}`)).status).toBe(404);
      expect((await as.manager.post(`/api/drafts/${mistake.id}/erase`, { reason: 'Pasted into Vouch by mistake' })).status).toBe(404);
      const trail = await server.ctx.stores.audit.trail('draft', mistake.id);
      expect(trail.find((a) => a.action === 'draft.erased')).toMatchObject({ actorId: expect.any(String) });
      const hits = await findInRecords(dialect === 'postgres' ? { databaseUrl: database.url } : { sqliteFile: path.join(server.dataDir, 'vouch.sqlite') }, ['Vantongeren', 'Kestrel', 'not a customer']);
      expect(hits).toEqual([]);
    });

    it('erases a rejected draft too, but never an approved one (409: erase the advocate)', async () => {
      const declined = await draftReady(`Interviewee: Ingeborg Sundqvist\nRole: COO\nCompany: Halvard Energy\n\nShe declined to be an advocate. "Please do not use my words."`);
      expect((await as.reviewer.post(`/api/drafts/${declined.id}/reject`, { reason: 'The customer declined' })).status).toBe(200);
      const r = await as.admin.post(`/api/drafts/${declined.id}/erase`, { reason: 'The customer declined and asked us to delete the notes' });
      expect(r.status).toBe(200);
      expect(r.body.erasure.draftStatus).toBe('rejected');
      const approved = (await server.ctx.stores.drafts.list('approved')).find((d) => d.advocateId === ids.other)!;
      const refused = await as.admin.post(`/api/drafts/${approved.id}/erase`, { reason: 'Try to erase an approved draft' });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/erases the advocate instead/);
      if (dialect === 'sqlite') expect(checkStore(server.dataDir)).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, broken: {} });
    });
  });
});
