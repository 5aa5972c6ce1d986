import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFor } from '../support/dialects.js';
import { TestClient } from '../support/http-client.js';
import { findInIndex } from '../support/personal-data.js';
import { PASSWORD } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

const person = (first: string, last: string, company: string) => `Interviewee: ${first} ${last}
Role: Head of Patient Flow
Company: ${company}
Location: Leeds, United Kingdom

${first} said: "${company} cut our discharge delays by a third in one winter." The team uses Lumen Scheduler daily and would take a reference call.`;
const ids = (r: { body: { results: { advocate: { id: string } }[] } }) => r.body.results.map((x) => x.advocate.id);

/**
 * Two instances on one Postgres, each with its own search index (the default deployment): an erasure made on
 * one instance reaches the other's index through the catch-up it runs on a timer, and an instance that was
 * down during an erasure purges it at its next start (reconcile notices index rows without a record).
 */
describe('erasure across instances (Postgres)', () => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let a: TestServer;
  let b: TestServer | undefined;
  let onA: TestClient;
  let onB: TestClient;
  const env = (): Record<string, string> => ({ ...database.env, VOUCH_SYNC_POLL_MS: '600000' });
  const approve = async (notes: string) => onA.approveNotes(notes, 'Fixture approved as drafted');

  beforeAll(async () => {
    database = await databaseFor('postgres');
    a = await startServer({ env: env() });
    onA = new TestClient(a.url);
    await onA.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    b = await startServer({ env: env() });
    onB = onA.at(b.url);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await database?.drop();
  });

  it('a running instance forgets an advocate erased on the other at its next catch-up', async () => {
    const id = await approve(person('Wilhelmina', 'Ostrowska', 'Brightmere Trust'));
    await a.ctx.match.settled();
    // B learns of the approval through its catch-up (the timer is off here: called directly).
    await b!.ctx.match.catchUp();
    await b!.ctx.match.settled();
    expect(ids(await onB.post('/api/match', { query: 'discharge delays at a trust in Leeds' }))).toContain(id);
    const bIndex = path.join(b!.dataDir, 'index');
    expect((await findInIndex(bIndex, ['Brightmere'], new Date(0))).rows.length).toBeGreaterThan(0);

    const erasedAt = new Date();
    expect((await onA.post(`/api/advocates/${id}/erase`, { reason: 'Erasure request by letter', confirm: 'Wilhelmina Ostrowska' })).status).toBe(200);
    await a.ctx.match.settled();
    // The record decides at once on B too; the catch-up takes the rows out of B's index and its files.
    expect(ids(await onB.post('/api/match', { query: 'discharge delays at a trust in Leeds' }))).not.toContain(id);
    expect(await b!.ctx.match.catchUp()).toBeGreaterThanOrEqual(1);
    await b!.ctx.match.settled();
    expect(await findInIndex(bIndex, ['Ostrowska', 'Brightmere'], erasedAt)).toEqual({ rows: [], versions: expect.any(Number), olderFiles: [] });
    expect(b!.ctx.match.factCacheStats().entries).toBe(0);
    // B's copy of the erasure log gets the erasure on the same timer.
    await b!.ctx.erasure.syncLog({ reapply: false });
    expect(fs.readFileSync(b!.ctx.config.erasureLog, 'utf8')).toContain(id);
  });

  it('an instance that was down during an erasure purges it at start', async () => {
    const id = await approve(person('Cornelius', 'Vandermeer', 'Ashgrove Health'));
    await a.ctx.match.settled();
    await b!.ctx.match.catchUp();
    await b!.ctx.match.settled();
    const bDir = b!.dataDir;
    expect((await findInIndex(path.join(bDir, 'index'), ['Ashgrove'], new Date(0))).rows.length).toBeGreaterThan(0);
    await b!.stop();
    b = undefined;

    const erasedAt = new Date();
    expect((await onA.post(`/api/advocates/${id}/erase`, { reason: 'Erasure request by phone', confirm: 'cornelius vandermeer' })).status).toBe(200);
    b = await startServer({ env: env(), dataDir: bDir });
    await b.ctx.match.settled();
    expect(await findInIndex(path.join(bDir, 'index'), ['Vandermeer', 'Ashgrove'], erasedAt)).toEqual({ rows: [], versions: expect.any(Number), olderFiles: [] });
    onB = onA.at(b.url);
    expect((await onB.get(`/api/advocates/${id}`)).status).toBe(404);
  });
});
