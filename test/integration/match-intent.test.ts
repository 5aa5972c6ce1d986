import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews', name), 'utf8');
const PASSWORD = 'correct horse battery';

describe('POST /api/match with intent chips and pinned filters', () => {
  let server: TestServer;
  let admin: TestClient;
  let hospital = ''; // Germany
  let bank = ''; // Canada

  const approveFixture = (file: string) => admin.approveNotes(fixture(file), 'Fixture approved as drafted for the intent tests');

  beforeAll(async () => {
    server = await startServer();
    admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    hospital = await approveFixture('hospital-de.md');
    bank = await approveFixture('bank-ca.txt');
    await server.ctx.match.settled();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const QUERY = 'regional bank in Germany worried about data privacy and patient scheduling';

  it('reads the intent from the query and, unpinned, still returns advocates from other regions', async () => {
    const r = await admin.post('/api/match', { query: QUERY, limit: 10 });
    expect(r.status).toBe(200);
    expect(r.body.intent).toMatchObject({ industry: 'Financial services', region: 'Germany', products: [] });
    const ids = r.body.results.map((x: { advocate: { id: string } }) => x.advocate.id);
    expect(ids).toEqual(expect.arrayContaining([hospital, bank]));
  });

  it('a pinned region is a hard filter on the approved profile', async () => {
    const r = await admin.post('/api/match', { query: QUERY, limit: 10, pinned: ['region'] });
    expect(r.status).toBe(200);
    expect(r.body.intent.region).toBe('Germany');
    expect(r.body.results.map((x: { advocate: { id: string; region: string } }) => x.advocate.id)).toEqual([hospital]);
  });

  it('uses the chips as the rep edited them, and a pinned language filters too', async () => {
    const edited = { industry: 'Financial services', region: 'Canada', products: [] };
    const r = await admin.post('/api/match', { query: QUERY, intent: edited, pinned: ['region'] });
    expect(r.status).toBe(200);
    expect(r.body.intent).toEqual(edited);
    expect(r.body.results.map((x: { advocate: { id: string } }) => x.advocate.id)).toEqual([bank]);

    const french = await admin.post('/api/match', { query: 'French-speaking bank', pinned: ['language'] });
    expect(french.body.intent.language).toBe('French');
    expect(french.body.results.map((x: { advocate: { id: string } }) => x.advocate.id)).toEqual([bank]);
  });

  it('refuses a malformed pin', async () => {
    expect((await admin.post('/api/match', { query: QUERY, pinned: ['industry'] })).status).toBe(400);
  });
});
