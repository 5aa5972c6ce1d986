import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Advocate, AdvocateStatus, AdvocateVersion } from '../domain/advocate.js';
import type { StoredOverride } from '../domain/approval.js';
import type { FieldChange, ProfileFields } from '../domain/profile.js';
import { type Dialect, type Executor, now } from './db.js';
import type { Schema } from './schema.js';

type Row = Selectable<Schema['advocates']>;

const toAdvocate = (r: Row): Advocate => ({
  ...(JSON.parse(r.profile_json) as ProfileFields),
  id: r.id,
  version: r.version,
  status: r.status as AdvocateStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createAdvocateStore(db: Executor, dialect: Dialect) {
  const get = async (id: string): Promise<Advocate | undefined> => {
    const r = await db.selectFrom('advocates').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAdvocate(r);
  };
  return {
    get,
    /** Locks the advocate's row until the transaction ends (Postgres; SQLite transactions are already exclusive). */
    async lock(id: string): Promise<void> {
      if (dialect === 'postgres') await db.selectFrom('advocates').select('id').where('id', '=', id).forUpdate().execute();
    },
    /** Several advocates by id, in one query per 500 ids. */
    async getMany(ids: string[]): Promise<Map<string, Advocate>> {
      const out = new Map<string, Advocate>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.selectFrom('advocates').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) out.set(r.id, toAdvocate(r));
      }
      return out;
    },
    async findByKey(key: string): Promise<Advocate | undefined> {
      const r = await db.selectFrom('advocates').selectAll().where('identity_key', '=', key).executeTakeFirst();
      return r && toAdvocate(r);
    },
    async list(): Promise<Advocate[]> {
      return (await db.selectFrom('advocates').selectAll().orderBy('updated_at', 'desc').execute()).map(toAdvocate);
    },
    async count(): Promise<number> {
      const r = await db.selectFrom('advocates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Writes a new version (creating the advocate at version 1). Call inside the approval transaction. */
    async saveVersion(input: {
      advocateId?: string;
      key: string;
      profile: ProfileFields;
      draftId: string;
      approvedBy: string;
      changes: FieldChange[];
      override?: StoredOverride;
    }): Promise<{ id: string; version: number }> {
      const t = now();
      const existing = input.advocateId ? await get(input.advocateId) : undefined;
      const id = existing?.id ?? randomUUID();
      const version = (existing?.version ?? 0) + 1;
      if (existing) {
        await db
          .updateTable('advocates')
          .set({ version, profile_json: JSON.stringify(input.profile), identity_key: input.key, updated_at: t })
          .where('id', '=', id)
          .execute();
      } else {
        await db
          .insertInto('advocates')
          .values({ id, identity_key: input.key, version, status: 'active', profile_json: JSON.stringify(input.profile), created_at: t, updated_at: t })
          .execute();
      }
      await db
        .insertInto('advocate_versions')
        .values({
          advocate_id: id,
          version,
          profile_json: JSON.stringify(input.profile),
          draft_id: input.draftId,
          approved_by: input.approvedBy,
          approved_at: t,
          changes_json: JSON.stringify(input.changes),
          override_json: input.override ? JSON.stringify(input.override) : null,
        })
        .execute();
      return { id, version };
    },
    async versions(id: string): Promise<AdvocateVersion[]> {
      const rows = await db
        .selectFrom('advocate_versions as v')
        .innerJoin('users as u', 'u.id', 'v.approved_by')
        .selectAll('v')
        .select('u.name as approved_by_name')
        .where('v.advocate_id', '=', id)
        .orderBy('v.version', 'desc')
        .execute();
      return rows.map((r) => ({
        advocateId: r.advocate_id,
        version: r.version,
        profile: JSON.parse(r.profile_json) as ProfileFields,
        draftId: r.draft_id,
        approvedBy: r.approved_by,
        approvedByName: r.approved_by_name,
        approvedAt: r.approved_at,
        changesFromDraft: JSON.parse(r.changes_json) as FieldChange[],
        override: r.override_json ? (JSON.parse(r.override_json) as StoredOverride) : null,
      }));
    },
    /** Advocates whose latest version is not yet in the search index (after a crash or an embedder change). */
    async needingIndex(): Promise<Advocate[]> {
      return (await db.selectFrom('advocates').selectAll().whereRef('indexed_version', '<', 'version').execute()).map(toAdvocate);
    },
    /** Every advocate's id and current version: what a search index must hold to be up to date. */
    async versionsNow(): Promise<{ id: string; version: number }[]> {
      return db.selectFrom('advocates').select(['id', 'version']).execute();
    },
    /**
     * Advocates changed at or after `since` (ISO time), for instances that keep their own index up to date
     * with approvals made elsewhere. Callers overlap their windows: commits may land out of time order.
     */
    async changedSince(since: string): Promise<{ id: string; version: number; updatedAt: string }[]> {
      return db.selectFrom('advocates').select(['id', 'version', 'updated_at as updatedAt']).where('updated_at', '>=', since).execute();
    },
    /** Records that these versions are in the search index: one transaction per batch, not one per row. */
    async markIndexed(rows: { id: string; version: number }[]): Promise<void> {
      if (rows.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const r of rows) {
          await trx.updateTable('advocates').set({ indexed_version: r.version }).where('id', '=', r.id).where('version', '=', r.version).execute();
        }
      });
    },
    async markAllUnindexed(): Promise<void> {
      await db.updateTable('advocates').set({ indexed_version: 0 }).execute();
    },
  };
}
export type AdvocateStore = ReturnType<typeof createAdvocateStore>;
