import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';

/**
 * The first-admin form is open to anyone until an admin exists. Several people (or an attacker racing the real
 * admin at first start) sending it at the same moment must not each become an admin: exactly one wins.
 */
describe.each(DIALECTS)('POST /api/setup at the same moment (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: { ...database.env, VOUCH_SIGNIN_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('makes exactly one admin; the others get 409 and no account', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => new TestClient(server.url).post('/api/setup', { email: `admin${i}@example.com`, name: `Admin ${i}`, password: PASSWORD })),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await server.ctx.stores.users.count()).toBe(1);
    const refused = attempts.find((r) => r.status === 409)!;
    expect(refused.body.message).toMatch(/already set up/);
  });
});
