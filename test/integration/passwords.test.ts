import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

describe.each(DIALECTS)('new passwords (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let admin: TestClient;
  const ids: Record<string, string> = {};

  const signedIn = async (email: string, password = PASSWORD) => {
    const c = new TestClient(server.url);
    await c.login(email, password);
    return c;
  };
  const signIn = (email: string, password: string) => new TestClient(server.url).post('/api/session', { email, password });

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: { ...database.env, VOUCH_SIGNIN_PER_MINUTE: '0' } });
    admin = new TestClient(server.url);
    ids.admin = (await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD })).body.user.id;
    for (const name of ['rey', 'sam', 'lou', 'kim']) {
      ids[name] = (await admin.post('/api/users', { email: `${name}@example.com`, name, role: 'reviewer', password: PASSWORD })).body.id;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('POST /api/users/:id/password (admin)', () => {
    it('sets a new password: ends all their sessions and sockets, clears their lockout, and audits who did it', async () => {
      const laptop = await signedIn('rey@example.com');
      const phone = await signedIn('rey@example.com');
      const socket = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: { cookie: laptop.cookieHeader } });
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('message', resolve));
      // Someone guessed at Rey's password: the account is locked, the right password included.
      for (let i = 0; i < 5; i++) expect((await signIn('rey@example.com', 'a wrong guess')).status).toBe(401);
      const locked = await signIn('rey@example.com', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.message).toMatch(/or ask an admin to set a new password for you\.$/);

      const r = await admin.post(`/api/users/${ids.rey}/password`, { password: NEW_PASSWORD });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ user: { email: 'rey@example.com' }, sessionsEnded: 2 });
      expect((await laptop.get('/api/me')).status).toBe(401);
      expect((await phone.get('/api/me')).status).toBe(401);
      expect(await closed).toBe(4401);
      expect((await signIn('rey@example.com', PASSWORD)).status).toBe(401);
      expect((await signIn('rey@example.com', NEW_PASSWORD)).status).toBe(200);
      const trail = await server.ctx.stores.audit.trail('user', ids.rey);
      expect(trail.find((a) => a.action === 'user.password_set')).toMatchObject({ actorId: ids.admin });
    });

    it('refuses readably: a weak password, an unknown user, your own password, a role other than admin', async () => {
      const weak = await admin.post(`/api/users/${ids.sam}/password`, { password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.issues[0]).toMatchObject({ path: 'password', message: 'Password must be at least 10 characters' });
      const unknown = await admin.post('/api/users/no-such-user/password', { password: NEW_PASSWORD });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('User was not found');
      const own = await admin.post(`/api/users/${ids.admin}/password`, { password: NEW_PASSWORD });
      expect(own.status).toBe(400);
      expect(own.body.message).toBe('Change your own password on your Account page: it asks for your current one.');
      const sam = await signedIn('sam@example.com');
      expect((await sam.post(`/api/users/${ids.lou}/password`, { password: NEW_PASSWORD })).status).toBe(403);
      expect((await signIn('lou@example.com', PASSWORD)).status).toBe(200);
    });
  });

  describe('POST /api/me/password', () => {
    it('changes your own password with the current one: your other sessions end, this one stays', async () => {
      const here = await signedIn('kim@example.com');
      const elsewhere = await signedIn('kim@example.com');
      const r = await here.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ sessionsEnded: 1 });
      expect((await here.get('/api/me')).status).toBe(200);
      expect((await elsewhere.get('/api/me')).status).toBe(401);
      expect((await signIn('kim@example.com', PASSWORD)).status).toBe(401);
      expect((await signIn('kim@example.com', NEW_PASSWORD)).status).toBe(200);
      const trail = await server.ctx.stores.audit.trail('user', ids.kim);
      expect(trail.find((a) => a.action === 'user.password_changed')).toMatchObject({ actorId: ids.kim });
    });

    it('refuses a wrong current password next to its field, and counts it towards the lockout', async () => {
      const lou = await signedIn('lou@example.com');
      const same = await lou.post('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
      expect(same.status).toBe(400);
      expect(same.body.issues[0]).toMatchObject({ path: 'newPassword' });
      expect((await lou.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { csrf: false })).status).toBe(403);
      for (let i = 0; i < 5; i++) {
        const wrong = await lou.post('/api/me/password', { currentPassword: `wrong guess ${i}`, newPassword: NEW_PASSWORD });
        expect(wrong.status).toBe(400);
        expect(wrong.body.issues).toEqual([{ path: 'currentPassword', message: 'This is not your current password' }]);
      }
      const sixth = await lou.post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(sixth.status).toBe(429);
      expect((await signIn('lou@example.com', PASSWORD)).status).toBe(429);
      // Still signed in: a refused change ends nothing.
      expect((await lou.get('/api/me')).status).toBe(200);
    });

    it('asks anonymous callers to sign in first', async () => {
      const r = await new TestClient(server.url).post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(r.status).toBe(401);
    });
  });
});
