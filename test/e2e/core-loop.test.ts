/**
 * The core loop in a real browser (Debian's chromium via playwright-core) against the real server:
 * first visit → create the admin → add a reviewer and an API token → bad input is refused readably and
 * kept → paste interview notes → the draft becomes ready over the websocket → review with evidence
 * highlighted → edit a field → approve (keyboard) → the advocate and its version history → match finds it
 * with reasons → a reviewer sees only their navigation → a rep requests an advocate and a manager approves →
 * a rep nominates a customer, a manager accepts it on /program and starts the interview prefilled.
 *
 * Needs the built UI (`npx vite build`; `npm test` builds first). Screenshots go to test/e2e/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApp } from '../support/app.js';
import { OllamaStandIn, chatChunks, chatResponse, modelNotFound } from '../support/ollama-standin.js';
import { PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';

const root = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(root, 'test/e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = path.join(root, 'test/fixtures/interviews');

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const REVIEWER = { name: 'Rita Reviewer', email: 'rita@example.com', password: 'reviewer passphrase' };
const REP = { name: 'Sam Sales', email: 'sam@example.com', password: 'sales passphrase' };
const MANAGER = { name: 'Mia Manager', email: 'mia@example.com', password: 'manager passphrase' };
const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const QUERY = 'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling';
const EDITED_TITLE = 'Head of Patient Access (outpatient clinics)';

/** The German hospital interview from the shared fixtures, or a realistic stand-in if they are absent. */
function hospitalNotes(): string {
  const file = path.join(FIXTURES, 'hospital-de.md');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  return `Customer interview – Klinikum Sankt Anna, Freiburg

Interviewee: Dr. Katrin Vogel, Head of Patient Access at Klinikum Sankt Anna, a mid-size hospital in Freiburg, Germany (about 2,100 staff).
They use Lumen Scheduler for patient scheduling across 14 outpatient clinics. Data privacy was the main concern: EU hosting and the GDPR data processing agreement were decisive.
Results: the no-show rate dropped from 11% to 6.5% in the first year; hold time went from 21 minutes to under 4 minutes.
She said: "Our data protection officer was the toughest reviewer we have, and Lumen answered every single question he asked."
She is happy to take reference calls with other hospitals and open to a written case study.`;
}

function productsEnv(): Record<string, string> {
  const file = path.join(FIXTURES, 'catalogue.json');
  if (!fs.existsSync(file)) return {};
  const { products } = JSON.parse(fs.readFileSync(file, 'utf8')) as { products: string[] };
  return { VOUCH_PRODUCTS: products.join(',') };
}

describe('core loop in the browser', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let draftId = '';
  let advocateName = '';
  const problems: string[] = [];

  /** Full page by default; the review page has sticky panes, so it is shot as the viewport a person sees. */
  const shot = async (name: string, fullPage = true) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  };
  const url = (p: string) => new URL(p, app.url).toString();
  const navLink = (name: string) => page.locator('nav[aria-label=Main]').getByRole('link', { name, exact: true });
  const waitForPath = (re: RegExp) => page.waitForURL((u) => re.test(new URL(u).pathname), { timeout: 20_000 });
  const signInAs = async (user: { email: string; password: string }) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(/^\/login$/);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => new URL(u).pathname !== '/login');
  };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'build/index.html'))) {
      throw new Error('The UI is not built: run `npx vite build` before the e2e tests.');
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startApp({ env: { VOUCH_LLM: 'extractive', VOUCH_EMBEDDER: 'local', ...productsEnv() } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // The browser logs every 4xx as "Failed to load resource"; expected ones (401 before sign-in) are fine.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks for the first admin on the first visit and signs them in', async () => {
    await page.goto(app.url);
    await waitForPath(/^\/setup$/);
    await expect(page.getByRole('heading', { name: 'Welcome to Vouch' }).isVisible()).resolves.toBe(true);
    await shot('01-setup');

    // A mistake first: passwords that differ are caught next to the field.
    await page.fill('#name', ADMIN.name);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.fill('#confirm', 'something else entirely');
    await page.click('button[type=submit]');
    await expect(page.locator('#confirm-error').textContent()).resolves.toContain('differ');

    await page.fill('#confirm', ADMIN.password);
    await page.click('button[type=submit]');
    await waitForPath(/^\/interviews\/new$/);
    const header = page.locator('header');
    await expect(header.textContent()).resolves.toContain(ADMIN.name);
    await expect(header.textContent()).resolves.toContain('Admin');
    await page.locator('[data-testid=status-pill]', { hasText: 'Embedded drafter · no LLM' }).waitFor();
    await shot('02-new-interview');
  });

  it('lets the admin add a reviewer, a sales rep and a manager, and create an API token shown once', async () => {
    await navLink('Users').click();
    await waitForPath(/^\/admin\/users$/);
    for (const [user, role] of [[REVIEWER, 'reviewer'], [REP, 'rep'], [MANAGER, 'manager']] as const) {
      await page.fill('#user-name', user.name);
      await page.fill('#user-email', user.email);
      await page.selectOption('#user-role', role);
      await page.fill('#user-password', user.password);
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.locator('[data-testid=users-table]', { hasText: user.email }).waitFor();
    }

    await page.fill('#token-name', 'CRM sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('[data-testid=api-token]').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(16);
    await page.locator('[data-testid=token-row]', { hasText: 'CRM sync' }).waitFor();
    await shot('03-users');

    // The token works for a script, then the admin revokes it here and it stops working at once.
    const asScript = () => fetch(url('/api/me'), { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    await expect(asScript()).resolves.toBe(200);
    await page.fill('#token-name', 'Spare');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('[data-testid=token-row]', { hasText: 'Spare' }).waitFor();
    await page.getByRole('button', { name: 'Revoke token CRM sync' }).click();
    await page.getByRole('button', { name: 'Revoke now' }).click();
    await page.locator('[data-testid=token-row]', { hasText: 'CRM sync' }).getByText(/^Revoked/).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'was revoked' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Revoke token Spare' }).isVisible()).resolves.toBe(true);
    await expect(asScript()).resolves.toBe(401);
    await shot('03b-token-revoked');
  });

  it('refuses notes that are too short, and a binary file, with readable messages and keeps the text', async () => {
    await navLink('New interview').click();
    await waitForPath(/^\/interviews\/new$/);
    const short = 'Met Katrin. Nice call.';
    await page.fill('#notes', short);
    await page.getByRole('button', { name: 'Draft the profile' }).click();
    const error = page.locator('#notes-error');
    await expect(error.textContent()).resolves.toMatch(/too short/i);
    await expect(page.inputValue('#notes')).resolves.toBe(short);

    await page.setInputFiles('input[type=file]', {
      name: 'interview.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\u0000\u0001\u0002binary'),
    });
    await expect(error.textContent()).resolves.toContain('not a transcript Vouch can read');
    await expect(page.inputValue('#notes')).resolves.toBe(short);
    await shot('04-bad-input');
  });

  it('drafts a profile from pasted notes with live progress', async () => {
    await page.fill('#notes', hospitalNotes());
    await page.getByRole('button', { name: 'Draft the profile' }).click();
    const progress = page.locator('[data-testid=draft-progress]');
    await progress.waitFor();
    await page.locator('[data-testid=draft-progress][data-status=ready]').waitFor({ timeout: 120_000 });
    await expect(page.locator('[data-testid=drafter]').textContent()).resolves.toBe(
      'Drafted by the embedded extractive drafter (no LLM)',
    );
    // The notes stay on screen (read-only) after sending.
    await expect(page.inputValue('#notes')).resolves.toContain('Klinikum Sankt Anna');
    await shot('06-draft-ready');
    const href = await page.locator('[data-testid=open-review]').getAttribute('href');
    draftId = href!.split('/').pop()!;
    expect(draftId).toBeTruthy();
  });

  it('shows the draft beside the notes with evidence, and approves the edited profile by keyboard', async () => {
    await page.locator('[data-testid=open-review]').click();
    await waitForPath(new RegExp(`^/review/${draftId}$`));
    await page.locator('#f-name').waitFor();

    // Focusing a field highlights its evidence in the notes (as <mark>, text escaped).
    await page.focus('#f-company');
    await expect(page.locator('[data-testid=notes-text] mark').count()).resolves.toBeGreaterThan(0);

    advocateName = (await page.inputValue('#f-name')).trim();
    if (!advocateName) {
      advocateName = 'Katrin Vogel';
      await page.fill('#f-name', advocateName);
    }
    await page.fill('#f-title', EDITED_TITLE);
    await shot('07-review', false);

    // Shortcuts do not fire while typing: "a" in a field is just a letter.
    await page.focus('#f-title');
    await page.keyboard.press('End');
    await page.keyboard.type(' a');
    await expect(page.inputValue('#f-title')).resolves.toBe(EDITED_TITLE + ' a');
    expect(new URL(page.url()).pathname).toBe(`/review/${draftId}`);
    await page.fill('#f-title', EDITED_TITLE);

    // Rule 2: quotes not found in the notes block approval until corrected or removed.
    const removeUnverified = page.getByRole('button', { name: 'Remove unverified quotes' });
    if (await removeUnverified.isVisible()) await removeUnverified.click();

    // Consent: the reviewer confirms the customer agreed to act as an advocate (else reps cannot find them).
    await page.getByLabel('The customer agreed to act as an advocate').check();
    await page.locator('[data-testid=evidence-preview] summary').click();
    await page.locator('[data-testid=evidence-preview] dd').first().waitFor();

    await page.locator('h1').click(); // leave the field, then approve with "a"
    await page.keyboard.press('a');
    await waitForPath(/^\/review$/);
    await page.getByText(`Approved ${advocateName}`).waitFor();
    await shot('08-approved-queue-empty');
  });

  it('shows the approved advocate with who approved it and what changed from the AI draft', async () => {
    await navLink('Advocates').click();
    await waitForPath(/^\/advocates$/);
    await page.getByRole('link', { name: advocateName }).first().click();
    await waitForPath(/^\/advocates\/[^/]+$/);
    const history = page.locator('section', { hasText: 'Version history' });
    await expect(history.textContent()).resolves.toContain(`approved by ${ADMIN.name}`);
    await expect(history.textContent()).resolves.toContain(EDITED_TITLE);
    await shot('09-advocate');
  });

  it('searches advocates on the server as you type, with the search and page in the URL (back/forward work)', async () => {
    await navLink('Advocates').click();
    await waitForPath(/^\/advocates$/);
    const summary = page.locator('[data-testid=pager-summary]');
    await expect(summary.textContent()).resolves.toBe('Showing 1–1 of 1 advocates');
    // "/" jumps to the search box; typing searches after a pause, and the URL says what is shown.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await page.keyboard.type(advocateName.split(' ').at(-1)!.toUpperCase());
    await page.waitForURL((u) => new URL(u).searchParams.get('q') === advocateName.split(' ').at(-1)!.toUpperCase());
    await page.getByRole('link', { name: advocateName }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filter');
    // Enter searches at once and is a step in the history.
    await page.fill('#filter', 'no such advocate');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=no-match]').waitFor();
    await expect(summary.textContent()).resolves.toBe('No advocates');
    await shot('09b-advocates-no-match');
    await page.goBack();
    await page.getByRole('link', { name: advocateName }).waitFor();
    await expect(page.inputValue('#filter')).resolves.toBe(advocateName.split(' ').at(-1)!.toUpperCase());
  });

  it('finds the advocate for a plain-language prospect description, with reasons', async () => {
    await navLink('Match').click();
    await waitForPath(/^\/match$/);
    await shot('10-match-empty');
    await page.fill('#query', QUERY);
    await page.getByRole('button', { name: 'Find advocates' }).click();
    const first = page.locator('[data-testid=match-result]').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.textContent()).resolves.toContain(advocateName);
    await expect(first.locator('.chip').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-testid=match-meta]').textContent()).resolves.toMatch(/\d+ ms · embedder /);
    await expect(page.locator('[data-testid=intent-source]').textContent()).resolves.toContain('read by rules');
    // Each reason's evidence: an approved sentence of the interview, or the customer's verbatim quote.
    await first.locator('[data-testid=reason-evidence] summary').click();
    await first.locator('[data-testid=reason-evidence] blockquote').first().waitFor();
    await shot('11-match-results');
  });

  it('shows a reviewer only the navigation of their role', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(/^\/login$/);
    await page.fill('#email', REVIEWER.email);
    await page.fill('#password', 'wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[role=alert] .alert').waitFor();
    await shot('12-login-error');

    await page.fill('#password', REVIEWER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(/^\/review$/);
    const nav = (await page.locator('nav[aria-label=Main]').textContent()) ?? '';
    expect(nav).toContain('Review');
    expect(nav).toContain('Match');
    expect(nav).not.toContain('New interview');
    expect(nav).not.toContain('Users');
    await shot('13-reviewer-queue');
  });

  it('sends a sales rep to Match, and tells them plainly when a page is not for their role', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(/^\/login$/);
    await page.fill('#email', REP.email);
    await page.fill('#password', REP.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(/^\/match$/);
    const nav = (await page.locator('nav[aria-label=Main]').textContent()) ?? '';
    expect(nav).toContain('Match');
    expect(nav).toContain('Advocates');
    expect(nav).not.toContain('Review');
    await page.goto(url(`/review/${draftId}`));
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    await shot('14-rep-forbidden');
  });

  it('lets the rep request the advocate from Match, a manager approve it, and then shows the rep the contact', async () => {
    // The rep (signed in by the previous step) requests from a match result.
    await navLink('Match').click();
    await waitForPath(/^\/match$/);
    await page.fill('#query', QUERY);
    await page.getByRole('button', { name: 'Find advocates' }).click();
    const first = page.locator('[data-testid=match-result]').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.locator('[data-testid=load]').textContent()).resolves.toContain('0 of 3 this quarter');
    await first.getByRole('button', { name: `Request ${advocateName}` }).click();
    await first.getByLabel('Prospect company').fill('Klinik Nord');
    await first.getByRole('button', { name: 'Send request' }).click();
    await first.locator('[data-testid=request-sent]').waitFor();
    await shot('15-match-request');

    // The admin sets the private contact details, then approves the request on /requests.
    await signInAs(ADMIN);
    await navLink('Advocates').click();
    await page.getByRole('link', { name: advocateName }).first().click();
    await page.fill('#p-email', 'katrin.vogel@klinikum.example');
    await page.fill('#p-phone', '+49 761 555 0100');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved the advocate’s program settings.').waitFor();
    await shot('16-advocate-engagements');
    await navLink('Requests').click();
    await waitForPath(/^\/requests$/);
    const card = page.locator('[data-testid=request][data-status=requested]', { hasText: 'Klinik Nord' });
    await card.getByRole('button', { name: 'Approve…' }).click();
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.locator('[data-testid=request][data-status=approved]', { hasText: 'Klinik Nord' }).waitFor();
    await shot('17-requests-manager');

    // Back as the rep: the approved request now carries the contact details.
    await signInAs(REP);
    await navLink('Requests').click();
    await waitForPath(/^\/requests$/);
    const approved = page.locator('[data-testid=request][data-status=approved]', { hasText: 'Klinik Nord' });
    await expect(approved.locator('[data-testid=contact]').textContent()).resolves.toContain('katrin.vogel@klinikum.example');
    await shot('18-requests-rep');
  });

  it('lets a rep nominate a customer, a manager accept it on /program and start the interview prefilled', async () => {
    // The rep (signed in by the previous step) nominates from the navigation.
    await navLink('Nominate').click();
    await waitForPath(/^\/nominate$/);
    await page.fill('#n-name', 'Dana Park');
    await page.fill('#n-company', 'Northwind Logistics');
    await page.fill('#n-reason', 'Cut their dispatch planning time in half and tells everyone at the meetups.');
    await page.fill('#n-relationship', 'I am their account executive');
    await page.getByLabel('Reference call').check();
    await page.getByRole('button', { name: 'Nominate', exact: true }).click();
    await page.locator('[data-testid=nomination-sent]').waitFor();
    const mine = page.locator('[data-testid=my-nominations] [data-testid=nomination]', { hasText: 'Dana Park' });
    await expect(mine.getAttribute('data-status')).resolves.toBe('open');
    await shot('19-nominate');

    // A manager triages it on /program: accept, then start the interview for the nominee.
    await signInAs(MANAGER);
    await navLink('Program').click();
    await waitForPath(/^\/program$/);
    const card = page.locator('[data-testid=triage] [data-testid=nomination]', { hasText: 'Dana Park' });
    await expect(card.textContent()).resolves.toContain('Nominated by Sam Sales');
    // "Already an advocate…" finds any advocate by searching the server as the manager types.
    await card.getByRole('button', { name: 'Already an advocate: Dana Park' }).click();
    await card.getByLabel('Find another advocate').fill(advocateName.split(' ')[0].toLowerCase());
    await card.locator('[data-testid=duplicate-results]').getByLabel(new RegExp(advocateName)).waitFor();
    await expect(card.locator('[data-testid=duplicate-search-status]').textContent()).resolves.toMatch(/^1 advocate matches/);
    await shot('20a-program-duplicate-search');
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByRole('button', { name: 'Accept: Dana Park' }).click();
    await page.getByLabel('Note for Sam Sales').fill('Calling her next week');
    await card.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.locator('[data-testid=triage] [data-testid=nomination][data-status=accepted]', { hasText: 'Dana Park' }).waitFor();
    await shot('20-program');
    await card.getByRole('link', { name: 'Start the interview' }).click();
    await waitForPath(/^\/interviews\/new$/);
    await page.locator('[data-testid=nominee]', { hasText: 'Dana Park' }).waitFor();
    await expect(page.inputValue('#notes')).resolves.toBe('Interviewee: Dana Park\nCompany: Northwind Logistics\n\n');
    await shot('21-interview-for-nominee');

    // The nominator sees the decision on their own page.
    await signInAs(REP);
    await navLink('Nominate').click();
    await expect(mine.textContent()).resolves.toContain('Accepted by Mia Manager');

    // The notes the manager started stayed with the manager: whoever signs in next on this tab starts empty.
    await signInAs(ADMIN);
    await navLink('New interview').click();
    await waitForPath(/^\/interviews\/new$/);
    await expect(page.inputValue('#notes')).resolves.toBe('');
  });

  it('logged no errors in the browser console', () => {
    expect(problems).toEqual([]);
  });
});

/** What a model would answer for the hospital notes (DraftReply: excerpts first, then the fields). */
function modelReply(): string {
  const excerpts = Object.fromEntries(PROFILE_FIELD_NAMES.map((f) => [f, [] as string[]]));
  Object.assign(excerpts, {
    name: ['Interviewee: Dr. Katrin Vogel'],
    title: ['Role: Head of Patient Access'],
    company: ['Company: Klinikum Sankt Anna'],
    region: ['Location: Freiburg im Breisgau, Germany'],
    products: ['Lumen Scheduler', 'Lumen Insights'],
    outcomes: ['No-show rate dropped from 11% to 6.5% in the first year'],
  });
  return JSON.stringify({
    excerpts,
    name: 'Katrin Vogel',
    title: 'Head of Patient Access',
    company: 'Klinikum Sankt Anna',
    industry: 'Healthcare',
    region: 'Germany',
    companySize: 'mid-size hospital, ~650 beds, 2,100 staff',
    languages: ['German', 'English'],
    products: ['Lumen Scheduler', 'Lumen Insights'],
    useCases: ['Patient scheduling across 14 outpatient clinics'],
    outcomes: ['No-show rate dropped from 11% to 6.5% in the first year'],
    quotes: [
      'Our data protection officer was the toughest reviewer we have, and Lumen answered every single question he asked.',
      // A quote the model made up: the review page must flag it and block approval until it is removed.
      'Lumen changed how our whole hospital works.',
    ],
    activities: ['reference_call', 'case_study'],
  });
}

describe('with Ollama (scripted stand-in): a missing model, then retry', () => {
  let ollama: OllamaStandIn;
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ollama = new OllamaStandIn();
    // First chat: the model is not pulled. Afterwards: a streamed (or plain) reply.
    ollama.script('/api/chat', { kind: 'error', status: 404, error: modelNotFound('llama3.2') });
    ollama.setDefault('/api/chat', (req) =>
      req.body?.stream === false
        ? { kind: 'json', body: chatResponse('llama3.2', modelReply()) }
        : { kind: 'stream', chunks: chatChunks('llama3.2', modelReply(), { pieceChars: 24 }), delayMs: 60 },
    );
    const host = await ollama.start();
    app = await startApp({ env: { OLLAMA_HOST: host, VOUCH_LLM: 'ollama', VOUCH_EMBEDDER: 'local' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' })).newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await ollama?.close();
  });

  it('shows the model problem in words, keeps the notes, retries and says Ollama drafted it', async () => {
    await page.goto(app.url);
    await page.waitForURL((u) => new URL(u).pathname === '/setup');
    await page.fill('#name', ADMIN.name);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.fill('#confirm', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => new URL(u).pathname === '/interviews/new');
    await page.locator('[data-testid=status-pill]', { hasText: 'Ollama · llama3.2' }).waitFor();

    await page.fill('#notes', hospitalNotes());
    await page.getByRole('button', { name: 'Draft the profile' }).click();
    await page.locator('[data-testid=draft-progress][data-status=failed]', { hasText: 'ollama pull' }).waitFor({ timeout: 60_000 });
    const failure = (await page.locator('[data-testid=draft-progress]').textContent()) ?? '';
    expect(failure).toContain('ollama pull llama3.2');
    expect(failure).not.toMatch(/\bat \w+ \(|stack|\[object Object\]/);
    await expect(page.inputValue('#notes')).resolves.toContain('Klinikum Sankt Anna');
    await shot('ollama-01-model-missing');

    await page.getByRole('button', { name: 'Retry' }).click();
    // The reply streams for a few seconds: the progress card follows it over the websocket.
    await page.locator('[data-testid=draft-progress][data-status=drafting] [role=progressbar][aria-valuenow]').waitFor();
    await shot('ollama-02-drafting');
    await page.locator('[data-testid=draft-progress][data-status=ready]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid=drafter]').textContent()).resolves.toBe('Drafted by Ollama · llama3.2');
    await shot('ollama-03-ready');

    await page.locator('[data-testid=open-review]').click();
    await page.locator('#f-name').waitFor();
    const approve = page.getByRole('button', { name: /^Approve/ });
    await expect(page.getByText('Not in the notes').count()).resolves.toBeGreaterThan(0);
    await expect(approve.isDisabled()).resolves.toBe(true);
    await page.locator('textarea[id^=f-quotes]').nth(1).focus();
    await page.waitForTimeout(600); // the notes pane scrolls smoothly to the highlighted passages
    await shot('ollama-04-review-unverified-quote', false);

    await page.getByRole('button', { name: 'Remove unverified quotes' }).click();
    await expect(approve.isEnabled()).resolves.toBe(true);
    await page.getByLabel('The customer agreed to act as an advocate').check();
    await approve.click();
    await page.getByText('Approved Katrin Vogel').waitFor();
  });

  it('reads the prospect description with the model on /match and says so', async () => {
    // The model's reading of the next description (structured output for the intent schema).
    const intent = { industry: 'Healthcare', region: 'Germany', companySize: '', products: [], useCase: 'online appointment booking', persona: 'head of patient access', language: '' };
    ollama.script('/api/chat', { kind: 'json', body: chatResponse('llama3.2', JSON.stringify(intent)) });
    await page.goto(`${app.url}/match`);
    await page.fill('#query', 'a clinic group in Bavaria whose patients should book online');
    await page.getByRole('button', { name: 'Find advocates' }).click();
    const first = page.locator('[data-testid=match-result]').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.textContent()).resolves.toContain('Katrin Vogel');
    await expect(page.locator('[data-testid=intent-source]').textContent()).resolves.toBe('Intent read by llama3.2.');
    await expect(page.inputValue('[data-testid=intent-region]')).resolves.toBe('Germany');
    await first.locator('[data-testid=reason-evidence] summary').click();
    await shot('ollama-05-match-intent-by-model');
  });
});
