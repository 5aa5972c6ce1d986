/**
 * Notes are data, never markup: interview notes carrying HTML and script are stored as text and shown
 * escaped on the review page, the advocate page and in match results (Debian chromium, real server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { TestClient } from '../support/http-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const HOSTILE_QUOTE = 'The <img src=x onerror="window.__xss=1"> dashboard <script>window.__xss=2</script> saved us hours every week.';
const NOTES = `${fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interviews/hospital-de.md'), 'utf8')}

Extra quote from Katrin: "${HOSTILE_QUOTE}"
<iframe src="javascript:window.__xss=3"></iframe>
`;

describe('hostile markup in interview notes', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let draftId = '';
  let advocateId = '';

  beforeAll(async () => {
    app = await startApp();
    const api = new TestClient(app.url);
    await api.post('/api/setup', { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password });
    const created = await api.post('/api/interviews', { notes: NOTES });
    draftId = created.body.draft.id;
    const draft = await api.waitForDraft(draftId);
    // The reviewer keeps the hostile sentence as a quote: it is verbatim in the notes, so it is allowed.
    const profile = { ...draft.profile, quotes: [...draft.profile.quotes.slice(0, 1), HOSTILE_QUOTE] };
    const approved = await api.post(`/api/drafts/${draftId}/approve`, { profile, consent: { source: 'Agreed in the interview' } });
    expect(approved.status).toBe(200);
    advocateId = approved.body.advocate.id;
    // A second draft stays open for the review page.
    const open = await api.post('/api/interviews', { notes: NOTES });
    draftId = open.body.draft.id;
    await api.waitForDraft(draftId);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    page.on('dialog', (d) => void d.dismiss());
    await page.goto(`${app.url}/login`);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => new URL(u).pathname !== '/login');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const injected = () => page.evaluate(() => ({
    flag: (window as unknown as { __xss?: number }).__xss,
    imgs: document.querySelectorAll('img[src="x"]').length,
    iframes: document.querySelectorAll('iframe').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
  }));

  it('shows the notes as text on the review page', async () => {
    await page.goto(`${app.url}/review/${draftId}`);
    await page.getByText('window.__xss=2', { exact: false }).first().waitFor();
    expect(await injected()).toEqual({ flag: undefined, imgs: 0, iframes: 0, scripts: 0 });
  });

  it('shows the approved quote as text on the advocate page and in match results', async () => {
    await page.goto(`${app.url}/advocates/${advocateId}`);
    await page.getByText('onerror=', { exact: false }).first().waitFor();
    expect(await injected()).toEqual({ flag: undefined, imgs: 0, iframes: 0, scripts: 0 });

    await page.goto(`${app.url}/match`);
    await page.fill('textarea', 'hospital dashboard saved hours');
    await page.getByRole('button', { name: 'Find advocates' }).click();
    const result = page.locator('[data-testid=match-result]').first();
    await result.waitFor();
    // The quote is a reason for this search (its words), so the markup is on the page: shown as text.
    expect(await result.innerText()).toContain('<script>window.__xss=2</script>');
    expect(await injected()).toEqual({ flag: undefined, imgs: 0, iframes: 0, scripts: 0 });
  });
});
