import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

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

/** Restores a backup into dataDir. Run it with the server stopped; the previous database is kept aside. */
export function restore(backupFile: string, dataDir: string, indexDir = path.join(dataDir, 'index')): { restored: string; previous?: string } {
  if (!fs.existsSync(backupFile)) throw new Error(`No backup file at ${backupFile}`);
  const check = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${backupFile} is not a healthy SQLite database: ${String(result)}`);
  } finally {
    check.close();
  }
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
