import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashToken } from '../../server/store/sessions.js';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';
const NOTES = (i: number) =>
  `Interviewee: Dana Socket${i}\nRole: Head of Operations\nCompany: Wsco ${i} GmbH\nLocation: Berlin, Germany\n` +
  `Dana said: "We cut onboarding time by 40% in the first quarter." The team uses Lumen Scheduler daily.`;

/** A real websocket client on /ws, with what it received and how it was closed. */
function openSocket(base: string, headers: Record<string, string>) {
  const ws = new WebSocket(base.replace('http', 'ws') + '/ws', { headers });
  const messages: { type: string }[] = [];
  ws.on('message', (m) => messages.push(JSON.parse(m.toString())));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: performance.now() })),
  );
  const hello = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    const check = () => (messages.some((m) => m.type === 'hello') ? resolve() : setTimeout(check, 10));
    check();
  });
  return { ws, messages, closed, hello };
}
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
const sessionHash = (c: TestClient) => hashToken(c.cookieHeader.split('=')[1]);

describe.each(DIALECTS)('a websocket lives no longer than its session (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let manager: TestClient;
  const reviewer = () => new TestClient(server.url).login('rey@example.com', PASSWORD);

  beforeAll(async () => {
    database = await databaseFor(dialect);
    // Re-checks every 300 ms: a session that ends without a message to this instance is noticed quickly.
    server = await startServer({ env: { ...database.env, VOUCH_SYNC_POLL_MS: '300' } });
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    await admin.post('/api/users', { email: 'mia@example.com', name: 'Mia', role: 'manager', password: PASSWORD });
    await admin.post('/api/users', { email: 'rey@example.com', name: 'Rey', role: 'reviewer', password: PASSWORD });
    manager = new TestClient(server.url);
    await manager.login('mia@example.com', PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const signedIn = async () => {
    const c = new TestClient(server.url);
    await c.login('rey@example.com', PASSWORD);
    return c;
  };

  it('closes the socket with 4401 on sign-out, so no more draft events reach it; another session of the same person keeps its own', async () => {
    const browser = await signedIn();
    const otherTab = await signedIn();
    const socket = openSocket(server.url, { cookie: browser.cookieHeader });
    const other = openSocket(server.url, { cookie: otherTab.cookieHeader });
    await Promise.all([socket.hello, other.hello]);
    await manager.post('/api/interviews', { notes: NOTES(1) });
    await server.ctx.review.queueIdle();
    await within(
      (async () => {
        while (!socket.messages.some((m) => m.type === 'draft.updated')) await new Promise((r) => setTimeout(r, 20));
      })(),
      5000,
      'a draft event before signing out',
    );
    const started = performance.now();
    expect((await browser.delete('/api/session')).status).toBe(204);
    const closed = await within(socket.closed, 1000, 'the socket closing after sign-out');
    console.log(`[${dialect}] socket closed ${Math.round(closed.at - started)} ms after DELETE /api/session answered`);
    expect(closed).toMatchObject({ code: 4401, reason: 'Signed out' });
    const seen = socket.messages.length;
    await manager.post('/api/interviews', { notes: NOTES(2) });
    await server.ctx.review.queueIdle();
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.messages).toHaveLength(seen);
    // The other tab's session was not signed out: its socket is open and still gets events.
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    expect(other.messages.filter((m) => m.type === 'draft.updated').length).toBeGreaterThan(1);
    other.ws.close();
  });

  it('closes the socket when its session expires', async () => {
    const browser = await signedIn();
    const expiresAt = new Date(Date.now() + 1000).toISOString();
    await server.ctx.stores.db.kysely.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', sessionHash(browser)).execute();
    const socket = openSocket(server.url, { cookie: browser.cookieHeader });
    await socket.hello;
    expect(await within(socket.closed, 3000, 'the socket closing at expiry')).toMatchObject({ code: 4401, reason: 'Session expired' });
  });

  it('closes the socket when the re-check finds its session gone (ended where this instance was not told) or the role changed', async () => {
    const gone = await signedIn();
    const demoted = await signedIn();
    const a = openSocket(server.url, { cookie: gone.cookieHeader });
    const b = openSocket(server.url, { cookie: demoted.cookieHeader });
    await Promise.all([a.hello, b.hello]);
    await server.ctx.stores.db.kysely.deleteFrom('sessions').where('id_hash', '=', sessionHash(gone)).execute();
    expect(await within(a.closed, 2000, 'the re-check closing a socket whose session is gone')).toMatchObject({ code: 4401 });
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    await server.ctx.stores.db.kysely.updateTable('users').set({ role: 'rep' }).where('email', '=', 'rey@example.com').execute();
    expect(await within(b.closed, 2000, 'the re-check closing a socket whose role changed')).toMatchObject({ code: 4401 });
    await server.ctx.stores.db.kysely.updateTable('users').set({ role: 'reviewer' }).where('email', '=', 'rey@example.com').execute();
  });

  it('refuses a socket without a session', async () => {
    const socket = openSocket(server.url, {});
    expect(await within(socket.closed, 2000, 'an anonymous socket closing')).toMatchObject({ code: 4401, reason: 'Sign in first' });
    expect(socket.messages).toEqual([]);
  });
});

describe('a sign-out on one instance closes the socket on another (Postgres, LISTEN/NOTIFY)', () => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await databaseFor('postgres');
    // A re-check once a minute: closing within a second can only be the relayed sign-out.
    a = await startServer({ env: { ...database.env, VOUCH_SYNC_POLL_MS: '60000' } });
    b = await startServer({ env: { ...database.env, VOUCH_SYNC_POLL_MS: '60000' } });
    await new TestClient(a.url).post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });

  it('closes it within a second', async () => {
    const browser = new TestClient(a.url);
    await browser.login('admin@example.com', PASSWORD);
    const socket = openSocket(b.url, { cookie: browser.cookieHeader });
    await socket.hello;
    expect((await browser.delete('/api/session')).status).toBe(204);
    expect(await within(socket.closed, 1000, 'the socket on the other instance closing')).toMatchObject({ code: 4401, reason: 'Signed out' });
  });
});
