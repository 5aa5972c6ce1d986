import { randomUUID } from 'node:crypto';
import { expressionBuilder, type Expression, type Selectable, type SqlBool } from 'kysely';
import { advocateSearchText, type Advocate, type AdvocateStatus, type AdvocateVersion } from '../domain/advocate.js';
import type { AdvocateConsentFilter, AdvocateSummary } from '../domain/api/advocates.js';
import type { StoredOverride } from '../domain/approval.js';
import { NO_CONSENT, type Consent, type ConsentState } from '../domain/consent.js';
import type { EvidenceExcerpt } from '../domain/evidence.js';
import type { Cursor, StorePage } from '../domain/paging.js';
import type { FieldChange, ProfileFields } from '../domain/profile.js';
import { type Dialect, type Executor, now } from './db.js';
import { contains, keysetPage } from './paging.js';
import type { Schema } from './schema.js';

type Row = Selectable<Schema['advocates']> & {
  consent_state: string | null;
  consent_source: string | null;
  consent_by: string | null;
  consent_by_name: string | null;
  consent_at: string | null;
};

const consentOf = (r: Row): Consent =>
  r.consent_state
    ? {
        state: r.consent_state as 'granted' | 'withdrawn',
        source: r.consent_source ?? '',
        recordedBy: r.consent_by ? { id: r.consent_by, name: r.consent_by_name ?? '' } : null,
        recordedAt: r.consent_at,
      }
    : NO_CONSENT;

const toAdvocate = (r: Row): Advocate => ({
  ...(JSON.parse(r.profile_json) as ProfileFields),
  id: r.id,
  version: r.version,
  status: r.status as AdvocateStatus,
  consent: consentOf(r),
  evidence: JSON.parse(r.evidence_json) as EvidenceExcerpt[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The status of the blank row an erased advocate leaves (server/store/erasures.ts): its requests still
 * reference it. No query of this store returns it; to everything that reads advocates it does not exist.
 */
export const ERASED = 'erased';

/** Advocates with their consent (no consent row: not recorded); erased ones are not advocates any more. */
const withConsent = (db: Executor) =>
  db
    .selectFrom('advocates as a')
    .where('a.status', '<>', ERASED)
    .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('a')
    .select([
      'c.state as consent_state',
      'c.source as consent_source',
      'c.recorded_by as consent_by',
      'u.name as consent_by_name',
      'c.recorded_at as consent_at',
    ]);

/** Filters of the advocates list (GET /api/advocates). */
export type AdvocateListFilter = {
  /** Normalised words (domain/advocate.ts#searchTerms): each must occur in the search text. */
  terms: string[];
  status?: AdvocateStatus;
  consent?: AdvocateConsentFilter;
  /** Reps: only advocates whose consent is granted, in the rows and in every count. */
  consentingOnly: boolean;
};

/**
 * The list's filters on `advocates as a`, as one condition both the rows and the counts use. Consent is
 * tested with EXISTS, not a join: a join filtered on consent makes SQLite drive the query from the consent
 * table and sort every row, where EXISTS keeps it walking the (updated_at, id) index and stopping at a page.
 */
function listCondition(f: AdvocateListFilter): Expression<SqlBool> {
  const eb = expressionBuilder<{ a: Schema['advocates']; advocate_consent: Schema['advocate_consent'] }, 'a'>();
  const consent = (state?: string) => {
    let q = eb.selectFrom('advocate_consent as k').select('k.advocate_id').whereRef('k.advocate_id', '=', 'a.id');
    if (state) q = q.where('k.state', '=', state);
    return eb.exists(q);
  };
  const parts: Expression<SqlBool>[] = [eb('a.status', '<>', ERASED)];
  for (const term of f.terms) parts.push(contains('a.search_text', term));
  if (f.status) parts.push(eb('a.status', '=', f.status));
  if (f.consentingOnly || f.consent === 'granted') parts.push(consent('granted'));
  if (f.consent === 'withdrawn') parts.push(consent('withdrawn'));
  if (f.consent === 'not_recorded') parts.push(eb.not(consent()));
  if (f.consent === 'not_granted') parts.push(eb.not(consent('granted')));
  return eb.and(parts);
}

/** Only reps' consent rule applies: the whole list as a rep sees it (its total is counted the quick way). */
const onlyConsenting = (f: AdvocateListFilter) =>
  f.terms.length === 0 && !f.status && (f.consent === undefined || f.consent === 'granted') && (f.consentingOnly || f.consent === 'granted');
const unfiltered = (f: AdvocateListFilter) => f.terms.length === 0 && !f.status && !f.consent && !f.consentingOnly;

export function createAdvocateStore(db: Executor, dialect: Dialect) {
  /** Advocates (not erased): read from the (updated_at, id, status) index, never the profiles. */
  const countAll = async (): Promise<number> => {
    const r = await db
      .selectFrom('advocates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', ERASED)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  /**
   * Advocates whose consent is granted, from the consent rows alone: an erased advocate keeps no consent
   * row (erasures.ts deletes it in the erasing transaction; test/support/invariants.ts checks it).
   */
  const countGranted = async (): Promise<number> => {
    const r = await db
      .selectFrom('advocate_consent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'granted')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const get = async (id: string): Promise<Advocate | undefined> => {
    const r = await withConsent(db).where('a.id', '=', id).executeTakeFirst();
    return r && toAdvocate(r);
  };
  return {
    get,
    /** Locks the advocate's row until the transaction ends (Postgres; SQLite transactions are already exclusive). */
    async lock(id: string): Promise<void> {
      if (dialect === 'postgres') await db.selectFrom('advocates').select('id').where('id', '=', id).forUpdate().execute();
    },
    /** Several advocates by id, in one query per 500 ids (matching reads the record of every search hit). */
    async getMany(ids: string[]): Promise<Map<string, Advocate>> {
      const out = new Map<string, Advocate>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await withConsent(db).where('a.id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) out.set(r.id, toAdvocate(r));
      }
      return out;
    },
    async findByKey(key: string): Promise<Advocate | undefined> {
      const r = await withConsent(db).where('a.identity_key', '=', key).executeTakeFirst();
      return r && toAdvocate(r);
    },
    /**
     * Every advocate with its full profile, most recently updated first: what GET /api/advocates sent before
     * it paged. Not for the API; `npm run bench:lists` measures it as the baseline.
     */
    async all(): Promise<Advocate[]> {
      return (await withConsent(db).orderBy('a.updated_at', 'desc').execute()).map(toAdvocate);
    },
    /**
     * One page of the advocates list, most recently updated first (keyset on updated_at, id: see
     * server/domain/paging.ts), as summaries: only the fields the list shows are parsed.
     */
    async page(filter: AdvocateListFilter, request: { limit: number; cursor?: Cursor }): Promise<StorePage<AdvocateSummary>> {
      const condition = listCondition(filter);
      const rows = db
        .selectFrom('advocates as a')
        .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
        .select(['a.id', 'a.version', 'a.status', 'a.profile_json', 'a.created_at', 'a.updated_at', 'c.state'])
        .where(condition);
      const count = db.selectFrom('advocates as a').where(condition);
      // The first page's total without a filter to apply row by row: an index count, or the consent rows.
      const total = unfiltered(filter) ? countAll : onlyConsenting(filter) ? countGranted : undefined;
      const page = await keysetPage(rows, count, { time: 'a.updated_at', id: 'a.id', order: 'desc' }, request, (r) => [r.updated_at, r.id], total);
      return {
        ...page,
        items: page.items.map((r) => {
          const p = JSON.parse(r.profile_json) as ProfileFields;
          return {
            id: r.id,
            version: r.version,
            status: r.status as AdvocateStatus,
            name: p.name,
            title: p.title,
            company: p.company,
            industry: p.industry,
            region: p.region,
            products: p.products,
            consent: { state: (r.state ?? 'not_recorded') as ConsentState },
            createdAt: r.created_at,
            updatedAt: r.updated_at,
          };
        }),
      };
    },
    /** Advocates whose consent is not granted (withdrawn or never recorded): the notice managers see on the list. */
    async countWithoutConsent(): Promise<number> {
      return (await countAll()) - (await countGranted());
    },
    /**
     * Computes the search text of rows that have none (written before migration 9, or by tools that insert
     * rows directly), in batches. Returns how many it computed. Safe to run on several instances at once.
     */
    async fillSearchText(batch = 2000): Promise<number> {
      let done = 0;
      for (;;) {
        const rows = await db
          .selectFrom('advocates')
          .select(['id', 'profile_json'])
          .where('search_text', 'is', null)
          .limit(batch)
          .execute();
        if (rows.length === 0) return done;
        await db.transaction().execute(async (trx) => {
          for (const r of rows) {
            const text = advocateSearchText(JSON.parse(r.profile_json) as ProfileFields);
            await trx.updateTable('advocates').set({ search_text: text }).where('id', '=', r.id).execute();
          }
        });
        done += rows.length;
      }
    },
    count: countAll,
    /** Writes a new version (creating the advocate at version 1). Call inside the approval transaction. */
    async saveVersion(input: {
      advocateId?: string;
      key: string;
      profile: ProfileFields;
      draftId: string;
      approvedBy: string;
      changes: FieldChange[];
      override?: StoredOverride;
      evidence: EvidenceExcerpt[];
    }): Promise<{ id: string; version: number }> {
      const t = now();
      const existing = input.advocateId ? await get(input.advocateId) : undefined;
      const id = existing?.id ?? randomUUID();
      const version = (existing?.version ?? 0) + 1;
      const profile_json = JSON.stringify(input.profile);
      const evidence_json = JSON.stringify(input.evidence);
      const search_text = advocateSearchText(input.profile);
      if (existing) {
        await db
          .updateTable('advocates')
          .set({ version, profile_json, evidence_json, search_text, identity_key: input.key, updated_at: t })
          .where('id', '=', id)
          .execute();
      } else {
        await db
          .insertInto('advocates')
          .values({ id, identity_key: input.key, version, status: 'active', profile_json, evidence_json, search_text, created_at: t, updated_at: t })
          .execute();
      }
      await db
        .insertInto('advocate_versions')
        .values({
          advocate_id: id,
          version,
          profile_json,
          draft_id: input.draftId,
          approved_by: input.approvedBy,
          approved_at: t,
          changes_json: JSON.stringify(input.changes),
          override_json: input.override ? JSON.stringify(input.override) : null,
          evidence_json,
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
        evidence: JSON.parse(r.evidence_json) as EvidenceExcerpt[],
      }));
    },
    /** Advocates whose latest version is not yet in the search index (after a crash or an embedder change). */
    async needingIndex(): Promise<Advocate[]> {
      return (await withConsent(db).whereRef('a.indexed_version', '<', 'a.version').execute()).map(toAdvocate);
    },
    /** Every advocate's id, current version and whether it consents: what a search index must hold to be up to date. */
    async versionsNow(): Promise<{ id: string; version: number; consenting: boolean; markedIndexed: boolean }[]> {
      const rows = await db
        .selectFrom('advocates as a')
        .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
        .select(['a.id', 'a.version', 'a.indexed_version', 'c.state'])
        .where('a.status', '<>', ERASED)
        .execute();
      return rows.map((r) => ({ id: r.id, version: r.version, consenting: r.state === 'granted', markedIndexed: r.indexed_version >= r.version }));
    },
    /**
     * Advocates whose profile or consent changed at or after `since` (ISO time), for instances that keep
     * their own index up to date with changes made elsewhere; erased ones too (`erased`: the erasure time is
     * their updated_at), so every index forgets them. Callers overlap their windows: commits may land out of
     * time order.
     */
    async changedSince(since: string): Promise<{ id: string; version: number; consenting: boolean; erased: boolean; updatedAt: string }[]> {
      const rows = await db
        .selectFrom('advocates as a')
        .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
        .select(['a.id', 'a.version', 'a.status', 'a.updated_at', 'c.state', 'c.recorded_at'])
        .where((eb) => eb.or([eb('a.updated_at', '>=', since), eb('c.recorded_at', '>=', since)]))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        consenting: r.state === 'granted' && r.status !== ERASED,
        erased: r.status === ERASED,
        updatedAt: r.recorded_at && r.recorded_at > r.updated_at ? r.recorded_at : r.updated_at,
      }));
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
    /** The search index must look at this advocate again (its consent changed): reconcile() does at start. */
    async markUnindexed(id: string): Promise<void> {
      await db.updateTable('advocates').set({ indexed_version: 0 }).where('id', '=', id).execute();
    },
    /** Consent as recorded now (no row: not recorded). Call inside the deciding transaction. */
    async setConsent(id: string, input: { state: 'granted' | 'withdrawn'; source: string; recordedBy: string }): Promise<void> {
      const row = { state: input.state, source: input.source, recorded_by: input.recordedBy, recorded_at: now() };
      await db
        .insertInto('advocate_consent')
        .values({ advocate_id: id, ...row })
        .onConflict((oc) => oc.column('advocate_id').doUpdateSet(row))
        .execute();
    },
    /** When the latest advocate was erased (its blank row's updated_at), or null: search indexes older than this must be purged. */
    async lastErasedAt(): Promise<string | null> {
      const r = await db
        .selectFrom('advocates')
        .select((eb) => eb.fn.max('updated_at').as('at'))
        .where('status', '=', ERASED)
        .executeTakeFirst();
      return (r?.at as string | null | undefined) ?? null;
    },
    async markAllUnindexed(): Promise<void> {
      await db.updateTable('advocates').set({ indexed_version: 0 }).where('status', '<>', ERASED).execute();
    },
  };
}
export type AdvocateStore = ReturnType<typeof createAdvocateStore>;
