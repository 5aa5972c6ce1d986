import fs from 'node:fs';
import path from 'node:path';
import { ErasureLogEntry } from '../domain/erasure.js';

/**
 * The erasure log outside the database (VOUCH_ERASURE_LOG, default <data>/erasures.jsonl): one JSON line
 * per erasure, ids and times only (server/domain/erasure.ts#ErasureLogEntry). A backup taken before an
 * erasure still holds the person; restoring it replaces the database, and with it the database's own record
 * of the erasure, but not this file, so the erasures in it are applied again after the restore (and at
 * every start). Appends are fsynced; a line torn by a crash is skipped when read (the database's copy puts
 * it back at the next start).
 */
export function openErasureLog(file: string) {
  return {
    file,
    read(): ErasureLogEntry[] {
      if (!fs.existsSync(file)) return [];
      const out: ErasureLogEntry[] = [];
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          continue;
        }
        const parsed = ErasureLogEntry.safeParse(value);
        if (parsed.success) out.push(parsed.data);
      }
      return out;
    },
    append(entries: ErasureLogEntry[]): void {
      if (entries.length === 0) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const fd = fs.openSync(file, 'a+');
      try {
        // A line torn by a crash must not swallow the next one.
        const size = fs.fstatSync(fd).size;
        let prefix = '';
        if (size > 0) {
          const last = Buffer.alloc(1);
          fs.readSync(fd, last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        fs.writeSync(fd, prefix + entries.map((e) => JSON.stringify(ErasureLogEntry.parse(e))).join('\n') + '\n');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}
export type ErasureLog = ReturnType<typeof openErasureLog>;
