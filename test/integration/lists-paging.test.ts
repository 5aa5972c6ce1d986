import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advocateKey } from '../../server/domain/advocate.js';
import { emptyProfile, type ProfileFields } from '../../server/domain/profile.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');

type Page<T> = {
  items: T[];
  total: number;
  offset: number;
  nextCursor: string | null;
  prevCursor: string | null;
  withoutConsent?: number | null;
  counts?: Record<string, number>;
};
type Summary = { id: string; name: string; company: string; updatedAt: string; status: string; consent: { state: string } };

/**
 * Follows nextCursor from `url` to the end; checks on the way that every page is contiguous with the last
 * (offset = rows seen so far, unless rows were added ahead meanwhile). `between` runs after the first page.
 */
async function walk<T extends { id: string }>(client: TestClient, url: string, between?: () => Promise<void>) {
  const pages: Page<T>[] = [];
  const items: T[] = [];
  let next: string | null = url;
  while (next) {
    const r = await client.get(next);
    expect(r.status, `${next}: ${r.text}`).toBe(200);
    const page = r.body as Page<T>;
    if (pages.length === 0) expect(page.prevCursor).toBeNull();
    else expect(page.prevCursor).not.toBeNull();
    if (!between) expect(page.offset).toBe(items.length);
    pages.push(page);
    items.push(...page.items);
    const sep = url.includes('?') ? '&' : '?';
    next = page.nextCursor ? `${url}${sep}cursor=${page.nextCursor}` : null;
    if (pages.length === 1 && between) await between();
    if (pages.length > 100) throw new Error('more than 100 pages');
  }
  return { pages, items, ids: items.map((i) => i.id) };
}

const nonIncreasing = (times: string[]) => times.every((t, i) => i === 0 || times[i - 1] >= t);
const nonDecreasing = (times: string[]) => times.every((t, i) => i === 0 || times[i - 1] <= t);

describe.each(DIALECTS)('lists in pages over HTTP (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let admin: TestClient;
  let manager: TestClient;
  let reviewer: TestClient;
  let rep: TestClient;
  let rep2: TestClient;
  const users: Record<string, string> = {};
  let draftId = '';
  /** Seeded advocates: id → what the test knows about them. */
  const seeded = new Map<string, { i: number; consent: 'granted' | 'withdrawn' | 'none'; profile: ProfileFields; retired: boolean }>();
  const consenting = () => [...seeded].filter(([, a]) => a.consent === 'granted').map(([id]) => id);

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    users.admin = (await admin.get('/api/me')).body.user.id;
    const clients: TestClient[] = [];
    for (const [email, role] of [
      ['mia@example.com', 'manager'],
      ['rey@example.com', 'reviewer'],
      ['sam@example.com', 'rep'],
      ['tom@example.com', 'rep'],
    ] as const) {
      users[email] = (await admin.post('/api/users', { email, name: email.split('@')[0], role, password: PASSWORD })).body.id;
      const c = new TestClient(server.url);
      await c.login(email, PASSWORD);
      clients.push(c);
    }
    [manager, reviewer, rep, rep2] = clients;

    // 130 advocates through the real store (the approval path is not what these tests are about): many
    // are written within the same millisecond, so the id has to break ties in the order.
    const { stores } = server.ctx;
    const interview = await stores.interviews.insert({ notes: 'seed', text: 'seed', source: { kind: 'notes' }, createdBy: users.admin });
    draftId = (await stores.drafts.insert({ interviewId: interview.id, provider: 'extractive', model: 'seed', createdBy: users.admin })).id;
    await stores.db.kysely.updateTable('drafts').set({ status: 'approved' }).where('id', '=', draftId).execute();
    for (let i = 0; i < 130; i++) {
      const profile: ProfileFields = {
        ...emptyProfile(),
        name: `Person ${i}`,
        title: i % 7 === 0 ? 'Head of Radiology' : 'Operations lead',
        company: i % 3 === 0 ? 'Zürich Versicherung' : 'Acme Health',
        industry: i % 2 ? 'Healthcare' : 'Banking',
        region: i % 2 ? 'Germany' : 'Canada',
        products: i % 5 === 0 ? ['Scheduling 100%'] : ['Analytics'],
      };
      const consent = i % 4 === 0 ? 'none' : i % 13 === 0 ? 'withdrawn' : 'granted';
      const { id } = await stores.transaction(async (tx) => {
        const saved = await tx.advocates.saveVersion({ key: advocateKey(profile), profile, draftId, approvedBy: users.admin, changes: [], evidence: [] });
        if (consent !== 'none') await tx.advocates.setConsent(saved.id, { state: consent, source: 'Seeded for the paging test', recordedBy: users.admin });
        return saved;
      });
      const retired = i % 10 === 9;
      if (retired) await stores.db.kysely.updateTable('advocates').set({ status: 'retired' }).where('id', '=', id).execute();
      seeded.set(id, { i, consent, profile, retired });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('GET /api/advocates', () => {
    it('pages through every advocate exactly once, most recently updated first, with total and offset', async () => {
      const { pages, items, ids } = await walk<Summary>(manager, '/api/advocates?limit=50');
      expect(pages.map((p) => [p.offset, p.items.length])).toEqual([
        [0, 50],
        [50, 50],
        [100, 30],
      ]);
      expect(pages.every((p) => p.total === 130)).toBe(true);
      expect(new Set(ids).size).toBe(130);
      expect(new Set(ids)).toEqual(new Set(seeded.keys()));
      expect(nonIncreasing(items.map((a) => a.updatedAt))).toBe(true);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      // The summary: what the table shows, not the quotes, evidence or versions.
      expect(Object.keys(items[0]).sort()).toEqual(
        ['company', 'consent', 'createdAt', 'id', 'industry', 'name', 'products', 'region', 'status', 'title', 'updatedAt', 'version'].sort(),
      );
      expect(pages[0].withoutConsent).toBe(130 - consenting().length);
    });

    it('goes back with prevCursor to exactly the previous page', async () => {
      const first = (await manager.get('/api/advocates?limit=40')).body as Page<Summary>;
      const second = (await manager.get(`/api/advocates?limit=40&cursor=${first.nextCursor}`)).body as Page<Summary>;
      const third = (await manager.get(`/api/advocates?limit=40&cursor=${second.nextCursor}`)).body as Page<Summary>;
      const back = (await manager.get(`/api/advocates?limit=40&cursor=${third.prevCursor}`)).body as Page<Summary>;
      expect(back.items.map((a) => a.id)).toEqual(second.items.map((a) => a.id));
      expect(back.offset).toBe(40);
      const home = (await manager.get(`/api/advocates?limit=40&cursor=${back.prevCursor}`)).body as Page<Summary>;
      expect(home.items.map((a) => a.id)).toEqual(first.items.map((a) => a.id));
      expect(home).toMatchObject({ offset: 0, prevCursor: null });
    });

    it('gives a rep only consenting advocates, on every page and in every count', async () => {
      const { pages, ids } = await walk<Summary>(rep, '/api/advocates?limit=25');
      expect(new Set(ids)).toEqual(new Set(consenting()));
      expect(ids.length).toBe(consenting().length);
      expect(pages.every((p) => p.total === consenting().length && p.withoutConsent === null)).toBe(true);
      // Asking for the others finds nothing, and says nothing about how many there are.
      for (const consent of ['not_granted', 'withdrawn', 'not_recorded']) {
        const r = await rep.get(`/api/advocates?consent=${consent}`);
        expect(r.body).toMatchObject({ items: [], total: 0, withoutConsent: null });
      }
      const searched = await rep.get('/api/advocates?q=acme&limit=200');
      const expected = consenting().filter((id) => seeded.get(id)!.profile.company === 'Acme Health');
      expect(searched.body.total).toBe(expected.length);
      expect(new Set(searched.body.items.map((a: Summary) => a.id))).toEqual(new Set(expected));
    });

    it('filters by words in name, title, company, industry, region and products, in any case, in SQL', async () => {
      const count = (pred: (p: ProfileFields, a: { retired: boolean; consent: string }) => boolean) =>
        [...seeded.values()].filter((a) => pred(a.profile, a)).length;
      const total = async (query: string) => {
        const r = await manager.get(`/api/advocates?limit=1&${query}`);
        expect(r.status, r.text).toBe(200);
        return r.body.total as number;
      };
      expect(await total('q=ZÜRICH')).toBe(count((p) => p.company.startsWith('Zürich')));
      expect(await total(`q=${encodeURIComponent('  health   person ')}`)).toBe(count((p) => p.company === 'Acme Health' || p.industry === 'Healthcare'));
      expect(await total('q=radiology')).toBe(count((p) => p.title.includes('Radiology')));
      expect(await total('q=bank%20canada')).toBe(count((p) => p.industry === 'Banking'));
      expect(await total('q=person%2012')).toBe(count((p) => p.name.includes('12')));
      // LIKE's own wildcards are plain characters here.
      expect(await total(`q=${encodeURIComponent('%')}`)).toBe(count((p) => p.products.includes('Scheduling 100%')));
      expect(await total('q=_')).toBe(0);
      expect(await total('q=nobody-like-this')).toBe(0);
      expect(await total('status=retired')).toBe(count((_, a) => a.retired));
      expect(await total('consent=withdrawn')).toBe(count((_, a) => a.consent === 'withdrawn'));
      expect(await total('consent=not_recorded')).toBe(count((_, a) => a.consent === 'none'));
      expect(await total('consent=not_granted&q=acme')).toBe(count((p, a) => a.consent !== 'granted' && p.company === 'Acme Health'));
      expect(await total('consent=granted&status=active&q=zürich')).toBe(count((p, a) => a.consent === 'granted' && !a.retired && p.company.startsWith('Zürich')));

      // Rows written before migration 9 (or inserted by tools) have no search text until the store fills it.
      const { stores } = server.ctx;
      await stores.db.kysely.updateTable('advocates').set({ search_text: null }).where('status', '<>', 'erased').execute();
      expect(await total('q=radiology')).toBe(0);
      expect(await stores.advocates.fillSearchText(50)).toBe(seeded.size);
      expect(await total('q=radiology')).toBe(count((p) => p.title.includes('Radiology')));

      // A filtered list pages like the whole one.
      const { pages, ids } = await walk<Summary>(reviewer, '/api/advocates?q=acme&limit=20');
      expect(ids.length).toBe(count((p) => p.company === 'Acme Health'));
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages.every((p) => p.total === ids.length)).toBe(true);
    });

    it('never repeats or skips an advocate when approvals happen between pages', async () => {
      const before = new Set(seeded.keys());
      let added = '';
      let moved = '';
      const { ids, pages } = await walk<Summary>(manager, '/api/advocates?limit=50', async () => {
        // A new advocate approved over HTTP, and a new version of one the reader has not reached yet (the
        // last of the list).
        added = await admin.approveNotes(fixture('hospital-de.md'), 'Fixture approved as drafted for the paging test');
        moved = (await manager.get('/api/advocates?limit=200')).body.items.at(-1).id;
        const a = seeded.get(moved)!;
        await server.ctx.stores.transaction((tx) =>
          tx.advocates.saveVersion({ advocateId: moved, key: advocateKey(a.profile), profile: { ...a.profile, title: 'Chief Operating Officer' }, draftId, approvedBy: users.admin, changes: [], evidence: [] }),
        );
      });
      expect(added).not.toBe('');
      expect(seeded.has(moved)).toBe(true);
      // Page 2 starts where page 1 ended, though two rows now come before it.
      expect(pages[1].offset).toBe(52);
      expect(new Set(ids).size).toBe(ids.length);
      // Everything that did not move is there, once; the new advocate and the re-approved one went to page 1.
      expect(new Set(ids)).toEqual(new Set([...before].filter((id) => id !== moved)));
      expect(ids).not.toContain(added);
      expect(pages.at(-1)!.total).toBe(131);
      const top = (await manager.get('/api/advocates?limit=2')).body.items.map((a: Summary) => a.id);
      expect(new Set(top)).toEqual(new Set([added, moved]));
      seeded.get(moved)!.profile.title = 'Chief Operating Officer';
    });

    it('answers 400 with a readable message for a bad limit, cursor or filter', async () => {
      for (const limit of ['0', '201', 'abc', '1.5', '-3', '']) {
        const r = await manager.get(`/api/advocates?limit=${limit}`);
        expect({ limit, status: r.status }).toEqual({ limit, status: 400 });
        expect(r.body.message).toBe('limit: Give limit as a whole number from 1 to 200 (default 50)');
      }
      const foreign = (await manager.get('/api/advocates?limit=1')).body.nextCursor;
      for (const cursor of ['not a cursor', 'eyJsIjoiYWR2b2NhdGVzIn0', 'x'.repeat(401), '!!!']) {
        const r = await manager.get(`/api/advocates?cursor=${encodeURIComponent(cursor)}`);
        expect({ cursor, status: r.status }).toEqual({ cursor, status: 400 });
        expect(r.body.message).toMatch(/^cursor: This cursor was not given out by this list/);
      }
      // A cursor of another list (or another order of the same list) is refused, not followed.
      const r = await manager.get(`/api/drafts?status=approved&cursor=${foreign}`);
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual([{ path: 'cursor', message: expect.stringMatching(/leave cursor out/) }]);
      for (const url of ['/api/advocates?consent=maybe', '/api/advocates?status=gone', `/api/advocates?q=${'x'.repeat(201)}`]) {
        const bad = await manager.get(url);
        expect({ url, status: bad.status }).toEqual({ url, status: 400 });
        expect(bad.body.issues.length).toBeGreaterThan(0);
      }
    });
  });

  describe('GET /api/drafts', () => {
    const inserted: Record<string, string[]> = { ready: [], failed: [], drafting: [], approved: [], rejected: [] };

    beforeAll(async () => {
      // Rows written as they are (not through the drafting queue, which would pick up `drafting` ones):
      // 75 ready, 4 failed, 30 approved, 12 rejected, some sharing a created_at.
      const { stores } = server.ctx;
      const interview = await stores.interviews.insert({ notes: 'q', text: 'q', source: { kind: 'notes' }, createdBy: users.admin });
      const plan = [
        ...Array<string>(75).fill('ready'),
        ...Array<string>(4).fill('failed'),
        ...Array<string>(30).fill('approved'),
        ...Array<string>(12).fill('rejected'),
      ];
      const base = Date.parse('2025-03-01T00:00:00.000Z');
      for (const [i, status] of plan.entries()) {
        const at = new Date(base + Math.floor(i / 3) * 60_000).toISOString();
        const id = `d-${String(i).padStart(3, '0')}-${status}`;
        await stores.db.kysely
          .insertInto('drafts')
          .values({
            id,
            interview_id: interview.id,
            status,
            progress_json: null,
            profile_json: JSON.stringify({ ...emptyProfile(), name: `Draft ${i}`, company: 'Queue Co' }),
            error_json: status === 'failed' ? JSON.stringify({ message: 'Ollama is not reachable', retryable: true }) : null,
            duration_ms: 10,
            provider: 'extractive',
            model: 'seed',
            created_by: users.admin,
            created_at: at,
            updated_at: at,
            decided_by: null,
            decided_at: null,
            reject_reason: null,
            advocate_id: null,
          })
          .execute();
        inserted[status].push(id);
      }
    });

    it('lists the review queue by default (ready, drafting, failed), oldest first, with counts per status', async () => {
      const counts = Object.fromEntries(
        await Promise.all(['drafting', 'ready', 'approved', 'rejected', 'failed'].map(async (s) => [s, (await server.ctx.stores.drafts.list(s as 'ready')).length])),
      );
      const { pages, items, ids } = await walk<{ id: string; status: string; createdAt: string }>(reviewer, '/api/drafts?limit=30');
      expect(new Set(items.map((d) => d.status))).toEqual(new Set(['ready', 'failed']));
      expect(ids.length).toBe(counts.ready + counts.failed + counts.drafting);
      expect(new Set(ids).size).toBe(ids.length);
      expect(nonDecreasing(items.map((d) => d.createdAt))).toBe(true);
      expect(pages.every((p) => p.total === ids.length)).toBe(true);
      expect(pages[0]).toMatchObject({ counts, offset: 0 });
      expect(pages[0].items).toHaveLength(30);
      expect((pages[0].items[0] as unknown as { name: string }).name).toBe('Draft 0');
    });

    it('filters by status, pages the ready queue, and lists history newest first', async () => {
      const ready = await walk<{ id: string; status: string }>(manager, '/api/drafts?status=ready&limit=20');
      expect(ready.ids).toEqual(inserted.ready);
      expect(ready.pages.map((p) => p.offset)).toEqual([0, 20, 40, 60]);
      const history = await walk<{ id: string; createdAt: string }>(manager, '/api/drafts?status=approved,rejected&limit=50');
      expect(nonIncreasing(history.items.map((d) => d.createdAt))).toBe(true);
      expect(new Set(history.ids)).toEqual(new Set((await server.ctx.stores.drafts.list()).filter((d) => d.status === 'approved' || d.status === 'rejected').map((d) => d.id)));
      // An ascending list's cursor does not fit the descending one.
      const asc = (await manager.get('/api/drafts?status=ready&limit=5')).body.nextCursor;
      expect((await manager.get(`/api/drafts?status=approved&cursor=${asc}`)).status).toBe(400);
      const bogus = await manager.get('/api/drafts?status=ready,bogus');
      expect(bogus.status).toBe(400);
      expect(bogus.body.message).toMatch(/^status\.1: Use one or more of drafting, ready, approved, rejected, failed/);
    });
  });

  describe('GET /api/requests', () => {
    beforeAll(async () => {
      const { stores } = server.ctx;
      const targets = consenting().slice(0, 40);
      for (let i = 0; i < 70; i++) {
        const by = i % 5 === 0 ? users['tom@example.com'] : users['sam@example.com'];
        const id = await stores.requests.insert({
          advocateId: targets[i % targets.length],
          kind: 'reference_call',
          prospectCompany: `Prospect ${i}`,
          description: 'A reference call about their results.',
          neededBy: null,
          requestedBy: by,
        });
        if (i % 3 === 0) await stores.db.kysely.updateTable('advocate_requests').set({ status: 'declined', decline_reason: 'Seeded' }).where('id', '=', id).execute();
      }
    });

    it('pages a rep through their own requests only, newest first, with their counts', async () => {
      const { items, pages, ids } = await walk<{ id: string; createdAt: string; requestedBy: { id: string } }>(rep, '/api/requests?limit=20');
      expect(items.every((r) => r.requestedBy.id === users['sam@example.com'])).toBe(true);
      expect(ids.length).toBe(56);
      expect(new Set(ids).size).toBe(56);
      expect(nonIncreasing(items.map((r) => r.createdAt))).toBe(true);
      const counts = pages[0].counts!;
      expect(counts.requested + counts.declined).toBe(56);
      const other = await rep2.get('/api/requests?limit=200');
      expect(other.body.total).toBe(14);
    });

    it('gives managers every request, filtered by one or more statuses, counts over all statuses', async () => {
      const all = await manager.get('/api/requests?limit=1');
      expect(all.body.total).toBe(70);
      const declined = await walk<{ id: string; status: string }>(manager, '/api/requests?status=declined&limit=10');
      expect(declined.items.every((r) => r.status === 'declined')).toBe(true);
      expect(declined.ids.length).toBe(all.body.counts.declined);
      const open = await manager.get('/api/requests?status=requested,approved,scheduled&limit=200');
      expect(open.body.total).toBe(all.body.counts.requested);
      expect(open.body.counts).toEqual(all.body.counts);
      expect((await manager.get('/api/requests?limit=500')).status).toBe(400);
    });
  });

  describe('GET /api/nominations', () => {
    beforeAll(async () => {
      const { stores } = server.ctx;
      for (let i = 0; i < 60; i++) {
        const name = `Nominee ${i}`;
        const company = 'Nominated GmbH';
        const id = await stores.nominations.insert({
          name,
          company,
          identityKey: advocateKey({ name, company }),
          email: '',
          reason: 'Would be a great advocate for us.',
          relationship: 'Account executive',
          activities: [],
          nominatedBy: i % 2 ? users['sam@example.com'] : users['tom@example.com'],
        });
        if (i % 4 === 0) await stores.nominations.decide(id, { status: 'declined', by: users.admin, note: 'Not now' });
      }
    });

    it('pages the triage list oldest first and everything else newest first', async () => {
      const triage = await walk<{ id: string; status: string; createdAt: string }>(manager, '/api/nominations?scope=all&status=open,accepted&limit=20');
      expect(triage.ids.length).toBe(45);
      expect(triage.items.every((n) => n.status === 'open')).toBe(true);
      expect(nonDecreasing(triage.items.map((n) => n.createdAt))).toBe(true);
      expect(triage.pages[0].counts).toMatchObject({ open: 45, declined: 15 });
      const mine = await walk<{ id: string; createdAt: string; nominatedBy: { id: string } }>(rep, '/api/nominations?limit=7');
      expect(mine.ids.length).toBe(30);
      expect(mine.items.every((n) => n.nominatedBy.id === users['sam@example.com'])).toBe(true);
      expect(nonIncreasing(mine.items.map((n) => n.createdAt))).toBe(true);
      expect((await rep.get('/api/nominations?scope=all')).status).toBe(403);
    });
  });
});
