import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.js';
import { startApp, type RunningApp } from '../support/app.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';

type Answer = { status: number; message: string; ms: number; headers: Headers };
async function signIn(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  return { status: res.status, message: body.message ?? '', ms: Math.round(performance.now() - started), headers: res.headers };
}
const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

/**
 * Each password check is a 32 MiB, ~100 ms scrypt. The lockout is per account, so a flood of sign-ins with
 * made-up emails used to run one scrypt each, all at once: 200 of them made a real sign-in wait 22 s.
 */
describe('sign-in under a flood of made-up emails (no per-client limit)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    // Its own process, as in production: the flood and the test do not share an event loop.
    server = await startApp({ env: { VOUCH_SIGNIN_PER_MINUTE: '0' } });
    await new TestClient(server.url).post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('checks only a few passwords at once, refuses the rest at once, and a real sign-in is not starved', async () => {
    const started = performance.now();
    const flood = Array.from({ length: 200 }, (_, i) => signIn(server.url, `nobody${i}-${Math.random()}@example.com`, 'guess guess guess'));
    // Once the first is answered, the whole flood has reached the server.
    await Promise.race(flood);
    const during = await signIn(server.url, 'admin@example.com', PASSWORD);
    const answers = await Promise.all(flood);
    const floodMs = Math.round(performance.now() - started);
    const after = await signIn(server.url, 'admin@example.com', PASSWORD);
    console.log(
      `200 parallel sign-ins with made-up emails: ${JSON.stringify(tally(answers))} in ${floodMs} ms; ` +
        `a real sign-in during the flood: ${during.status} in ${during.ms} ms; after it: ${after.status} in ${after.ms} ms`,
    );
    const busy = answers.filter((a) => a.status === 429);
    expect(busy.length).toBeGreaterThan(100);
    expect(busy[0].message).toBe('Too many sign-in attempts at once; try again in a few seconds.');
    expect(busy[0].headers.get('retry-after')).toBe('5');
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    // Answered, one way or the other, without waiting behind 200 hashes.
    expect([200, 429]).toContain(during.status);
    expect(during.ms).toBeLessThan(5000);
    expect(after.status).toBe(200);
  });
});

/**
 * Per client address, so one client's flood cannot take every hashing slot from everyone else. Behind a
 * proxy every client has the proxy's address unless VOUCH_TRUST_PROXY names it.
 */
describe('sign-in attempts per client address', () => {
  let direct: TestServer;
  let proxied: TestServer;

  beforeAll(async () => {
    direct = await startServer({ env: { VOUCH_SIGNIN_PER_MINUTE: '5' } });
    proxied = await startServer({ env: { VOUCH_SIGNIN_PER_MINUTE: '5', VOUCH_TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await direct?.stop();
    await proxied?.stop();
  });

  it('refuses the sixth attempt in a minute from one address, setup included, whatever X-Forwarded-For says', async () => {
    const setup = await new TestClient(direct.url).post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    expect(setup.status).toBe(201);
    for (let i = 0; i < 4; i++) {
      // A different made-up email and a different claimed address each time: neither resets the count.
      const r = await signIn(direct.url, `nobody${i}@example.com`, 'guess guess guess', { 'x-forwarded-for': `203.0.113.${i}` });
      expect(r.status).toBe(401);
    }
    const sixth = await signIn(direct.url, 'admin@example.com', PASSWORD, { 'x-forwarded-for': '203.0.113.99' });
    expect(sixth.status).toBe(429);
    expect(sixth.message).toMatch(/^Too many sign-in attempts from your network address\. Try again in \d+ seconds\.$/);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const again = await new TestClient(direct.url).post('/api/setup', { email: 'eve@example.com', name: 'Eve', password: PASSWORD });
    expect(again.status).toBe(429);
    // Other routes are not limited.
    expect((await fetch(`${direct.url}/api/health`)).status).toBe(200);
  });

  it('behind a trusted proxy (VOUCH_TRUST_PROXY) counts each forwarded client on its own', async () => {
    await new TestClient(proxied.url).post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    const guesser = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 5; i++) expect((await signIn(proxied.url, `nobody${i}@example.com`, 'guess guess guess', guesser)).status).toBe(401);
    expect((await signIn(proxied.url, 'admin@example.com', PASSWORD, guesser)).status).toBe(429);
    const colleague = await signIn(proxied.url, 'admin@example.com', PASSWORD, { 'x-forwarded-for': '203.0.113.8' });
    expect(colleague.status).toBe(200);
  });
});
