/**
 * New passwords in the browser: an admin sets one for a reviewer on /admin/users, which signs the reviewer's
 * open page out at once (its websocket closes with 4401 and the page goes to sign-in); the reviewer signs in
 * with it and changes it on /account (Debian chromium, real server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { TestClient } from '../support/http-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PASSWORD = 'correct horse battery';

describe('new passwords in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let admin: Page;
  let reviewer: Page;

  const signIn = async (page: Page, email: string, password: string) => {
    // A page the session ended on is on /login already (the SPA went there): sign in right there.
    if (new URL(page.url()).pathname !== '/login') await page.goto(`${app.url}/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => new URL(u).pathname !== '/login');
  };

  beforeAll(async () => {
    app = await startApp();
    const api = new TestClient(app.url);
    await api.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    await api.post('/api/users', { email: 'rey@example.com', name: 'Rey Reviewer', role: 'reviewer', password: PASSWORD });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // Two browsers' worth of cookies: the admin and the reviewer.
    admin = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    reviewer = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await signIn(admin, 'ada@example.com', PASSWORD);
    await signIn(reviewer, 'rey@example.com', PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an admin sets a new password for the reviewer, whose open page is signed out at once', async () => {
    await reviewer.goto(`${app.url}/review`);
    await admin.goto(`${app.url}/admin/users`);
    await admin.getByRole('button', { name: 'Set a new password for Rey Reviewer' }).click();
    await admin.locator('#set-password').fill('short');
    await admin.getByRole('button', { name: 'Set password', exact: true }).click();
    await admin.getByText('Password must be at least 10 characters').waitFor();
    await admin.locator('#set-password').fill('a brand new passphrase');
    await admin.getByRole('button', { name: 'Set password', exact: true }).click();
    await admin.getByText('New password set for rey@example.com. 1 session signed out').waitFor();
    // No click on the reviewer's page: the closed websocket alone sends it to sign-in.
    await reviewer.waitForURL((u) => new URL(u).pathname === '/login', { timeout: 10_000 });
    await reviewer.getByText('Your session ended. Sign in again to continue.').waitFor();
    // Once, to come back to where they were (it used to redirect to itself without end and hang the tab).
    await new Promise((r) => setTimeout(r, 500));
    expect(new URL(reviewer.url()).search).toBe('?next=%2Freview');
  });

  it('the reviewer signs in with it and changes it on /account, with the current one', async () => {
    await signIn(reviewer, 'rey@example.com', 'a brand new passphrase');
    expect(new URL(reviewer.url()).pathname).toBe('/review');
    await reviewer.goto(`${app.url}/account`);
    await reviewer.fill('#current-password', 'not my password');
    await reviewer.fill('#new-password', 'my own passphrase');
    await reviewer.fill('#repeat-password', 'my own passphrase');
    await reviewer.getByRole('button', { name: 'Change password' }).click();
    await reviewer.getByText('This is not your current password').waitFor();
    await reviewer.fill('#current-password', 'a brand new passphrase');
    await reviewer.getByRole('button', { name: 'Change password' }).click();
    await reviewer.getByText('Your password was changed.').waitFor();
    const check = new TestClient(app.url);
    expect((await check.post('/api/session', { email: 'rey@example.com', password: 'my own passphrase' })).status).toBe(200);
  });
});
