/**
 * The real server on the benchmark's data directory: start-to-healthy time, RSS, and server-side match
 * latency (`tookMs` of POST /api/match, measured inside the server) for the same prospect queries.
 * The first start (not timed) warms caches up; the admin was written with the records. Then three timed
 * starts of a server whose vector cache, records and index all exist (the median is reported: module
 * loading dominates and is sensitive to other work on the machine). The last one serves the matches.
 */
import { readFileSync } from 'node:fs';
import { BENCH_ADMIN } from './records.js';
import { latency, type Latency } from './stats.js';
import { startServerProcess, stopServerProcess } from '../support/server-process.js';

const ADMIN = BENCH_ADMIN;

export interface ServerResult {
  /** Spawn → first 200 from /api/health (includes Node start-up and TypeScript loading by tsx); median of 3. */
  startSeconds: number;
  startRangeSeconds: [number, number];
  /** What the server itself logs as "ready in … s". */
  readyLogSeconds: number;
  rssAtStartMb: number;
  rssAfterMatchesMb: number;
  healthAdvocates: number;
  /** tookMs reported by the server for each match (embedding, hybrid search, records, reasons). */
  match: Latency;
  /** The same requests timed by the client (adds HTTP, JSON and validation). */
  roundTrip: Latency;
}

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
};

const start = (dataDir: string, cacheDir: string) => startServerProcess({ dataDir, cacheDir, admin: ADMIN });
const stop = stopServerProcess;

async function waitHealthy(url: string): Promise<{ advocates: number }> {
  for (;;) {
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as { index: { advocates: number } }).index;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function login(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

export async function measureServer(options: { dataDir: string; cacheDir: string; queries: string[] }): Promise<ServerResult> {
  const first = await start(options.dataDir, options.cacheDir);
  await waitHealthy(first.url);
  await stop(first.child);

  const startTimes: number[] = [];
  let server = await start(options.dataDir, options.cacheDir);
  for (;;) {
    await waitHealthy(server.url);
    startTimes.push((performance.now() - server.startMs) / 1000);
    if (startTimes.length === 3) break;
    await stop(server.child);
    server = await start(options.dataDir, options.cacheDir);
  }
  const { child, url, readySeconds } = server;
  try {
    const health = await waitHealthy(url);
    const rssAtStartMb = rssOf(child.pid!);
    const headers = await login(url);
    const took: number[] = [];
    const trip: number[] = [];
    // The first five queries, sent twice, warm the server up (index files, caches) as in the in-process measurements.
    const sent = [...options.queries.slice(0, 5), ...options.queries];
    for (const [i, query] of sent.entries()) {
      const t = performance.now();
      const res = await fetch(`${url}/api/match`, { method: 'POST', headers, body: JSON.stringify({ query, limit: 10 }) });
      if (!res.ok) throw new Error(`POST /api/match: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { tookMs: number };
      if (i >= 5) {
        trip.push(performance.now() - t);
        took.push(body.tookMs);
      }
    }
    const sortedStarts = [...startTimes].sort((x, y) => x - y);
    return {
      startSeconds: sortedStarts[1],
      startRangeSeconds: [sortedStarts[0], sortedStarts[2]],
      readyLogSeconds: readySeconds,
      rssAtStartMb,
      rssAfterMatchesMb: rssOf(child.pid!),
      healthAdvocates: health.advocates,
      match: latency(took),
      roundTrip: latency(trip),
    };
  } finally {
    await stop(child);
  }
}
