import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DemandRow, DemandSegment, Segment, Target } from '../domain/coverage.js';
import type { VerificationEvent } from '../domain/freshness.js';
import type { ProfileFields } from '../domain/profile.js';
import type { Outcome, RequestKind } from '../domain/request.js';
import type { Engagement } from '../domain/value.js';
import { type Executor, now } from './db.js';

/**
 * The program's records about the portfolio (migration 7): verifications with the customer, targets per
 * segment, and the demand reps' searches showed (aggregated per day and segment: no words, no people).
 * It also reads what the program reports on (advocates, their approvals, completed engagements), read-only.
 */
const CHUNK = 500;
const profileOf = (json: string) => JSON.parse(json) as ProfileFields;

type TargetRow = {
  id: string;
  industry: string;
  region: string;
  product: string;
  wanted: number;
  updated_by: string;
  updater_name: string;
  updated_at: string;
};
const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  industry: r.industry,
  region: r.region,
  product: r.product,
  wanted: Number(r.wanted),
  updatedBy: { id: r.updated_by, name: r.updater_name },
  updatedAt: r.updated_at,
});

/** What the stale list decides on: no profile (reading and parsing every profile was most of its cost). */
export type FreshnessRow = {
  id: string;
  status: string;
  consenting: boolean;
  lastApprovedAt: string | null;
  lastVerifiedAt: string | null;
};

export function createPortfolioStore(db: Executor) {
  const targets = () =>
    db
      .selectFrom('program_targets as t')
      .innerJoin('users as u', 'u.id', 't.updated_by')
      .select(['t.id', 't.industry', 't.region', 't.product', 't.wanted', 't.updated_by', 'u.name as updater_name', 't.updated_at']);

  /** The latest approval and latest verification per advocate, as two grouped reads. */
  async function latestPer(ids: string[] | undefined) {
    const approvals = new Map<string, string>();
    const verifications = new Map<string, string>();
    const parts = ids ? Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) => ids.slice(i * CHUNK, (i + 1) * CHUNK)) : [undefined];
    for (const part of parts) {
      let a = db.selectFrom('advocate_versions').select(['advocate_id', (eb) => eb.fn.max('approved_at').as('at')]).groupBy('advocate_id');
      let v = db.selectFrom('advocate_verifications').select(['advocate_id', (eb) => eb.fn.max('verified_at').as('at')]).groupBy('advocate_id');
      if (part) {
        if (part.length === 0) continue;
        a = a.where('advocate_id', 'in', part);
        v = v.where('advocate_id', 'in', part);
      }
      for (const r of await a.execute()) approvals.set(r.advocate_id, String(r.at));
      for (const r of await v.execute()) verifications.set(r.advocate_id, String(r.at));
    }
    return { approvals, verifications };
  }

  return {
    // ── verification ────────────────────────────────────────────────────────────────────────────────
    async addVerification(advocateId: string, by: string, note: string): Promise<string> {
      const at = now();
      await db.insertInto('advocate_verifications').values({ advocate_id: advocateId, verified_by: by, verified_at: at, note }).execute();
      return at;
    },
    /** The latest approval and the latest verification of one advocate, with who made them. */
    async verificationEvents(advocateId: string): Promise<{ approval: VerificationEvent | null; verification: VerificationEvent | null }> {
      const a = await db
        .selectFrom('advocate_versions as v')
        .innerJoin('users as u', 'u.id', 'v.approved_by')
        .select(['v.approved_at', 'v.approved_by', 'u.name'])
        .where('v.advocate_id', '=', advocateId)
        .orderBy('v.version', 'desc')
        .limit(1)
        .executeTakeFirst();
      const v = await db
        .selectFrom('advocate_verifications as w')
        .innerJoin('users as u', 'u.id', 'w.verified_by')
        .select(['w.verified_at', 'w.verified_by', 'w.note', 'u.name'])
        .where('w.advocate_id', '=', advocateId)
        .orderBy('w.verified_at', 'desc')
        .orderBy('w.id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        approval: a ? { at: a.approved_at, how: 'approval', by: { id: a.approved_by, name: a.name }, note: null } : null,
        verification: v ? { at: v.verified_at, how: 'verified', by: { id: v.verified_by, name: v.name }, note: v.note } : null,
      };
    },
    /** When each advocate was last verified (approval or verification), for match results. */
    async lastVerifiedOf(ids: string[]): Promise<Map<string, string>> {
      const { approvals, verifications } = await latestPer([...new Set(ids)]);
      const out = new Map<string, string>();
      for (const id of new Set([...approvals.keys(), ...verifications.keys()])) {
        const a = approvals.get(id);
        const v = verifications.get(id);
        out.set(id, a && v ? (a > v ? a : v) : (a ?? v)!);
      }
      return out;
    },
    /** Every advocate that is not retired, with its latest approval and verification: the stale list's input. */
    async freshnessRows(): Promise<FreshnessRow[]> {
      const rows = await db
        .selectFrom('advocates as a')
        .leftJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
        .select(['a.id', 'a.status', 'c.state'])
        .where('a.status', 'in', ['active', 'resting'])
        .execute();
      const { approvals, verifications } = await latestPer(undefined);
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        consenting: r.state === 'granted',
        lastApprovedAt: approvals.get(r.id) ?? null,
        lastVerifiedAt: verifications.get(r.id) ?? null,
      }));
    },
    /** Name, title and company of the given advocates (the page of a list that was decided without them). */
    async headlinesOf(ids: string[]): Promise<Map<string, Pick<ProfileFields, 'name' | 'title' | 'company'>>> {
      const out = new Map<string, Pick<ProfileFields, 'name' | 'title' | 'company'>>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        for (const r of await db.selectFrom('advocates').select(['id', 'profile_json']).where('id', 'in', part).execute()) {
          const p = profileOf(r.profile_json);
          out.set(r.id, { name: p.name, title: p.title, company: p.company });
        }
      }
      return out;
    },
    /** Consenting, active advocates with the fields segments look at: what coverage counts. */
    async coverageAdvocates(): Promise<{ id: string; name: string; company: string; industry: string; region: string; products: string[] }[]> {
      const rows = await db
        .selectFrom('advocates as a')
        .innerJoin('advocate_consent as c', 'c.advocate_id', 'a.id')
        .select(['a.id', 'a.profile_json'])
        .where('a.status', '=', 'active')
        .where('c.state', '=', 'granted')
        .execute();
      return rows.map((r) => {
        const p = profileOf(r.profile_json);
        return { id: r.id, name: p.name, company: p.company, industry: p.industry, region: p.region, products: p.products };
      });
    },

    // ── targets ─────────────────────────────────────────────────────────────────────────────────────
    async listTargets(): Promise<Target[]> {
      return (await targets().orderBy('t.created_at').orderBy('t.id').execute()).map(toTarget);
    },
    async getTarget(id: string): Promise<Target | undefined> {
      const r = await targets().where('t.id', '=', id).executeTakeFirst();
      return r && toTarget(r);
    },
    async targetByKey(key: string): Promise<Target | undefined> {
      const r = await targets().where('t.segment_key', '=', key).executeTakeFirst();
      return r && toTarget(r);
    },
    async insertTarget(segment: Segment, key: string, wanted: number, by: string): Promise<string> {
      const id = randomUUID();
      const t = now();
      await db
        .insertInto('program_targets')
        .values({ id, ...segment, segment_key: key, wanted, created_by: by, created_at: t, updated_by: by, updated_at: t })
        .execute();
      return id;
    },
    async updateTarget(id: string, wanted: number, by: string): Promise<void> {
      await db.updateTable('program_targets').set({ wanted, updated_by: by, updated_at: now() }).where('id', '=', id).execute();
    },
    async deleteTarget(id: string): Promise<void> {
      await db.deleteFrom('program_targets').where('id', '=', id).execute();
    },

    // ── demand (aggregated search intent) ───────────────────────────────────────────────────────────
    /** Adds counts per (day, segment); concurrent instances add, never overwrite. */
    async addDemand(rows: (DemandSegment & { day: string; searches: number; noFit: number; fewFit: number })[]): Promise<void> {
      for (const r of rows) {
        await db
          .insertInto('match_demand')
          .values({ day: r.day, industry: r.industry, region: r.region, products: r.products.join(', '), searches: r.searches, no_fit: r.noFit, few_fit: r.fewFit })
          .onConflict((oc) =>
            oc.columns(['day', 'industry', 'region', 'products']).doUpdateSet({
              searches: sql<number>`match_demand.searches + ${r.searches}`,
              no_fit: sql<number>`match_demand.no_fit + ${r.noFit}`,
              few_fit: sql<number>`match_demand.few_fit + ${r.fewFit}`,
            }),
          )
          .execute();
      }
    },
    /** Demand rows from `day` (YYYY-MM-DD) on. */
    async demandSince(day: string): Promise<DemandRow[]> {
      const rows = await db.selectFrom('match_demand').selectAll().where('day', '>=', day).execute();
      return rows.map((r) => ({
        industry: r.industry,
        region: r.region,
        products: r.products ? r.products.split(', ') : [],
        searches: Number(r.searches),
        noFit: Number(r.no_fit),
        fewFit: Number(r.few_fit),
      }));
    },

    // ── value ───────────────────────────────────────────────────────────────────────────────────────
    /** Completed engagements that happened in [from, to] (dates, inclusive, UTC). */
    async engagements(from: string, to: string): Promise<Engagement[]> {
      const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
      const rows = await db
        .selectFrom('advocate_requests as r')
        .innerJoin('advocates as a', 'a.id', 'r.advocate_id')
        .innerJoin('users as u', 'u.id', 'r.requested_by')
        .select(['r.id', 'r.advocate_id', 'r.kind', 'r.prospect_company', 'r.requested_by', 'u.name', 'r.happened_at', 'r.outcome_json', 'a.profile_json'])
        .where('r.status', '=', 'completed')
        .where('r.happened_at', '>=', `${from}T00:00:00.000Z`)
        .where('r.happened_at', '<', end)
        .orderBy('r.happened_at')
        .execute();
      return rows.flatMap((r) => {
        if (!r.happened_at || !r.outcome_json) return [];
        const p = profileOf(r.profile_json);
        return [
          {
            requestId: r.id,
            advocate: { id: r.advocate_id, name: p.name, company: p.company },
            kind: r.kind as RequestKind,
            prospectCompany: r.prospect_company,
            requestedBy: { id: r.requested_by, name: r.name },
            happenedAt: r.happened_at,
            outcome: JSON.parse(r.outcome_json) as Outcome,
          },
        ];
      });
    },
  };
}
export type PortfolioStore = ReturnType<typeof createPortfolioStore>;
