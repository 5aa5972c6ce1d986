/** Prints the match benchmark's result as tables a reader understands, and the one-line JSON for tracking. */
import type { SuiteResult } from './suite.js';
import type { Latency } from './stats.js';

const TARGETS = { p95Ms: 25, recall: 0.95, ingestPerS: 2000, rssStartMb: 300, rss100kMb: 600, startS: 3 };

function table(title: string, headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), ''].join('\n');
}

const fmt = (x: number) => (Number.isNaN(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ms = (l: Latency) => [l.p50, l.p95];

export function formatTables(r: SuiteResult): string {
  const out: string[] = [];
  const m = r.machine;
  const vi = r.ingest.vectorIndex;
  const viText = vi.kind === 'ann' ? `HNSW_SQ, ${vi.segments} segment(s), ${vi.unindexedRows} unindexed` : 'none (exact scan)';
  out.push(`Match benchmark: ${r.n.toLocaleString('en')} synthetic advocates, ${r.queries} prospect queries`);
  out.push(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}; load ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}`);
  out.push(`embedder: ${r.embedder.id} (${r.embedder.dim}-d), loaded in ${r.embedder.loadSeconds.toFixed(2)} s; vector index after ingest: ${viText}\n`);

  const g = r.ingest;
  const how = g.pipelined ? 'next batch embedded while the last is written, as the match service does' : 'one batch after the other (--sequential)';
  out.push(table(`Ingest (generate → embed → SearchIndex.upsert, batches of ${g.batch}, ${how})`, ['step', 'seconds', 'per second'], [
    ['embed (local embedder)', g.embedSeconds, g.n / g.embedSeconds],
    [g.pipelined ? 'waiting for upserts (not overlapped)' : 'upsert (incl. compaction + ANN builds it triggers)', g.upsertSeconds, g.n / g.upsertSeconds],
    ['final optimize (indexes up to date)', g.finalOptimizeSeconds, '–'],
    [`total → ${verdict(g.perSecond >= TARGETS.ingestPerS)} (target ≥ ${TARGETS.ingestPerS}/s)`, g.seconds, g.perSecond],
    ['generate + SQLite records (not indexing; apart)', g.recordSeconds, g.n / g.recordSeconds],
    ...(r.compare
      ? [
          ['same, vector search left exact (no ANN upkeep)', r.compare.withoutAnn.seconds, r.compare.withoutAnn.perSecond],
          ['same N via MatchService.reconcile() (1024/batch, one transaction per batch)', r.compare.reindex.seconds, r.compare.reindex.perSecond],
        ]
      : []),
  ]));

  const s = r.search;
  const server = 'error' in r.server ? null : r.server;
  const rows: (string | number)[][] = [
    ['embed the query (local embedder)', ...ms(r.embedQuery), ''],
    ['vector, exact scan', ...ms(s.exact), 'baseline'],
    ['vector, ANN (as ingested)', ...ms(s.ann), `recall@10 ${s.recallAt10.toFixed(3)}`],
  ];
  if (r.rebuild) rows.push([`vector, ANN (after full rebuild, ${r.rebuild.seconds.toFixed(1)} s)`, ...ms(r.rebuild.ann), `recall@10 ${r.rebuild.recallAt10.toFixed(3)}`]);
  rows.push(['full-text', ...ms(s.fts), '']);
  rows.push(['LanceDB hybrid query (vector then full-text, its RRF)', ...ms(s.lancedbHybrid), 'for comparison']);
  rows.push(['hybrid as shipped (both at once, RRF)', ...ms(s.hybrid), s.hybridOverlapAt10 === undefined ? '' : `top-10 overlap with exact hybrid ${s.hybridOverlapAt10.toFixed(3)}`]);
  if (server) {
    rows.push([`server match, tookMs → p95 ${verdict(server.match.p95 <= TARGETS.p95Ms)}`, ...ms(server.match), 'embed + hybrid + records + reasons']);
    rows.push(['HTTP round trip to /api/match', ...ms(server.roundTrip), '']);
  }
  out.push(table(`Latency, one query at a time (ms; target p95 ≤ ${TARGETS.p95Ms} ms at 100k)`, ['what', 'p50', 'p95', 'note'], rows));

  const n5 = (x: { ndcg5: number } | null) => (x ? x.ndcg5 : '–');
  const t1 = (x: { top1: number } | null) => (x ? x.top1 : '–');
  out.push(table('Quality: nDCG@5 (top-1 = a grade-3 advocate ranked first; shipped = hybrid + intent boosts, as a rep gets it)',
    ['judged set', 'hybrid', 'full-text', 'vector', 'shipped', 'top-1 hybrid', 'top-1 fts', 'top-1 vector', 'top-1 shipped'],
    r.quality.map((q) => [`${q.name} (${q.profiles} advocates, ${q.queries} queries)`, n5(q.modes.hybrid), n5(q.modes.fts), n5(q.modes.vector), n5(q.modes.shipped),
      t1(q.modes.hybrid), t1(q.modes.fts), t1(q.modes.vector), t1(q.modes.shipped)])));
  for (const q of r.quality.slice(0, 2)) {
    const margin = q.modes.hybrid!.ndcg5 - q.modes.fts!.ndcg5;
    out.push(`hybrid − full-text on ${q.name}: ${margin >= 0 ? '+' : ''}${margin.toFixed(3)} → ${margin > 0 ? 'hybrid ahead' : 'hybrid NOT ahead'}${Math.abs(margin) < 0.01 ? ' (within 0.01: a tie on this set)' : ''}`);
  }
  out.push('');
  if (r.fusion) out.push(table('Fusion diagnostics (nDCG@5; diagnostic only)', ['judged set', 'ranking', 'nDCG@5'], r.fusion.map((f) => [f.set, f.variant, f.ndcg5])));

  const mem = r.memory;
  const memRows: (string | number)[][] = [
    ['bench process before the embedder (MB)', mem.rssBeforeEmbedderMb, ''],
    ['bench process with the embedder loaded (MB)', mem.rssWithEmbedderMb, ''],
    [`bench process after indexing ${r.n} (MB)`, mem.rssAfterIndexingMb, ''],
  ];
  if (server) {
    memRows.push(['server RSS when healthy (MB)', server.rssAtStartMb, `≤ ${TARGETS.rssStartMb}: ${verdict(server.rssAtStartMb <= TARGETS.rssStartMb)}`]);
    memRows.push([`server RSS after ${r.queries} matches on ${r.n} (MB)`, server.rssAfterMatchesMb, `≤ ${TARGETS.rss100kMb} at 100k: ${verdict(server.rssAfterMatchesMb <= TARGETS.rss100kMb)}`]);
    const [lo, hi] = server.startRangeSeconds;
    memRows.push([`server start → healthy /api/health (s, median of 3: ${lo.toFixed(2)}–${hi.toFixed(2)})`, server.startSeconds,
      `≤ ${TARGETS.startS}: ${verdict(server.startSeconds <= TARGETS.startS)} (the server logs ready in ${server.readyLogSeconds} s after its imports)`]);
    memRows.push(['advocates reported by /api/health', server.healthAdvocates, '']);
  } else {
    memRows.push(['server', 'failed', (r.server as { error: string }).error.split('\n')[0]]);
  }
  out.push(table('Memory and start-up', ['what', 'value', 'target'], memRows));
  out.push(`total benchmark time ${r.totalSeconds.toFixed(0)} s${r.dataDir ? `; data kept in ${r.dataDir}` : ''}`);
  return out.join('\n');
}

const round = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The tracked numbers (issue 4): server-side match latency, exact-scan baseline, ANN recall, ingest, quality, memory, start. */
export function trackedJson(r: SuiteResult): string {
  const server = 'error' in r.server ? null : r.server;
  // The held-out part of the judged set: nothing was tuned on it.
  const head = (r.quality.find((q) => q.name === 'vouch held-out') ?? r.quality[0]).modes;
  return JSON.stringify({
    n: r.n,
    p50_ms: round(server?.match.p50),
    p95_ms: round(server?.match.p95),
    exact_p50_ms: round(r.search.exact.p50),
    exact_p95_ms: round(r.search.exact.p95),
    recall_at_10: round(r.search.recallAt10, 3),
    ingest_per_s: Math.round(r.ingest.perSecond),
    ndcg5: { hybrid: round(head.hybrid?.ndcg5, 3), fts: round(head.fts?.ndcg5, 3), vector: round(head.vector?.ndcg5, 3) },
    rss_mb: server?.rssAfterMatchesMb ?? null,
    start_s: round(server?.startSeconds, 2),
  });
}
