import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startApp, type RunningApp } from '../support/app.js';
import { checkStore } from '../support/invariants.js';
import { findInRecords } from '../support/personal-data.js';
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

  it('a backup from before an erasure is restored without the erased person: the erasure log is applied again', async () => {
    server = await startServer();
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    const keep = await admin.approveNotes(NOTES);
    const notes = `Interviewee: Rosalind Achterberg\nRole: Head of Claims\nCompany: Veldmark Insurance\nLocation: Utrecht, Netherlands\n\nRosalind said: "Veldmark settles claims twice as fast with Lumen." She would take a reference call.`;
    const erased = await admin.approveNotes(notes);
    const pending = await admin.post('/api/interviews', { notes: notes.replace('twice as fast', 'much faster') });
    await admin.waitForDraft(pending.body.draft.id);
    const request = await admin.post('/api/requests', { advocateId: erased, kind: 'reference_call', prospectCompany: 'Dunmore Re', description: 'Would Rosalind talk to Dunmore about claims?' });
    expect(request.status).toBe(201);

    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-backup-'));
    const file = cli(['backup', outDir], server.dataDir).match(/backup written: (\S+)/)?.[1] ?? '';
    // After the backup: the request is declined, then the person erased.
    expect((await admin.post(`/api/requests/${request.body.id}/decline`, { reason: 'The customer asked to be erased' })).status).toBe(200);
    expect((await admin.post(`/api/advocates/${erased}/erase`, { reason: 'Erasure request of 2 May', confirm: 'Rosalind Achterberg' })).status).toBe(200);
    const dataDir = server.dataDir;
    await server.stop();
    server = undefined;

    // The backup holds her; the restore applies the erasure log (kept in the data dir, outside the database).
    const needles = ['Achterberg', 'Rosalind', 'Veldmark'];
    expect((await findInRecords({ sqliteFile: file }, needles)).length).toBeGreaterThan(0);
    const out = cli(['restore', file], dataDir);
    expect(out).toContain('1 erasure(s) made after this backup applied again');
    expect(await findInRecords({ sqliteFile: path.join(dataDir, 'vouch.sqlite') }, needles)).toEqual([]);
    expect(checkStore(dataDir)).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, broken: {} });

    server = await startServer({ dataDir });
    const again = new TestClient(server.url);
    await again.login('ada@example.com', PASSWORD);
    expect((await again.get(`/api/advocates/${erased}`)).status).toBe(404);
    expect((await again.get(`/api/drafts/${pending.body.draft.id}`)).status).toBe(404);
    expect((await again.get('/api/advocates')).body.items.map((a: { id: string }) => a.id)).toEqual([keep]);
    const m = await again.post('/api/match', { query: 'insurer in the Netherlands settling claims' });
    expect(m.body.results.map((r: { advocate: { id: string } }) => r.advocate.id)).not.toContain(erased);
    // The request open in the backup is declined (it cannot go on) and keeps only its business facts.
    expect((await again.get(`/api/requests/${request.body.id}`)).body).toMatchObject({ status: 'declined', description: '', prospectCompany: 'Dunmore Re' });
    const trail = await server.ctx.stores.audit.trail('advocate', erased);
    expect(trail.filter((a) => a.action === 'advocate.erased').map((a) => JSON.parse(a.detail!))).toEqual([expect.objectContaining({ reapplied: true })]);
    // Applying it again changes nothing (every start does).
    expect(await server.ctx.erasure.syncLog()).toEqual({ reapplied: 0, logged: 0 });
  });

  it('refuses a file that is not a SQLite database, and says how to use it', () => {
    const bogus = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bogus-')), 'x.sqlite');
    fs.writeFileSync(bogus, 'not a database');
    expect(() => cli(['restore', bogus], fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-r-')))).toThrow(/not a SQLite database/);
    expect(() => cli([], os.tmpdir())).toThrow(/usage/);
  });
});

/** The CLI's exit code and output, for commands that must refuse. */
const tryCli = (args: string[], dataDir: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, VOUCH_DATA_DIR: dataDir, LANCEDB_LOG: 'error' },
    encoding: 'utf8',
  });
  return { status: r.status, output: r.stdout + r.stderr };
};

describe('restore refuses what would break the data dir, and the backup holds under writes', () => {
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('takes a consistent backup in the middle of a burst of writes: every write acknowledged before it began is in it', async () => {
    app = await startApp();
    const admin = new TestClient(app.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    const post = (i: number) => admin.post('/api/interviews', { notes: `${NOTES}\n\nFollow-up note ${i}.` });
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i)));
    expect(before.every((r) => r.status === 202)).toBe(true);
    // Writes keep arriving while the backup copies the database.
    let writing = true;
    const during: Promise<unknown>[] = [];
    const burst = (async () => {
      for (let i = 10; writing; i++) {
        during.push(post(i));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-backup-'));
    const file = cli(['backup', outDir], app.dataDir).match(/backup written: (\S+)/)?.[1] ?? '';
    writing = false;
    await burst;
    await Promise.all(during);
    expect(during.length).toBeGreaterThan(0);

    const copy = new Database(file, { readonly: true });
    try {
      const ids = new Set((copy.prepare('SELECT id FROM interviews').all() as { id: string }[]).map((r) => r.id));
      for (const r of before) expect(ids.has(r.body.interview.id)).toBe(true);
      // Nothing half-written: every interview in the copy has its draft.
      const orphans = copy.prepare('SELECT count(*) AS n FROM interviews i WHERE NOT EXISTS (SELECT 1 FROM drafts d WHERE d.interview_id = i.id)').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      copy.close();
    }
  });

  it('will not restore under a running server, and a second server will not start on the same data dir', async () => {
    const dataDir = app!.dataDir;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-backup-'));
    const file = cli(['backup', outDir], dataDir).match(/backup written: (\S+)/)?.[1] ?? '';
    const refused = tryCli(['restore', file], dataDir);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/A Vouch server \(pid \d+\) is running on .*: stop it first/);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);
    await expect(startApp({ dataDir })).rejects.toThrow(/Another Vouch server \(pid \d+.*\) is using/);

    // Stopped, the restore goes ahead (and the data dir is free again).
    await app!.stop();
    app = undefined;
    const done = tryCli(['restore', file], dataDir);
    expect(done.status).toBe(0);
    expect(done.output).toContain('previous database kept at');
  });

  it('will not put a SQLite file that is not a Vouch backup in place of the records, and leaves them untouched', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-r-'));
    const live = new Database(path.join(dataDir, 'vouch.sqlite'));
    live.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT); CREATE TABLE advocates (id TEXT)');
    live.close();
    const liveBytes = fs.readFileSync(path.join(dataDir, 'vouch.sqlite'));

    const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-other-')), 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x INTEGER)');
    db.close();
    const foreign = tryCli(['restore', other], dataDir);
    expect(foreign.status).toBe(1);
    expect(foreign.output).toContain('not a Vouch backup');

    const newer = path.join(path.dirname(other), 'newer.sqlite');
    const n = new Database(newer);
    n.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT); CREATE TABLE advocates (id TEXT); INSERT INTO schema_migrations VALUES (999, 0)');
    n.close();
    expect(tryCli(['restore', newer], dataDir).output).toMatch(/made by a newer Vouch \(schema 999/);

    expect(fs.readFileSync(path.join(dataDir, 'vouch.sqlite')).equals(liveBytes)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['vouch.sqlite']);
  });
});
