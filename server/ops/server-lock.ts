import fs from 'node:fs';
import path from 'node:path';

/**
 * One server per data dir. The data dir holds the SQLite records (one writer process), the LanceDB index
 * (this process its only writer) and the word-vector cache; a second server on the same directory, or a
 * restore under a running one (it renames the database under an open handle and deletes the index), breaks
 * them. So a running server keeps its pid in `<data>/vouch.pid`, and both check it.
 *
 * A server that was killed leaves the file behind: a pid that no longer runs is stale and is taken over.
 */
export const LOCK_FILE = 'vouch.pid';

type LockRecord = { pid: number; startedAt: string };

function read(file: string): LockRecord | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockRecord>;
    return Number.isInteger(parsed.pid) && (parsed.pid as number) > 0 ? { pid: parsed.pid as number, startedAt: String(parsed.startedAt ?? '') } : undefined;
  } catch {
    return undefined; // absent, or unreadable: no server can be proven to hold it
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which still means the directory is in use.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server running on this data dir, other than this process, if any. */
export function runningServer(dataDir: string): LockRecord | undefined {
  const held = read(path.join(dataDir, LOCK_FILE));
  return held && held.pid !== process.pid && alive(held.pid) ? held : undefined;
}

export class DataDirInUseError extends Error {}

/** Takes the data dir for this process; returns a function that gives it back (at shutdown). */
export function claimDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const record = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockRecord);
  // Exclusive create, so two servers starting at once cannot both take it; a stale file is removed once.
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, record, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = runningServer(dataDir);
      if (held || attempt > 0) {
        throw new DataDirInUseError(
          `Another Vouch server (pid ${held?.pid ?? 'unknown'}${held ? `, started ${held.startedAt}` : ''}) is using ${dataDir}. ` +
            'Stop it first, or give this one its own VOUCH_DATA_DIR.',
        );
      }
      fs.rmSync(file, { force: true }); // left by a server that was killed
    }
  }
  return () => {
    if (read(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}
