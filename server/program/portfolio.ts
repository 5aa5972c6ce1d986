import type { MatchResponse } from '../domain/api/match.js';
import {
  coverageOf,
  demandGaps,
  demandOutcome,
  demandSegment,
  fitsSegment,
  normaliseSegment,
  segmentKey,
  segmentLabel,
  TargetBody,
  type CoverageReport,
  type DemandSegment,
  type Target,
} from '../domain/coverage.js';
import { conflict, notFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import { isUniqueViolation } from '../store/db.js';
import type { Stores } from '../store/index.js';
import type { LoadProvider } from './loads.js';

/** How far back /program looks at what reps searched for. */
export const DEMAND_DAYS = 90;
/** Buffered search counts are written at least this often (and before every read and at close). */
const FLUSH_MS = 10_000;

type Counts = DemandSegment & { day: string; searches: number; noFit: number; fewFit: number };

/**
 * The portfolio against strategy: targets per segment (managers set them, audited), coverage (consenting,
 * active advocates per target), and demand: the segments reps searched for, counted per day, with how many
 * of the results were in the segment. A search is kept only as its intent's segment (industry, region,
 * products): never its words, never who searched. Counts are buffered in memory and added to the table
 * every FLUSH_MS, so a search costs no write of its own; instances add to the same rows.
 */
export function createPortfolioService(deps: { stores: Stores; loads: LoadProvider; now: () => Date; log?: { error: (obj: object, msg: string) => void } }) {
  const { stores } = deps;
  const pending = new Map<string, Counts>();
  let flushing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | undefined;

  function flush(): Promise<void> {
    if (pending.size === 0) return flushing;
    const rows = [...pending.values()];
    pending.clear();
    flushing = flushing
      .then(() => stores.portfolio.addDemand(rows))
      .catch((err: unknown) => deps.log?.error({ err }, 'writing search demand failed'));
    return flushing;
  }

  async function targetView(id: string): Promise<Target> {
    const t = await stores.portfolio.getTarget(id);
    if (!t) throw notFound('Target');
    return t;
  }

  return {
    /**
     * Counts one search by a rep: its segment (if its intent names one) and how many of the returned
     * advocates are in that segment. Everything else about the search is dropped here.
     */
    observe(response: Pick<MatchResponse, 'intent' | 'results'>): void {
      const segment = demandSegment(response.intent);
      if (!segment) return;
      const fitting = response.results.filter((r) => fitsSegment(segment, r.advocate)).length;
      const day = deps.now().toISOString().slice(0, 10);
      const key = [day, segment.industry, segment.region, segment.products.join(',')].join('|');
      const c = pending.get(key) ?? { ...segment, day, searches: 0, noFit: 0, fewFit: 0 };
      const o = demandOutcome(fitting);
      c.searches++;
      c.noFit += o.noFit;
      c.fewFit += o.fewFit;
      pending.set(key, c);
      if (!timer) {
        timer = setInterval(() => void flush(), FLUSH_MS);
        timer.unref();
      }
    },
    flush,
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
    },

    async coverage(): Promise<CoverageReport> {
      await flush();
      const [targets, advocates] = await Promise.all([stores.portfolio.listTargets(), stores.portfolio.coverageAdvocates()]);
      const loads = await deps.loads.loadsFor(advocates.map((a) => a.id));
      const since = new Date(deps.now().getTime() - (DEMAND_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const demand = await stores.portfolio.demandSince(since);
      return {
        targets: coverageOf(targets, advocates.map((a) => ({ ...a, available: loads.get(a.id)?.state === 'available' }))),
        advocates: advocates.length,
        demand: { days: DEMAND_DAYS, searches: demand.reduce((s, r) => s + r.searches, 0), gaps: demandGaps(demand, targets) },
      };
    },

    async createTarget(input: TargetBody, user: User): Promise<Target> {
      const body = TargetBody.parse(input);
      const segment = normaliseSegment(body);
      const key = segmentKey(segment);
      const id = await stores
        .transaction(async (tx) => {
          const existing = await tx.portfolio.targetByKey(key);
          if (existing) throw conflict(`There is a target for ${segmentLabel(existing)} already (${existing.wanted} wanted): change that one.`);
          const targetId = await tx.portfolio.insertTarget(segment, key, body.wanted, user.id);
          await tx.audit.record({ actorId: user.id, action: 'target.created', subjectType: 'target', subjectId: targetId, detail: { ...segment, wanted: body.wanted } });
          return targetId;
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw conflict(`There is a target for ${segmentLabel(segment)} already: change that one.`);
          throw err;
        });
      return targetView(id);
    },

    async updateTarget(id: string, wanted: number, user: User): Promise<Target> {
      await stores.transaction(async (tx) => {
        const t = await tx.portfolio.getTarget(id);
        if (!t) throw notFound('Target');
        await tx.portfolio.updateTarget(id, wanted, user.id);
        await tx.audit.record({ actorId: user.id, action: 'target.updated', subjectType: 'target', subjectId: id, detail: { wanted, previously: t.wanted } });
      });
      return targetView(id);
    },

    async deleteTarget(id: string, user: User): Promise<void> {
      await stores.transaction(async (tx) => {
        const t = await tx.portfolio.getTarget(id);
        if (!t) throw notFound('Target');
        await tx.portfolio.deleteTarget(id);
        await tx.audit.record({
          actorId: user.id,
          action: 'target.deleted',
          subjectType: 'target',
          subjectId: id,
          detail: { industry: t.industry, region: t.region, product: t.product, wanted: t.wanted },
        });
      });
    },
  };
}
export type PortfolioService = ReturnType<typeof createPortfolioService>;
