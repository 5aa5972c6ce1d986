import type { Advocate } from '../domain/advocate.js';
import type { MatchResponse, MatchResult } from '../domain/api/match.js';
import { applyLoadPolicy, computeLoad, DEFAULT_POLICY, type AdvocateLoad, type OvercapMode } from '../domain/burnout.js';
import type { DraftError } from '../domain/draft.js';
import { DomainError } from '../domain/errors.js';
import { extractIntent, intentMatches, passesPinned, type Intent, type PinnedField } from '../domain/intent.js';
import type { Embedder } from '../llm/types.js';
import type { AdvocateStore } from '../store/advocates.js';
import type { Hit, SearchIndex } from '../store/search-index.js';
import { advocateDocument } from './document.js';
import { explain, profileFacts, queryTerms } from './reasons.js';

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot; // vectors are L2-normalised by every embedder
};

/** LanceDB's full-text parser has operators; a rep's words are plain words. */
export const ftsText = (query: string) => query.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** Bonus per matching intent field, as a share of the best retrieval score: reorders neighbours, never swamps relevance. */
const BOOST = 0.05;
/** The most candidates fetched to fill a page when pinned filters drop many. */
const MAX_POOL = 1000;

const chipValues = (intent: Intent): string[] =>
  [intent.industry, intent.region, intent.companySize, intent.useCase, intent.persona, intent.language, ...intent.products]
    .map((v) => v?.trim() ?? '')
    .filter(Boolean);

class EmbedFailed extends DomainError {
  constructor(error: DraftError) {
    super('unsupported', `Search is unavailable: ${error.message}`);
  }
}

/**
 * Matching: prospect text → hybrid retrieval over approved advocates → reasons. Also keeps the search
 * index in step with the records (approved advocates are indexed after their transaction commits).
 */
export function createMatchService(deps: {
  embedder: Embedder;
  index: SearchIndex;
  advocates: AdvocateStore;
  log: { info: (msg: string) => void; error: (obj: object, msg: string) => void };
  reasonThreshold?: number;
  /** Burnout protection (server/program): each advocate's load, and what happens to resting/at-cap ones. */
  burnout?: { loadsFor: (advocateIds: string[]) => Promise<Map<string, AdvocateLoad>>; mode: OvercapMode };
  /** The vendor's product names (VOUCH_PRODUCTS), so intent extraction recognises them. */
  products?: string[];
}) {
  const { embedder, index, advocates } = deps;
  const factVectors = new Map<string, Float32Array[]>(); // key: advocate id@version
  let pending = new Set<string>();
  let flushing: Promise<void> | undefined;
  /** What this instance's index holds (id → version): loaded from the index at reconcile, kept up to date by writes. */
  const indexed = new Map<string, number>();
  /** catchUp(): records changed at or after this (minus an overlap) may be missing from the index. */
  let cursor = '';
  /** Commits may land out of updated_at order (and instances' clocks differ a little): look back this far. */
  const CATCH_UP_OVERLAP_MS = 60_000;

  async function embedOrThrow(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const r = await embedder.embedDocuments(texts);
    if (!r.ok) throw new EmbedFailed(r.error);
    return r.vectors;
  }

  async function indexAdvocates(list: Advocate[]): Promise<void> {
    for (let i = 0; i < list.length; i += 256) {
      const batch = list.slice(i, i + 256);
      const vectors = await embedOrThrow(batch.map(advocateDocument));
      await index.upsert(
        batch.map((a, j) => ({ id: a.id, version: a.version, status: a.status, text: advocateDocument(a), vector: vectors[j] })),
      );
      await advocates.markIndexed(batch);
      for (const a of batch) indexed.set(a.id, a.version);
    }
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) {
      const ids = [...pending];
      pending = new Set();
      const list = [...(await advocates.getMany(ids)).values()];
      try {
        await indexAdvocates(list);
        // Rows added after the full-text index was built are scored inconsistently by LanceDB until the
        // index is brought up to date (measured by the matching eval: nDCG@5 0.79-0.86 vs 0.975 after).
        // Approvals are rare, so bring the indexes up to date after every batch.
        await index.optimize();
      } catch (err) {
        // The record is safe in SQLite; reconcile() at the next start indexes what is missing.
        deps.log.error({ err }, 'indexing failed; will retry at next start');
      }
    }
  }

  async function factVectorsFor(a: Advocate, facts: { value: string }[]): Promise<Float32Array[]> {
    const key = `${a.id}@${a.version}`;
    let vectors = factVectors.get(key);
    if (!vectors) {
      vectors = await embedOrThrow(facts.map((f) => f.value));
      if (factVectors.size > 5000) factVectors.clear();
      factVectors.set(key, vectors);
    }
    return vectors;
  }

  return {
    /** Index an approved advocate soon; writes are batched so bursts of approvals make few fragments. */
    scheduleIndex(id: string): void {
      pending.add(id);
      const start = (): void => {
        flushing = Promise.resolve()
          .then(flush)
          .finally(() => {
            flushing = undefined;
            if (pending.size > 0) start(); // scheduled while the last batch was finishing
          });
      };
      if (!flushing) start();
    },
    /** Waits for scheduled index writes (tests, shutdown). */
    async settled(): Promise<void> {
      while (flushing) await flushing;
    },
    /**
     * Brings the index up to date with the records: run at start (after a crash, an embedder change, or
     * approvals other instances made while this one was down). Compares the index's own (id, version) rows
     * with the records, so it is right whether this instance keeps its own index or shares one.
     */
    async reconcile(): Promise<number> {
      const inIndex = await index.versions();
      indexed.clear();
      for (const [id, version] of inIndex) indexed.set(id, version);
      const records = await advocates.versionsNow();
      const staleIds = records.filter((r) => inIndex.get(r.id) !== r.version).map((r) => r.id);
      const stale = [...(await advocates.getMany(staleIds)).values()];
      cursor = new Date(Date.now() - CATCH_UP_OVERLAP_MS).toISOString();
      if (stale.length > 0) {
        deps.log.info(`indexing ${stale.length} advocate(s) into the search index…`);
        await indexAdvocates(stale);
        await index.optimize();
      }
      return stale.length;
    },
    /**
     * Indexes advocates approved by other instances since the last look (run on a timer when several
     * instances share Postgres). Returns how many were scheduled.
     */
    async catchUp(): Promise<number> {
      if (!cursor) return 0;
      const since = new Date(Date.parse(cursor) - CATCH_UP_OVERLAP_MS).toISOString();
      const changed = await advocates.changedSince(since);
      let scheduled = 0;
      for (const c of changed) {
        if (c.updatedAt > cursor) cursor = c.updatedAt;
        if (indexed.get(c.id) !== c.version && !pending.has(c.id)) {
          this.scheduleIndex(c.id);
          scheduled++;
        }
      }
      return scheduled;
    },

    /**
     * `intent`: the chips as the rep edited them (default: read from the query by rules). Intent fields an
     * advocate's approved profile agrees with add a small bonus to its score; `pinned` fields (region,
     * language) are hard filters on the approved profile, applied after retrieval with a larger pool.
     */
    async match(query: string, limit: number, opts: { intent?: Intent; pinned?: readonly PinnedField[] } = {}): Promise<MatchResponse> {
      const started = performance.now();
      const intent = opts.intent ?? extractIntent(query, { products: deps.products });
      const pinned = (opts.pinned ?? []).filter((f) => intent[f]?.trim());
      // Chips the rep added or changed take part in retrieval too; chips they removed only stop boosting.
      const edits = opts.intent ? chipValues(opts.intent).filter((v) => !query.toLowerCase().includes(v.toLowerCase())) : [];
      const searchText = edits.length ? `${query} ${edits.join(' ')}` : query;
      const q = await embedder.embedQuery(searchText);
      if (!q.ok) throw new EmbedFailed(q.error);
      const text = ftsText(searchText);
      // Hidden (resting/at-cap) advocates and pinned filters leave gaps: ask for more candidates to fill them.
      let pool = deps.burnout?.mode === 'hide' ? limit * 2 : limit;
      if (pinned.length) pool = Math.max(pool * 5, 50);
      const retrieve = (n: number) => (text ? index.hybrid(q.vectors[0], text, n) : index.vectorOnly(q.vectors[0], n));
      // The index may briefly lag the records; the record decides what a rep may see.
      const records = new Map<string, Advocate>();
      const load = async (hits: Hit[]) => {
        const found = await advocates.getMany(hits.map((h) => h.id).filter((id) => !records.has(id)));
        for (const [id, a] of found) records.set(id, a);
        return hits;
      };
      const eligible = (hits: Hit[]) =>
        hits.flatMap((hit) => {
          const advocate = records.get(hit.id);
          return advocate && advocate.status === 'active' && passesPinned(intent, pinned, advocate) ? [{ hit, advocate }] : [];
        });
      let hits = await load(await retrieve(pool));
      let candidates = eligible(hits);
      while (pinned.length && candidates.length < limit && hits.length >= pool && pool < MAX_POOL) {
        pool = Math.min(pool * 4, MAX_POOL);
        hits = await load(await retrieve(pool));
        candidates = eligible(hits);
      }
      const terms = queryTerms(searchText);
      const termVectors = await embedOrThrow(terms);
      const results: MatchResult[] = [];
      // Soft boosts: a small bonus, relative to the best score, per intent field the approved profile agrees with.
      const unit = BOOST * Math.max(0, hits[0]?.score ?? 0);
      const ranked = candidates
        .map((c) => ({ ...c, score: c.hit.score + unit * intentMatches(intent, c.advocate).length }))
        .sort((a, b) => b.score - a.score);
      const loads = (await deps.burnout?.loadsFor(ranked.map((c) => c.advocate.id))) ?? new Map<string, AdvocateLoad>();
      const idle = computeLoad({ engagements: [] }, DEFAULT_POLICY, new Date());
      const { items, summary } = applyLoadPolicy(
        ranked.map((c) => ({ ...c, load: loads.get(c.advocate.id) ?? idle })),
        deps.burnout?.mode ?? 'rank',
        limit,
      );
      for (const { score, advocate, load } of items) {
        const facts = profileFacts(advocate);
        const vectors = await factVectorsFor(advocate, facts);
        const reasons = explain(terms, facts, (ti, fi) => cosine(termVectors[ti], vectors[fi]), {
          threshold: deps.reasonThreshold ?? 0.6,
          max: 6,
        });
        results.push({ advocate, score, reasons, load });
      }
      return {
        results,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
        embedder: embedder.id,
        burnout: summary,
        intent,
      };
    },
  };
}
export type MatchService = ReturnType<typeof createMatchService>;
