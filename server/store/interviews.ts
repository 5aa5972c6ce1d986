import { randomUUID } from 'node:crypto';
import type { Interview, InterviewSource } from '../domain/interview.js';
import { type Db, now } from './db.js';

type Row = {
  id: string;
  notes: string;
  text: string;
  source_kind: InterviewSource['kind'];
  source_filename: string | null;
  created_by: string;
  created_at: string;
};

const toInterview = (r: Row): Interview => ({
  id: r.id,
  notes: r.notes,
  text: r.text,
  source: r.source_filename ? { kind: r.source_kind, filename: r.source_filename } : { kind: r.source_kind },
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createInterviewStore(db: Db) {
  return {
    insert(input: { notes: string; text: string; source: InterviewSource; createdBy: string }): Interview {
      const row: Row = {
        id: randomUUID(),
        notes: input.notes,
        text: input.text,
        source_kind: input.source.kind,
        source_filename: input.source.filename ?? null,
        created_by: input.createdBy,
        created_at: now(),
      };
      db.prepare(
        `INSERT INTO interviews (id, notes, text, source_kind, source_filename, created_by, created_at)
         VALUES (@id, @notes, @text, @source_kind, @source_filename, @created_by, @created_at)`,
      ).run(row);
      return toInterview(row);
    },
    get(id: string): Interview | undefined {
      const r = db.prepare('SELECT * FROM interviews WHERE id = ?').get(id) as Row | undefined;
      return r && toInterview(r);
    },
  };
}
export type InterviewStore = ReturnType<typeof createInterviewStore>;
