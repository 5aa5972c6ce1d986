import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';

/** The same browser (its cookie jar) as another client, so the old cookie can be tried after it was replaced. */
function copyOf(c: TestClient): TestClient {
  return c.at(c.base);
}

describe('sessions over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    await admin.post('/api/users', { email: 'rey@example.com', name: 'Rey', role: 'reviewer', password: PASSWORD });
    await admin.post('/api/users', { email: 'sam@example.com', name: 'Sam', role: 'rep', password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('POST /api/session while holding a session', () => {
    it('ends the session the browser held: signing in again leaves no older session valid', async () => {
      const browser = new TestClient(server.url);
      await browser.login('rey@example.com', PASSWORD);
      const before = copyOf(browser);
      const socket = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: { cookie: before.cookieHeader } });
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('message', resolve));

      await browser.login('rey@example.com', PASSWORD);
      expect(browser.cookieHeader).not.toBe(before.cookieHeader);
      expect((await browser.get('/api/me')).status).toBe(200);
      expect((await before.get('/api/me')).status).toBe(401);
      expect(await closed).toBe(4401);
    });

    it('ends it also when someone else signs in on that browser', async () => {
      const browser = new TestClient(server.url);
      await browser.login('rey@example.com', PASSWORD);
      const before = copyOf(browser);
      await browser.login('sam@example.com', PASSWORD);
      expect((await browser.get('/api/me')).body.user.email).toBe('sam@example.com');
      expect((await before.get('/api/me')).status).toBe(401);
    });

    it('keeps it when the new sign-in fails', async () => {
      const browser = new TestClient(server.url);
      await browser.login('rey@example.com', PASSWORD);
      const wrong = await browser.post('/api/session', { email: 'rey@example.com', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect((await browser.get('/api/me')).body.user.email).toBe('rey@example.com');
    });
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, without Secure unless VOUCH_SECURE_COOKIES says so', async () => {
    const r = await new TestClient(server.url).post('/api/session', { email: 'rey@example.com', password: PASSWORD });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
  });
});

describe('VOUCH_SECURE_COOKIES=true (served behind https)', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.stop();
  });

  it('sets Secure on the session cookie, at setup and at sign-in', async () => {
    server = await startServer({ env: { VOUCH_SECURE_COOKIES: 'true' } });
    const setup = await new TestClient(server.url).post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    expect(setup.headers.get('set-cookie')).toMatch(/^vouch_session=[^;]+;.*; Secure/i);
    const login = await new TestClient(server.url).post('/api/session', { email: 'admin@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/i);
  });
});
