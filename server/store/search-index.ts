import fs from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';

/**
 * The search index: approved advocate documents in LanceDB (text for full-text search, one vector per
 * advocate). Derived data only — the system of record is SQLite or Postgres, and the index can always be rebuilt
 * from it. Only approved advocates are ever written here, so nothing unapproved can be found.
 */
export type IndexRow = { id: string; version: number; status: string; text: string; vector: Float32Array };
export type Hit = { id: string; score: number };
/** `exact`: a flat scan of every vector (perfect recall); `ann`: the HNSW index, in `segments` (optimize() indexes new rows as extra ones). */
export type VectorIndexState =
  | { kind: 'exact'; rows: number }
  | { kind: 'ann'; rows: number; indexedRows: number; unindexedRows: number; segments: number };
export type SearchOptions = { exact?: boolean };

const TABLE = 'advocates';

/**
 * Vector search is exact below this many rows and uses an HNSW index (IVF_HNSW_SQ) from here on.
 * Measured with the local embedder's 612-d vectors on 2 cores (bench/match): an exact scan takes
 * p50/p95 ~10/14 ms at 2k rows, 22/33 ms at 5k, 32/40 ms at 10k and 310/340 ms at 100k, while a match
 * may take 25 ms in all (p95) and the rest of it (full-text, reasons) needs ~10–15 ms. The index answers
 * in ~5 ms at 10k and ~9 ms at 100k with recall@10 0.98–1.0 against the exact scan; building it takes
 * ~1 s at 10k and ~22 s at 100k.
 */
export const ANN_MIN_ROWS = 2_000;
/**
 * HNSW with 8-bit scalar quantisation. Not IVF_PQ: untuned it had recall@10 0.04 (DESIGN.md). One graph
 * per 25k rows keeps builds short (the graphs are built in parallel); every search probes up to 20
 * partitions by default, so all of them (at most 8 here) are searched.
 */
const annIndex = (rows: number) =>
  lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: Math.min(8, Math.ceil(rows / 25_000)), m: 20, efConstruction: 150 });
/**
 * ef: graph candidates explored per search; refineFactor: limit × 2 candidates re-ranked with the full
 * vectors (the index holds quantised ones). Measured at 100k: ef 160 + refine 2 → recall@10 0.99 at
 * p50 ~9 ms; without refine 0.94; ef 80 + refine 2 → 0.97.
 */
const ANN_QUERY = { ef: 160, refineFactor: 2 };
/** optimize() indexes new rows as extra segments; past this many the index is rebuilt as one. */
const MAX_SEGMENTS = 8;

function schemaFor(dim: number): Schema {
  // Explicit Arrow types: without them JS numbers become Float64 and vectors a variable-size list.
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('version', new Int32(), false),
    new Field('status', new Utf8(), false),
    new Field('text', new Utf8(), false),
    new Field('vector', new FixedSizeList(dim, new Field('item', new Float32(), true)), false),
  ]);
}

/** A SQL string literal for LanceDB filters (ids are UUIDs, but never trust that). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * `location`: a local directory, or a LanceDB URI (s3://bucket/path, s3+ddb://…, gs://, az://) with its
 * `storageOptions`. See the README ("Deployment beyond one machine") for what concurrent writers need.
 */
export async function openSearchIndex(
  location: string,
  dim: number,
  options: {
    storageOptions?: Record<string, string>;
    reset?: boolean;
    /** Rows from which vector search uses the ANN index (default ANN_MIN_ROWS). */
    annMinRows?: number;
    /** Told when a background index build fails (searches stay exact and correct meanwhile). */
    onError?: (err: unknown) => void;
  } = {},
) {
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  if (local) fs.mkdirSync(location, { recursive: true });
  const annMinRows = options.annMinRows ?? ANN_MIN_ROWS;
  const db = await lancedb.connect(location, options.storageOptions ? { storageOptions: options.storageOptions } : {});
  const names = await db.tableNames();
  let table: lancedb.Table;
  if (names.includes(TABLE) && !options.reset) {
    table = await db.openTable(TABLE);
    const vectorField = (await table.schema()).fields.find((f) => f.name === 'vector');
    const existingDim = (vectorField?.type as FixedSizeList | undefined)?.listSize;
    if (existingDim !== dim) {
      // A different embedder dimension: the old vectors are useless, start over (callers re-index).
      table = await db.createEmptyTable(TABLE, schemaFor(dim), { mode: 'overwrite' });
    }
  } else {
    table = await db.createEmptyTable(TABLE, schemaFor(dim), { mode: 'overwrite' });
  }
  // Unindexed rows are still searched (flat) by LanceDB, so the FTS index need not be rebuilt per write.
  const indices = await table.listIndices();
  if (!indices.some((i) => i.columns.includes('text'))) {
    await table.createIndex('text', { config: lancedb.Index.fts() });
  }
  const rrf = await lancedb.rerankers.RRFReranker.create();
  let writesSinceOptimize = 0;
  let annActive = indices.some((i) => i.columns.includes('vector'));

  // Index builds and optimize() run one at a time: compaction must not rewrite fragments an index build is reading.
  let maintenance: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = maintenance.then(task, task);
    maintenance = run.catch(() => undefined);
    return run;
  };
  // Row writes (upsert, remove, a purge's rewrite) one at a time: a purge rewrites rows that a concurrent
  // upsert could otherwise update under it.
  let writing: Promise<unknown> = Promise.resolve();
  const serialWrite = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writing.then(task, task);
    writing = run.catch(() => undefined);
    return run;
  };
  const COLUMNS = ['id', 'version', 'status', 'text', 'vector'];
  /** Rows in the data files, deleted ones included (LanceDB deletes by marking rows); LanceDB reports a rounded mean length per fragment. */
  const physicalRows = async () => {
    const { fragmentStats } = await table.stats();
    return Math.round(fragmentStats.lengths.mean * fragmentStats.numFragments);
  };
  /** The fragments holding live rows. Row ids here are row addresses (fragment id << 32 | offset): LanceDB's stable row ids are not enabled. */
  async function liveFragments(): Promise<bigint[]> {
    const n = await table.countRows();
    const rows = n === 0 ? [] : await table.query().withRowId().select(['id']).limit(n).toArray();
    return [...new Set((rows as Record<string, unknown>[]).map((r) => BigInt(r._rowid as bigint) >> 32n))].sort((a, b) => (a < b ? -1 : 1));
  }
  /**
   * Writes a fragment's live rows again (the same values, through mergeInsert, in slices), so the fragment
   * ends up with no live row and LanceDB drops it with its data file: the rows deleted from it are gone from
   * the files too, not only marked deleted.
   */
  async function rewriteFragment(f: bigint): Promise<void> {
    const SLICE = 20_000n;
    const base = f << 32n;
    for (let lo = 0n; lo <= 0xffffffffn; lo += SLICE) {
      const rows = await table
        .query()
        .withRowId()
        .where(`_rowid >= ${base + lo} AND _rowid < ${base + lo + SLICE}`)
        .select(COLUMNS)
        .toArrow();
      if (rows.numRows > 0) await table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rows.select(COLUMNS));
      const left = await table.query().withRowId().where(`_rowid >= ${base + lo + SLICE} AND _rowid < ${base + 0x100000000n}`).select(['id']).limit(1).toArray();
      if (left.length === 0) break;
    }
  }

  const vectorIndexConfig = async () => (await table.listIndices()).find((i) => i.columns.includes('vector'));
  async function buildVectorIndex(): Promise<void> {
    const rows = await table.countRows();
    await table.createIndex('vector', { config: annIndex(rows), replace: true });
    // The index pre-filters on status; without a scalar index that filter scans every row (+8 ms at 100k).
    if (!(await table.listIndices()).some((i) => i.columns.includes('status'))) {
      await table.createIndex('status', { config: lancedb.Index.bitmap() });
    }
    annActive = true;
  }
  /** Builds the ANN index once the table is large enough, and rebuilds it when it has too many segments. */
  async function ensureVectorIndex(): Promise<void> {
    const existing = await vectorIndexConfig();
    if (!existing) {
      if ((await table.countRows()) >= annMinRows) await buildVectorIndex();
      return;
    }
    annActive = true;
    if ((existing.numSegments ?? 1) > MAX_SEGMENTS) await buildVectorIndex();
  }
  /** A failed build never fails a write: searches stay exact (and correct); the next regular optimize() retries. */
  let annBuildFailed = false;
  const maintainVectorIndex = () =>
    ensureVectorIndex().then(
      () => void (annBuildFailed = false),
      (err: unknown) => {
        annBuildFailed = true;
        options.onError?.(err);
      },
    );
  if (!annActive && (await table.countRows()) >= annMinRows) {
    // A large table without the index (written by an older version): build it without delaying start-up.
    void exclusive(maintainVectorIndex);
  }

  const toRecords = (rows: IndexRow[]) =>
    rows.map((r) => ({ id: r.id, version: r.version, status: r.status, text: r.text, vector: Array.from(r.vector) }));
  // Best first; equal scores ordered by id, so the same data ranks the same way in every process.
  const hits = (rows: Record<string, unknown>[], scoreKey: string, invert = false): Hit[] =>
    rows
      .map((r) => ({ id: String(r.id), score: invert ? 1 - Number(r[scoreKey]) : Number(r[scoreKey]) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const activeOnly = "status = 'active'";
  /** Cosine everywhere: the index is trained for it (all embedders return unit vectors, so the ranking equals L2's). */
  // LanceDB refuses an HNSW search for more candidates than it explores ("ef must be greater than or
  // equal to k", k being limit × refineFactor): a pinned search widens its pool up to 1,000, so ef grows
  // with the request.
  const vectorSearch = (query: lancedb.VectorQuery, limit: number, exact?: boolean) =>
    exact || !annActive
      ? query.distanceType('cosine').bypassVectorIndex()
      : query.distanceType('cosine').ef(Math.max(ANN_QUERY.ef, limit * ANN_QUERY.refineFactor)).refineFactor(ANN_QUERY.refineFactor);

  return {
    dim,
    async upsert(rows: IndexRow[]): Promise<void> {
      if (rows.length === 0) return;
      await serialWrite(() => table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(toRecords(rows)));
      writesSinceOptimize += 1;
      // Every write makes a fragment; compact after bursts so reads stay ~1 ms (see DESIGN.md, Storage).
      // Crossing ANN_MIN_ROWS also optimizes, so the vector index exists as soon as the table needs it.
      const crossed = !annActive && !annBuildFailed && (await table.countRows()) >= annMinRows;
      if (writesSinceOptimize >= 50 || crossed) await this.optimize();
    },
    /** Out of search at once; the rows stay in the data files, marked deleted, until purge() or compaction rewrites them. */
    async remove(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await serialWrite(() => table.delete(`id IN (${ids.map(literal).join(', ')})`));
    },
    /**
     * Erasure: removes these advocates from the index and from its files. A LanceDB delete only marks rows
     * and keeps older table versions, so this also writes every live row again (the fragments holding
     * deleted rows are then dropped with their files), rebuilds the full-text and vector indexes (they hold
     * the words and vectors of the rows they were built from) and prunes every older version. Searches go
     * on meanwhile (until the vector index is rebuilt they scan the vectors: correct, slower). The cost is a
     * rewrite of the table and its indexes; erasures are rare.
     */
    async purge(ids: string[]): Promise<void> {
      await exclusive(async () => {
        // Which indexes to rebuild, listed before the rewrite (LanceDB stops listing an index that covers no live row).
        const before = await table.listIndices();
        await serialWrite(async () => {
          if (ids.length) await table.delete(`id IN (${ids.map(literal).join(', ')})`);
          // Which fragments hold deleted rows (of these ids, of earlier removals, of rows replaced by a newer
          // version) is not told by LanceDB's API, so every fragment is written again.
          for (const f of await liveFragments()) await rewriteFragment(f);
        });
        // Even over an empty table: the old index files hold the words (and vectors) of the rows they indexed.
        await table.createIndex('text', { config: lancedb.Index.fts(), replace: true });
        if (before.some((i) => i.columns.includes('status'))) await table.createIndex('status', { config: lancedb.Index.bitmap(), replace: true });
        const vectorIndex = before.find((i) => i.columns.includes('vector'));
        if (vectorIndex) {
          if ((await table.countRows()) >= annMinRows) await buildVectorIndex();
          else {
            // Too few rows left for the ANN index: searches go back to the exact scan.
            if ((await table.listIndices()).some((i) => i.name === vectorIndex.name)) await table.dropIndex(vectorIndex.name);
            annActive = false;
          }
        }
        await table.optimize({ cleanupOlderThan: new Date() });
      });
    },
    /** When the oldest table version still kept was written: older than an erasure means purge() has not (fully) run since. */
    async oldestVersionAt(): Promise<Date | null> {
      const versions = await table.listVersions();
      return versions.length ? new Date(Math.min(...versions.map((v) => v.timestamp.getTime()))) : null;
    },
    /** Live rows, rows in the data files (deleted ones included) and table versions kept: what purge() leaves. */
    async storage(): Promise<{ rows: number; physicalRows: number; versions: number }> {
      return { rows: await table.countRows(), physicalRows: await physicalRows(), versions: (await table.listVersions()).length };
    },
    /** Every row's id and text (tests: what the index holds). */
    async texts(): Promise<{ id: string; text: string }[]> {
      const n = await table.countRows();
      if (n === 0) return [];
      return (await table.query().select(['id', 'text']).limit(n).toArray()).map((r: Record<string, unknown>) => ({ id: String(r.id), text: String(r.text) }));
    },
    async count(): Promise<number> {
      return table.countRows();
    },
    /** The version of each advocate in the index (what reconcile compares with the records). */
    async versions(): Promise<Map<string, number>> {
      const n = await table.countRows();
      if (n === 0) return new Map();
      const rows = await table.query().select(['id', 'version']).limit(n).toArray();
      return new Map(rows.map((r: Record<string, unknown>) => [String(r.id), Number(r.version)]));
    },
    /** Compacts fragments, brings the text and vector indexes up to date, and builds the vector index when due. */
    async optimize(): Promise<void> {
      writesSinceOptimize = 0;
      await exclusive(async () => {
        await table.optimize();
        await maintainVectorIndex();
      });
    },
    /** Rebuilds the vector index from scratch (one segment); a no-op below the ANN threshold. */
    async rebuildVectorIndex(): Promise<void> {
      await exclusive(async () => {
        if ((await table.countRows()) >= annMinRows) await buildVectorIndex();
      });
    },
    async vectorIndex(): Promise<VectorIndexState> {
      const rows = await table.countRows();
      const config = await vectorIndexConfig();
      if (!config) return { kind: 'exact', rows };
      const { numIndexedRows = 0, numUnindexedRows = 0, numSegments = 1 } = config;
      return { kind: 'ann', rows, indexedRows: numIndexedRows, unindexedRows: numUnindexedRows, segments: numSegments };
    },
    /** Hybrid: vector + full-text, fused by reciprocal-rank fusion (LanceDB's RRF reranker). */
    async hybrid(vector: Float32Array, text: string, limit: number, search: SearchOptions = {}): Promise<Hit[]> {
      const query = table.query().fullTextSearch(text).nearestTo(Array.from(vector));
      const rows = await vectorSearch(query, limit, search.exact).where(activeOnly).select(['id']).rerank(rrf).limit(limit).toArray();
      return hits(rows, '_relevance_score');
    },
    async vectorOnly(vector: Float32Array, limit: number, search: SearchOptions = {}): Promise<Hit[]> {
      const query = table.query().nearestTo(Array.from(vector));
      const rows = await vectorSearch(query, limit, search.exact).where(activeOnly).select(['id', '_distance']).limit(limit).toArray();
      return hits(rows, '_distance', true);
    },
    async textOnly(text: string, limit: number): Promise<Hit[]> {
      const rows = await table.query().fullTextSearch(text).where(activeOnly).select(['id', '_score']).limit(limit).toArray();
      return hits(rows, '_score');
    },
    close(): void {
      table.close();
    },
  };
}
export type SearchIndex = Awaited<ReturnType<typeof openSearchIndex>>;
