import { randomUUID } from 'node:crypto';
import type { Interview, InterviewSource } from '../domain/interview.js';
import { type Executor, now } from './db.js';

type Row = {
  id: string;
  notes: string;
  text: string;
  source_kind: string;
  source_filename: string | null;
  created_by: string;
  created_at: string;
};

const toInterview = (r: Row): Interview => {
  const kind = r.source_kind as InterviewSource['kind'];
  return {
    id: r.id,
    notes: r.notes,
    text: r.text,
    source: r.source_filename ? { kind, filename: r.source_filename } : { kind },
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
};

export function createInterviewStore(db: Executor) {
  return {
    async insert(input: { notes: string; text: string; source: InterviewSource; createdBy: string }): Promise<Interview> {
      const row: Row = {
        id: randomUUID(),
        notes: input.notes,
        text: input.text,
        source_kind: input.source.kind,
        source_filename: input.source.filename ?? null,
        created_by: input.createdBy,
        created_at: now(),
      };
      await db.insertInto('interviews').values(row).execute();
      return toInterview(row);
    },
    async get(id: string): Promise<Interview | undefined> {
      const r = await db.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toInterview(r);
    },
  };
}
export type InterviewStore = ReturnType<typeof createInterviewStore>;
