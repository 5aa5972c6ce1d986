/**
 * Erasure in a real browser (Debian's chromium via playwright-core) against the real server: an admin opens
 * the advocate page's danger zone, is stopped by a request in flight, then erases the advocate with a
 * reason and the name typed out; a manager erases notes pasted by mistake from the review page. Managers see
 * no danger zone on the advocate page, reviewers no erase action on drafts.
 *
 * Needs the built UI (`npx vite build`; `npm test` builds first). Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp } from '../support/app.js';
import { TestClient } from '../support/http-client.js';
import { PASSWORD } from '../support/roles.js';

const root = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(root, 'test/e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const NAME = 'Marguerite Quillfeather';
const NOTES = `Interviewee: ${NAME}
Role: Director of Nursing Operations
Company: Zephyrwell Clinics
Location: Bristol, United Kingdom

Marguerite said: "Zephyrwell halved our rota chaos within six weeks." Her team uses Lumen Scheduler across 9 clinics and she would take a reference call.`;

describe('erasure in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let admin: TestClient;
  let manager: TestClient;
  let advocateId = '';
  let requestId = '';
  const problems: string[] = [];

  const open = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
    });
    await page.goto(new URL('/login', app.url).toString());
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => new URL(u).pathname !== '/login');
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'build/index.html'))) throw new Error('The UI is not built: run `npx vite build` before the e2e tests.');
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startApp({ env: { VOUCH_LLM: 'extractive', VOUCH_EMBEDDER: 'local' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    admin = new TestClient(app.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    for (const [email, name, role] of [['mia@example.com', 'Mia Manager', 'manager'], ['rey@example.com', 'Rey Reviewer', 'reviewer'], ['sam@example.com', 'Sam Sales', 'rep']]) {
      await admin.post('/api/users', { email, name, role, password: PASSWORD });
    }
    manager = new TestClient(app.url);
    await manager.login('mia@example.com', PASSWORD);
    advocateId = await admin.approveNotes(NOTES);
    const rep = new TestClient(app.url);
    await rep.login('sam@example.com', PASSWORD);
    const asked = await rep.post('/api/requests', { advocateId, kind: 'reference_call', prospectCompany: 'Northwind Health', description: 'A call about rota planning with a nursing director' });
    expect(asked.status).toBe(201);
    requestId = asked.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('stops the admin while a request is in flight, saying what to do', async () => {
    const page = await open('ada@example.com');
    await page.goto(new URL(`/advocates/${advocateId}`, app.url).toString());
    const zone = page.locator('[data-testid=danger-zone]');
    await zone.getByRole('button', { name: 'Erase advocate…' }).click();
    await zone.locator('#erase-blocked').waitFor();
    await expect(zone.locator('#erase-blocked').textContent()).resolves.toMatch(/decline the request waiting for approval/);
    await expect(zone.locator('#erase-confirm').count()).resolves.toBe(0);
    await zone.screenshot({ path: path.join(SHOTS, 'erase-01-blocked.png') });
    await page.context().close();
  });

  it('erases the advocate once the request is declined: counts, reason, the name typed out', async () => {
    expect((await manager.post(`/api/requests/${requestId}/decline`, { reason: 'The customer asked to be erased' })).status).toBe(200);
    const page = await open('ada@example.com');
    await page.goto(new URL(`/advocates/${advocateId}`, app.url).toString());
    const zone = page.locator('[data-testid=danger-zone]');
    await zone.getByRole('button', { name: 'Erase advocate…' }).click();
    await zone.locator('#erase-reason').waitFor();
    await expect(zone.locator('[data-testid=erasure-deleted]').textContent()).resolves.toMatch(/1 approved version.*1 interview \(the notes\) and 1 draft/s);
    await expect(zone.locator('[data-testid=erasure-kept]').textContent()).resolves.toMatch(/1 request with kind, status, dates/);
    await expect(zone.textContent()).resolves.toMatch(/cannot be undone/i);
    await expect(zone.textContent()).resolves.toMatch(/Backups made before now still contain this person/);
    const erase = zone.getByRole('button', { name: `Erase ${NAME} permanently` });
    await page.fill('#erase-reason', 'Erasure request received by email on 4 March');
    await page.fill('#erase-confirm', 'Marguerite');
    await expect(erase.isDisabled()).resolves.toBe(true);
    await zone.screenshot({ path: path.join(SHOTS, 'erase-02-confirm.png') });
    await page.fill('#erase-confirm', NAME.toLowerCase());
    await expect(erase.isEnabled()).resolves.toBe(true);
    await erase.click();
    await page.waitForURL((u) => new URL(u).pathname === '/advocates');
    await page.getByText(`Erased ${NAME}`).waitFor();
    await shot(page, 'erase-03-done');
    expect((await admin.get(`/api/advocates/${advocateId}`)).status).toBe(404);
    // The request is still listed, without the person.
    await page.goto(new URL('/requests?status=declined', app.url).toString());
    await page.getByText('Erased advocate').first().waitFor();
    await page.context().close();
  });

  it('lets a manager erase notes pasted by mistake from the review page; reviewers and managers see no more than that', async () => {
    const created = await manager.post('/api/interviews', { notes: `Interviewee: Petronella Vantongeren\nRole: CFO\nCompany: Kestrel Mutual\n\nPasted into the wrong tool by mistake; she is not a customer.` });
    const draftId = created.body.draft.id as string;
    await manager.waitForDraft(draftId);

    const reviewer = await open('rey@example.com');
    await reviewer.goto(new URL(`/review/${draftId}`, app.url).toString());
    await reviewer.locator('#f-name').waitFor();
    await expect(reviewer.locator('[data-testid=erase-draft]').count()).resolves.toBe(0);
    await reviewer.context().close();

    const page = await open('mia@example.com');
    await page.goto(new URL(`/review/${draftId}`, app.url).toString());
    const section = page.locator('[data-testid=erase-draft]');
    await section.getByRole('button', { name: 'Erase notes and draft…' }).click();
    await page.fill('#erase-draft-reason', 'Pasted into Vouch by mistake');
    await section.screenshot({ path: path.join(SHOTS, 'erase-04-draft.png') });
    await shot(page, 'erase-04b-review-page');
    await section.getByRole('button', { name: 'Erase notes and draft permanently' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/review');
    await page.getByText('Erased the notes and the draft').waitFor();
    expect((await manager.get(`/api/drafts/${draftId}`)).status).toBe(404);

    // A manager's advocate page has no danger zone (admins only).
    const other = await admin.approveNotes(NOTES.replaceAll('Marguerite Quillfeather', 'Oskar Brandvold').replaceAll('Marguerite', 'Oskar'));
    await page.goto(new URL(`/advocates/${other}`, app.url).toString());
    await page.locator('[data-testid=consent-panel]').waitFor();
    await expect(page.locator('[data-testid=danger-zone]').count()).resolves.toBe(0);
    await page.context().close();
    expect(problems).toEqual([]);
  });
});
