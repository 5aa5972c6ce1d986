import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { TestClient } from '../support/http-client.js';

const PASSWORD = 'a very particular passphrase 7391';
const WRONG = 'another particular guess 5528';
const HOST_WARNING = 'warning: listening on 0.0.0.0: Vouch is reachable from other machines. Serve it behind https.';

/** Waits until the server has printed `text` (the JSON log is written as requests finish). */
async function printed(app: RunningApp, text: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!app.output().includes(text)) {
    if (Date.now() > until) throw new Error(`the server did not print ${text} within ${timeoutMs} ms:\n${app.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server as its own process, as started in production: what it prints is what an operator's log keeps. */
describe('what the server prints', () => {
  const apps: RunningApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  it('with LOG_LEVEL=info logs every request, but no password, session cookie, CSRF token or API token', async () => {
    const app = await startApp({ env: { LOG_LEVEL: 'info' } });
    apps.push(app);
    await new TestClient(app.url).post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    expect((await new TestClient(app.url).post('/api/session', { email: 'ada@example.com', password: WRONG })).status).toBe(401);
    const browser = new TestClient(app.url);
    const login = await browser.login('ada@example.com', PASSWORD);
    const session = browser.cookieHeader.split('=')[1];
    const csrf = login.body.csrfToken as string;
    const created = await browser.post('/api/tokens', { name: 'log check' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const script = new TestClient(app.url).withToken(token);
    expect((await script.get('/api/tokens')).status).toBe(200);
    await printed(app, '"url":"/api/tokens"');

    const out = app.output();
    // The log is there (request lines at info), so finding nothing below means something.
    expect(out).toContain('"url":"/api/session"');
    expect(out).toContain('"statusCode":201');
    const secrets = { password: PASSWORD, 'wrong password': WRONG, 'session cookie': session, 'CSRF token': csrf, 'API token': token };
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length, what).toBeGreaterThan(10);
      expect(out.includes(value), `${what} in the server log`).toBe(false);
    }
    expect(out).not.toContain(HOST_WARNING);
  });

  it('warns at start when HOST is not loopback', async () => {
    // Bound on every interface for the few seconds of the test; nothing is sent anywhere but loopback.
    const app = await startApp({ env: { HOST: '0.0.0.0' } });
    apps.push(app);
    expect(app.output()).toContain(HOST_WARNING);
  });
});
