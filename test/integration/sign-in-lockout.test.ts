import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';
/** The lockout's limit: wrong passwords per account per 15 minutes (server/auth/login-throttle.ts). */
const LIMIT = 5;

const signIn = (url: string, email: string, password: string) =>
  new TestClient(url).post('/api/session', { email, password }).then((r) => ({ status: r.status, message: r.body?.message as string }));
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

/**
 * The lockout is counted before the password is verified: a burst of parallel guesses cannot all pass the
 * check while the first ones are still hashing (each verification is ~100 ms of scrypt).
 */
describe.each(DIALECTS)('sign-in lockout under parallel guesses (%s)', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;

  beforeAll(async () => {
    database = await databaseFor(dialect);
    // The per-client limit has its own test (sign-in-load.test.ts); here every guess comes from one address.
    server = await startServer({ env: { ...database.env, VOUCH_SIGNIN_PER_MINUTE: '0' } });
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    for (const name of ['ada', 'bo', 'cy']) {
      const r = await admin.post('/api/users', { email: `${name}@example.com`, name, role: 'rep', password: PASSWORD });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`verifies at most ${LIMIT} of 40 parallel wrong passwords; the rest get 429 without a verification`, async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(server.url, 'ada@example.com', `wrong guess ${i}`)));
    const ms = Math.round(performance.now() - started);
    console.log(`[${dialect}] 40 parallel wrong passwords: ${JSON.stringify(tally(results.map((r) => r.status)))} in ${ms} ms`);
    expect(results.filter((r) => r.status === 401)).toHaveLength(LIMIT);
    expect(results.filter((r) => r.status === 429)).toHaveLength(40 - LIMIT);
    expect(results.find((r) => r.status === 429)?.message).toMatch(/Too many wrong passwords for this account/);
    // Locked for everyone now, the right password included.
    expect((await signIn(server.url, 'ada@example.com', PASSWORD)).status).toBe(429);
  });

  it('refuses the right password sent while a burst of wrong ones is still being verified', async () => {
    const burst = Array.from({ length: 30 }, (_, i) => signIn(server.url, 'bo@example.com', `wrong guess ${i}`));
    // Once one wrong guess has been answered, every guess of the burst has reached the server; the right
    // password comes now, while most of them are still hashing.
    await Promise.race(burst);
    const right = await signIn(server.url, 'bo@example.com', PASSWORD);
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    console.log(`[${dialect}] 30 wrong + the right one: wrong ${JSON.stringify(tally(statuses))}, right ${right.status}`);
    expect(right.status).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT);
  });

  it('still lets the owner in after a few wrong passwords, and a success forgets them', async () => {
    for (let i = 0; i < LIMIT - 1; i++) expect((await signIn(server.url, 'cy@example.com', 'typo typo typo')).status).toBe(401);
    expect((await signIn(server.url, 'cy@example.com', PASSWORD)).status).toBe(200);
    for (let i = 0; i < LIMIT; i++) expect((await signIn(server.url, 'cy@example.com', 'typo typo typo')).status).toBe(401);
    expect((await signIn(server.url, 'cy@example.com', PASSWORD)).status).toBe(429);
  });
});
