import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../store/migrations.js';
import { runningServer } from './server-lock.js';

/**
 * Backup and restore of the system of record. The backup uses SQLite's online backup API, so it is a
 * consistent copy even while the server writes (WAL). The LanceDB index is derived data and is not copied:
 * a restore clears it and the next start rebuilds it from the records.
 */
export const DB_FILE = 'vouch.sqlite';

export async function backup(dataDir: string, outDir: string): Promise<string> {
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new Error(`No Vouch database at ${source}`);
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(path.resolve(outDir), `vouch-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const check = new Database(target, { readonly: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup failed its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  return target;
}

/**
 * Whether a file is a Vouch database this code can open: a healthy SQLite file with Vouch's migrations
 * table, at a schema version this code knows (a backup made by a newer Vouch would be opened by code that
 * does not know its tables). Throws a message that says which.
 */
function checkBackup(backupFile: string): void {
  if (!fs.existsSync(backupFile)) throw new Error(`No backup file at ${backupFile}`);
  let check: Database.Database;
  try {
    check = new Database(backupFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${backupFile} is not a SQLite database (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`);
  }
  try {
    let result: unknown;
    try {
      result = check.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new Error(`${backupFile} is not a SQLite database (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`);
    }
    if (result !== 'ok') throw new Error(`${backupFile} is not a healthy SQLite database: ${String(result)}. Nothing was changed.`);
    const tables = new Set((check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('schema_migrations') || !tables.has('advocates')) {
      throw new Error(`${backupFile} is a SQLite database, but not a Vouch backup (no Vouch tables). Nothing was changed.`);
    }
    const { v } = check.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    if ((v ?? 0) > MIGRATIONS.length) {
      throw new Error(`${backupFile} was made by a newer Vouch (schema ${v}; this one knows ${MIGRATIONS.length}). Restore it with that version. Nothing was changed.`);
    }
  } finally {
    check.close();
  }
}

/** Restores a backup into dataDir. Refused while a server runs on it; the previous database is kept aside. */
export function restore(backupFile: string, dataDir: string, indexDir = path.join(dataDir, 'index')): { restored: string; previous?: string } {
  const running = runningServer(dataDir);
  if (running) throw new Error(`A Vouch server (pid ${running.pid}) is running on ${dataDir}: stop it first, then restore. Nothing was changed.`);
  checkBackup(backupFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, DB_FILE);
  let previous: string | undefined;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${Date.now()}`;
    fs.renameSync(target, previous);
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previous + suffix);
  }
  fs.copyFileSync(backupFile, target);
  // The search index is rebuilt from the restored records at the next start.
  // An index in an object store is not removed here: the reset marks below make the next start re-index into it.
  fs.rmSync(indexDir, { recursive: true, force: true });
  const db = new Database(target);
  try {
    db.prepare('UPDATE advocates SET indexed_version = 0').run();
  } finally {
    db.close();
  }
  return { restored: target, previous };
}
