import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const root = path.resolve(import.meta.dirname, '../..');
const NOTES = fs.readFileSync(path.join(root, 'test/fixtures/interviews/hospital-de.md'), 'utf8');
const PASSWORD = 'correct horse battery';

/** The real CLI, as `npm run backup/restore` runs it, in a child process. */
const cli = (args: string[], dataDir: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, VOUCH_DATA_DIR: dataDir, LANCEDB_LOG: 'error' },
    encoding: 'utf8',
  });

describe('backup while running, restore into a new data dir', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('copies the records consistently while the server runs; a restore brings them and a rebuilt index back', async () => {
    server = await startServer();
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    const created = await admin.post('/api/interviews', { notes: NOTES });
    await admin.waitForDraft(created.body.draft.id);
    const approved = await admin.post(`/api/drafts/${created.body.draft.id}/approve`, { consent: { source: 'Agreed in the interview' } });
    expect(approved.status).toBe(200);

    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-backup-'));
    const out = cli(['backup', outDir], server.dataDir);
    const file = out.match(/backup written: (\S+)/)?.[1] ?? '';
    expect(fs.existsSync(file)).toBe(true);
    await server.stop();
    server = undefined;

    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-restored-'));
    expect(cli(['restore', file], freshDir)).toContain('rebuilt from the records');
    server = await startServer({ dataDir: freshDir });
    const again = new TestClient(server.url);
    await again.login('ada@example.com', PASSWORD);
    expect((await again.get('/api/advocates')).body.items.map((a: { id: string }) => a.id)).toEqual([approved.body.advocate.id]);
    const m = await again.post('/api/match', { query: 'hospital in Germany' });
    expect(m.body.results[0].advocate.id).toBe(approved.body.advocate.id);
    expect((await again.get(`/api/drafts/${created.body.draft.id}`)).body.interview.notes).toBe(NOTES);
  });

  it('refuses a file that is not a SQLite database, and says how to use it', () => {
    const bogus = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bogus-')), 'x.sqlite');
    fs.writeFileSync(bogus, 'not a database');
    expect(() => cli(['restore', bogus], fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-r-')))).toThrow(/not a database|not a healthy/);
    expect(() => cli([], os.tmpdir())).toThrow(/usage/);
  });
});
