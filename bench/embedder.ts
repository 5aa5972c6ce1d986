/**
 * Measures the local embedder: retrieval quality on a judged set (bench/embedder-judged-set.ts) and the cost
 * of its word-vector cache. The numbers behind DEFAULT_POOLING come from here.
 *
 *   npx tsx bench/embedder.ts
 *
 * Quality is nDCG@5 (gain 2^grade − 1) and recall@5 of profiles graded ≥ 2, averaged over queries, for the
 * vector alone and fused with a BM25 ranking by reciprocal rank (k = 60) the way hybrid search fuses the
 * vector and full-text results in LanceDB. "tuning" queries chose the parameters; "held-out" did not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWordVectorCache } from '../server/llm/local/build-cache.js';
import { cacheFileName } from '../server/llm/local/cache-format.js';
import { createLocalEmbedder, DEFAULT_POOLING } from '../server/llm/local/embedder.js';
import { loadWordVectors, type WordVectors } from '../server/llm/local/load-cache.js';
import { Pooler, type PoolingConfig } from '../server/llm/local/pool.js';
import { tokenize } from '../server/llm/local/tokenize.js';
import { locateWordVectorSource } from '../server/llm/local/word-vector-cache.js';
import { GENERIC_SENTENCES, HELD_OUT_QUERIES, PROFILES, QUERIES, type JudgedQuery } from './embedder-judged-set.js';

const IDS = Object.keys(PROFILES);
type Scorer = (query: string) => number[];
type Scores = { ndcg: number; recall: number };

// ---- retrieval ----

function vectorScorer(pooler: Pooler, longProfiles = false): Scorer {
  const docs = IDS.map((id, i) => pooler.embed(longProfiles ? withGenericSentences(PROFILES[id], i) : PROFILES[id]));
  return (query) => {
    const q = pooler.embed(query);
    return docs.map((d) => d.reduce((sum, x, k) => sum + x * q[k], 0));
  };
}

function withGenericSentences(text: string, i: number): string {
  const extra = [0, 1, 2, 3].map((k) => GENERIC_SENTENCES[(i * 3 + k) % GENERIC_SENTENCES.length]);
  return `${text} ${extra.join(' ')}`;
}

/** Okapi BM25 (k1 1.2, b 0.75) over the same tokens, standing in for LanceDB's full-text index. */
function bm25Scorer(): Scorer {
  const terms = (text: string) => tokenize(text).flatMap((t) => [t.text, ...t.parts.filter((p) => p !== t.text)]);
  const docs = IDS.map((id) => terms(PROFILES[id]));
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  return (query) => {
    const queryTerms = new Set(terms(query));
    return docs.map((doc) => {
      let score = 0;
      for (const term of queryTerms) {
        const f = doc.filter((t) => t === term).length;
        if (f === 0) continue;
        const n = df.get(term)!;
        const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * doc.length) / avgLength));
      }
      return score;
    });
  };
}

/** Reciprocal rank fusion; a document a ranker scores 0 (no term matched) gets nothing from it. */
function fused(a: Scorer, b: Scorer): Scorer {
  const ranks = (scores: number[]) => {
    const order = scores.map((s, i) => [s, i]).sort((x, y) => y[0] - x[0]);
    const rank = new Array<number>(scores.length);
    order.forEach(([s, i], r) => (rank[i] = s > 0 ? r : Number.POSITIVE_INFINITY));
    return rank;
  };
  return (query) => {
    const ra = ranks(a(query));
    const rb = ranks(b(query));
    return ra.map((r, i) => 1 / (60 + r) + 1 / (60 + rb[i]));
  };
}

function evaluate(scorer: Scorer, queries: JudgedQuery[]): Scores {
  let ndcg = 0;
  let recall = 0;
  for (const q of queries) {
    const top = scorer(q.text)
      .map((s, i) => ({ s, id: IDS[i] }))
      .filter((x) => x.s > 0)
      .sort((x, y) => y.s - x.s)
      .slice(0, 5)
      .map((x) => x.id);
    const dcg = (grades: number[]) => grades.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
    const ideal = Object.values(q.relevant).sort((x, y) => y - x).slice(0, 5);
    ndcg += dcg(top.map((id) => q.relevant[id] ?? 0)) / dcg(ideal);
    const wanted = IDS.filter((id) => (q.relevant[id] ?? 0) >= 2);
    recall += wanted.filter((id) => top.includes(id)).length / wanted.length;
  }
  return { ndcg: ndcg / queries.length, recall: recall / queries.length };
}

/** The same vectors with the vocabulary cut to its `words` most frequent entries, as a smaller cache would be. */
function truncated(vectors: WordVectors, words: number): WordVectors {
  return {
    dim: vectors.dim,
    count: words,
    indexOf: (word) => {
      const row = vectors.indexOf(word);
      return row < words ? row : -1;
    },
    addRow: (row, weight, out) => vectors.addRow(row, weight, out),
  };
}

// ---- reporting ----

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toFixed(3) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
  console.log();
}

function qualityTable(vectors: WordVectors): void {
  const bm25 = bm25Scorer();
  const variants: [string, PoolingConfig][] = [
    ['hashing only', { ...DEFAULT_POOLING, hashShare: 1, relatedWeight: 0 }],
    ['word vectors only', { ...DEFAULT_POOLING, hashShare: 0, relatedWeight: 0 }],
    ['combined, no lexicon', { ...DEFAULT_POOLING, relatedWeight: 0 }],
    ['hashing + lexicon', { ...DEFAULT_POOLING, hashShare: 1 }],
    ['word vectors + lexicon', { ...DEFAULT_POOLING, hashShare: 0 }],
    ['combined + lexicon (default)', DEFAULT_POOLING],
  ];
  const rows = variants.map(([name, config]) => {
    const vector = vectorScorer(new Pooler(vectors, config));
    const tuning = evaluate(vector, QUERIES);
    const heldOut = evaluate(vector, HELD_OUT_QUERIES);
    const hybrid = evaluate(fused(vector, bm25), QUERIES);
    const hybridHeldOut = evaluate(fused(vector, bm25), HELD_OUT_QUERIES);
    return [name, tuning.ndcg, tuning.recall, heldOut.ndcg, heldOut.recall, hybrid.ndcg, hybridHeldOut.ndcg];
  });
  const tuning = evaluate(bm25, QUERIES);
  const heldOut = evaluate(bm25, HELD_OUT_QUERIES);
  rows.push(['BM25 alone (reference)', tuning.ndcg, tuning.recall, heldOut.ndcg, heldOut.recall, '-', '-']);
  console.log(`Retrieval: ${IDS.length} profiles, ${QUERIES.length} tuning + ${HELD_OUT_QUERIES.length} held-out queries\n`);
  table(['variant', 'nDCG@5', 'R@5', 'held nDCG@5', 'held R@5', 'hybrid nDCG@5', 'hybrid held'], rows);
}

function sweepTable(vectors: WordVectors): void {
  const run = (config: PoolingConfig, v = vectors) => {
    const pooler = new Pooler(v, config);
    return [evaluate(vectorScorer(pooler), QUERIES).ndcg, evaluate(vectorScorer(pooler, true), QUERIES).ndcg];
  };
  const rows: (string | number)[][] = [];
  for (const hashShare of [0.1, 0.2, 0.3, 0.5, 0.7]) rows.push([`hashShare ${hashShare}`, ...run({ ...DEFAULT_POOLING, hashShare })]);
  for (const relatedWeight of [0.25, 0.5, 1]) rows.push([`relatedWeight ${relatedWeight}`, ...run({ ...DEFAULT_POOLING, relatedWeight })]);
  for (const sifA of [1e-4, 1e-3, 1e-2, 1]) rows.push([`sifA ${sifA}${sifA === 1 ? ' (≈ unweighted)' : ''}`, ...run({ ...DEFAULT_POOLING, sifA })]);
  for (const buckets of [256, 512, 1024]) {
    rows.push([`buckets ${buckets}`, ...run({ ...DEFAULT_POOLING, subword: { ...DEFAULT_POOLING.subword, buckets } })]);
  }
  for (const [minN, maxN] of [[3, 5], [4, 6], [2, 4]]) {
    rows.push([`n-grams ${minN}-${maxN}`, ...run({ ...DEFAULT_POOLING, subword: { ...DEFAULT_POOLING.subword, minN, maxN } })]);
  }
  for (const words of [50_000, 100_000, 200_000, vectors.count]) {
    rows.push([`vocabulary ${words}`, ...run(DEFAULT_POOLING, truncated(vectors, words))]);
  }
  console.log('Parameter sweeps (one change from the default at a time; vector alone, tuning queries)\n');
  table(['setting', 'nDCG@5', 'long profiles'], rows);
}

// ---- costs ----

const MB = 1024 * 1024;

/** Run in a fresh process so the build's garbage does not inflate the numbers. */
async function measureWarmStart(cacheDir: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const embedder = await createLocalEmbedder({ cacheDir });
  const ms = performance.now() - t0;
  const rssMb = (process.memoryUsage().rss - before) / MB;
  console.log(JSON.stringify({ ms, rssMb, id: embedder.id, dim: embedder.dim }));
}

async function costTable(): Promise<{ vectors: WordVectors; cacheDir: string }> {
  const source = await locateWordVectorSource();
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'vouch-bench-'));
  const cachePath = path.join(cacheDir, cacheFileName(source));
  const t0 = performance.now();
  await buildWordVectorCache({ sourcePath: source.path, outPath: cachePath });
  const buildMs = performance.now() - t0;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const { size } = await stat(cachePath);

  const child = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--warm-start', cacheDir]);
  const warm = JSON.parse(child.toString()) as { ms: number; rssMb: number; id: string; dim: number };

  const loaded = await loadWordVectors(cachePath);
  if (!loaded.ok) throw new Error(loaded.reason);
  const embedder = await createLocalEmbedder({ cacheDir });
  const throughput = async (texts: string[], embed: (t: string[]) => Promise<unknown>) => {
    const batch = Array.from({ length: 20_000 }, (_, i) => texts[i % texts.length]);
    const t = performance.now();
    await embed(batch);
    return Math.round(batch.length / ((performance.now() - t) / 1000));
  };
  const docsPerSec = await throughput(Object.values(PROFILES), (t) => embedder.embedDocuments(t));
  const queriesPerSec = await throughput(QUERIES.map((q) => q.text), async (t) => {
    for (const q of t) await embedder.embedQuery(q);
  });

  console.log(`Embedder ${warm.id}, dim ${warm.dim}, ${loaded.vectors.count} words (source: ${source.version}, ${(source.bytes / MB).toFixed(0)} MB JSON)\n`);
  table(
    ['cost', 'value'],
    [
      ['cache file', `${(size / MB).toFixed(1)} MB (int8 vectors + words)`],
      ['cache build (streaming)', `${(buildMs / 1000).toFixed(1)} s, process peak RSS ${peakMb.toFixed(0)} MB`],
      ['warm start (load + verify)', `${warm.ms.toFixed(0)} ms, RSS +${warm.rssMb.toFixed(0)} MB`],
      ['embedDocuments (profiles)', `${docsPerSec} texts/s`],
      ['embedQuery (one at a time)', `${queriesPerSec} texts/s`],
    ],
  );
  return { vectors: loaded.vectors, cacheDir };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--warm-start') return measureWarmStart(process.argv[3]);
  const { vectors, cacheDir } = await costTable();
  try {
    qualityTable(vectors);
    sweepTable(vectors);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

await main();
