import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ACCESS_MATRIX, CALLERS, mayCall, type Caller } from '../../server/http/access-matrix.js';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';

/**
 * Walks every registered route for every role and checks the answer against ACCESS_MATRIX: a caller the
 * matrix denies gets 401 (anonymous) or 403, whatever it sends; a caller it allows never gets either.
 * Callers use API tokens so CSRF (tested elsewhere) does not blur the result.
 */
describe('route × role access matrix', () => {
  let server: TestServer;
  const clients = {} as Record<Caller, TestClient>;
  const headers = { anonymous: {} } as Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    server = await startServer();
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    clients.anonymous = new TestClient(server.url);
    for (const role of ['rep', 'reviewer', 'manager', 'admin'] as const) {
      if (role !== 'admin') {
        await admin.post('/api/users', { email: `${role}@example.com`, name: role, role, password: PASSWORD });
      }
      const c = new TestClient(server.url);
      await c.login(`${role}@example.com`, PASSWORD);
      const token = (await c.post('/api/tokens', { name: 'matrix' })).body.token;
      clients[role] = new TestClient(server.url).withToken(token);
      headers[role] = { authorization: `Bearer ${token}` };
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists every route the server registers', () => {
    const registered = server.app.routeTable
      .filter((r) => r.url.startsWith('/api/') || r.url === '/ws')
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((r) => !(r in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((r) => !registered.includes(r))).toEqual([]);
  });

  /**
   * GET /ws answers every upgrade and then either greets the caller (`hello`) or closes the socket with 4401
   * (the code the UI reads as "signed out"), so it is walked with a real websocket client.
   */
  it('GET /ws', async () => {
    const outcomes: string[] = [];
    for (const caller of CALLERS) {
      const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws', { headers: headers[caller] });
      const answer = await new Promise<string>((resolve) => {
        ws.once('message', (m) => resolve(JSON.parse(m.toString()).type));
        ws.once('close', (code) => resolve(`closed ${code}`));
        ws.once('error', (err) => resolve(`error ${err.message}`));
      });
      ws.close();
      const expected = mayCall(ACCESS_MATRIX['GET /ws'], caller) ? 'hello' : 'closed 4401';
      if (answer !== expected) outcomes.push(`${caller}: ${answer}, expected ${expected}`);
    }
    expect(outcomes).toEqual([]);
  });

  // DELETE /api/session is walked like the rest: public, and for token callers it ends nothing.
  const routes = Object.entries(ACCESS_MATRIX).filter(([route]) => route !== 'GET /ws');
  for (const [route, access] of routes) {
    it(`${route}`, async () => {
      const [method, url] = route.split(' ');
      const path = url.replace(/:id/g, 'no-such-id');
      const outcomes: string[] = [];
      for (const caller of CALLERS) {
        // An empty body: allowed callers get a 400/404/409…, denied ones must be stopped before validation.
        const r = await clients[caller].request(method, path, method === 'GET' ? undefined : {});
        const denied = r.status === 401 || r.status === 403;
        const expected = mayCall(access, caller);
        if (expected === denied) outcomes.push(`${caller}: got ${r.status} (${r.body?.message ?? ''})`);
        if (!expected) expect(r.status).toBe(caller === 'anonymous' ? 401 : 403);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
