import type { Advocate } from '../domain/advocate.js';
import type { MatchResponse, MatchResult } from '../domain/api/match.js';
import { applyLoadPolicy, computeLoad, DEFAULT_POLICY, type AdvocateLoad, type OvercapMode } from '../domain/burnout.js';
import { isConsenting } from '../domain/consent.js';
import type { DraftError } from '../domain/draft.js';
import type { VerifiedHint } from '../domain/freshness.js';
import { DomainError } from '../domain/errors.js';
import { intentMatches, passesPinned, type Intent, type PinnedField } from '../domain/intent.js';
import type { Embedder, IntentReader } from '../llm/types.js';
import type { AdvocateStore } from '../store/advocates.js';

/** What matching needs of the records: reads by id, what the index should hold, and marking it indexed. */
export type MatchRecords = Pick<AdvocateStore, 'getMany' | 'versionsNow' | 'needingIndex' | 'markIndexed' | 'changedSince' | 'lastErasedAt'>;
import type { Hit, SearchIndex } from '../store/search-index.js';
import { advocateDocument } from './document.js';
import { hybridSearch, type FusionOptions } from './fusion.js';
import { createIntentResolver } from './intent-source.js';
import { explain, forgetFactTexts, profileFacts, queryTerms, withEvidence, withIntentReasons } from './reasons.js';
import { createVectorCache, type CachedVector } from './vector-cache.js';

/** LanceDB's full-text parser has operators; a rep's words are plain words. */
export const ftsText = (query: string) => query.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** Bonus per matching intent field, as a share of the best retrieval score: reorders neighbours, never swamps relevance. */
const BOOST = 0.05;
/** The most candidates fetched to fill a page when pinned filters drop many. */
const MAX_POOL = 1000;
/** Advocates embedded and written per index write: bigger batches make fewer LanceDB fragments. */
const INDEX_BATCH = 1024;
/** Default byte cap of the fact-vector cache (VOUCH_FACT_CACHE_MB): 40k-150k facts of the local embedder (dense or sparse). */
export const DEFAULT_FACT_CACHE_BYTES = 32 * 2 ** 20;

const chipValues = (intent: Intent): string[] =>
  [intent.industry, intent.region, intent.companySize, intent.useCase, intent.persona, intent.language, ...intent.products]
    .map((v) => v?.trim() ?? '')
    .filter(Boolean);

class EmbedFailed extends DomainError {
  constructor(error: DraftError) {
    super('unsupported', `Search is unavailable: ${error.message}`);
  }
}

/** The version of an advocate the index should hold: consenting ones at their current version, others not at all. */
const shouldHold = (r: { version: number; consenting: boolean }): number | undefined => (r.consenting ? r.version : undefined);

/** Searchable: active, and the customer agreed to act as an advocate. Only these are in the index at all. */
const searchable = (a: Advocate) => a.status === 'active' && isConsenting(a.consent);

/**
 * Matching: prospect text → intent (model or rules) and hybrid retrieval over approved, consenting, active
 * advocates, in parallel → boosts and burnout → reasons with their evidence, for the returned page only.
 * Also keeps the search index in step with the records (approved, consenting advocates are indexed after
 * their transaction commits; a withdrawal removes the advocate).
 */
export function createMatchService(deps: {
  embedder: Embedder;
  index: SearchIndex;
  advocates: MatchRecords;
  log: { info: (msg: string) => void; warn?: (msg: string) => void; error: (obj: object, msg: string) => void };
  reasonThreshold?: number;
  /** Burnout protection (server/program): each advocate's load, and what happens to resting/at-cap ones. */
  burnout?: { loadsFor: (advocateIds: string[]) => Promise<Map<string, AdvocateLoad>>; mode: OvercapMode };
  /** When each advocate's profile was last verified (server/program/freshness.ts): a date-only hint per result. */
  verifiedHints?: (advocateIds: string[]) => Promise<Map<string, VerifiedHint>>;
  /** The vendor's product names (VOUCH_PRODUCTS), so intent extraction recognises them. */
  products?: string[];
  /** Reads intent with a model when there is one (Ollama); the rules otherwise and as the fallback. */
  intentReader?: IntentReader;
  /** Byte cap of the fact-vector cache. */
  factCacheBytes?: number;
  /** How vector and full-text results are fused (default: RRF, k 60). */
  fusion?: FusionOptions;
  /**
   * This process is the index's only writer and the records' `indexed_version` marks describe it (SQLite:
   * one data dir, one process). Then reconcile reads only the marked-stale records instead of comparing the
   * whole index with the whole table (at 100k: ~2 s of start-up and ~80 MB saved).
   */
  ownIndex?: boolean;
}) {
  const { embedder, index, advocates } = deps;
  const factVectors = createVectorCache(deps.factCacheBytes ?? DEFAULT_FACT_CACHE_BYTES);
  const resolveIntent = createIntentResolver({ reader: deps.intentReader, products: deps.products, log: deps.log });
  let pending = new Set<string>();
  let flushing: Promise<void> | undefined;
  /** What this instance's index holds (id → version): loaded from the index at reconcile, kept up to date by writes. */
  const indexed = new Map<string, number>();
  /** catchUp(): records changed at or after this (minus an overlap) may be missing from the index. */
  let cursor = '';
  /** Commits may land out of updated_at order (and instances' clocks differ a little): look back this far. */
  const CATCH_UP_OVERLAP_MS = 60_000;
  /** Erased advocates this instance has already forgotten (catch-up sees each one again within its overlap). */
  const forgotten = new Set<string>();
  let purging: Promise<void> = Promise.resolve();
  let purgesRunning = 0;

  /**
   * Erased advocates (or ones whose record is gone): out of the index at once, then purged from its files in
   * the background (server/store/search-index.ts#purge); the fact-vector and fact-text caches are dropped
   * (keyed by fact texts, they may hold the person's words).
   */
  async function forgetNow(ids: string[]): Promise<void> {
    for (const id of ids) {
      pending.delete(id);
      indexed.delete(id);
      forgotten.add(id);
    }
    factVectors.clear();
    forgetFactTexts();
    if (ids.length) await index.remove(ids);
    purgesRunning += 1;
    purging = purging
      .then(() => index.purge(ids))
      .catch((err: unknown) => deps.log.error({ err }, 'purging erased advocates from the search index failed; retried at the next start'))
      .finally(() => void (purgesRunning -= 1));
  }

  async function embedOrThrow(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const r = await embedder.embedDocuments(texts);
    if (!r.ok) throw new EmbedFailed(r.error);
    return r.vectors;
  }

  /**
   * Writes searchable advocates to the index and removes the others (consent withdrawn, not recorded), in
   * batches. The next batch is embedded (JavaScript, this thread) while the last one is written (LanceDB,
   * its own threads): one write at a time, in order, each batch marked indexed once it is written.
   */
  async function indexAdvocates(list: Advocate[]): Promise<void> {
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < list.length; i += INDEX_BATCH) {
      const batch = list.slice(i, i + INDEX_BATCH);
      const keep = batch.filter((a) => isConsenting(a.consent));
      const drop = batch.filter((a) => !isConsenting(a.consent));
      const texts = keep.map(advocateDocument);
      const vectors = await embedOrThrow(texts);
      await writing;
      writing = (async () => {
        await index.upsert(keep.map((a, j) => ({ id: a.id, version: a.version, status: a.status, text: texts[j], vector: vectors[j] })));
        await index.remove(drop.map((a) => a.id));
        await advocates.markIndexed(batch);
        for (const a of keep) indexed.set(a.id, a.version);
        for (const a of drop) indexed.delete(a.id);
      })();
      writing.catch(() => undefined); // surfaces at the next await, not as an unhandled rejection
    }
    await writing;
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) {
      const ids = [...pending];
      pending = new Set();
      const found = await advocates.getMany(ids);
      const list = [...found.values()];
      // No record any more: erased (here or on another instance).
      const gone = ids.filter((id) => !found.has(id));
      try {
        if (gone.length) await forgetNow(gone);
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

  /** The vectors of these fact texts, from the cache or embedded now in one call for all that are missing. */
  async function vectorsOf(texts: string[]): Promise<Map<string, CachedVector>> {
    const out = new Map<string, CachedVector>();
    const missing: string[] = [];
    for (const t of texts) {
      const hit = factVectors.get(t);
      if (hit) out.set(t, hit);
      else missing.push(t);
    }
    const embedded = await embedOrThrow(missing);
    missing.forEach((t, i) => out.set(t, factVectors.set(t, embedded[i])));
    return out;
  }

  return {
    /** Index an approved advocate (or drop it, without consent) soon; writes are batched so bursts make few fragments. */
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
    /** Entries and bytes of the fact-vector cache (emptied by an erasure). */
    factCacheStats: () => factVectors.stats(),
    /** Advocates in the search index (only approved, consenting ones are ever written there). */
    indexedCount: (): Promise<number> => index.count(),
    /** Waits for scheduled index writes and purges (tests, shutdown). */
    async settled(): Promise<void> {
      while (flushing || purgesRunning > 0) {
        if (flushing) await flushing;
        await purging;
      }
    },
    /** An advocate was erased (committed): out of the index at once, out of its files soon, out of the caches. */
    forget: (ids: string[]): Promise<void> => forgetNow(ids),
    /**
     * Brings the index up to date with the records: run at start (after a crash, an embedder or consent
     * change, or approvals other instances made while this one was down). Compares the index's own
     * (id, version) rows with what the records say it should hold, so it is right whether this instance
     * keeps its own index or shares one.
     */
    async reconcile(): Promise<number> {
      // A completed purge prunes every table version older than itself: one from before the latest erasure
      // means a purge was cut short (or never ran here), so the index may still hold an erased person.
      const erasedAt = await advocates.lastErasedAt();
      const oldest = await index.oldestVersionAt();
      const unpurged = erasedAt !== null && oldest !== null && oldest.getTime() < Date.parse(erasedAt);
      // Only this process writes the index and nothing is left to purge: the marks say what is stale. An
      // empty index with marked records was lost or replaced (a deleted directory): compare everything.
      if (deps.ownIndex && !unpurged && (await index.count()) > 0) {
        const marked = await advocates.needingIndex();
        if (marked.length > 0) {
          deps.log.info(`indexing ${marked.length} advocate(s) into the search index…`);
          await indexAdvocates(marked);
          await index.optimize();
        }
        return marked.length;
      }
      const inIndex = await index.versions();
      indexed.clear();
      for (const [id, version] of inIndex) indexed.set(id, version);
      const records = await advocates.versionsNow();
      const staleIds = records.filter((r) => inIndex.get(r.id) !== shouldHold(r)).map((r) => r.id);
      // In the index without a record: erased (on another instance, or before a crash cut this one short).
      const known = new Set(records.map((r) => r.id));
      const orphans = [...inIndex.keys()].filter((id) => !known.has(id));
      // Written to the index but not yet marked so when the process stopped: the index is right, the mark catches up.
      await advocates.markIndexed(records.filter((r) => !r.markedIndexed && inIndex.get(r.id) === shouldHold(r)));
      const stale = [...(await advocates.getMany(staleIds)).values()];
      cursor = new Date(Date.now() - CATCH_UP_OVERLAP_MS).toISOString();
      if (stale.length > 0) {
        deps.log.info(`indexing ${stale.length} advocate(s) into the search index…`);
        await indexAdvocates(stale);
        await index.optimize();
      }
      if (orphans.length || unpurged) {
        // Out of search before the server says it is ready; out of the files in the background (settled() waits).
        deps.log.info(`search index: purging ${orphans.length ? `${orphans.length} erased advocate(s)` : 'the files of erased advocates'}…`);
        await forgetNow(orphans);
      }
      return stale.length;
    },
    /**
     * Indexes advocates approved (or drops those whose consent ended) on other instances since the last look (run on a timer when several
     * instances share Postgres). Returns how many were scheduled.
     */
    async catchUp(): Promise<number> {
      if (!cursor) return 0;
      const since = new Date(Date.parse(cursor) - CATCH_UP_OVERLAP_MS).toISOString();
      const changed = await advocates.changedSince(since);
      let scheduled = 0;
      for (const c of changed) {
        if (c.updatedAt > cursor) cursor = c.updatedAt;
        if (c.erased) {
          // Erased on another instance: forgotten here too (once), whether or not this index held it.
          if (!forgotten.has(c.id) && !pending.has(c.id)) {
            this.scheduleIndex(c.id);
            scheduled++;
          }
          continue;
        }
        if (indexed.get(c.id) !== shouldHold(c) && !pending.has(c.id)) {
          this.scheduleIndex(c.id);
          scheduled++;
        }
      }
      return scheduled;
    },

    /**
     * `intent`: the chips as the rep edited them (default: read from the query, by the model or by rules,
     * while retrieval runs). Intent fields an advocate's approved profile agrees with add a small bonus to
     * its score; `pinned` fields (region, language) are hard filters on the approved profile, applied after
     * retrieval with a larger pool.
     */
    async match(query: string, limit: number, opts: { intent?: Intent; pinned?: readonly PinnedField[] } = {}): Promise<MatchResponse> {
      const started = performance.now();
      const reading = resolveIntent(query, opts.intent);
      // Chips the rep added or changed take part in retrieval too; chips they removed only stop boosting.
      const edits = opts.intent ? chipValues(opts.intent).filter((v) => !query.toLowerCase().includes(v.toLowerCase())) : [];
      const searchText = edits.length ? `${query} ${edits.join(' ')}` : query;
      const q = await embedder.embedQuery(searchText);
      if (!q.ok) throw new EmbedFailed(q.error);
      const text = ftsText(searchText);
      // Hidden (resting/at-cap) advocates and pinned filters leave gaps: ask for more candidates to fill them.
      let pool = deps.burnout?.mode === 'hide' ? limit * 2 : limit;
      if (opts.pinned?.length) pool = Math.max(pool * 5, 50);
      const retrieve = (n: number) => hybridSearch(index, q.vectors[0], text, n, deps.fusion);
      // The index may briefly lag the records (a withdrawal a moment ago, another instance's change): the
      // record decides. One query per batch of hits.
      const records = new Map<string, Advocate>();
      const load = async (list: Hit[]) => {
        const found = await advocates.getMany(list.map((h) => h.id).filter((id) => !records.has(id)));
        for (const [id, a] of found) records.set(id, a);
        return list;
      };
      let hits = await load(await retrieve(pool));
      const { intent, source } = await reading;
      const pinned = (opts.pinned ?? []).filter((f) => intent[f]?.trim());
      const eligible = (list: Hit[]) =>
        list.flatMap((hit) => {
          const advocate = records.get(hit.id);
          return advocate && searchable(advocate) && passesPinned(intent, pinned, advocate) ? [{ hit, advocate }] : [];
        });
      let candidates = eligible(hits);
      while (pinned.length && candidates.length < limit && hits.length >= pool && pool < MAX_POOL) {
        pool = Math.min(pool * 4, MAX_POOL);
        hits = await load(await retrieve(pool));
        candidates = eligible(hits);
      }
      // Soft boosts: a small bonus, relative to the best score, per intent field the approved profile agrees with.
      const unit = BOOST * Math.max(0, hits[0]?.score ?? 0);
      const ranked = candidates
        .map((c) => {
          const agreed = intentMatches(intent, c.advocate);
          return { ...c, agreed, score: c.hit.score + unit * agreed.length };
        })
        .sort((a, b) => b.score - a.score || (a.advocate.id < b.advocate.id ? -1 : 1));
      const loads = (await deps.burnout?.loadsFor(ranked.map((c) => c.advocate.id))) ?? new Map<string, AdvocateLoad>();
      const idle = computeLoad({ engagements: [] }, DEFAULT_POLICY, new Date());
      const { items, summary } = applyLoadPolicy(
        ranked.map((c) => ({ ...c, load: loads.get(c.advocate.id) ?? idle })),
        deps.burnout?.mode ?? 'rank',
        limit,
      );

      // Reasons only for the page being returned: the facts of these advocates against the query's words.
      // Facts repeat across results ("Reference call", "Healthcare"): each text is compared with the terms once.
      const terms = queryTerms(searchText);
      const termVectors = await embedOrThrow(terms);
      const factsOf = items.map(({ advocate }) => profileFacts(advocate));
      const texts = [...new Set(factsOf.flat().map((f) => f.value))];
      const vectors = await vectorsOf(texts);
      const rows = new Map<string, Float32Array>();
      const similarities = (text: string) => {
        let row = rows.get(text);
        if (!row) {
          const v = vectors.get(text)!;
          row = Float32Array.from(termVectors, (t) => factVectors.dot(v, t));
          rows.set(text, row);
        }
        return row;
      };
      const hints = (await deps.verifiedHints?.(items.map((c) => c.advocate.id))) ?? new Map<string, VerifiedHint>();
      const results: MatchResult[] = items.map(({ score, advocate, load, agreed }, k) => {
        const facts = factsOf[k];
        const byWords = explain(terms, facts, (ti, fi) => similarities(facts[fi].value)[ti], {
          threshold: deps.reasonThreshold ?? 0.6,
          max: 6,
        });
        const reasons = withIntentReasons(byWords, intent, agreed, advocate, 6);
        const { evidence: _e, ...profile } = advocate;
        const verified = hints.get(advocate.id) ?? { lastVerifiedAt: null, stale: false };
        return { advocate: profile, score, reasons: withEvidence(reasons, advocate), load, verified };
      });
      return {
        results,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
        embedder: embedder.id,
        burnout: summary,
        intent,
        intentSource: source,
      };
    },
  };
}
export type MatchService = ReturnType<typeof createMatchService>;
