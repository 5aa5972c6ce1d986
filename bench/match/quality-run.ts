/**
 * Only the judged-set quality of the match benchmark, in seconds rather than minutes:
 *
 *   npm run bench:match:quality [-- --fusion]
 *
 * --fusion adds the fusion diagnostics (tuning part only).
 */
import { parseArgs } from 'node:util';

process.env.LANCEDB_LOG ??= 'error';
const { values } = parseArgs({ options: { fusion: { type: 'boolean', default: false } } });
const { createLocalEmbedder } = await import('../../server/llm/local/index.js');
const { testVectorCacheDir } = await import('../../test/support/vector-cache.js');
const { JUDGED_SETS, measureQuality } = await import('./quality.js');
const { fusionDiagnostics } = await import('./fusion.js');

const embedder = await createLocalEmbedder({ cacheDir: testVectorCacheDir() });
const f = (x: { ndcg5: number; top1: number } | null) => (x ? `${x.ndcg5.toFixed(3)} (top-1 ${x.top1.toFixed(2)})` : '–');
console.log('nDCG@5        hybrid              full-text           vector              shipped');
for (const set of JUDGED_SETS) {
  const q = await measureQuality(embedder, set);
  console.log(`${set.name} (${q.queries} q): ${f(q.modes.hybrid)}  ${f(q.modes.fts)}  ${f(q.modes.vector)}  ${f(q.modes.shipped)}`);
}
if (values.fusion) for (const row of await fusionDiagnostics(embedder)) console.log(`${row.set} · ${row.variant}: ${row.ndcg5.toFixed(3)}`);
