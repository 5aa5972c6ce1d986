import fs from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';

/**
 * The search index: approved advocate documents in LanceDB (text for full-text search, one vector per
 * advocate). Derived data only — the system of record is SQLite, and the index can always be rebuilt
 * from it. Only approved advocates are ever written here, so nothing unapproved can be found.
 */
export type IndexRow = { id: string; version: number; status: string; text: string; vector: Float32Array };
export type Hit = { id: string; score: number };

const TABLE = 'advocates';

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

export async function openSearchIndex(dir: string, dim: number, options: { reset?: boolean } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const db = await lancedb.connect(dir);
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

  const toRecords = (rows: IndexRow[]) =>
    rows.map((r) => ({ id: r.id, version: r.version, status: r.status, text: r.text, vector: Array.from(r.vector) }));
  const hits = (rows: Record<string, unknown>[], scoreKey: string, invert = false): Hit[] =>
    rows.map((r) => ({ id: String(r.id), score: invert ? 1 - Number(r[scoreKey]) : Number(r[scoreKey]) }));
  const activeOnly = "status = 'active'";

  return {
    dim,
    async upsert(rows: IndexRow[]): Promise<void> {
      if (rows.length === 0) return;
      await table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(toRecords(rows));
      writesSinceOptimize += 1;
      // Every write makes a fragment; compact after bursts so reads stay ~1 ms (see DESIGN.md, Storage).
      if (writesSinceOptimize >= 50) await this.optimize();
    },
    async remove(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await table.delete(`id IN (${ids.map(literal).join(', ')})`);
    },
    async count(): Promise<number> {
      return table.countRows();
    },
    async optimize(): Promise<void> {
      writesSinceOptimize = 0;
      await table.optimize();
    },
    /** Hybrid: vector + full-text, fused by reciprocal-rank fusion (LanceDB's RRF reranker). */
    async hybrid(vector: Float32Array, text: string, limit: number): Promise<Hit[]> {
      const rows = await table
        .query()
        .fullTextSearch(text)
        .nearestTo(Array.from(vector))
        .where(activeOnly)
        .rerank(rrf)
        .limit(limit)
        .toArray();
      return hits(rows, '_relevance_score');
    },
    async vectorOnly(vector: Float32Array, limit: number): Promise<Hit[]> {
      const rows = await table.query().nearestTo(Array.from(vector)).distanceType('cosine').where(activeOnly).limit(limit).toArray();
      return hits(rows, '_distance', true);
    },
    async textOnly(text: string, limit: number): Promise<Hit[]> {
      const rows = await table.query().fullTextSearch(text).where(activeOnly).limit(limit).toArray();
      return hits(rows, '_score');
    },
    close(): void {
      table.close();
    },
  };
}
export type SearchIndex = Awaited<ReturnType<typeof openSearchIndex>>;
