import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { NominationStatus } from '../domain/nomination.js';
import type { Cursor, StorePage } from '../domain/paging.js';
import type { Activity, ProfileFields } from '../domain/profile.js';
import type { PersonRef } from '../domain/request.js';
import { type Dialect, type Executor, now } from './db.js';
import { keysetPage } from './paging.js';
import type { Schema } from './schema.js';

/** A nomination as stored (migration 7). The service adds what a viewer may see of related advocates. */
export type NominationRecord = {
  id: string;
  name: string;
  company: string;
  identityKey: string;
  email: string;
  reason: string;
  relationship: string;
  activities: Activity[];
  status: NominationStatus;
  nominatedBy: PersonRef;
  createdAt: string;
  updatedAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
  duplicateOf: string | null;
};

type Row = Selectable<Schema['nominations']> & { nominator_name: string; decider_name: string | null };

const toRecord = (r: Row): NominationRecord => ({
  id: r.id,
  name: r.name,
  company: r.company,
  identityKey: r.identity_key,
  email: r.email,
  reason: r.reason,
  relationship: r.relationship,
  activities: JSON.parse(r.activities_json) as Activity[],
  status: r.status as NominationStatus,
  nominatedBy: { id: r.nominated_by, name: r.nominator_name },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decider_name ?? '' } : null,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  duplicateOf: r.duplicate_of,
});

/** An advocate as a nomination refers to it: enough to name it and to decide who may see it. */
export type AdvocateBrief = { id: string; key: string; name: string; company: string; consenting: boolean };

const CHUNK = 500;

export function createNominationStore(db: Executor, dialect: Dialect) {
  const select = () =>
    db
      .selectFrom('nominations as n')
      .innerJoin('users as nu', 'nu.id', 'n.nominated_by')
      .leftJoin('users as du', 'du.id', 'n.decided_by')
      .selectAll('n')
      .select(['nu.name as nominator_name', 'du.name as decider_name']);

  const briefQuery = () =>
    db
      .selectFrom('advocates as a')
      .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
      .select(['a.id', 'a.identity_key', 'a.profile_json', 'c.state']);
  const briefs = async (q: ReturnType<typeof briefQuery>): Promise<AdvocateBrief[]> =>
    (await q.execute()).map((r) => {
      const p = JSON.parse(r.profile_json) as Pick<ProfileFields, 'name' | 'company'>;
      return { id: r.id, key: r.identity_key, name: p.name, company: p.company, consenting: r.state === 'granted' };
    });

  return {
    async get(id: string): Promise<NominationRecord | undefined> {
      const r = await select().where('n.id', '=', id).executeTakeFirst();
      return r && toRecord(r);
    },
    /** Locks the nomination's row until the transaction ends (Postgres; SQLite transactions are exclusive). */
    async lock(id: string): Promise<void> {
      if (dialect === 'postgres') await db.selectFrom('nominations').select('id').where('id', '=', id).forUpdate().execute();
    },
    async insert(input: {
      name: string;
      company: string;
      identityKey: string;
      email: string;
      reason: string;
      relationship: string;
      activities: Activity[];
      nominatedBy: string;
    }): Promise<string> {
      const id = randomUUID();
      const t = now();
      await db
        .insertInto('nominations')
        .values({
          id,
          name: input.name,
          company: input.company,
          identity_key: input.identityKey,
          email: input.email,
          reason: input.reason,
          relationship: input.relationship,
          activities_json: JSON.stringify(input.activities),
          status: 'open',
          nominated_by: input.nominatedBy,
          created_at: t,
          updated_at: t,
          decided_by: null,
          decided_at: null,
          decision_note: null,
          duplicate_of: null,
        })
        .execute();
      return id;
    },
    /** A nomination of the same person still being worked on (open or accepted), if any. */
    async findLive(identityKey: string): Promise<NominationRecord | undefined> {
      const r = await select().where('n.identity_key', '=', identityKey).where('n.status', 'in', ['open', 'accepted']).executeTakeFirst();
      return r && toRecord(r);
    },
    /** One page of nominations by creation time (keyset on created_at, id); `nominatedBy` limits to one person's. */
    async page(
      filter: { statuses?: readonly NominationStatus[]; nominatedBy?: string },
      order: 'asc' | 'desc',
      request: { limit: number; cursor?: Cursor },
    ): Promise<StorePage<NominationRecord>> {
      let rows = select();
      let count = db.selectFrom('nominations as n');
      if (filter.statuses) {
        rows = rows.where('n.status', 'in', [...filter.statuses]);
        count = count.where('n.status', 'in', [...filter.statuses]);
      }
      if (filter.nominatedBy) {
        rows = rows.where('n.nominated_by', '=', filter.nominatedBy);
        count = count.where('n.nominated_by', '=', filter.nominatedBy);
      }
      const page = await keysetPage(rows, count, { time: 'n.created_at', id: 'n.id', order }, request, (r) => [r.created_at, r.id]);
      return { ...page, items: page.items.map(toRecord) };
    },
    async counts(nominatedBy?: string): Promise<Record<NominationStatus, number>> {
      let q = db.selectFrom('nominations').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
      if (nominatedBy) q = q.where('nominated_by', '=', nominatedBy);
      const out: Record<NominationStatus, number> = { open: 0, accepted: 0, declined: 0, duplicate: 0 };
      for (const r of await q.execute()) out[r.status as NominationStatus] = Number(r.n);
      return out;
    },
    async decide(
      id: string,
      input: { status: NominationStatus; by: string; note: string | null; duplicateOf?: string | null },
    ): Promise<void> {
      const t = now();
      await db
        .updateTable('nominations')
        .set({
          status: input.status,
          decided_by: input.by,
          decided_at: t,
          decision_note: input.note,
          updated_at: t,
          ...(input.duplicateOf !== undefined ? { duplicate_of: input.duplicateOf } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    /** Advocates by id (to name the one a nomination duplicates). */
    async advocatesById(ids: string[]): Promise<Map<string, AdvocateBrief>> {
      const out = new Map<string, AdvocateBrief>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        for (const b of await briefs(briefQuery().where('a.id', 'in', ids.slice(i, i + CHUNK)))) out.set(b.id, b);
      }
      return out;
    },
    /** Advocates by identity key (name|company): the nominee became this advocate. */
    async advocatesByKey(keys: string[]): Promise<Map<string, AdvocateBrief>> {
      const out = new Map<string, AdvocateBrief>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        for (const b of await briefs(briefQuery().where('a.identity_key', 'in', keys.slice(i, i + CHUNK)))) out.set(b.key, b);
      }
      return out;
    },
    /** Every advocate's id and identity key: duplicate candidates are found among them (keys only, no profiles). */
    async advocateKeys(): Promise<{ id: string; key: string }[]> {
      return (await db.selectFrom('advocates').select(['id', 'identity_key']).execute()).map((r) => ({ id: r.id, key: r.identity_key }));
    },
  };
}
export type NominationStore = ReturnType<typeof createNominationStore>;
